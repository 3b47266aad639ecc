//! Blocks to Markdown. Seed text is escaped so scraped `*`, `<b>` or `#` render literally.

use super::{BlockKind, SeedBlock};

/// Characters escaped anywhere in seed text: CommonMark inline syntax, HTML, tables, strikethrough.
const ESCAPED: &[char] = &['\\', '*', '_', '[', ']', '<', '>', '#', '`', '|', '~'];

/// Render blocks as Markdown, escaping characters Markdown would treat as syntax.
///
/// Headings become `## `, lists `- ` or `1. `, everything else a paragraph; blocks are separated by
/// blank lines. `BlockKind::Markdown` (an author's fill) is emitted as written.
pub fn to_markdown(blocks: &[SeedBlock]) -> String {
    let mut out = String::new();
    let mut previous_list: Option<(bool, usize)> = None;
    for block in blocks {
        match &block.kind {
            BlockKind::Heading(text) => push_block(&mut out, &format!("## {}", escape(text))),
            BlockKind::Paragraph(text) | BlockKind::Gap(text) => push_block(&mut out, &escape(text)),
            BlockKind::Markdown(markdown) => push_block(&mut out, markdown.trim()),
            BlockKind::List { ordered, items } => {
                // Two lists in a row would merge into one unless the second uses the other marker.
                let style = match previous_list {
                    Some((was_ordered, style)) if was_ordered == *ordered => 1 - style,
                    _ => 0,
                };
                let lines: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(n, item)| match (ordered, style) {
                        (true, 0) => format!("{}. {}", n + 1, escape(item)),
                        (true, _) => format!("{}) {}", n + 1, escape(item)),
                        (false, 0) => format!("- {}", escape(item)),
                        (false, _) => format!("* {}", escape(item)),
                    })
                    .collect();
                push_block(&mut out, &lines.join("\n"));
                previous_list = Some((*ordered, style));
                continue;
            }
        }
        previous_list = None;
    }
    out
}

fn push_block(out: &mut String, block: &str) {
    if block.is_empty() {
        return;
    }
    out.push_str(block);
    out.push_str("\n\n");
}

/// Escapes one line of seed text so Markdown shows it literally.
pub fn escape(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(text.len() + 8);
    // A leading "-", "+" or "1." / "1)" would start a list (or a nested one inside a list item).
    if text.starts_with(['-', '+', '=']) {
        out.push('\\');
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let numbered_marker = digits > 0 && text[digits..].starts_with(['.', ')']);
    for (i, c) in text.char_indices() {
        if ESCAPED.contains(&c) || (numbered_marker && i == digits) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(markdown));
        out
    }

    fn block(kind: BlockKind) -> SeedBlock {
        SeedBlock { line: 1, kind }
    }

    #[test]
    fn scraped_syntax_renders_literally() {
        let cases = [
            ("*not* a <b>tag</b>", "<p>*not* a &lt;b&gt;tag&lt;/b&gt;</p>\n"),
            ("1. not a list", "<p>1. not a list</p>\n"),
            ("- not a list", "<p>- not a list</p>\n"),
            ("# not a heading", "<p># not a heading</p>\n"),
            ("a_b_c [x](y) `code` \\ | ~z~", "<p>a_b_c [x](y) `code` \\ | ~z~</p>\n"),
        ];
        for (text, want) in cases {
            let md = to_markdown(&[block(BlockKind::Paragraph(text.into()))]);
            assert_eq!(html(&md), want, "{text}");
        }
    }

    #[test]
    fn list_items_cannot_nest_or_start_lists() {
        let md = to_markdown(&[block(BlockKind::List {
            ordered: false,
            items: vec!["1. one".into(), "- two".into()],
        })]);
        assert_eq!(html(&md), "<ul>\n<li>1. one</li>\n<li>- two</li>\n</ul>\n");
    }

    #[test]
    fn adjacent_lists_stay_apart() {
        let list = || block(BlockKind::List { ordered: false, items: vec!["a".into()] });
        let md = to_markdown(&[list(), list()]);
        assert_eq!(html(&md).matches("<ul>").count(), 2, "{md}");
    }

    #[test]
    fn shapes() {
        let md = to_markdown(&[
            block(BlockKind::Heading("Why it matters".into())),
            block(BlockKind::Paragraph("Text.".into())),
            block(BlockKind::List { ordered: true, items: vec!["a".into(), "b".into()] }),
            block(BlockKind::Gap("It can:".into())),
            block(BlockKind::Markdown("Some **bold** text.\n".into())),
        ]);
        assert_eq!(md, "## Why it matters\n\nText.\n\n1. a\n2. b\n\nIt can:\n\nSome **bold** text.\n\n");
    }
}
