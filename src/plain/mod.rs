//! Plain language: syllables, readability measures, plain-word rewriting and editor checks.

pub mod checks;
pub mod hints;
pub mod prose;
pub mod readability;
pub mod readability_es;
pub mod rewrite;
pub mod syllables;
pub mod syllables_es;
