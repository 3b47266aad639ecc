//! Plain-language checks an editor acts on (long sentences, passive voice, ...). (STUB.)

use serde::Serialize;

use super::readability::ProseBlock;

/// One finding on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// A stable machine name, e.g. `long-sentence`.
    pub code: String,
    /// What to look at, in plain words.
    pub message: String,
    /// The text it is about.
    pub excerpt: Option<String>,
}

/// Run the prose checks on a page body.
pub fn check_prose(blocks: &[ProseBlock]) -> Vec<Flag> {
    let _ = blocks;
    Vec::new()
}
