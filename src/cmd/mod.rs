//! The command line's drivers: each runs the library's pipeline and is the only code (with
//! `main.rs`) that prints, exits or handles Ctrl-C.

pub mod build;
pub mod check;
pub mod handouts;
pub mod readability;
pub mod review;
pub mod serve;
pub mod site;
pub mod watch;

use plainleaf::error::Diagnostic;
use plainleaf::pipeline::Lap;

/// Print problems to standard error, one each.
pub fn print_diagnostics(list: &[Diagnostic]) {
    for d in list {
        eprintln!("{d}");
    }
}

/// Print how long each stage took when `PLAINLEAF_TIMINGS` is set (for profiling builds).
pub fn print_timings(laps: &[Lap]) {
    if std::env::var_os("PLAINLEAF_TIMINGS").is_some() {
        for lap in laps {
            eprintln!("timing: {:<24} {:>8.1} ms", lap.stage, lap.millis);
        }
    }
}

/// "s" unless there is exactly one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Stop on Ctrl-C once no files are being written, saying so.
pub fn stop_on_ctrl_c() {
    let _ = ctrlc::set_handler(|| {
        let _writing = plainleaf::pipeline::hold_writes();
        eprintln!("\nstopped");
        std::process::exit(0);
    });
}
