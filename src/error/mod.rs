//! Diagnostics shared by every stage: a message with the file, line and column it is about.

pub mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information about a legitimate choice (a site with no web address): printed, and never
    /// a failure, even under `--strict`.
    Note,
    /// The build goes on and the message is printed; `--strict` fails on it.
    Warning,
    /// The build fails.
    Error,
}

/// Where in which file a diagnostic points (line and column are 1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file, relative to the site root when it lies inside it.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl Location {
    /// A location naming a whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), line: None, column: None }
    }

    /// A location naming a line (and optionally a column) of a file.
    pub fn at(path: impl Into<PathBuf>, line: usize, column: Option<usize>) -> Self {
        Location { path: path.into(), line: Some(line), column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// One message for the person running the build: what is wrong, where, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file and position, when the message is about one.
    pub location: Option<Location>,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a location.
    pub fn error(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, location, message: message.into(), hint: None }
    }

    /// A warning at a location.
    pub fn warning(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, location, message: message.into(), hint: None }
    }

    /// A note: information that never fails a build, even under `--strict`.
    pub fn note(location: Option<Location>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Note, location, message: message.into(), hint: None }
    }

    /// The same diagnostic with a hint saying what to do.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether `--strict` fails on this diagnostic (a warning or an error, not a note).
    pub fn fails_strict(&self) -> bool {
        self.severity >= Severity::Warning
    }
}

/// How many of `list` are warnings or errors: what `--strict` fails on and the summary counts.
pub fn strict_count(list: &[Diagnostic]) -> usize {
    list.iter().filter(|d| d.fails_strict()).count()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        match &self.location {
            Some(loc) => write!(f, "{label}: {loc}: {}", self.message)?,
            None => write!(f, "{label}: {}", self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// A failed stage: every problem found, not only the first.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", render_all(.0))]
pub struct Failed(pub Vec<Diagnostic>);

impl From<Diagnostic> for Failed {
    fn from(d: Diagnostic) -> Self {
        Failed(vec![d])
    }
}

fn render_all(list: &[Diagnostic]) -> String {
    list.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

/// A path shown relative to `root` when it lies inside it, so messages stay short.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

/// The closest candidate to `word` (by edit distance), for "did you mean" hints.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance between two strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_key() {
        assert_eq!(did_you_mean("titel", &["title", "topics", "seed"]), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", &["title", "topics"]), None);
    }

    #[test]
    fn location_display_includes_line_and_column() {
        let d = Diagnostic::error(Some(Location::at("content/a.md", 3, Some(7))), "bad").with_hint("fix it");
        assert_eq!(d.to_string(), "error: content/a.md:3:7: bad\n  help: fix it");
    }
}
