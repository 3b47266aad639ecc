//! `plainleaf check`: run the pipeline with a memory sink and print the editor's report.

use plainleaf::error::{Diagnostic, Failed};
use plainleaf::pipeline::{build_once, BuildOptions, Sink};

use super::{plural, print_diagnostics, print_timings};

/// How the report is asked for.
pub struct CheckArgs {
    /// Print JSON instead of a table.
    pub json: bool,
    /// Fail on warnings and on pages above their reading-grade target too.
    pub strict: bool,
    /// Also list every external link.
    pub links: bool,
}

/// Build in memory, print the report, and fail when it has errors (or warnings, when strict).
pub fn run(options: &BuildOptions, args: &CheckArgs) -> Result<(), Failed> {
    let built = build_once(options, &Sink::Memory)?;
    print_timings(&built.timings);
    let rendered = &built.rendered;
    let report = plainleaf::report::build_report(rendered);
    if args.links {
        let external = plainleaf::output::links::external_links(&rendered.files);
        for (page, url) in &external {
            println!("{page} -> {url}");
        }
        println!(
            "{} external link{} (not fetched; internal links are checked by every build)",
            external.len(),
            plural(external.len())
        );
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        print_diagnostics(&rendered.warnings);
        print!("{}", plainleaf::report::render_text(&report));
    }
    let failing = report.summary.errors > 0
        || (args.strict
            && (report.summary.warnings > 0
                || report.summary.over_target > 0
                || rendered.warnings.iter().any(Diagnostic::fails_strict)));
    if failing {
        let why = if report.summary.errors > 0 { "errors" } else { "warnings (--strict)" };
        return Err(Failed(vec![Diagnostic::error(None, format!("check failed: the report has {why}"))]));
    }
    Ok(())
}
