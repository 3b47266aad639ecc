//! Markdown stage: pulldown-cmark events to HTML, with passes over the event stream for
//! heading ids and levels, `@/page.md` links, glossary marking and prose collection.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::plain::readability::{ProseBlock, ProseKind};

pub mod callout;
pub mod images;

/// What the Markdown stage needs to know about the site.
#[derive(Debug, Clone, Copy)]
pub struct LinkContext<'a> {
    /// Relative prefix from this page to the site root ("../" for `slug/index.html`).
    pub root: &'a str,
    /// Content files (relative to `content/`, like `sub/page.md`) to their slugs.
    pub pages: &'a HashMap<String, String>,
    /// Pass raw HTML through (`allow_html: true` in `site.yaml`); otherwise it is shown as text.
    pub allow_html: bool,
    /// Where local images are read from (None: image paths are left as written).
    pub images: Option<&'a images::ImageContext>,
    /// The folder of the page's language inside the output (`""`, or `es/`): glossary
    /// words link to that language's glossary.
    pub language_prefix: &'a str,
    /// The theme's words in the page's language, for the words the Markdown adds itself
    /// (callout labels); None words them in English.
    pub words: Option<&'a dyn Words>,
}

/// The theme's strings in one language, as the Markdown pass looks them up (the theme's
/// translations implement it; the renderer knows no more of them).
pub trait Words: std::fmt::Debug + Sync {
    /// The text for a theme string key (`callout.urgent`), if the theme has one.
    fn word(&self, key: &str) -> Option<&str>;
}

impl LinkContext<'_> {
    /// The relative URL of a page by slug.
    pub fn page_url(&self, slug: &str) -> String {
        format!("{}{slug}/index.html", self.root)
    }

    /// The relative URL of the glossary page.
    pub fn glossary_url(&self) -> String {
        format!("{}{}glossary/index.html", self.root, self.language_prefix)
    }
}

/// One heading, for a table of contents and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// Heading level after normalization (2..=6).
    pub level: u8,
    /// The `id` anchor.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// The HTML of one piece of Markdown and what was learned while rendering it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Headings in order.
    pub toc: Vec<TocEntry>,
    /// The visible prose, block by block, for readability and checks.
    pub prose: Vec<ProseBlock>,
    /// `@/` links that name no page.
    pub broken_links: Vec<String>,
    /// Sizes of the lists, for the long-list check.
    pub list_lengths: Vec<usize>,
    /// Callouts (`> [!NOTE]`) and their problems, at byte offsets of the source.
    pub callouts: crate::markdown::callout::Callouts,
    /// Images: resized files to write, how many, and their problems (at byte offsets).
    pub images: images::Images,
}

/// Anchors used on one page, so every heading id is unique.
#[derive(Debug, Clone, Default)]
pub struct Anchors(HashSet<String>);

impl Anchors {
    /// Reserve an id: the slug of `text`, or with `-1`, `-2`, ... when it is taken.
    pub fn unique(&mut self, text: &str) -> String {
        let base = match crate::slug::slugify(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.0.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// The pulldown-cmark extensions plainleaf turns on.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Marks glossary terms in text as it is rendered (the glossary's `Marker` is one); the
/// renderer only knows this much of the glossary, so neither module depends on the other's insides.
pub trait TermMarker {
    /// A heading starts a new section (terms may be marked again per section).
    fn new_section(&mut self);
    /// The text with its terms marked, as HTML; None when nothing in it is marked.
    fn mark(&mut self, text: &str, glossary_href: &str) -> Option<String>;
}

/// Render a page body. Headings start at level 2 (the page title is the only `h1`) and
/// never skip a level; glossary terms are marked when a marker is given.
pub fn render(
    source: &str,
    links: &LinkContext,
    marker: Option<&mut dyn TermMarker>,
    anchors: &mut Anchors,
) -> Rendered {
    let mut pass = Pass::new(links, marker, anchors);
    let parser = Parser::new_ext(source, options()).into_offset_iter();
    let mut in_html_block = false;
    let (events, offsets): (Vec<Event>, Vec<usize>) = parser
        .map(|(event, range)| {
            let event = if links.allow_html { event } else { html_as_text(event, &mut in_html_block).0 };
            (event, range.start)
        })
        .unzip();
    let (events, offsets, found_images) = images::transform(events, offsets, links.images, links.root);
    pass.rendered.images = found_images;
    let label = |kind: callout::Kind| -> String {
        links.words.and_then(|w| w.word(&kind.key())).unwrap_or(kind.label()).to_string()
    };
    let (events, callouts) = callout::transform(events, &offsets, &label);
    pass.rendered.callouts = callouts;
    let out = pass.run(events);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    pass.rendered.html = html;
    pass.rendered
}

/// Render a one-paragraph field (summary, a key point) without the wrapping `<p>`.
pub fn render_inline(
    source: &str,
    links: &LinkContext,
    marker: Option<&mut dyn TermMarker>,
    anchors: &mut Anchors,
) -> Rendered {
    let mut r = render(source, links, marker, anchors);
    let trimmed = r.html.trim();
    if let Some(inner) = trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        if !inner.contains("<p>") {
            r.html = inner.to_string();
        }
    }
    r
}

/// Raw HTML in Markdown, as (byte offset, the HTML as written): exactly what [`render`] shows
/// as text when raw HTML is not allowed. An HTML block is one finding (its first line), and
/// closing tags are left out, so `<b>x</b>` is one finding too.
pub fn raw_html(source: &str) -> Vec<(usize, String)> {
    // Most text has no tag at all; skip the parse for it.
    if !source.contains('<') {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut in_html_block = false;
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        let html = match html_as_text(event, &mut in_html_block).1 {
            Some(RawFound::Block) => {
                source[range.clone()].lines().next().unwrap_or("").trim_end().to_string()
            }
            Some(RawFound::Inline(html)) => html,
            None => continue,
        };
        if !html.is_empty() && !html.starts_with("</") {
            found.push((range.start, html));
        }
    }
    found
}

/// What [`html_as_text`] found.
enum RawFound {
    /// An HTML block starts here.
    Block,
    /// An inline tag, as written.
    Inline(String),
}

/// Raw HTML becomes text (escaped when written) and an HTML block a paragraph.
fn html_as_text<'e>(event: Event<'e>, in_html_block: &mut bool) -> (Event<'e>, Option<RawFound>) {
    match event {
        Event::Start(Tag::HtmlBlock) => {
            *in_html_block = true;
            (Event::Start(Tag::Paragraph), Some(RawFound::Block))
        }
        Event::End(TagEnd::HtmlBlock) => {
            *in_html_block = false;
            (Event::End(TagEnd::Paragraph), None)
        }
        Event::Html(html) if *in_html_block => (Event::Text(html), None),
        Event::Html(html) | Event::InlineHtml(html) => {
            let found = html.trim_end().to_string();
            (Event::Text(html), Some(RawFound::Inline(found)))
        }
        other => (other, None),
    }
}

struct Pass<'a, 'm> {
    links: &'a LinkContext<'a>,
    marker: Option<&'m mut dyn TermMarker>,
    anchors: &'a mut Anchors,
    rendered: Rendered,
    /// Depth inside places where terms are never marked (links, code, images, headings).
    no_mark: usize,
    in_code_block: bool,
    last_level: u8,
    prose: Option<(ProseKind, String)>,
    list_items: Vec<usize>,
}

impl<'a, 'm> Pass<'a, 'm> {
    fn new(
        links: &'a LinkContext<'a>,
        marker: Option<&'m mut dyn TermMarker>,
        anchors: &'a mut Anchors,
    ) -> Self {
        Pass {
            links,
            marker,
            anchors,
            rendered: Rendered::default(),
            no_mark: 0,
            in_code_block: false,
            last_level: 1,
            prose: None,
            list_items: Vec::new(),
        }
    }

    fn run<'e>(&mut self, events: Vec<Event<'e>>) -> Vec<Event<'e>> {
        let mut out = Vec::with_capacity(events.len());
        let mut iter = events.into_iter();
        while let Some(event) = iter.next() {
            match event {
                Event::Start(Tag::Heading { classes, .. })
                    if classes.first().is_some_and(|c| c.as_ref() == "callout-heading") =>
                {
                    // A card's heading sits one level below the section it is in; it is no
                    // section itself (no id, not in the table of contents).
                    let level = HeadingLevel::try_from((self.last_level as usize + 1).clamp(2, 6))
                        .unwrap_or(HeadingLevel::H3);
                    let mut inner = Vec::new();
                    for e in iter.by_ref() {
                        if matches!(e, Event::End(TagEnd::Heading(_))) {
                            break;
                        }
                        inner.push(e);
                    }
                    self.flush_prose();
                    self.rendered
                        .prose
                        .push(ProseBlock { kind: ProseKind::Heading, text: plain_text(&inner) });
                    out.push(Event::Start(Tag::Heading { level, id: None, classes, attrs: Vec::new() }));
                    self.no_mark += 1;
                    for e in inner {
                        out.push(self.inline(e));
                    }
                    self.no_mark -= 1;
                    out.push(Event::End(TagEnd::Heading(level)));
                }
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    // Buffer the heading to derive its id from its text.
                    let mut inner = Vec::new();
                    for e in iter.by_ref() {
                        if matches!(e, Event::End(TagEnd::Heading(_))) {
                            break;
                        }
                        inner.push(e);
                    }
                    let text = plain_text(&inner);
                    let level = self.normalize_level(level);
                    let id = match id {
                        Some(given) => self.anchors.unique(&given),
                        None => self.anchors.unique(&text),
                    };
                    self.rendered.toc.push(TocEntry {
                        level: level as u8,
                        id: id.clone(),
                        text: text.clone(),
                    });
                    self.flush_prose();
                    self.rendered.prose.push(ProseBlock { kind: ProseKind::Heading, text });
                    if let Some(m) = self.marker.as_deref_mut() {
                        m.new_section();
                    }
                    out.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes,
                        attrs,
                    }));
                    self.no_mark += 1;
                    for e in inner {
                        out.push(self.inline(e));
                    }
                    self.no_mark -= 1;
                    out.push(Event::End(TagEnd::Heading(level)));
                }
                other => {
                    let e = self.block(other);
                    out.push(e);
                }
            }
        }
        self.flush_prose();
        out
    }

    fn normalize_level(&mut self, level: HeadingLevel) -> HeadingLevel {
        let wanted = (level as u8).max(2).min(self.last_level + 1);
        self.last_level = wanted;
        HeadingLevel::try_from(wanted as usize).unwrap_or(HeadingLevel::H2)
    }

    fn block<'e>(&mut self, event: Event<'e>) -> Event<'e> {
        match &event {
            Event::Start(Tag::Paragraph) if self.prose.is_none() => {
                self.prose = Some((ProseKind::Paragraph, String::new()));
            }
            Event::End(TagEnd::Paragraph) => {
                if matches!(self.prose, Some((ProseKind::Paragraph, _))) {
                    self.flush_prose();
                }
            }
            Event::Start(Tag::List(_)) => {
                self.flush_prose();
                self.list_items.push(0);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush_prose();
                if let Some(n) = self.list_items.pop() {
                    self.rendered.list_lengths.push(n);
                }
            }
            Event::Start(Tag::Item) => {
                self.flush_prose();
                if let Some(n) = self.list_items.last_mut() {
                    *n += 1;
                }
                self.prose = Some((ProseKind::ListItem, String::new()));
            }
            Event::End(TagEnd::Item) => self.flush_prose(),
            Event::Start(Tag::TableCell) => {
                self.flush_prose();
                self.prose = Some((ProseKind::TableCell, String::new()));
            }
            Event::End(TagEnd::TableCell) => self.flush_prose(),
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            _ => {}
        }
        self.inline(event)
    }

    fn inline<'e>(&mut self, event: Event<'e>) -> Event<'e> {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                self.no_mark += 1;
                let dest_url = self.resolve_link(dest_url);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::End(TagEnd::Link) => {
                self.no_mark = self.no_mark.saturating_sub(1);
                event
            }
            Event::Start(Tag::Image { .. }) => {
                self.no_mark += 1;
                event
            }
            Event::End(TagEnd::Image) => {
                self.no_mark = self.no_mark.saturating_sub(1);
                event
            }
            Event::Text(text) => {
                if self.in_code_block {
                    return Event::Text(text);
                }
                self.push_prose(&text);
                if self.no_mark == 0 {
                    if let Some(m) = self.marker.as_deref_mut() {
                        if let Some(html) = m.mark(&text, &self.links.glossary_url()) {
                            return Event::InlineHtml(CowStr::from(html));
                        }
                    }
                }
                Event::Text(text)
            }
            Event::SoftBreak | Event::HardBreak => {
                self.push_prose(" ");
                event
            }
            other => other,
        }
    }

    fn resolve_link<'e>(&mut self, dest: CowStr<'e>) -> CowStr<'e> {
        let Some(rest) = dest.strip_prefix("@/") else { return dest };
        let (file, anchor) = match rest.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (rest, None),
        };
        match self.links.pages.get(file) {
            Some(slug) => {
                let mut url = self.links.page_url(slug);
                if let Some(a) = anchor {
                    url.push('#');
                    url.push_str(a);
                }
                CowStr::from(url)
            }
            None => {
                self.rendered.broken_links.push(dest.to_string());
                dest
            }
        }
    }

    fn push_prose(&mut self, text: &str) {
        if let Some((_, buf)) = self.prose.as_mut() {
            buf.push_str(text);
        }
    }

    fn flush_prose(&mut self) {
        if let Some((kind, text)) = self.prose.take() {
            let text = text.trim();
            if !text.is_empty() {
                self.rendered.prose.push(ProseBlock { kind, text: text.to_string() });
            }
        }
    }
}

/// Append `text` to `out` with `& < > " '` escaped, safe in text and in quoted attributes.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// The visible text of a run of inline events.
pub(crate) fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(pages: &HashMap<String, String>) -> LinkContext<'_> {
        LinkContext { root: "../", pages, allow_html: false, images: None, language_prefix: "", words: None }
    }

    #[test]
    fn headings_get_unique_ids_and_start_at_h2() {
        let pages = HashMap::new();
        let mut anchors = Anchors::default();
        let r = render("# Risks\n\ntext\n\n## Risks\n\n#### Deep\n", &ctx(&pages), None, &mut anchors);
        assert!(r.html.contains("<h2 id=\"risks\">Risks</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"risks-1\">Risks</h2>"), "{}", r.html);
        // A level-4 heading after a level-2 one would skip a level: it becomes h3.
        assert!(r.html.contains("<h3 id=\"deep\">"), "{}", r.html);
    }

    #[test]
    fn at_links_resolve_and_unknown_ones_are_reported() {
        let mut pages = HashMap::new();
        pages.insert("basics.md".to_string(), "gene-basics".to_string());
        let mut anchors = Anchors::default();
        let r = render("[a](@/basics.md#risks) [b](@/nope.md)", &ctx(&pages), None, &mut anchors);
        assert!(r.html.contains("href=\"../gene-basics/index.html#risks\""), "{}", r.html);
        assert_eq!(r.broken_links, vec!["@/nope.md".to_string()]);
    }

    #[test]
    fn prose_blocks_skip_code() {
        let pages = HashMap::new();
        let mut anchors = Anchors::default();
        let r = render(
            "Para one.\n\n- item a\n- item b\n\n```\ncode here\n```\n",
            &ctx(&pages),
            None,
            &mut anchors,
        );
        let texts: Vec<_> = r.prose.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            texts,
            vec![
                (ProseKind::Paragraph, "Para one."),
                (ProseKind::ListItem, "item a"),
                (ProseKind::ListItem, "item b")
            ]
        );
        assert_eq!(r.list_lengths, vec![2]);
    }

    #[test]
    fn raw_html_is_text_unless_allowed() {
        let pages = HashMap::new();
        let source =
            "Hi <img src=x onerror=alert(1)> there.\n\n<div onclick=\"x()\">\nblock\n</div>\n\n<b>b</b>\n";
        let r = render(source, &ctx(&pages), None, &mut Anchors::default());
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(!r.html.contains("<div"), "{}", r.html);
        assert!(!r.html.contains("<b>"), "{}", r.html);
        assert!(r.html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{}", r.html);
        assert!(r.html.contains("<p>&lt;div onclick="), "{}", r.html);
        let found = raw_html(source);
        assert_eq!(
            found,
            vec![
                (3, "<img src=x onerror=alert(1)>".to_string()),
                (40, "<div onclick=\"x()\">".to_string()),
                (74, "<b>".to_string())
            ]
        );
        let allowed = LinkContext { allow_html: true, ..ctx(&pages) };
        let r = render(source, &allowed, None, &mut Anchors::default());
        assert!(r.html.contains("<img src=x onerror=alert(1)>"), "{}", r.html);
        assert!(raw_html("a < b and 3<4").is_empty());
    }

    #[test]
    fn inline_render_drops_paragraph() {
        let pages = HashMap::new();
        let mut anchors = Anchors::default();
        assert_eq!(render_inline("Hello *you*", &ctx(&pages), None, &mut anchors).html, "Hello <em>you</em>");
    }
}
