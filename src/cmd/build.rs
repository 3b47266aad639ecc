//! `plainleaf build`: run the pipeline once into the output folder.

use plainleaf::error::Failed;
use plainleaf::pipeline::{build_once, BuildOptions, Sink};

use super::{plural, print_diagnostics, print_timings};

/// Build the site and say what was written.
pub fn run(options: &BuildOptions) -> Result<(), Failed> {
    let output = options.output_dir();
    let built = build_once(options, &Sink::Disk(output.clone()))?;
    print_timings(&built.timings);
    let warnings = &built.rendered.warnings;
    print_diagnostics(warnings);
    let counted = plainleaf::error::strict_count(warnings);
    println!(
        "built {} pages ({} articles) into {} in {} ms: {} written, {} unchanged, {} warning{}",
        built.pages(),
        built.rendered.articles.len(),
        output.display(),
        built.millis,
        built.written,
        built.unchanged,
        counted,
        plural(counted)
    );
    Ok(())
}
