//! The one-page take-home sheet of each article (`<slug>/handout/index.html`): title, summary,
//! key points, actions and questions with a line to write on, and a QR code of the full
//! page's address when the site's address is known. Also the estimate, for `check`, of
//! whether each sheet fits on one page.

use serde::Serialize;

use super::pages::Renderer;
use super::{in_page, root_prefix};
use crate::article::Article;
use crate::config::{Paper, SiteConfig};
use crate::error::Diagnostic;
use crate::handout::{estimate, qr_svg, short_address, SheetFit, SheetText};
use crate::output::links::{link_kind, LinkKind};
use crate::output::search::strip_tags;
use crate::output::OutputFile;
use crate::theme::Theme;

/// The theme template of the sheet; a theme without it has no sheets.
pub(super) const SHEET_TEMPLATE: &str = "handout.html";

/// The sheet's text size when the theme does not set `sheet_size` (points): the smallest
/// size health-literacy guides accept for patient materials.
const DEFAULT_SHEET_PT: f64 = 12.0;

/// What the sheet template shows besides the article.
#[derive(Serialize)]
struct SheetView {
    /// The full page, relative to the sheet.
    article_url: &'static str,
    /// The full page's web address, when the site's address is known.
    full_url: Option<String>,
    /// The same, short, for typing from paper.
    short_address: Option<String>,
    /// The QR code of `full_url`, an inline SVG.
    qr_svg: Option<String>,
    /// The paper the sheet is laid out for (`letter`, `a4`).
    paper: &'static str,
    /// The estimated height of the sheet and the room on the page (mm), for the browser
    /// tests that check the estimate against Chromium's layout.
    estimate_mm: String,
    available_mm: String,
}

/// The sheet's text size in points: the theme's `sheet_size` setting.
pub fn sheet_size(theme: &Theme) -> f64 {
    theme.settings.get("sheet_size").and_then(serde_json::Value::as_f64).unwrap_or(DEFAULT_SHEET_PT)
}

/// The full page's web address under `base_url` (its folder, the short form).
fn full_url(base_url: &str, slug: &str) -> String {
    format!("{base_url}{slug}/")
}

/// The printed text of an inline HTML fragment: tags dropped, and the glossary's tooltips
/// (`<span class="term-tip" hidden>`, never printed) with them.
fn printed_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<span class=\"term-tip\"") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("</span>").map_or("", |end| &rest[start + end + "</span>".len()..]);
    }
    out.push_str(rest);
    strip_tags(&out)
}

/// The text a sheet of `a` prints, part by part.
pub fn sheet_text(a: &Article, config: &SiteConfig, base_url: Option<&str>) -> SheetText {
    let plain = |list: &[String]| list.iter().map(|s| printed_text(s)).collect::<Vec<_>>();
    let mut footer = match &a.reviewed {
        Some(rv) => format!(
            "Reviewed {}{}.",
            super::human_date(rv.on),
            rv.by.as_deref().map(|b| format!(" by {b}")).unwrap_or_default()
        ),
        None => String::new(),
    };
    if let Some(d) = &config.disclaimer {
        footer = format!("{footer} {d}");
    }
    SheetText {
        title: a.title.clone(),
        summary: a.summary_html.as_deref().map(printed_text),
        key_points: plain(&a.key_points_html),
        get_help: a
            .get_help
            .iter()
            .flat_map(|h| h.levels())
            .filter(|(_, signs)| !signs.is_empty())
            .map(|(_, signs)| plain(signs))
            .collect(),
        actions: plain(&a.actions_html),
        questions: plain(&a.questions_html),
        address: base_url.map(|b| short_address(&full_url(b, &a.slug))),
        footer,
    }
}

/// Every article's sheet estimated on both paper sizes: a warning for each sheet that would
/// not fit on one page, naming the part to shorten, and a note when sheets have no QR code
/// because the site's address is unknown. Empty when the theme has no sheet.
pub fn sheet_notes(
    articles: &[Article],
    config: &SiteConfig,
    theme: &Theme,
    base_url: Option<&str>,
) -> Vec<Diagnostic> {
    if !theme.has_template(SHEET_TEMPLATE) {
        return Vec::new();
    }
    let mut notes = Vec::new();
    if base_url.is_none() && !articles.is_empty() {
        notes.push(
            Diagnostic::note(
                None,
                "handout: the take-home sheets have no QR code: the site's web address is not known",
            )
            .with_hint("set base_url in site.yaml (or pass --base-url) so each sheet links back to its page"),
        );
    }
    let size = sheet_size(theme);
    for a in articles {
        let text = sheet_text(a, config, base_url);
        let over: Vec<SheetFit> =
            Paper::ALL.iter().map(|&p| estimate(&text, p, size)).filter(|f| !f.fits()).collect();
        let Some(worst) = over
            .iter()
            .max_by(|x, y| (x.used_mm() - x.available_mm).total_cmp(&(y.used_mm() - y.available_mm)))
        else {
            continue;
        };
        let papers: Vec<&str> = over.iter().map(|f| f.paper.name()).collect();
        let part = worst.to_shorten().map_or("the page", |p| p.name());
        notes.push(
            Diagnostic::warning(
                Some(crate::error::Location::file(&a.path)),
                format!(
                    "handout: the take-home sheet does not fit on one {} page at {}pt (about {:.0} mm of text for {:.0} mm)",
                    papers.join(" or "),
                    size,
                    worst.used_mm(),
                    worst.available_mm
                ),
            )
            .with_hint(format!(
                "shorten {part}, about {:.0} mm too long; the full handout keeps everything",
                worst.used_mm() - worst.available_mm
            )),
        );
    }
    notes
}

/// An article's HTML fragment as the sheet, one folder deeper, shows it: every relative
/// link and image gets one more `../` (a glossary link in a key point, say).
fn one_folder_deeper(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(at) =
        rest.find(" href=\"").map(|i| (i, 7)).into_iter().chain(rest.find(" src=\"").map(|i| (i, 6))).min()
    {
        let (i, len) = at;
        out.push_str(&rest[..i + len]);
        rest = &rest[i + len..];
        let url_end = rest.find('"').unwrap_or(rest.len());
        let url = &rest[..url_end];
        let relative =
            link_kind(url) == LinkKind::Internal && !url.starts_with(['#', '/', '?']) && !url.is_empty();
        if relative {
            out.push_str("../");
        }
    }
    out.push_str(rest);
    out
}

/// The article's view as JSON with its inline fragments moved one folder deeper.
fn deeper_view(view: &super::pages::ArticleView) -> serde_json::Value {
    let mut value = serde_json::to_value(view).unwrap_or_default();
    for key in ["summary_html", "key_points", "actions", "questions_to_ask"] {
        match value.get_mut(key) {
            Some(serde_json::Value::String(s)) => *s = one_folder_deeper(s),
            Some(serde_json::Value::Array(list)) => {
                for item in list.iter_mut() {
                    if let serde_json::Value::String(s) = item {
                        *s = one_folder_deeper(s);
                    }
                }
            }
            _ => {}
        }
    }
    value
}

impl Renderer<'_> {
    /// The take-home sheet of article `i`, when the theme has a sheet template.
    pub(super) fn sheet(&self, i: usize) -> Result<Option<OutputFile>, Diagnostic> {
        if !self.theme.has_template(SHEET_TEMPLATE) {
            return Ok(None);
        }
        let a = &self.model.articles[i];
        let path = crate::article::sheet_url(&a.slug);
        let root = root_prefix(&path);
        let mut ctx = self.base_context(&path);
        // A print copy of its article: not a page of its own for search engines.
        ctx.insert("canonical", &None::<String>);
        // The view's inline HTML was made for the article's folder; its own links use `root`.
        ctx.insert("page", &deeper_view(&self.article_view(i, &root)));
        let base = self.options.base_url.as_deref();
        let full = base.map(|b| full_url(b, &a.slug));
        let qr = match &full {
            Some(url) => Some(qr_svg(url).map_err(|e| {
                Diagnostic::error(Some(crate::error::Location::file(&a.path)), e.to_string())
            })?),
            None => None,
        };
        let paper = self.options.paper.unwrap_or_else(|| self.model.config.paper());
        let fit = estimate(&sheet_text(a, self.model.config, base), paper, sheet_size(self.theme));
        let view = SheetView {
            article_url: "../index.html",
            short_address: full.as_deref().map(short_address),
            full_url: full,
            qr_svg: qr,
            paper: paper.name(),
            estimate_mm: format!("{:.1}", fit.used_mm()),
            available_mm: format!("{:.1}", fit.available_mm),
        };
        ctx.insert("sheet", &view);
        let html = self.theme.render(SHEET_TEMPLATE, &ctx).map_err(|d| in_page(d, &a.path))?;
        Ok(Some(OutputFile { path, bytes: html.into_bytes() }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_tooltips_are_not_printed_text() {
        let html = r#"A <a class="term" href="g.html">vector</a><span class="term-tip" role="tooltip" hidden>A carrier &amp; more.</span>, often &amp; a <b>virus</b>."#;
        assert_eq!(printed_text(html), "A vector, often & a virus.");
    }

    #[test]
    fn relative_links_move_one_folder_deeper() {
        let html = r##"A <a class="term" href="../glossary/index.html#dna">DNA</a>, <a href="https://x.org/">x</a>, <a href="#top">top</a> <img src="../img/a.png">"##;
        assert_eq!(
            one_folder_deeper(html),
            r##"A <a class="term" href="../../glossary/index.html#dna">DNA</a>, <a href="https://x.org/">x</a>, <a href="#top">top</a> <img src="../../img/a.png">"##
        );
    }
}
