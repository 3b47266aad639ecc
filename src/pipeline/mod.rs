//! The one build pipeline: load -> transform -> model -> render -> check -> emit.
//!
//! Every command runs these stages in this order; only the sink differs. [`build_once`] runs
//! them once (`plainleaf build` with a [`Sink::Disk`], `plainleaf check` with
//! [`Sink::Memory`]); [`live::Live`] keeps the site in memory and, on each save, re-runs only
//! what the edit reaches (`build --watch` with a disk sink, `serve` with a memory sink). Both
//! run the same check stage ([`check_site`]: every internal link and anchor of the whole site),
//! so the preview rejects what the build rejects. Nothing here prints or exits: progress and
//! problems come back as values for the command line to show.

pub mod incremental;
pub mod live;
pub mod stages;
mod stream;
pub mod watch;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use crate::article::Article;
use crate::error::{Diagnostic, Failed};
use crate::load::Site;
use crate::output::OutputFile;
use crate::theme::StaticFile;
use stages::{load_and_transform, publish, Bodies, Transformed};
pub use stages::{BuildOptions, Prepared};

/// Where a pipeline's finished files go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sink {
    /// Kept in memory only (the preview, the editor's report).
    Memory,
    /// Written to this output folder, each file atomically, only when its bytes changed.
    Disk(PathBuf),
}

/// Held while a disk sink writes, so a program stopping on Ctrl-C can wait for the current
/// file set to land (see [`hold_writes`]).
static WRITING: Mutex<()> = Mutex::new(());

/// Wait until no files are being written, and keep it so while the guard lives.
pub fn hold_writes() -> MutexGuard<'static, ()> {
    WRITING.lock().unwrap_or_else(|p| p.into_inner())
}

/// How long one stage took.
#[derive(Debug, Clone, PartialEq)]
pub struct Lap {
    /// The stage's name.
    pub stage: String,
    /// Wall time in milliseconds.
    pub millis: f64,
}

/// Records how long each stage takes (shown by the command line when `PLAINLEAF_TIMINGS` is set).
#[derive(Debug)]
pub struct StageClock {
    last: Instant,
    /// The stages timed so far, in order.
    pub laps: Vec<Lap>,
}

impl StageClock {
    /// Start timing.
    pub fn start() -> Self {
        StageClock { last: Instant::now(), laps: Vec::new() }
    }

    /// Note that `stage` just ended.
    pub fn lap(&mut self, stage: &str) {
        let now = Instant::now();
        self.laps.push(Lap { stage: stage.to_string(), millis: (now - self.last).as_secs_f64() * 1000.0 });
        self.last = now;
    }
}

/// Every file of the site in the order a sink takes them: static files first, so that a page
/// of the same name (later in the list) wins. The one place this rule lives.
pub fn merge<T>(statics: impl IntoIterator<Item = T>, pages: impl IntoIterator<Item = T>) -> Vec<T> {
    statics.into_iter().chain(pages).collect()
}

/// The check stage: every internal link and anchor of every page must reach a file of the
/// site. `files` are all the site's files as [`merge`] lists them; `sources` maps an article's
/// output path to its content file, so a message names the file to fix.
pub fn check_site(
    files: &[(&str, &[u8])],
    base_url: Option<&str>,
    sources: &HashMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    crate::output::links::check_links(files, base_url, sources)
}

/// Where each article page comes from, for the check stage's messages.
pub fn sources_of(articles: &[Article]) -> HashMap<String, PathBuf> {
    articles.iter().map(|a| (crate::article::article_url(&a.slug), a.path.clone())).collect()
}

/// A site rendered in memory, not yet written.
#[derive(Debug)]
pub struct RenderedSite {
    /// The loaded site.
    pub site: Site,
    /// Articles after the transform stages, sorted by title.
    pub articles: Vec<Article>,
    /// Rendered pages and site-wide files (empty after a disk build, which writes each page
    /// as soon as it is rendered).
    pub files: Vec<OutputFile>,
    /// How many HTML pages were rendered.
    pub pages: usize,
    /// Theme and site static files.
    pub statics: Vec<StaticFile>,
    /// Warnings from every stage.
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took.
    pub timings: Vec<Lap>,
}

/// Load, transform and render a site in memory.
pub fn render_in_memory(options: &BuildOptions) -> Result<RenderedSite, Failed> {
    let mut clock = StageClock::start();
    let Transformed { site, theme, mut articles, render_options, mut warnings } =
        load_and_transform(options, Bodies::Drop, &mut clock)?;
    if options.prose_checks {
        // The editor's report says which take-home sheets would not fit on one page.
        warnings.extend(crate::render::sheet_notes(
            &articles,
            &site.config,
            &theme,
            render_options.base_url.as_deref(),
        ));
    }
    let (mut files, _) = stages::render_pages(&site, &theme, &articles, &render_options)?;
    clock.lap("site model and render");
    // The body HTML now lives in the rendered pages; keeping a second copy would double it.
    for article in &mut articles {
        article.content_html = String::new();
    }
    let statics = theme.static_files.clone();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let generated = publish(&site, &render_options, &articles, &statics, &paths, &mut warnings);
    files.extend(generated);
    clock.lap("search, sitemap, feed");
    let all = merge(
        statics.iter().map(|s| (s.output_path.as_str(), &s.bytes[..])),
        files.iter().map(|f| (f.path.as_str(), &f.bytes[..])),
    );
    let broken = check_site(&all, render_options.base_url.as_deref(), &sources_of(&articles));
    if !broken.is_empty() {
        return Err(Failed(broken));
    }
    clock.lap("check links");
    if site.config.minify {
        crate::output::minify_pages(&mut files);
        clock.lap("minify");
    }
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    Ok(RenderedSite { site, articles, files, pages, statics, warnings, timings: clock.laps })
}

/// The warnings of a build run with `--strict`, and the error that says nothing was written.
fn strict_failure(mut warnings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let count = crate::error::strict_count(&warnings);
    warnings.push(
        Diagnostic::error(
            None,
            format!(
                "the build has {count} warning{} and --strict is on, so nothing was written",
                if count == 1 { "" } else { "s" }
            ),
        )
        .with_hint("fix the warnings above, or build without --strict to publish anyway"),
    );
    warnings
}

/// What a one-shot build did.
#[derive(Debug)]
pub struct Built {
    /// The site as rendered and checked.
    pub rendered: RenderedSite,
    /// Files written (changed bytes); 0 for a memory sink.
    pub written: usize,
    /// Files kept as they were on disk; 0 for a memory sink.
    pub unchanged: usize,
    /// Wall time in milliseconds.
    pub millis: u128,
    /// How long each stage took.
    pub timings: Vec<Lap>,
}

impl Built {
    /// HTML pages built.
    pub fn pages(&self) -> usize {
        self.rendered.pages
    }
}

/// Run every stage once and hand the files to `sink`. A problem at any stage (a broken link
/// included) fails the whole build, and then nothing is written.
pub fn build_once(options: &BuildOptions, sink: &Sink) -> Result<Built, Failed> {
    let started = Instant::now();
    if let Sink::Disk(output) = sink {
        // Check the output folder before any work, so a dangerous --output fails fast.
        crate::output::write::check_output_dir(&options.root, output)?;
    }
    let (mut rendered, written, unchanged) = match sink {
        Sink::Memory => {
            let rendered = render_in_memory(options)?;
            if options.strict && rendered.warnings.iter().any(Diagnostic::fails_strict) {
                return Err(Failed(strict_failure(rendered.warnings)));
            }
            (rendered, 0, 0)
        }
        Sink::Disk(output) => {
            let (rendered, stats) = stream::build_to_disk(options, output)?;
            (rendered, stats.written, stats.unchanged)
        }
    };
    let timings = rendered.timings.clone();
    // Said after the strict check: a draft is work in progress, not a fault in what is
    // published; `check` lists drafts in its report instead.
    if matches!(sink, Sink::Disk(_)) {
        rendered.warnings.extend(stages::drafts_not_built(&rendered.site.skipped_drafts));
    }
    Ok(Built { rendered, written, unchanged, millis: started.elapsed().as_millis(), timings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_win_over_static_files_of_the_same_name() {
        let files = merge([("a.txt", "static"), ("b.txt", "static")], [("a.txt", "page")]);
        let served: HashMap<&str, &str> = files.into_iter().collect();
        assert_eq!(served["a.txt"], "page");
        assert_eq!(served["b.txt"], "static");
    }

    #[test]
    fn the_clock_names_each_stage_in_order() {
        let mut clock = StageClock::start();
        clock.lap("load");
        clock.lap("render");
        let names: Vec<&str> = clock.laps.iter().map(|l| l.stage.as_str()).collect();
        assert_eq!(names, ["load", "render"]);
        assert!(clock.laps.iter().all(|l| l.millis >= 0.0));
    }
}
