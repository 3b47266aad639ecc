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

/// Write the JSON Schemas and say where they went.
pub fn schema(root: &Path, output: Option<&Path>) -> Result<(), Failed> {
    let dir = output.map_or_else(|| root.join(plainleaf::schema::DEFAULT_DIR), Path::to_path_buf);
    for path in plainleaf::schema::write_all(&dir)? {
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// Set up Decap CMS in `static/admin/` and say what was written and what is left to do.
pub fn cms_decap(root: &Path, from: Option<&Path>) -> Result<(), Failed> {
    let setup = plainleaf::cms::setup_decap(root, from)?;
    super::print_diagnostics(&setup.warnings);
    for path in &setup.written {
        if path.extension().is_some_and(|e| e == "yml" || e == "html") || path.ends_with("decap-cms.js") {
            println!("wrote {}", path.display());
        }
    }
    if setup.copied_cms {
        let chunks = setup.written.len().saturating_sub(3);
        println!("copied the CMS and {chunks} file{} it loads on demand", super::plural(chunks));
    }
    if let Some(glossary) = &setup.glossary_moved_under_terms {
        println!(
            "rewrote {} with its entries under `terms:` (the same entries), so the CMS can edit it",
            glossary.display()
        );
    }
    println!("next: plainleaf build, then open admin/ on the site (docs/cms.md explains the git backends)");
    Ok(())
}
