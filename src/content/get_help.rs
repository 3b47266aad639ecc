//! The `get_help` front-matter field: when to get help, at three levels of care, shown as
//! care cards in a fixed place on the article and its handout.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Location};

/// Every key `get_help` accepts (for "did you mean").
pub const GET_HELP_KEYS: &[&str] = &["emergency", "urgent", "non_urgent"];

/// `get_help: { emergency: [...], urgent: [...], non_urgent: [...] }`: the signs that call for
/// each level of care, one short line each (Markdown allowed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GetHelp {
    /// Signs that need the emergency number now.
    #[serde(default)]
    #[schemars(inner(pattern(crate::schema_parts::NOT_BLANK)))]
    pub emergency: Vec<String>,
    /// Signs that need help the same day.
    #[serde(default)]
    #[schemars(inner(pattern(crate::schema_parts::NOT_BLANK)))]
    pub urgent: Vec<String>,
    /// Signs to ask about soon, by the advice line or the care team.
    #[serde(default)]
    #[schemars(inner(pattern(crate::schema_parts::NOT_BLANK)))]
    pub non_urgent: Vec<String>,
}

impl GetHelp {
    /// The three levels in reading order (most serious first), by key name.
    pub fn levels(&self) -> [(&'static str, &[String]); 3] {
        [("emergency", &self.emergency), ("urgent", &self.urgent), ("non_urgent", &self.non_urgent)]
    }

    /// Problems a YAML parser cannot see: no signs at all, or a blank one. `yaml` is the
    /// front-matter and `yaml_line` its first file line, so each message points at its key.
    pub fn validate(&self, path: &Path, yaml: &str, yaml_line: usize) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let at = |key: &str| match key_after(yaml, "get_help:", key) {
            Some((line, col)) => Some(Location::at(path, line + yaml_line - 1, Some(col))),
            None => Some(Location::file(path)),
        };
        if self.levels().iter().all(|(_, signs)| signs.is_empty()) {
            errors.push(
                Diagnostic::error(at("get_help:"), "get_help lists no signs: emergency, urgent and non_urgent are all empty")
                    .with_hint("add at least one level, like get_help: { emergency: [\"chest pain\"] }, or remove get_help"),
            );
        }
        for (key, signs) in self.levels() {
            if let Some(n) = signs.iter().position(|s| s.trim().is_empty()) {
                errors.push(
                    Diagnostic::error(at(&format!("{key}:")), format!("get_help.{key} item {} is empty", n + 1))
                        .with_hint("write the sign in a few plain words, like \"you have chest pain\", or delete the empty item"),
                );
            }
        }
        errors
    }
}

/// The 1-based line and value column of `key` in `yaml`, looking from the line holding
/// `parent` on (so `urgent:` is found inside `get_help`, not in some other field).
fn key_after(yaml: &str, parent: &str, key: &str) -> Option<(usize, usize)> {
    let (start, _) = super::page::find_key(yaml, parent)?;
    let rest: String = yaml.lines().skip(start - 1).collect::<Vec<_>>().join("\n");
    let (line, col) = super::page::find_key(&rest, key)?;
    Some((line + start - 1, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_signs_are_errors_at_their_key() {
        let yaml = "title: A\nget_help:\n  emergency: []\n  urgent: [\"fever\", \" \"]\n";
        let help: GetHelp = GetHelp { urgent: vec!["fever".into(), " ".into()], ..Default::default() };
        let errors = help.validate(Path::new("content/a.md"), yaml, 2);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].location, Some(Location::at("content/a.md", 5, Some(11))));
        assert!(errors[0].message.contains("get_help.urgent item 2"), "{}", errors[0]);
        let none = GetHelp::default().validate(Path::new("a.md"), yaml, 2);
        assert!(none[0].message.contains("lists no signs"), "{}", none[0]);
    }
}
