//! YAML errors said in plain words: the parser's message turned into a diagnostic at the
//! right line and column, quoting the line, spotting tabs and unclosed brackets, with a "did
//! you mean" for unknown keys. Every YAML file plainleaf reads (`site.yaml`, front matter,
//! the glossary, `theme.yaml`) reports through here.

use std::path::Path;

use super::{did_you_mean, Diagnostic, Location};

/// Turn a YAML error into a diagnostic at the right file line (offset by `line_offset`
/// lines, for front-matter that starts below a `---`), with a "did you mean" for unknown keys.
pub fn yaml_diagnostic(
    err: &serde_yaml::Error,
    path: &Path,
    line_offset: usize,
    keys: &[&str],
) -> Diagnostic {
    yaml_diagnostic_in(err, None, path, line_offset, keys)
}

/// Like [`yaml_diagnostic`], but with the YAML text that failed, so the message can quote the
/// line, spot a tab, and point at the value or the unclosed bracket instead of where the parser gave up.
pub fn yaml_diagnostic_in(
    err: &serde_yaml::Error,
    source: Option<&str>,
    path: &Path,
    line_offset: usize,
    keys: &[&str],
) -> Diagnostic {
    let raw = err.to_string();
    // The library appends " at line N column M"; we print the position ourselves.
    let raw = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    // serde puts the key path first ("reviewed.on: invalid type ..."); plain words name it in backticks.
    let (field, message) = split_field(&raw);
    let position = err.location().map(|l| (l.line(), l.column()));
    let explained = explain(field, message, position, source, keys);
    let (line, column) = match (explained.moved_to, position) {
        (Some(at), _) => (Some(at.0), Some(at.1)),
        (None, Some((l, c))) => (Some(l), Some(c)),
        (None, None) => (None, None),
    };
    let location = match line {
        Some(l) => Location::at(path, l + line_offset, column),
        None => Location::file(path),
    };
    let mut d = Diagnostic::error(Some(location), explained.message);
    if let Some(hint) = explained.hint {
        d = d.with_hint(hint);
    }
    d
}

/// A YAML problem said in plain words, and where it really is when the parser noticed it later.
struct Explained {
    message: String,
    hint: Option<String>,
    moved_to: Option<(usize, usize)>,
}

fn split_field(raw: &str) -> (Option<&str>, &str) {
    // A key path is words, dots and [n] before ": " and before any space.
    if let Some(i) = raw.find(": ") {
        let head = &raw[..i];
        let is_path = !head.is_empty()
            && head.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'));
        if is_path {
            return (Some(head), &raw[i + 2..]);
        }
    }
    (None, raw)
}

fn explain(
    field: Option<&str>,
    message: &str,
    position: Option<(usize, usize)>,
    source: Option<&str>,
    keys: &[&str],
) -> Explained {
    let plain =
        |message: String, hint: &str| Explained { message, hint: Some(hint.to_string()), moved_to: None };
    let key = |f: Option<&str>| f.map(|f| format!("`{f}`")).unwrap_or_else(|| "this value".to_string());
    let line_of = |n: usize| source.and_then(|s| s.lines().nth(n.checked_sub(1)?));

    if let Some(name) = quoted_after(message, "unknown field `") {
        // Inside a nested key (`codes`, `reviewed`), serde lists that key's own fields.
        let expected: Vec<&str> =
            message.split("expected ").nth(1).unwrap_or("").split('`').skip(1).step_by(2).collect();
        let keys: &[&str] = if field.is_some() && !expected.is_empty() { &expected } else { keys };
        let hint = match did_you_mean(name, keys) {
            Some(s) => format!("did you mean `{s}`? The keys allowed here are: {}", keys.join(", ")),
            None => format!("remove it, or use one of: {}", keys.join(", ")),
        };
        let place = field.map(|f| format!(" inside `{f}`")).unwrap_or_default();
        return plain(format!("`{name}` is not a key plainleaf knows{place}"), &hint);
    }
    if let Some(name) = quoted_after(message, "missing field `") {
        let place = field.map(|f| format!("`{f}` needs")).unwrap_or_else(|| "this file needs".to_string());
        return plain(
            format!("{place} the key `{name}`, and it is missing"),
            &format!("add a line like `{name}: ...`"),
        );
    }
    if let Some(name) = quoted_after(message, "duplicate field `") {
        return plain(
            format!("the key `{name}` is written twice"),
            "keep one of the two lines and delete the other",
        );
    }
    if let Some(name) = quoted_after(message, "unknown variant `") {
        let choices = message.split("expected ").nth(1).unwrap_or("").replace('`', "");
        return plain(
            format!("{} cannot be `{name}`", key(field)),
            &format!(
                "write {}",
                if choices.is_empty() { "one of the allowed values".into() } else { choices }
            ),
        );
    }
    let is_date_field = field.is_some_and(|f| f.ends_with(".on") || f.ends_with(".next") || f == "published");
    if is_date_field
        && !message.starts_with("invalid type: sequence")
        && !message.starts_with("invalid type: map")
    {
        let value = position.and_then(|(l, c)| value_at(line_of(l)?, c));
        let what = match value {
            Some(v) => format!("{} is {v}, which is not a real date", key(field)),
            None => format!("{} is not a real date", key(field)),
        };
        let why = if message.contains("'month'") {
            ": there is no such month (months go from 01 to 12)".to_string()
        } else if message.contains("'day'") {
            match message.split("range `1..=").nth(1).and_then(|r| r.split('`').next()) {
                Some(max) => format!(": that month has only {max} days"),
                None => ": there is no such day in that month".to_string(),
            }
        } else {
            String::new()
        };
        return plain(format!("{what}{why}"), "write the date as year-month-day, like 2023-12-04");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "another kind of value"));
        let hint = match expected_in_words(expected) {
            "a list" => "write a list as `[first, second]`, or as lines that start with `- `",
            "text" => "write text after the colon; put it in quotes if it looks like a list or a number",
            "true or false" => "write true or false",
            "a number" => "write a number, like 8",
            "a group of keys" => "write the keys on the lines below, indented by two spaces, like:\n        reviewed:\n          on: 2023-12-04",
            _ => "check the value's shape against the README",
        };
        return plain(
            format!(
                "{} should be {}, but here it is {}",
                key(field),
                expected_in_words(expected),
                got_in_words(got)
            ),
            hint,
        );
    }
    if message.contains("mapping values are not allowed") {
        // The parser stops at the second colon; the reader needs the start of the value.
        if let Some((l, _)) = position {
            if let Some((k, value, col)) = line_of(l).and_then(key_and_value) {
                if value.contains(": ") {
                    return Explained {
                        message:
                            "this line's value has a colon in it, so YAML cannot tell where the value starts"
                                .to_string(),
                        hint: Some(format!(
                            "put the value in quotes, like {k}: \"{}\"",
                            value.trim().replace('"', "\\\"")
                        )),
                        moved_to: Some((l, col)),
                    };
                }
                let indented = line_of(l).is_some_and(|t| t.starts_with(' '));
                if indented {
                    return Explained {
                        message: "this line is indented more than the line above it, so YAML reads it as part of that line"
                            .to_string(),
                        hint: Some("start this key at the same column as the keys above it".to_string()),
                        moved_to: Some((l, 1)),
                    };
                }
            }
        }
        return plain(
            "a value here has a colon in it, so YAML cannot tell where the value starts".to_string(),
            "put the value in quotes, like title: \"Gene therapy: the basics\"",
        );
    }
    if message.contains("cannot start any token") || message.contains("tab") {
        let char_there = position.and_then(|(l, c)| line_of(l)?.chars().nth(c.checked_sub(1)?));
        let tab_line = position.and_then(|(l, _)| {
            let text = line_of(l)?;
            text.starts_with([' ', '\t']).then_some(())?;
            text.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t').then_some(l)
        });
        if char_there == Some('\t') || tab_line.is_some() || message.contains("tab") {
            return plain(
                "this line is indented with a tab, and YAML does not allow tabs for indenting".to_string(),
                "replace the tab at the start of the line with spaces (two spaces for each level)",
            );
        }
        let shown = char_there.map(|c| format!("`{c}`")).unwrap_or_else(|| "this character".to_string());
        return plain(
            format!("a value cannot start with {shown} unless it is in quotes"),
            "put the whole value in quotes, like title: \"@home care\"",
        );
    }
    for (open, close, what) in [('[', ']', "list"), ('{', '}', "group")] {
        if message.contains(&format!("expected ',' or '{close}'")) {
            let moved_to = position.and_then(|(l, _)| unclosed_bracket(source?, l, open, close));
            return Explained {
                message: format!("a {what} that starts with `{open}` is not closed with `{close}`"),
                hint: Some(format!(
                    "add `{close}` at the end of the {what}, on the same line, like {}",
                    if open == '[' {
                        "topics: [gene therapy, genes]"
                    } else {
                        "reviewed: { on: 2023-12-04 }"
                    }
                )),
                moved_to,
            };
        }
    }
    if message.contains("found unexpected end of stream")
        || message.contains("while scanning a quoted scalar")
    {
        let moved_to = position.and_then(|(l, _)| unclosed_quote(source?, l));
        return Explained {
            message: "a quote is opened but never closed".to_string(),
            hint: Some("add the closing quote at the end of the value, on the same line".to_string()),
            moved_to,
        };
    }
    if message.contains("did not find expected key") || message.contains("did not find expected '-'") {
        return plain(
            "this line does not line up with the lines above it".to_string(),
            "start each key at the same column as the keys above it, and put values that contain `: ` or `#` in quotes",
        );
    }
    let shown = match field {
        Some(f) => format!("{f}: {message}"),
        None => message.to_string(),
    };
    plain(shown, "check this line against the examples in the README; quoting the value often helps")
}

/// The text between `prefix` and the next backtick, as in "unknown field `titel`".
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.split(prefix).nth(1)?.split('`').next()
}

/// The scalar starting at 1-based `column` of `line`, up to a comma, brace, bracket or comment.
fn value_at(line: &str, column: usize) -> Option<String> {
    let rest: String = line.chars().skip(column.checked_sub(1)?).collect();
    let value = rest.split([',', '}', ']', '#']).next()?.trim().trim_matches(['"', '\'']);
    (!value.is_empty()).then(|| value.to_string())
}

/// `key`, the value after `key: `, and the value's 1-based column, for a `key: value` line.
fn key_and_value(line: &str) -> Option<(&str, &str, usize)> {
    let (k, v) = line.split_once(": ")?;
    let k = k.trim().trim_start_matches("- ");
    let lead = v.len() - v.trim_start().len();
    let col = line[..line.len() - v.len()].chars().count() + lead + 1;
    (!k.is_empty()).then_some((k, v, col))
}

/// The last line at or before `line` with more `open` than `close`, and that bracket's column.
fn unclosed_bracket(source: &str, line: usize, open: char, close: char) -> Option<(usize, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    (1..=line.min(lines.len())).rev().find_map(|n| {
        let text = lines[n - 1];
        let opens = text.matches(open).count();
        (opens > text.matches(close).count())
            .then(|| (n, text.chars().position(|c| c == open).map_or(1, |p| p + 1)))
    })
}

/// The last line at or before `line` with an odd number of double quotes, and that quote's column.
fn unclosed_quote(source: &str, line: usize) -> Option<(usize, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    (1..=line.min(lines.len())).rev().find_map(|n| {
        let text = lines[n - 1];
        (text.matches('"').count() % 2 == 1)
            .then(|| (n, text.chars().position(|c| c == '"').map_or(1, |p| p + 1)))
    })
}

fn expected_in_words(expected: &str) -> &str {
    match expected {
        e if e.contains("sequence") => "a list",
        e if e.contains("string") || e.contains("char") => "text",
        e if e.contains("bool") => "true or false",
        "f64" | "f32" | "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "a number",
        e if e.contains("integer") || e.contains("float") || e.contains("number") => "a number",
        e if e.starts_with("struct") || e.contains("map") => "a group of keys",
        e => e,
    }
}

fn got_in_words(got: &str) -> String {
    if let Some(v) = got.strip_prefix("string ") {
        return format!("the text {v}");
    }
    for (prefix, noun) in [("integer ", "the number"), ("floating point ", "the number"), ("boolean ", "")] {
        if let Some(v) = got.strip_prefix(prefix) {
            let v = v.trim_matches('`');
            return if noun.is_empty() { v.to_string() } else { format!("{noun} {v}") };
        }
    }
    match got {
        "sequence" => "a list".to_string(),
        "map" => "a group of keys".to_string(),
        "unit value" | "unit" => "empty".to_string(),
        other => other.to_string(),
    }
}
