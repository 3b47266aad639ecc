//! Will a take-home sheet fit on one page? An estimate from the length of its text, made with
//! the same sizes as the sheet's print rules (`.page-sheet` in the theme's print.css), so
//! `plainleaf check` can say which part to shorten before anyone prints. The browser tests
//! compare these estimates with the height Chromium lays the sheet out at.

use serde::Serialize;

use crate::config::Paper;

/// Millimetres in a point.
const MM_PER_PT: f64 = 25.4 / 72.0;
/// The sheet's page margins, left/right and top/bottom (print.css `@page sheet`).
pub const MARGIN_X_MM: f64 = 14.0;
/// See [`MARGIN_X_MM`].
pub const MARGIN_Y_MM: f64 = 9.0;
/// Line height of running text, in ems.
const LINE: f64 = 1.3;
/// The average advance of a character of running English text in Liberation Sans (Arial's
/// widths), in ems; bold is wider. Calibrated against Chromium's layout of the bundled sheets.
const CHAR_EM: f64 = 0.43;
const BOLD_CHAR_EM: f64 = 0.47;
/// The QR code's column beside the title (its width is the code's side) and the gap before it.
const QR_SIDE_MM: f64 = 28.0;
const QR_GAP_MM: f64 = 6.0;
/// h1 and h2 sizes and line heights, in ems of the sheet's text size.
const H1: f64 = 1.5;
const H1_LINE: f64 = 1.2;
const H2: f64 = 1.15;
const H2_LINE: f64 = 1.25;
/// Space under the header and address, and between boxes (ems).
const BLOCK_GAP: f64 = 0.3;
/// A box's padding (top + bottom, left + right, in ems), its borders (pt: the thick bar is
/// the left edge) and its lists' indent (ems).
const BOX_PAD_Y: f64 = 0.55;
const BOX_PAD_X: f64 = 1.2;
const BOX_BORDERS_X_PT: f64 = 4.0;
const BOX_BORDERS_Y_PT: f64 = 2.0;
const LIST_INDENT: f64 = 1.3;
/// A care card of "When to get help": its space above, padding and heading (ems), borders (pt).
const CARD_GAP: f64 = 0.25;
const CARD_PAD_Y: f64 = 0.5;
const CARD_BORDERS_PT: f64 = 5.0;
const CARD_HEADING: f64 = 1.05;
const CARD_HEADING_LINE: f64 = 1.3;
/// Space between list items (ems), and the writing line under each question (mm).
const ITEM_GAP: f64 = 0.1;
const WRITE_LINE_MM: f64 = 6.0;

/// The parts of a sheet, in print order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetPart {
    /// The page title.
    Title,
    /// The summary under it.
    Summary,
    /// The short web address under the summary.
    Address,
    /// The QR code's column when it is taller than the title, summary and address.
    QrCode,
    /// Key points.
    KeyPoints,
    /// When to get help.
    GetHelp,
    /// What you can do.
    Actions,
    /// Questions, each with a line to write on.
    Questions,
    /// The review line and the disclaimer.
    Footer,
}

impl SheetPart {
    /// How an editor knows the part: the front-matter key, or what the sheet shows.
    pub fn name(self) -> &'static str {
        match self {
            SheetPart::Title => "title",
            SheetPart::Summary => "summary",
            SheetPart::QrCode => "QR code",
            SheetPart::Address => "web address",
            SheetPart::KeyPoints => "key_points",
            SheetPart::GetHelp => "get_help",
            SheetPart::Actions => "actions",
            SheetPart::Questions => "questions_to_ask",
            SheetPart::Footer => "review line and disclaimer",
        }
    }

    /// Whether an editor can shorten it in the page's front matter.
    pub fn editable(self) -> bool {
        !matches!(self, SheetPart::QrCode | SheetPart::Address | SheetPart::Footer)
    }
}

/// The visible text of a sheet, part by part (no markup).
#[derive(Debug, Clone, Default)]
pub struct SheetText {
    /// The title.
    pub title: String,
    /// The summary.
    pub summary: Option<String>,
    /// Key points.
    pub key_points: Vec<String>,
    /// When to get help (from `get_help`): the signs of each level that has any, most
    /// serious first; each level is a card with its own heading.
    pub get_help: Vec<Vec<String>>,
    /// What you can do.
    pub actions: Vec<String>,
    /// Questions to ask.
    pub questions: Vec<String>,
    /// The short web address, when the sheet has a QR code.
    pub address: Option<String>,
    /// The footer: the review facts and the disclaimer, one paragraph.
    pub footer: String,
}

/// How tall a sheet's parts come out on one paper size.
#[derive(Debug, Clone, Serialize)]
pub struct SheetFit {
    /// The paper.
    pub paper: Paper,
    /// The sheet's text size in points.
    pub size_pt: f64,
    /// The page's height inside its margins (mm).
    pub available_mm: f64,
    /// Each part and its estimated height (mm), in print order.
    pub parts: Vec<(SheetPart, f64)>,
}

impl SheetFit {
    /// The estimated height of the whole sheet (mm).
    pub fn used_mm(&self) -> f64 {
        self.parts.iter().map(|(_, mm)| mm).sum()
    }

    /// Whether the estimate fits on the page.
    pub fn fits(&self) -> bool {
        self.used_mm() <= self.available_mm
    }

    /// The part an editor should shorten: the tallest one they can edit.
    pub fn to_shorten(&self) -> Option<SheetPart> {
        self.parts.iter().filter(|(p, _)| p.editable()).max_by(|a, b| a.1.total_cmp(&b.1)).map(|(p, _)| *p)
    }
}

/// Lines a text takes in a column `width_pt` wide at `size_pt`, wrapping at spaces with an
/// average character width (a word longer than a line breaks anywhere, as print.css lets it).
fn lines(text: &str, width_pt: f64, size_pt: f64, char_em: f64) -> usize {
    let per_line = ((width_pt / (size_pt * char_em)).floor() as usize).max(1);
    let mut count = 0;
    let mut used = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if used > 0 && used + 1 + len <= per_line {
            used += 1 + len;
        } else {
            count += if used > 0 { 1 } else { 0 };
            count += (len.saturating_sub(1)) / per_line;
            used = (len - 1) % per_line + 1;
        }
    }
    count + usize::from(used > 0)
}

/// Estimate the height of `text` laid out as a sheet on `paper` at `size_pt`.
pub fn estimate(text: &SheetText, paper: Paper, size_pt: f64) -> SheetFit {
    let (w_mm, h_mm) = paper.size_mm();
    let em = size_pt * MM_PER_PT;
    let width = (w_mm - 2.0 * MARGIN_X_MM) / MM_PER_PT;
    let line = LINE * em;
    let mut parts = Vec::new();

    let qr = text.address.is_some();
    let header_width = if qr { width - (QR_SIDE_MM + QR_GAP_MM) / MM_PER_PT } else { width };
    let title =
        lines(&text.title, header_width, size_pt * H1, BOLD_CHAR_EM) as f64 * H1 * H1_LINE * em + 0.25 * em;
    let summary =
        text.summary.as_deref().map_or(0.0, |s| lines(s, header_width, size_pt, CHAR_EM) as f64 * line);
    let address = text.address.as_deref().map_or(0.0, |a| {
        0.25 * em + lines(&format!("Full page: {a}"), header_width, size_pt, CHAR_EM) as f64 * line
    });
    parts.push((SheetPart::Title, title));
    parts.push((SheetPart::Summary, summary));
    parts.push((SheetPart::Address, address));
    if qr && QR_SIDE_MM > title + summary + address {
        parts.push((SheetPart::QrCode, QR_SIDE_MM - title - summary - address));
    }
    let inner = width - BOX_PAD_X * size_pt - BOX_BORDERS_X_PT - LIST_INDENT * size_pt;
    let boxed = |items: &[String], per_item_mm: f64| -> f64 {
        if items.is_empty() {
            return 0.0;
        }
        let body: f64 =
            items.iter().map(|i| lines(i, inner, size_pt, CHAR_EM) as f64 * line + per_item_mm).sum::<f64>()
                + (items.len() - 1) as f64 * ITEM_GAP * em;
        BLOCK_GAP * em + BOX_PAD_Y * em + BOX_BORDERS_Y_PT * MM_PER_PT + H2 * H2_LINE * em + 0.1 * em + body
    };
    parts.push((SheetPart::KeyPoints, boxed(&text.key_points, 0.0)));
    let help_items = |items: &[String], width: f64| -> f64 {
        items.iter().map(|i| lines(i, width, size_pt, CHAR_EM) as f64 * line).sum::<f64>()
            + items.len().saturating_sub(1) as f64 * ITEM_GAP * em
    };
    let cards: f64 = text
        .get_help
        .iter()
        .map(|signs| {
            CARD_GAP * em
                + CARD_PAD_Y * em
                + CARD_BORDERS_PT * MM_PER_PT
                + CARD_HEADING * CARD_HEADING_LINE * em
                + 0.1 * em
                + help_items(signs, inner)
        })
        .sum();
    let get_help =
        if text.get_help.is_empty() { 0.0 } else { BLOCK_GAP * em + H2 * H2_LINE * em + 0.1 * em + cards };
    parts.push((SheetPart::GetHelp, get_help));
    parts.push((SheetPart::Actions, boxed(&text.actions, 0.0)));
    parts.push((SheetPart::Questions, boxed(&text.questions, WRITE_LINE_MM)));
    let footer = lines(&text.footer, width, size_pt, BOLD_CHAR_EM) as f64 * line;
    parts.push((SheetPart::Footer, BLOCK_GAP * em + footer));
    parts.retain(|(_, mm)| *mm > 0.0);
    SheetFit { paper, size_pt, available_mm: h_mm - 2.0 * MARGIN_Y_MM, parts }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(questions: usize) -> SheetText {
        SheetText {
            title: "Gene therapy: what it is and how it works".into(),
            summary: Some("Gene therapy changes genes inside your cells to treat or prevent disease.".into()),
            key_points: vec!["Gene therapy adds, replaces or turns off genes to treat disease.".into(); 4],
            actions: vec!["Ask your care team if gene therapy could be an option.".into(); 4],
            questions: vec!["Is there a gene therapy for my condition?".into(); questions],
            address: Some("clinic.example.org/gene-therapy-basics/".into()),
            footer: "This page is for general information. It is not medical advice.".into(),
            ..SheetText::default()
        }
    }

    #[test]
    fn lines_wrap_at_spaces() {
        // 10 characters a line.
        assert_eq!(lines("", 50.0, 10.0, 0.5), 0);
        assert_eq!(lines("aaaa bbbb", 50.0, 10.0, 0.5), 1);
        assert_eq!(lines("aaaa bbbbbb", 50.0, 10.0, 0.5), 2);
        assert_eq!(lines("aaaaaaaaaaaaaaaaaaaaaaaaa", 50.0, 10.0, 0.5), 3);
    }

    #[test]
    fn a_typical_sheet_fits_and_a_long_one_names_the_questions() {
        for paper in Paper::ALL {
            let fit = estimate(&sheet(5), paper, 12.0);
            assert!(fit.fits(), "{paper:?}: {:.0} of {:.0} mm", fit.used_mm(), fit.available_mm);
            let long = estimate(&sheet(20), paper, 12.0);
            assert!(!long.fits(), "{paper:?}: 20 questions fit in {:.0} mm", long.used_mm());
            assert_eq!(long.to_shorten(), Some(SheetPart::Questions));
        }
    }

    #[test]
    fn larger_type_and_shorter_paper_take_more_room() {
        let s = sheet(5);
        assert!(estimate(&s, Paper::A4, 14.0).used_mm() > estimate(&s, Paper::A4, 12.0).used_mm());
        // Letter is shorter than A4, so less room.
        assert!(estimate(&s, Paper::Letter, 12.0).available_mm < estimate(&s, Paper::A4, 12.0).available_mm);
    }
}
