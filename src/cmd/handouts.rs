//! `plainleaf handouts`: build the site into a temporary folder with the one pipeline, then
//! print each article's handout (or take-home sheet) to PDF with a local headless browser.

use std::path::PathBuf;
use std::time::Instant;

use plainleaf::error::{Diagnostic, Failed};
use plainleaf::handout::pdf::{find_browser, print_all, PrintJob};
use plainleaf::pipeline::{build_once, BuildOptions, Sink};

use super::{plural, print_diagnostics, print_timings};

/// What to print and where.
pub struct HandoutsArgs {
    /// The one-page take-home sheets instead of the full handouts.
    pub sheet: bool,
    /// Where the PDFs go (default: ROOT/handouts).
    pub output: Option<PathBuf>,
    /// The browser (default: found on PATH).
    pub browser: Option<PathBuf>,
}

/// A scratch folder removed when dropped, even when printing fails.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Find the browser, build, print one PDF per article, and say what was written.
pub fn run(options: &BuildOptions, args: &HandoutsArgs) -> Result<(), Failed> {
    let started = Instant::now();
    // Before any work: without a browser there is nothing to do.
    let browser = find_browser(args.browser.as_deref(), std::env::var_os("PATH").as_deref())?;
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let scratch =
        Scratch(std::env::temp_dir().join(format!("plainleaf-handouts-{}-{nanos}", std::process::id())));
    let site_dir = scratch.0.join("site");
    let built = build_once(
        &BuildOptions { output: Some(site_dir.clone()), ..options.clone() },
        &Sink::Disk(site_dir.clone()),
    )?;
    print_timings(&built.timings);
    let output = args.output.clone().unwrap_or_else(|| options.root.join("handouts"));
    std::fs::create_dir_all(&output).map_err(|e| {
        Diagnostic::error(
            Some(plainleaf::error::Location::file(&output)),
            format!("cannot make the folder: {e}"),
        )
        .with_hint("pass --output with a folder you can write to")
    })?;
    let jobs: Vec<PrintJob> = built
        .rendered
        .articles
        .iter()
        .map(|a| {
            let (page, name) = if args.sheet {
                (plainleaf::article::sheet_url(&a.slug), format!("{}-sheet.pdf", a.slug))
            } else {
                (plainleaf::article::article_url(&a.slug), format!("{}.pdf", a.slug))
            };
            PrintJob { page: site_dir.join(page), pdf: output.join(name) }
        })
        .collect();
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get()).min(4);
    let printed = print_all(&browser, &jobs, parallel, &scratch.0.join("profiles")).map_err(Failed)?;
    print_diagnostics(&built.rendered.warnings);
    let what = if args.sheet { "take-home sheet" } else { "handout" };
    for p in &printed {
        println!("{} ({} page{})", p.pdf.display(), p.pages, plural(p.pages));
    }
    let pages: usize = printed.iter().map(|p| p.pages).sum();
    println!(
        "printed {} {what}{} ({pages} page{}) into {} in {} ms with {}",
        printed.len(),
        plural(printed.len()),
        plural(pages),
        output.display(),
        started.elapsed().as_millis(),
        browser.display()
    );
    Ok(())
}
