//! Plain-word rewriting of seed prose. (STUB: the contract; the real rewriter lands later.)

use serde::{Deserialize, Serialize};

/// One wordy word or phrase and its plain replacement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordPair {
    /// The wordy word or phrase (matched as whole words, any case).
    pub find: String,
    /// The plain replacement.
    pub replace: String,
}

/// One rewrite made, for the editor's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rewrite {
    /// The text as it was.
    pub from: String,
    /// The text as written.
    pub to: String,
}

/// Rewrites wordy phrases; built once per build and shared by all pages.
#[derive(Debug, Clone, Default)]
pub struct Rewriter {
    pairs: Vec<WordPair>,
}

impl Rewriter {
    /// A rewriter for `pairs` that never touches any phrase in `protect` (glossary terms).
    pub fn new(pairs: Vec<WordPair>, protect: &[String]) -> Self {
        let _ = protect;
        Rewriter { pairs }
    }

    /// The built-in pairs shipped with plainleaf.
    pub fn builtin_pairs() -> Vec<WordPair> {
        Vec::new()
    }

    /// Rewrite one piece of prose; `keep` lists phrases this page opts out of.
    pub fn rewrite(&self, text: &str, keep: &[String]) -> (String, Vec<Rewrite>) {
        let _ = (keep, &self.pairs);
        (text.to_string(), Vec::new())
    }
}
