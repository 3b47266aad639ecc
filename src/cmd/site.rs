//! `plainleaf new` and `plainleaf import`: start a site, and start pages from seed files.

use std::path::{Path, PathBuf};

use plainleaf::error::Failed;

/// Create a starter site and say what to do next.
pub fn new(dir: &Path) -> Result<(), Failed> {
    plainleaf::scaffold::new_site(dir)?;
    println!("created a starter site in {}", dir.display());
    println!("next: cd {} && plainleaf serve   (or plainleaf build)", dir.display());
    Ok(())
}

/// Write a draft page for each seed and name each one.
pub fn import(root: &Path, seeds: &[PathBuf]) -> Result<(), Failed> {
    for path in plainleaf::scaffold::import(root, seeds)? {
        println!("wrote {} (a draft: fill in the TODO lines)", path.display());
    }
    Ok(())
}
