//! Splitting a page file into YAML front-matter and Markdown body.

/// A page file split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines (empty when the file has none).
    pub yaml: &'a str,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// 1-based file line of the first YAML line (to offset YAML error positions).
    pub yaml_line: usize,
    /// 1-based file line where the body starts.
    pub body_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// The opening `---` has no closing `---`.
    #[error("the front-matter that starts on line {open_line} has no closing `---` line")]
    Unclosed {
        /// Line of the opening `---`.
        open_line: usize,
    },
}

/// Normalize a page file's text: drop a UTF-8 BOM and turn CRLF/CR line endings into LF.
pub fn normalize_newlines(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

/// Split normalized text (see [`normalize_newlines`]) at the `---` fences.
/// A file that does not start with `---` has no front-matter: all of it is body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Ok(Split { yaml: "", body: text, yaml_line: 1, body_line: 1 });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut pos = yaml_start;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map(|i| pos + i).unwrap_or(text.len());
        let l = text[pos..end].trim_end();
        if l == "---" || l == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                body: &text[body_start..],
                yaml_line: 2,
                body_line: line + 1,
            });
        }
        pos = end + 1;
        line += 1;
    }
    Err(SplitError::Unclosed { open_line: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let s = split("---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("# Just text\n").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "# Just text\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert_eq!(split("---\ntitle: A\n# Body\n"), Err(SplitError::Unclosed { open_line: 1 }));
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let text = normalize_newlines("\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n");
        let s = split(&text).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let s = split("---\n---").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "");
    }
}
