//! Hard-wrapped seeds (text copied from a PDF, a print view or an e-mail) joined back into one
//! line per paragraph, so the classifier sees paragraphs, not fragments.

use super::normalize::list_item;
use super::text::ends_with_closing_punctuation;

/// Shortest wrap width taken for a hard wrap (shorter "widths" are menus and lists).
const MIN_WIDTH: usize = 45;
/// Longest wrap width (longer lines are paragraphs already).
const MAX_WIDTH: usize = 110;
/// Share of lines that must reach near the wrap width for the seed to count as wrapped.
const WRAPPED_SHARE: f32 = 0.25;

/// A seed line: 1-based number and trimmed text.
pub type NumberedLine = (usize, String);

/// The wrap width of a seed when it is hard-wrapped: most long lines end within a few
/// characters of the same column.
fn wrap_width(lines: &[NumberedLine]) -> Option<usize> {
    let mut lengths: Vec<usize> = lines.iter().map(|(_, l)| l.chars().count()).filter(|&n| n > 0).collect();
    if lengths.len() < 8 {
        return None;
    }
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 9 / 10];
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&width) {
        return None;
    }
    // Wrapped lines reach the width and stop mid-sentence; count each text once, so a seed that
    // repeats one long line is not taken for a wrapped one.
    let mut cut: Vec<&str> = lines
        .iter()
        .map(|(_, l)| l.as_str())
        .filter(|l| l.chars().count() + 15 >= width && !ends_with_closing_punctuation(l))
        .collect();
    cut.sort_unstable();
    cut.dedup();
    (cut.len() >= 5 && cut.len() as f32 / lengths.len() as f32 >= WRAPPED_SHARE).then_some(width)
}

/// Joins the lines of a hard-wrapped seed: a line that reaches near the wrap width continues on
/// the next one, unless the next starts a list item; an item's indented continuation joins the
/// item. Seeds that are not wrapped come back as they were.
pub fn unwrap_lines(lines: Vec<NumberedLine>, raw_indent: &[bool]) -> Vec<NumberedLine> {
    let Some(width) = wrap_width(&lines) else { return lines };
    let full = |text: &str| text.chars().count() + 15 >= width;
    // When blank lines part the paragraphs, a full line that ends a sentence still goes on to
    // the next full line: only a blank line ends a paragraph of running text.
    let blanks = lines.iter().filter(|(_, l)| l.is_empty()).count();
    let blank_separated = blanks >= 3 && blanks * 10 >= lines.len() - blanks;
    let mut out: Vec<NumberedLine> = Vec::new();
    let mut open = false; // the last line out may take the next one
    let mut brim = false; // the last line ran right up to the wrap width
    for (k, (number, text)) in lines.into_iter().enumerate() {
        if text.is_empty() {
            open = false;
            continue;
        }
        let indented = raw_indent.get(k).copied().unwrap_or(false);
        let starts_item = list_item(&text).is_some();
        let starts_lower = text.chars().next().is_some_and(char::is_lowercase);
        let continues = open
            && !starts_item
            && (starts_lower
                || indented
                || !ends_with_closing_punctuation_of(&out)
                || (blank_separated && brim && text.chars().count() + 8 >= width));
        if continues {
            if let Some((_, last)) = out.last_mut() {
                last.push(' ');
                last.push_str(&text);
            }
        } else {
            out.push((number, text.clone()));
        }
        let item = out.last().is_some_and(|(_, t)| list_item(t).is_some());
        open = full(&text) || (item && full(&text));
        brim = text.chars().count() + 8 >= width;
    }
    out
}

fn ends_with_closing_punctuation_of(out: &[NumberedLine]) -> bool {
    out.last().is_some_and(|(_, t)| ends_with_closing_punctuation(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> (Vec<NumberedLine>, Vec<bool>) {
        let numbered = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim().to_string())).collect();
        let indent = text.lines().map(|l| l.starts_with("  ")).collect();
        (numbered, indent)
    }

    #[test]
    fn wrapped_paragraphs_join_and_short_lines_stay() {
        let text = "Kidney stones\n\
            A kidney stone is a hard piece of material that forms in the kidney when\n\
            certain substances in the urine become very concentrated. Stones can be as\n\
            small as a grain of sand or, rarely, as large as a golf ball. Small stones\n\
            often pass out of the body in the urine.\n\
            You may be more likely to get kidney stones if you have:\n\
            • obesity\n\
            • an illness or surgery that affects how your intestines absorb food, such as\n  \
            inflammatory bowel disease or weight-loss surgery\n\
            What are the symptoms?\n\
            You may not know you have a stone until it moves into the tube that carries\n\
            urine from the kidney to the bladder. Then it can cause sharp pain in your\n\
            back.\n";
        let (numbered, indent) = lines(text);
        let got = unwrap_lines(numbered, &indent);
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts[0], "Kidney stones");
        assert!(texts[1].starts_with("A kidney stone") && texts[1].ends_with("in the urine."), "{texts:?}");
        assert_eq!(texts[2], "You may be more likely to get kidney stones if you have:");
        assert_eq!(texts[3], "• obesity");
        assert!(texts[4].ends_with("weight-loss surgery"), "{texts:?}");
        assert_eq!(texts[5], "What are the symptoms?");
        assert!(texts[6].ends_with("in your back."), "{texts:?}");
        assert_eq!(got[6].0, 11);
    }

    #[test]
    fn unwrapped_seeds_stay_as_they_are() {
        let text = "Title\nA long paragraph that runs on and on and on and on and on and on and on and on and on and on and on and on.\nShort.\n";
        let (numbered, indent) = lines(text);
        assert_eq!(unwrap_lines(numbered.clone(), &indent), numbered);
    }
}
