//! `plainleaf serve`: the live pipeline with a memory sink, served with live reload.

use plainleaf::error::{Diagnostic, Failed};
use plainleaf::pipeline::live::Report;
use plainleaf::serve::{start, ServeOptions};

use super::{plural, print_diagnostics, print_timings};

/// Run the preview server until Ctrl-C.
pub fn run(options: &ServeOptions) -> Result<(), Failed> {
    let running = start(options, print_run)?;
    if options.port != 0 && running.port != options.port {
        eprintln!("port {} is in use; using port {}", options.port, running.port);
    }
    if running.shared {
        eprintln!(
            "warning: --bind {} lets other computers on the network see this preview, drafts included\n  \
             help: use the default (127.0.0.1) unless you mean to share it",
            options.bind
        );
    }
    println!("Serving {} at {} (Ctrl-C to stop)", running.title, running.url);
    // Ctrl-C: nothing to clean up (nothing is written), so leave at once and say so.
    super::stop_on_ctrl_c();
    if options.open {
        open_browser(&running.url);
    }
    let _ = running.rebuilds.join();
    Ok(())
}

/// What the terminal says about one run (the browser shows the same problems).
fn print_run(report: &Report) {
    let step = match &report.result {
        Ok(step) => step,
        Err(Failed(list)) => return failed(report, list),
    };
    print_timings(&step.timings);
    let applied = &step.applied;
    let counted = plainleaf::error::strict_count(&applied.warnings);
    if report.trigger.is_some() && applied.full && counted > 0 {
        // The full list was printed at start; repeating it on every save buries the news.
        eprintln!("{counted} warning{} (run `plainleaf build` to list them)", plural(counted));
    } else {
        print_diagnostics(&applied.warnings);
    }
    match &report.trigger {
        None => println!(
            "built {} pages ({} articles) in memory in {} ms",
            step.pages, step.articles, step.millis
        ),
        Some(what) if applied.full => println!("changed {what}: rebuilt the site in {} ms", step.millis),
        Some(what) => println!(
            "changed {what}: {} page{} processed, {} rendered in {} ms",
            applied.processed,
            plural(applied.processed),
            applied.rendered,
            step.millis
        ),
    }
    if !step.broken.is_empty() {
        print_diagnostics(&step.broken);
        eprintln!(
            "{} broken link{}: `plainleaf build` would refuse this site; the preview shows {} until fixed",
            step.broken.len(),
            plural(step.broken.len()),
            if step.broken.len() == 1 { "it" } else { "them" }
        );
    }
}

fn failed(report: &Report, list: &[Diagnostic]) {
    print_diagnostics(list);
    match &report.trigger {
        None => eprintln!("the site does not build yet; the preview shows the error until you fix it"),
        Some(what) => {
            eprintln!("changed {what}: the site does not build; the preview keeps the last version that did")
        }
    }
}

/// Open the preview in the default browser; a failure only means the writer opens it by hand.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    let _ = std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
