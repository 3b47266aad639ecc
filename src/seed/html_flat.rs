//! Saved pages nested too deep to build a tree from, read as a flat stream of tags and text.
//!
//! Building the HTML tree costs, for every start tag, a search of the elements still open (the
//! parsing algorithm's "in scope" checks), so 100,000 unclosed `<div>`s take minutes. Browsers
//! cap the tree's depth for the same reason. Such a page is instead read with html5ever's
//! tokenizer alone, which is linear: tag by tag, with the same rules as the tree walk in
//! `html.rs` (block elements end a line, scripts, styles, forms and navigation never become
//! lines, images count as their alt text), but without Readability's choice of the article.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};

use super::classify::{Hint, SourceLine};
use super::text::collapse_whitespace;

/// Deeper than this, a page is read flat. Browsers stop nesting at 512 levels; real saved pages
/// stay under 100.
pub const MAX_TREE_DEPTH: usize = 2_000;

/// Elements that never hold a start tag's children: they add no depth.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];
/// Elements a following sibling closes (`<p>one<p>two`): they add no lasting depth either.
const SELF_ENDING: &[&str] = &["p", "li", "dt", "dd", "td", "th", "tr", "option"];

/// How deep the page's tags nest, counted from the raw text up to `cap` (a cheap scan, before
/// any parsing): start tags add a level, end tags take one away.
pub fn nesting_depth(html: &str, cap: usize) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'<')) {
        i += at + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let end =
                    bytes[i..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |n| i + n);
                let name = html.get(i..end).unwrap_or("").to_ascii_lowercase();
                let self_closing = bytes
                    .get(end..)
                    .and_then(|r| r.iter().position(|&b| b == b'>'))
                    .is_some_and(|gt| gt > 0 && bytes[end + gt - 1] == b'/');
                if !VOID.contains(&name.as_str()) && !SELF_ENDING.contains(&name.as_str()) && !self_closing {
                    depth += 1;
                    deepest = deepest.max(depth);
                    if deepest >= cap {
                        return deepest;
                    }
                }
            }
            _ => {}
        }
    }
    deepest
}

/// Elements whose content is never article text (as in `html.rs`), with the tokenizer state
/// their content is read in, so a `<p>` inside a script is not taken for a tag.
fn skipped(name: &str) -> Option<Option<RawKind>> {
    match name {
        "script" => Some(Some(RawKind::ScriptData)),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(Some(RawKind::Rawtext)),
        "textarea" | "title" => Some(Some(RawKind::Rcdata)),
        "noscript" | "template" | "svg" | "math" | "object" | "embed" | "canvas" | "form" | "nav"
        | "aside" | "button" | "select" | "option" | "label" | "dialog" | "menu" | "head" | "video"
        | "audio" | "map" | "header" | "footer" => Some(None),
        _ => None,
    }
}

/// What a block element says its text is.
fn hint_of(name: &str) -> Option<Hint> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Hint::Heading,
        "li" => Hint::Item { ordered: false },
        "p" | "blockquote" | "pre" | "dd" | "dt" | "address" | "summary" => Hint::Paragraph,
        "td" | "th" | "caption" | "figcaption" => Hint::Cell,
        "div" | "section" | "article" | "main" | "ul" | "ol" | "table" | "tr" | "figure" | "dl" | "hr"
        | "br" | "details" | "center" | "body" | "html" | "tbody" | "thead" | "tfoot" => Hint::Plain,
        _ => return None,
    })
}

/// The lines collected so far.
#[derive(Default)]
struct Lines {
    lines: Vec<SourceLine>,
    buffer: String,
    hint: Option<Hint>,
    line: u64,
    /// Inside a skipped element: its name and how many of it are open.
    skipping: Option<(String, usize)>,
    title: Option<String>,
    in_h1: bool,
}

impl Lines {
    fn flush(&mut self) {
        let text = collapse_whitespace(&self.buffer);
        self.buffer.clear();
        if text.is_empty() {
            return;
        }
        if self.in_h1 && self.title.is_none() {
            self.title = Some(text.clone());
        }
        let number = usize::try_from(self.line).unwrap_or(usize::MAX).max(1);
        self.lines.push(SourceLine {
            number,
            text,
            hint: self.hint.take().unwrap_or(Hint::Plain),
            linked: false,
            next_linked: false,
        });
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if let Some((open, count)) = &mut self.skipping {
            if *open == name {
                match tag.kind {
                    TagKind::StartTag if !tag.self_closing => *count += 1,
                    TagKind::EndTag => *count -= 1,
                    TagKind::StartTag => {}
                }
                if *count == 0 {
                    self.skipping = None;
                }
            }
            return TokenSinkResult::Continue;
        }
        if tag.kind == TagKind::StartTag {
            if let Some(raw) = skipped(name) {
                if !tag.self_closing {
                    self.skipping = Some((name.to_string(), 1));
                }
                return raw.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData);
            }
            if name == "img" {
                if let Some(alt) = tag.attrs.iter().find(|a| &*a.name.local == "alt") {
                    self.buffer.push(' ');
                    self.buffer.push_str(&alt.value);
                    self.buffer.push(' ');
                }
                return TokenSinkResult::Continue;
            }
        }
        if let Some(hint) = hint_of(name) {
            self.flush();
            if tag.kind == TagKind::StartTag {
                self.in_h1 = name == "h1";
                if hint != Hint::Plain {
                    self.hint = Some(hint);
                }
            } else {
                self.in_h1 = false;
            }
        }
        TokenSinkResult::Continue
    }
}

/// The token sink: html5ever hands tokens to a shared reference.
struct Sink(RefCell<Lines>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let mut lines = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => lines.tag(&tag),
            Token::CharacterTokens(text) if lines.skipping.is_none() => {
                if lines.buffer.trim().is_empty() {
                    lines.line = line_number;
                }
                lines.buffer.push_str(&text);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The page's lines, read flat; the first `<h1>`'s text also comes first as the title.
pub fn flat_lines(html: &str) -> Vec<SourceLine> {
    let sink = Sink(RefCell::new(Lines::default()));
    let tokenizer = Tokenizer::new(sink, Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The sink never pauses for a script, so one feed reads the whole page.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut collected = std::mem::take(&mut *tokenizer.sink.0.borrow_mut());
    collected.flush();
    let mut lines = Vec::with_capacity(collected.lines.len() + 1);
    if let Some(title) = collected.title {
        let number = collected.lines.iter().find(|l| l.text == title).map_or(1, |l| l.number);
        lines.push(SourceLine { number, text: title, hint: Hint::Title, linked: false, next_linked: false });
    }
    lines.extend(collected.lines);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_open_tags_but_not_void_or_self_ending_ones() {
        assert_eq!(nesting_depth("<div><p>a<p>b<br><img src=x><span>c</span></div>", 100), 2);
        assert_eq!(nesting_depth(&"<div>".repeat(50_000), MAX_TREE_DEPTH), MAX_TREE_DEPTH);
        assert_eq!(nesting_depth("<div/><div></div><!-- <div> -->", 100), 1);
    }

    #[test]
    fn a_flat_read_keeps_blocks_and_drops_scripts_and_furniture() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body><nav><a>Home</a></nav>\
            <h1>Deep page</h1><div><div><p>First <b>bold</b> paragraph.</p><script>var s = '<p>no</p>';</script>\
            <ul><li>an item <img alt=\"a photo\"></li></ul><form><p>Search</p></form><h2>Next</h2>\
            <p>Entities &amp; more &lt;b&gt;</p></div></div></body></html>";
        let lines = flat_lines(html);
        let got: Vec<(&str, Hint)> = lines.iter().map(|l| (l.text.as_str(), l.hint)).collect();
        assert_eq!(
            got,
            vec![
                ("Deep page", Hint::Title),
                ("Deep page", Hint::Heading),
                ("First bold paragraph.", Hint::Paragraph),
                ("an item a photo", Hint::Item { ordered: false }),
                ("Next", Hint::Heading),
                ("Entities & more <b>", Hint::Paragraph),
            ]
        );
    }
}
