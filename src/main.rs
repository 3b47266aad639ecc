//! The `plainleaf` command line: parses the arguments and hands each command to its driver
//! in `cmd/`. Only this file and `cmd/` print or exit.

use std::path::PathBuf;
use std::process::ExitCode;

mod cmd;

/// Pages are rendered on one thread and written (and freed) on another: glibc's allocator
/// serialised those frees on its arena locks, mimalloc frees them without a lock.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use plainleaf::error::Failed;
use plainleaf::pipeline::BuildOptions;
use plainleaf::serve::ServeOptions;

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
        /// The paper the handouts are laid out for; overrides site.yaml's `paper`.
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
    },
    /// Print one PDF per article (the full handout, or with --sheet the one-page take-home
    /// sheet) with a locally installed Chromium or Chrome.
    Handouts {
        /// The one-page take-home sheets instead of the full handouts.
        #[arg(long)]
        sheet: bool,
        /// The paper to print on; overrides site.yaml's `paper`.
        #[arg(long, value_enum)]
        paper: Option<PaperArg>,
        /// Where to write the PDFs (default: ROOT/handouts).
        #[arg(long)]
        output: Option<PathBuf>,
        /// The Chromium or Chrome program (default: the first found on PATH).
        #[arg(long)]
        browser: Option<PathBuf>,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The public address (for the sheets' QR codes); overrides site.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Use this theme instead of the one in site.yaml.
        #[arg(long)]
        theme: Option<String>,
        /// Also print pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print even when a page's review is overdue and site.yaml has `review: { overdue: error }`.
        #[arg(long)]
        allow_stale: bool,
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
    /// Every page's owner, sign-off, review status, reading grade and unfinished parts, most urgent first.
    Review {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReviewAs::Table)]
        format: ReviewAs,
        /// Also write the dashboard as one self-contained HTML file (outside the output folder).
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Also list pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Reading measures for any text file, or standard input with `-`.
    Readability {
        /// A text or Markdown file; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// Output format (JSON lists every word with its syllables).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The text's language: `en` (Flesch-Kincaid and the English measures) or `es`
        /// (Fernández-Huerta, Szigriszt-Pazos and the INFLESZ scale).
        #[arg(long, default_value = "en")]
        language: String,
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
        /// Also set up a web editor for staff: `decap` writes static/admin/ (see `plainleaf cms`).
        #[arg(long, value_enum)]
        cms: Option<Cms>,
        /// With --cms: the decap-cms package (a folder from `npm install decap-cms`, or its dist/) to copy.
        #[arg(long, requires = "cms")]
        cms_from: Option<PathBuf>,
    },
    /// Write JSON Schemas of site.yaml, page front-matter, glossary.yaml and theme.yaml, so
    /// editors check those files as you type.
    Schema {
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the schemas (default: ROOT/schemas, where the files' modelines point).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Set up a web editor (a git-based CMS) for staff who do not use a terminal.
    Cms {
        /// The CMS (only `decap` for now).
        #[arg(value_enum)]
        cms: Cms,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The decap-cms package to copy into static/admin/ (a folder from `npm install
        /// decap-cms`, or its dist/); default: ROOT/node_modules/decap-cms.
        #[arg(long)]
        from: Option<PathBuf>,
    },
    /// Show exactly what the build uses from one seed: title, headings, body, lists, lifted facts, gaps.
    Clean {
        /// The seed file (.txt, or a saved web page: .html, .htm).
        seed: PathBuf,
        /// The site folder (its site.yaml gives `boilerplate:` patterns and the date region).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format (the JSON schema is in docs/cleaner.md).
        #[arg(long, value_enum, default_value_t = CleanAs::Text)]
        format: CleanAs,
        /// Also list every dropped, lifted or re-typed line with its line number and the reason.
        #[arg(long)]
        explain: bool,
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

/// A paper size on the command line.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum PaperArg {
    /// US Letter (8.5 x 11 in).
    Letter,
    /// A4 (210 x 297 mm).
    A4,
}

impl From<PaperArg> for plainleaf::config::Paper {
    fn from(p: PaperArg) -> Self {
        match p {
            PaperArg::Letter => plainleaf::config::Paper::Letter,
            PaperArg::A4 => plainleaf::config::Paper::A4,
        }
    }
}

/// How a report is printed.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A table for people.
    Text,
    /// JSON for scripts and CI.
    Json,
}

/// A web editor `plainleaf new --cms` and `plainleaf cms` can set up.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Cms {
    /// Decap CMS (formerly Netlify CMS): static/admin/ with its config.yml.
    Decap,
}

/// How `review` prints the list.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReviewAs {
    /// A table for people.
    Table,
    /// JSON for scripts.
    Json,
    /// CSV for a spreadsheet.
    Csv,
}

/// How `clean` prints a seed.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CleanAs {
    /// Blocks and lifted facts for people.
    Text,
    /// The Markdown the build renders.
    Markdown,
    /// JSON for scripts and tests.
    Json,
}

/// One malloc arena for every thread (glibc only): per-thread arenas hold freed memory each,
/// which made a 10,000-page build's peak 6% higher for no gain in speed on 2 cores.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    // SAFETY: mallopt only changes allocator tuning; it is called before any other thread
    // exists and its result (0 when refused) needs no handling.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}

fn main() -> ExitCode {
    one_malloc_arena();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed(list)) => {
            cmd::print_diagnostics(&list);
            let errors = list.iter().filter(|d| d.is_error()).count();
            eprintln!("plainleaf: failed with {errors} error{}", cmd::plural(errors));
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<(), Failed> {
    match command {
        Command::Build { root, output, base_url, drafts, theme, allow_stale, strict, watch, paper } => {
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                theme,
                preview: false,
                allow_stale,
                strict,
                prose_checks: false,
                paper: paper.map(Into::into),
            };
            if watch {
                cmd::watch::run(&options)
            } else {
                cmd::build::run(&options)
            }
        }
        Command::Check { root, format, strict, drafts, allow_stale, links } => {
            let options =
                BuildOptions { root, drafts, allow_stale, prose_checks: true, ..BuildOptions::default() };
            cmd::check::run(&options, &cmd::check::CheckArgs { json: format == Format::Json, strict, links })
        }
        Command::Review { root, format, html, drafts } => {
            // Overdue pages are what the list is for: they never stop it.
            let options = BuildOptions { root, drafts, allow_stale: true, ..BuildOptions::default() };
            let format = match format {
                ReviewAs::Table => cmd::review::ReviewFormat::Table,
                ReviewAs::Json => cmd::review::ReviewFormat::Json,
                ReviewAs::Csv => cmd::review::ReviewFormat::Csv,
            };
            cmd::review::run(&options, format, html.as_deref())
        }
        Command::Readability { file, format, language } => {
            cmd::readability::run(file.as_deref(), format == Format::Json, &language)
        }
        Command::Serve { root, port, bind, open, drafts, theme } => {
            cmd::serve::run(&ServeOptions { root, port, bind, open, drafts, theme })
        }
        Command::New { dir, cms, cms_from } => {
            cmd::site::new(&dir)?;
            match cms {
                Some(Cms::Decap) => cmd::site::cms_decap(&dir, cms_from.as_deref()),
                None => Ok(()),
            }
        }
        Command::Schema { root, output } => cmd::site::schema(&root, output.as_deref()),
        Command::Cms { cms: Cms::Decap, root, from } => cmd::site::cms_decap(&root, from.as_deref()),
        Command::Handouts { sheet, paper, output, browser, root, base_url, theme, drafts, allow_stale } => {
            let options = BuildOptions {
                root,
                base_url,
                theme,
                drafts,
                allow_stale,
                paper: paper.map(Into::into),
                ..BuildOptions::default()
            };
            cmd::handouts::run(&options, &cmd::handouts::HandoutsArgs { sheet, output, browser })
        }
        Command::Clean { seed, root, format, explain } => {
            let format = match format {
                CleanAs::Text => plainleaf::seed::CleanFormat::Text,
                CleanAs::Markdown => plainleaf::seed::CleanFormat::Markdown,
                CleanAs::Json => plainleaf::seed::CleanFormat::Json,
            };
            cmd::site::clean(&seed, &root, format, explain)
        }
        Command::Import { seeds, root } => cmd::site::import(&root, &seeds),
    }
}
