//! `plainleaf build --watch`: build into the output folder, then keep it up to date on every
//! save through the live pipeline with a disk sink. A rebuild that fails (bad YAML, a broken
//! link) writes nothing, so the folder always holds the last site that built.

use plainleaf::error::Failed;
use plainleaf::pipeline::live::{rebuild_on_changes, Live, Report};
use plainleaf::pipeline::{stages::not_a_site, watch, BuildOptions, Sink};

use super::{plural, print_diagnostics, print_timings, stop_on_ctrl_c};

/// Build, then rebuild on every change until Ctrl-C, one line per rebuild.
pub fn run(options: &BuildOptions) -> Result<(), Failed> {
    let root = &options.root;
    if !root.join(plainleaf::load::SITE_FILE).is_file() {
        return Err(not_a_site(root).into());
    }
    let output = options.output_dir();
    plainleaf::output::write::check_output_dir(root, &output)?;
    // Watch before the first build, so a save during it is not lost.
    let watching = watch::start(watch::WatchOptions {
        root: root.clone(),
        ignored: vec![output.clone(), root.join("target")],
        quiet: watch::QUIET,
    })?;
    stop_on_ctrl_c();
    let mut live = Live::new(options.clone(), Sink::Disk(output));
    let first = Report { trigger: None, result: live.build_all() };
    print_run(&live, &first);
    println!("watching {} for changes (Ctrl-C to stop)", root.display());
    rebuild_on_changes(&mut live, &watching, print_run);
    Ok(())
}

/// One line (after any problems) for one run of the pipeline.
fn print_run(live: &Live, report: &Report) {
    let output = live.options().output_dir();
    let step = match &report.result {
        Ok(step) if step.broken.is_empty() => step,
        Ok(step) => return failed(report, &step.broken, &output),
        Err(Failed(list)) => return failed(report, list, &output),
    };
    print_timings(&step.timings);
    print_diagnostics(&step.applied.warnings);
    match &report.trigger {
        None => println!(
            "built {} pages ({} articles) into {} in {} ms: {} files written",
            step.pages,
            step.articles,
            output.display(),
            step.millis,
            step.written
        ),
        Some(what) => println!(
            "changed {what}: {}{} file{} written in {} ms",
            if step.applied.full { "rebuilt the site, " } else { "" },
            step.written,
            plural(step.written),
            step.millis
        ),
    }
}

fn failed(report: &Report, list: &[plainleaf::error::Diagnostic], output: &std::path::Path) {
    print_diagnostics(list);
    match &report.trigger {
        None => eprintln!("the site does not build yet; fix the error and save, and it builds again"),
        Some(what) => eprintln!(
            "changed {what}: the site does not build; {} keeps the last version that did",
            output.display()
        ),
    }
}
