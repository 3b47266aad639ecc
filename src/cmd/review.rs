//! `plainleaf review`: every page's owner, sign-off, review status, reading grade and
//! unfinished parts, most urgent first; as a table, JSON or CSV, and as an HTML dashboard.

use std::path::{Path, PathBuf};

use plainleaf::error::{Diagnostic, Failed, Location};
use plainleaf::governance::{dashboard, table, ReviewReport};
use plainleaf::pipeline::{build_once, BuildOptions, Sink};

use super::print_timings;

/// How the review list is printed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ReviewFormat {
    /// A table for people.
    Table,
    /// JSON for scripts.
    Json,
    /// CSV for a spreadsheet.
    Csv,
}

/// Build in memory and print the review list; with `html`, also write the dashboard there.
pub fn run(options: &BuildOptions, format: ReviewFormat, html: Option<&Path>) -> Result<(), Failed> {
    if let Some(file) = html {
        check_dashboard_path(options, file)?;
    }
    let built = build_once(options, &Sink::Memory)?;
    print_timings(&built.timings);
    let rendered = &built.rendered;
    let report =
        ReviewReport::new(&rendered.articles, &rendered.site.config, plainleaf::pipeline::stages::today());
    match format {
        ReviewFormat::Table => print!("{}", table::render_table(&report)),
        ReviewFormat::Json => println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default()),
        ReviewFormat::Csv => print!("{}", table::render_csv(&report)),
    }
    if let Some(file) = html {
        std::fs::write(file, dashboard::render_html(&report)).map_err(|e| {
            Diagnostic::error(Some(Location::file(file)), format!("could not write the dashboard: {e}"))
                .with_hint("choose a file in a folder you can write to, like --html review.html")
        })?;
        eprintln!("wrote the review dashboard to {} ({} pages)", file.display(), report.pages.len());
    }
    Ok(())
}

/// The dashboard names who owns what and what is overdue: it must never be published, so a
/// file inside the output folder is refused before any work.
fn check_dashboard_path(options: &BuildOptions, file: &Path) -> Result<(), Failed> {
    let output = resolved(&options.output_dir());
    let target = resolved(file);
    if target.starts_with(&output) {
        return Err(Diagnostic::error(
            Some(Location::file(file)),
            format!(
                "the dashboard would be written inside the output folder {}, which is published",
                options.output_dir().display()
            ),
        )
        .with_hint("write it outside the output folder, like --html review.html in the site folder")
        .into());
    }
    if file.is_dir() {
        return Err(Diagnostic::error(Some(Location::file(file)), "--html names a folder")
            .with_hint("name a file, like --html review.html")
            .into());
    }
    Ok(())
}

/// An absolute path with as much of it resolved (symbolic links, `..`) as exists.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
    let mut out = existing.canonicalize().unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}
