//! The live site: a site kept in memory between saves, and the watcher that says what was
//! saved. [`rebuild::LiveSite`] re-processes only the edited pages and re-renders only the
//! pages that show something that changed; `serve` serves it from memory with live reload
//! and `build --watch` writes the changed files to the output folder.

pub mod rebuild;
pub mod watch;
