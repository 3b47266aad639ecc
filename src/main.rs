//! The `plainleaf` command line: a thin shell over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use plainleaf::error::{Diagnostic, Failed};

/// plainleaf: build plain-language patient education sites.
#[derive(Parser)]
#[command(name = "plainleaf", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: ROOT/public).
        #[arg(long)]
        output: Option<PathBuf>,
        /// The public address (for sitemap, feed and canonical links); overrides site.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Also build pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Use this theme instead of the one in site.yaml.
        #[arg(long)]
        theme: Option<String>,
        /// Build even when a page's review is overdue and site.yaml has `review: { overdue: error }`.
        #[arg(long)]
        allow_stale: bool,
        /// Fail (exit 1, nothing written) on any warning, such as an overdue review.
        #[arg(long)]
        strict: bool,
        /// Keep running: after every save, rebuild what changed and write only the files
        /// whose bytes changed (Ctrl-C to stop).
        #[arg(long)]
        watch: bool,
    },
    /// The editor's report: reading level and what to fix on every page.
    Check {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail (exit 1) on warnings too, and when a page is above its reading-grade target.
        #[arg(long)]
        strict: bool,
        /// Also check pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Treat overdue reviews as warnings, even under `review: { overdue: error }`.
        #[arg(long)]
        allow_stale: bool,
        /// Also list every external link (page -> URL); nothing is fetched.
        #[arg(long)]
        links: bool,
    },
    /// Reading measures for any text file, or standard input with `-`.
    Readability {
        /// A text or Markdown file; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// Output format (JSON lists every word with its syllables).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Preview the site: build it in memory, serve it, and rebuild on every save.
    Serve {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (the next free one is used when it is taken).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but 127.0.0.1 shares the preview on the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the preview in the browser.
        #[arg(long)]
        open: bool,
        /// Also show pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Use this theme instead of the one in site.yaml.
        #[arg(long)]
        theme: Option<String>,
    },
    /// Create a starter site in a new folder.
    New {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Write a page skeleton in content/ for each seed file in seeds/.
    Import {
        /// Seed files (in the site's seeds/ folder).
        #[arg(required = true)]
        seeds: Vec<PathBuf>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// How a report is printed.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A table for people.
    Text,
    /// JSON for scripts and CI.
    Json,
}

fn print_diagnostics(list: &[Diagnostic]) {
    for d in list {
        eprintln!("{d}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed(list)) => {
            print_diagnostics(&list);
            let errors = list.iter().filter(|d| d.is_error()).count();
            eprintln!("plainleaf: failed with {errors} error{}", if errors == 1 { "" } else { "s" });
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<(), Failed> {
    match command {
        Command::Build { root, output, base_url, drafts, theme, allow_stale, strict, watch } => {
            let options = plainleaf::BuildOptions {
                root,
                output,
                base_url,
                drafts,
                theme,
                preview: false,
                allow_stale,
                strict,
                prose_checks: false,
            };
            if watch {
                return plainleaf::watch_build::run(&options);
            }
            let summary = plainleaf::build_site(&options)?;
            print_diagnostics(&summary.warnings);
            println!(
                "built {} pages ({} articles) into {} in {} ms: {} written, {} unchanged, {} warning{}",
                summary.pages,
                summary.articles,
                summary.output.display(),
                summary.millis,
                summary.written,
                summary.unchanged,
                summary.warnings.len(),
                if summary.warnings.len() == 1 { "" } else { "s" }
            );
            Ok(())
        }
        Command::Check { root, format, strict, drafts, allow_stale, links } => {
            let options = plainleaf::BuildOptions {
                root,
                drafts,
                allow_stale,
                prose_checks: true,
                ..plainleaf::BuildOptions::default()
            };
            let rendered = plainleaf::build::render_in_memory(&options)?;
            let report = plainleaf::report::build_report(&rendered);
            if links {
                let external = plainleaf::output::links::external_links(&rendered.files);
                for (page, url) in &external {
                    println!("{page} -> {url}");
                }
                println!(
                    "{} external link{} (not fetched; internal links are checked by every build)",
                    external.len(),
                    if external.len() == 1 { "" } else { "s" }
                );
            }
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default()),
                Format::Text => {
                    print_diagnostics(&rendered.warnings);
                    print!("{}", plainleaf::report::render_text(&report));
                }
            }
            let failing = report.summary.errors > 0
                || (strict
                    && (report.summary.warnings > 0
                        || report.summary.over_target > 0
                        || !rendered.warnings.is_empty()));
            if failing {
                let why = if report.summary.errors > 0 { "errors" } else { "warnings (--strict)" };
                return Err(Failed(vec![Diagnostic::error(
                    None,
                    format!("check failed: the report has {why}"),
                )]));
            }
            Ok(())
        }
        Command::Readability { file, format } => {
            let (name, text) = read_input(file.as_deref())?;
            let measured = plainleaf::report::measure_text(&text, name.ends_with(".md"));
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&measured).unwrap_or_default()),
                Format::Text => print!("{}", measured.to_text()),
            }
            Ok(())
        }
        Command::Serve { root, port, bind, open, drafts, theme } => {
            plainleaf::serve::run(&plainleaf::serve::ServeOptions { root, port, bind, open, drafts, theme })
        }
        Command::New { dir } => {
            plainleaf::scaffold::new_site(&dir)?;
            println!("created a starter site in {}", dir.display());
            println!("next: cd {} && plainleaf serve   (or plainleaf build)", dir.display());
            Ok(())
        }
        Command::Import { seeds, root } => {
            for path in plainleaf::scaffold::import(&root, &seeds)? {
                println!("wrote {} (a draft: fill in the TODO lines)", path.display());
            }
            Ok(())
        }
    }
}

/// Read a file, or standard input for `-` or no file.
fn read_input(file: Option<&std::path::Path>) -> Result<(String, String), Failed> {
    use std::io::Read;
    match file {
        Some(path) if path != std::path::Path::new("-") => {
            let bytes = std::fs::read(path).map_err(|e| {
                Diagnostic::error(
                    Some(plainleaf::Location::file(path)),
                    format!("cannot read: {}", plainleaf::load::io_reason(&e)),
                )
            })?;
            Ok((path.display().to_string(), String::from_utf8_lossy(&bytes).into_owned()))
        }
        _ => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Diagnostic::error(None, format!("cannot read standard input: {e}")))?;
            Ok(("-".to_string(), text))
        }
    }
}
