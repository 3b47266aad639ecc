//! `plainleaf new`, `clean` and `import`: start a site, see what a seed gives, and start pages
//! from seed files.

use std::path::{Path, PathBuf};

use plainleaf::error::Failed;

/// Create a starter site and say what to do next.
pub fn new(dir: &Path) -> Result<(), Failed> {
    plainleaf::scaffold::new_site(dir)?;
    println!("created a starter site in {}", dir.display());
    println!("next: cd {} && plainleaf serve   (or plainleaf build)", dir.display());
    Ok(())
}

/// Print exactly what the build uses from one seed.
pub fn clean(
    seed: &Path,
    root: &Path,
    format: plainleaf::seed::CleanFormat,
    explain: bool,
) -> Result<(), Failed> {
    let report = plainleaf::load::clean_seed_file(seed, root)?;
    print!("{}", plainleaf::seed::render(&report, format, explain));
    Ok(())
}

/// Write a draft page for each seed and name each one, and each file skipped.
pub fn import(root: &Path, seeds: &[PathBuf]) -> Result<(), Failed> {
    let imported = plainleaf::scaffold::import(root, seeds)?;
    for (path, why) in &imported.skipped {
        println!("skipped {}: {why}", path.display());
    }
    for path in &imported.written {
        println!("wrote {} (a draft: fill in the TODO lines)", path.display());
    }
    Ok(())
}
