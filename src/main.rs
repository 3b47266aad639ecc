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
        /// Build even when a page's review date has passed.
        #[arg(long)]
        allow_stale: bool,
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
        Command::Build { root, output, base_url, drafts, theme, allow_stale } => {
            let options = plainleaf::BuildOptions {
                root,
                output,
                base_url,
                drafts,
                theme,
                preview: false,
                allow_stale,
            };
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
