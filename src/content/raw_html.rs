//! Raw HTML in what staff write (front-matter fields, Markdown bodies, glossary text): found
//! when a file is loaded, so each piece is reported once with its file, line and column.
//!
//! Staff paste from web pages and word processors, so by default no raw HTML reaches a page:
//! Markdown fields show it as text (see [`crate::markdown::render`]) unless `site.yaml` sets
//! `allow_html: true`, and plain-text fields (titles, topics, glossary text) always do.

use std::path::Path;

use crate::error::{Diagnostic, Location};

/// Page fields rendered as Markdown: `allow_html: true` lets their HTML through.
pub const MARKDOWN_FIELDS: &[&str] =
    &["summary", "key_points", "actions", "questions_to_ask", "fill", "get_help"];

/// One piece of raw HTML and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawHtml {
    /// File, line and column of the tag.
    pub location: Location,
    /// The field it is in (`summary`, `key_points[2]`, `body`, ...).
    pub field: String,
    /// The tag (or the first line of an HTML block) as written.
    pub html: String,
    /// The field is Markdown, so `allow_html: true` keeps the HTML.
    pub markdown: bool,
}

impl RawHtml {
    /// The warning for this finding under the site's `allow_html`, or none when it is allowed.
    pub fn warning(&self, allow_html: bool) -> Option<Diagnostic> {
        let shown = shorten(&self.html);
        if self.markdown && allow_html {
            return None;
        }
        let d = if self.markdown {
            Diagnostic::warning(
                Some(self.location.clone()),
                format!("raw HTML in {} is shown as text, not used: {shown}", self.field),
            )
            .with_hint(
                "write it in Markdown instead (**bold**, [text](address)); if every editor of this \
                 site is trusted, `allow_html: true` in site.yaml lets raw HTML through",
            )
        } else {
            Diagnostic::warning(
                Some(self.location.clone()),
                format!("{} is plain text, so this HTML shows as written: {shown}", self.field),
            )
            .with_hint("remove the tags from this field and write plain words")
        };
        Some(d)
    }
}

/// Raw HTML in a Markdown body that starts on file line `first_line`.
pub fn in_body(body: &str, first_line: usize, path: &Path) -> Vec<RawHtml> {
    crate::markdown::raw_html(body)
        .into_iter()
        .map(|(at, html)| {
            let (line, column) = line_col(body, at);
            RawHtml {
                location: Location::at(path, first_line + line - 1, Some(column)),
                field: "the page text".to_string(),
                html,
                markdown: true,
            }
        })
        .collect()
}

/// Raw HTML in the string fields of `fields` (the typed value parsed from `yaml`), located in
/// `yaml`, whose first line is file line `first_line`. Fields named in `markdown_fields` are
/// Markdown; a `fill:` list holds plain text, its paragraph Markdown.
pub fn in_yaml_fields(
    fields: &impl serde::Serialize,
    yaml: &str,
    first_line: usize,
    path: &Path,
    markdown_fields: &[&str],
) -> Vec<RawHtml> {
    // Most files hold no tag at all: skip serializing and walking their fields.
    if !yaml.contains('<') {
        return Vec::new();
    }
    let Ok(value) = serde_json::to_value(fields) else { return Vec::new() };
    let mut found = Vec::new();
    let mut walk = Walk { yaml, first_line, path, markdown_fields, found: &mut found, used: Vec::new() };
    match &value {
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk.value(item, &format!("entry {}", i + 1), None, false);
            }
        }
        other => walk.value(other, "", None, false),
    }
    // Fields come in key order; messages read best in the order of the file.
    found.sort_by_key(|f| (f.location.line, f.location.column));
    found
}

struct Walk<'a> {
    yaml: &'a str,
    first_line: usize,
    path: &'a Path,
    markdown_fields: &'a [&'a str],
    found: &'a mut Vec<RawHtml>,
    /// Offsets already reported, so the same tag written twice is found at both places.
    used: Vec<usize>,
}

impl Walk<'_> {
    fn value(&mut self, value: &serde_json::Value, field: &str, top: Option<&str>, markdown: bool) {
        match value {
            serde_json::Value::String(text) => {
                for (_, html) in crate::markdown::raw_html(text) {
                    let location = self.locate(top, &html);
                    self.found.push(RawHtml { location, field: field.to_string(), html, markdown });
                }
            }
            serde_json::Value::Array(items) => {
                // A `fill:` list holds plain items; other lists keep their field's kind.
                let markdown = markdown && top != Some("fill");
                for (i, item) in items.iter().enumerate() {
                    self.value(item, &format!("{field}[{}]", i + 1), top, markdown);
                }
            }
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    let (child, top, markdown) = match top {
                        None => {
                            let child =
                                if field.is_empty() { key.clone() } else { format!("{field}, {key}") };
                            (child, Some(key.as_str()), self.markdown_fields.contains(&key.as_str()))
                        }
                        Some(t) => (format!("{field}.{key}"), Some(t), markdown),
                    };
                    self.value(item, &child, top, markdown);
                }
            }
            _ => {}
        }
    }

    /// Where `html` is written: searched from its top-level key's line, as YAML may quote it;
    /// the key's line when the tag is escaped in the YAML, the whole file when neither is found.
    fn locate(&mut self, top: Option<&str>, html: &str) -> Location {
        let needle: String =
            html.chars().take_while(|c| !matches!(c, '"' | '\'' | '\\' | '\n')).take(40).collect();
        let key_at = top.and_then(|key| key_offset(self.yaml, key));
        let mut from = key_at.unwrap_or(0);
        let mut hit = None;
        while let Some(i) = self.yaml[from..].find(&needle) {
            let at = from + i;
            if !self.used.contains(&at) {
                hit = Some(at);
                break;
            }
            from = at + needle.len().max(1);
        }
        if let Some(at) = hit {
            self.used.push(at);
        }
        match hit.or(key_at) {
            Some(at) => {
                let (line, column) = line_col(self.yaml, at);
                Location::at(self.path, self.first_line + line - 1, Some(column))
            }
            None => Location::file(self.path),
        }
    }
}

/// Byte offset of a top-level (unindented) `key:` line in `yaml`.
fn key_offset(yaml: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let rest = line.strip_prefix(key).or_else(|| line.strip_prefix(&format!("\"{key}\"")));
        if rest.is_some_and(|r| r.trim_start().starts_with(':')) {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// 1-based line and column (in characters) of byte offset `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// At most 60 characters of a tag, for a message.
fn shorten(html: &str) -> String {
    let mut shown: String = html.chars().take(60).collect();
    if shown.len() < html.len() {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn body_findings_carry_file_positions() {
        let found = in_body("Intro.\n\nSee <b>this</b> and <img src=x>.\n", 6, Path::new("content/a.md"));
        let at: Vec<_> = found.iter().map(|f| (f.location.to_string(), f.html.as_str())).collect();
        assert_eq!(
            at,
            [("content/a.md:8:5".to_string(), "<b>"), ("content/a.md:8:21".to_string(), "<img src=x>")]
        );
        assert!(found[0].warning(true).is_none(), "allowed in Markdown");
        assert!(found[0].warning(false).is_some());
    }

    #[test]
    fn yaml_fields_are_found_where_written() {
        let yaml = "title: Tips <em>now</em>\nsummary: '<img src=\"x\" onerror=alert(1)> & friends'\nkey_points:\n  - plain\n  - \"<b>bold</b>\"\n";
        let value = json!({
            "title": "Tips <em>now</em>",
            "summary": "<img src=\"x\" onerror=alert(1)> & friends",
            "key_points": ["plain", "<b>bold</b>"],
        });
        let found = in_yaml_fields(&value, yaml, 2, Path::new("p.md"), MARKDOWN_FIELDS);
        let got: Vec<_> =
            found.iter().map(|f| (f.field.as_str(), f.location.to_string(), f.markdown)).collect();
        assert_eq!(
            got,
            [
                ("title", "p.md:2:13".to_string(), false),
                ("summary", "p.md:3:11".to_string(), true),
                ("key_points[2]", "p.md:6:6".to_string(), true),
            ]
        );
        // Plain-text fields are reported even when Markdown HTML is allowed.
        assert!(found[0].warning(true).is_some());
    }

    #[test]
    fn nothing_to_find_without_a_tag() {
        let value = json!({"title": "a < b", "summary": "3 < 4 and 5 > 2"});
        assert!(in_yaml_fields(&value, "title: a < b\n", 2, Path::new("p.md"), MARKDOWN_FIELDS).is_empty());
    }
}
