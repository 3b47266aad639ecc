//! Load stage: read `site.yaml`, every page under `content/`, the glossary and the seeds
//! the pages name. Every problem in every file is collected, so one run reports them all.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::content::Page;
use crate::error::{display_path, Diagnostic, Failed, Location};
use crate::glossary::Glossary;

/// The file holding the site settings.
pub const SITE_FILE: &str = "site.yaml";
/// The folder of content pages.
pub use crate::content::CONTENT_DIR;
/// The glossary file inside the content folder.
pub const GLOSSARY_FILE: &str = "content/glossary.yaml";

/// The glossary of a language other than the site's main one: `content/glossary.es.yaml`.
pub fn glossary_file(language: &str, config: &SiteConfig) -> PathBuf {
    if language.eq_ignore_ascii_case(&config.language) {
        PathBuf::from(GLOSSARY_FILE)
    } else {
        PathBuf::from(format!("{CONTENT_DIR}/glossary.{language}.yaml"))
    }
}
/// The folder of raw seed articles.
pub const SEEDS_DIR: &str = "seeds";

/// A seed article's text, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedText {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// The decoded text.
    pub text: String,
}

/// Everything the later stages need, read from disk once.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site folder.
    pub root: PathBuf,
    /// `site.yaml`.
    pub config: SiteConfig,
    /// Content pages (drafts only when asked for), sorted by path.
    pub pages: Vec<Page>,
    /// Seeds named by pages, by file name.
    pub seeds: HashMap<String, SeedText>,
    /// The glossary of the main language (empty when the site has none).
    pub glossary: Glossary,
    /// The glossaries of the other languages (`content/glossary.es.yaml`), by language;
    /// a language without one has an empty glossary.
    pub glossaries: BTreeMap<String, Glossary>,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
    /// Pages marked `draft: true` that were left out, by path.
    pub skipped_drafts: Vec<PathBuf>,
}

impl Site {
    /// The glossary of a language's pages (the main glossary for the main language).
    pub fn glossary_for(&self, language: &str) -> &Glossary {
        self.glossaries.get(language).unwrap_or(&self.glossary)
    }
}

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include pages marked `draft: true`.
    pub drafts: bool,
}

/// Load a site folder.
pub fn load_site(root: &Path, options: &LoadOptions) -> Result<Site, Failed> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    let config = match read_text(root, Path::new(SITE_FILE)) {
        Ok(text) => SiteConfig::parse(&text, Path::new(SITE_FILE)).map_err(|d| errors.push(d)).ok(),
        Err(d) => {
            errors.push(d.with_hint(format!(
                "is {} a plainleaf site? Create one with `plainleaf new FOLDER`, or pass --root",
                root.display()
            )));
            None
        }
    };

    // Each glossary is matched by its language's rules (a Spanish one folds accents).
    let main_language = config.as_ref().map_or("en", |c| c.language.as_str()).to_string();
    let glossary = read_glossary(root, Path::new(GLOSSARY_FILE), &main_language, &mut errors, &mut warnings);
    let glossaries: BTreeMap<String, Glossary> = config
        .iter()
        .flat_map(|c| c.other_languages().map(|l| (l.to_string(), glossary_file(l, c))))
        .map(|(language, file)| {
            let glossary = read_glossary(root, &file, &language, &mut errors, &mut warnings);
            (language, glossary)
        })
        .collect();

    let mut pages = Vec::new();
    // Pages are read and parsed in parallel; results keep the sorted file order.
    let files = content_files(root, &mut errors, &mut warnings);
    let parsed: Vec<Result<Page, Vec<Diagnostic>>> = {
        use rayon::prelude::*;
        files
            .par_iter()
            .map(|rel| read_text(root, rel).map_err(|d| vec![d]).and_then(|text| Page::parse(&text, rel)))
            .collect()
    };
    let mut skipped_drafts = Vec::new();
    let mut misplaced: Vec<Diagnostic> = Vec::new();
    for result in parsed {
        let result = match (result, &config) {
            (Ok(mut page), Some(c)) => match page.place(&c.languages) {
                Ok(()) => Ok(page),
                Err(d) => {
                    // Every page of a folder says the same: report the folder once.
                    if !misplaced.iter().any(|m| m.location == d.location && m.message == d.message) {
                        misplaced.push(d);
                    }
                    continue;
                }
            },
            (other, _) => other,
        };
        match result {
            Ok(page) if page.front.draft && !options.drafts => skipped_drafts.push(page.path.clone()),
            Ok(page) => pages.push(page),
            Err(list) => errors.extend(list),
        }
    }
    errors.extend(misplaced);
    check_duplicate_slugs(&pages, &mut errors);
    if let Some(c) = &config {
        check_translations(root, c, &pages, &mut errors);
    }

    let mut seeds = HashMap::new();
    for page in &pages {
        let Some(name) = &page.front.seed else { continue };
        if seeds.contains_key(name) {
            continue;
        }
        match read_seed(root, name) {
            Ok((seed, warning)) => {
                warnings.extend(warning);
                seeds.insert(name.clone(), seed);
            }
            Err(why) => errors.push(seed_error_at(root, page, name, why)),
        }
    }

    match config {
        Some(config) if errors.is_empty() => Ok(Site {
            root: root.to_path_buf(),
            config,
            pages,
            seeds,
            glossary,
            glossaries,
            warnings,
            skipped_drafts,
        }),
        _ => Err(Failed(errors)),
    }
}

/// A glossary file read by `language`'s matching rules, or an empty glossary when the file does not exist.
fn read_glossary(
    root: &Path,
    file: &Path,
    language: &str,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Glossary {
    if !root.join(file).exists() {
        return Glossary::default();
    }
    match read_text(root, file) {
        Ok(text) => match Glossary::parse_for(language, &text, file) {
            Ok((g, w)) => {
                warnings.extend(w);
                g
            }
            Err(Failed(list)) => {
                errors.extend(list);
                Glossary::default()
            }
        },
        Err(d) => {
            errors.push(d);
            Glossary::default()
        }
    }
}

/// Each translation must name a main-language page that exists (at its `of:` line), and a
/// page has at most one translation per language.
fn check_translations(root: &Path, config: &SiteConfig, pages: &[Page], errors: &mut Vec<Diagnostic>) {
    let mut claimed: BTreeMap<(String, PathBuf), &Path> = BTreeMap::new();
    for page in pages {
        let Some(source) = page.translation_source() else { continue };
        let (line, col) = page.translation_of_at.unwrap_or((1, 1));
        let at = Some(Location::at(&page.path, line, Some(col)));
        let in_main_language = Page::language_folder(&source).is_none();
        if !in_main_language || !root.join(&source).is_file() {
            let rel = source.strip_prefix(CONTENT_DIR).unwrap_or(&source).display().to_string();
            let available: Vec<String> = std::fs::read_dir(root.join(CONTENT_DIR))
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .filter(|n| n.ends_with(".md"))
                        .collect()
                })
                .unwrap_or_default();
            let refs: Vec<&str> = available.iter().map(String::as_str).collect();
            let why = if in_main_language {
                "there is no such page"
            } else {
                "that page is not in the site's main language"
            };
            let hint = match crate::error::did_you_mean(&rel, &refs) {
                Some(s) => format!("did you mean `{s}`? `of:` names the {} page's file inside content/", config.language),
                None => format!(
                    "write the {} page's file name inside content/ after `of:`, like of: gene-therapy.md (without `of:`, the same file name as this page)",
                    config.language
                ),
            };
            errors.push(
                Diagnostic::error(at, format!("this page translates {}, but {why}", source.display()))
                    .with_hint(hint),
            );
            continue;
        }
        if let Some(first) = claimed.insert((page.language.clone(), source.clone()), &page.path) {
            errors.push(
                Diagnostic::error(
                    at,
                    format!("this page and {} both translate {} into `{}`", first.display(), source.display(), page.language),
                )
                .with_hint("keep one translation per page and language: remove the `translation:` block from one of them"),
            );
        }
    }
}

/// Every `.md` file under `content/`, site-relative and sorted; editor swap and backup files skipped.
/// A folder named like a page (`content/weird.md/`) is reported, as its name says "page".
fn content_files(root: &Path, errors: &mut Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let content_real = dir.canonicalize().unwrap_or_else(|_| dir.clone());
    let mut loops: Vec<PathBuf> = Vec::new();
    let mut links_back: Vec<PathBuf> = Vec::new();
    // A folder link that leads back into content/ (or above it) would read pages twice or
    // forever: report the link itself, once, and do not follow it.
    let walker =
        walkdir::WalkDir::new(&dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
            if e.depth() == 0 || !e.path_is_symlink() || !e.file_type().is_dir() {
                return true;
            }
            let target = e.path().canonicalize().unwrap_or_else(|_| e.path().to_path_buf());
            let loops_back = target.starts_with(&content_real) || content_real.starts_with(&target);
            if loops_back {
                links_back.push(e.path().to_path_buf());
            }
            !loops_back
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let path = e.path();
                let name = e.file_name().to_string_lossy();
                if path.extension().is_some_and(|x| x == "md") && !is_editor_temp(&name) {
                    files.push(display_path(root, path));
                }
            }
            Ok(e)
                if e.depth() > 0
                    && e.file_type().is_dir()
                    && e.path().extension().is_some_and(|x| x == "md") =>
            {
                warnings.push(
                    Diagnostic::warning(
                        Some(Location::file(display_path(root, e.path()))),
                        "this is a folder named like a page, so it is not built as one (pages inside it still are)",
                    )
                    .with_hint("rename the folder so it does not end in .md, or move its text into a .md file"),
                );
            }
            Ok(_) => {}
            Err(e) => {
                let path =
                    e.path().map(|p| display_path(root, p)).unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                if e.loop_ancestor().is_some() {
                    loops.push(root.join(path));
                    continue;
                }
                let reason = e.io_error().map(io_reason).unwrap_or_else(|| e.to_string());
                errors.push(
                    Diagnostic::error(Some(Location::file(path)), format!("cannot read this: {reason}"))
                        .with_hint("check that the file or folder exists and that you may read it"),
                );
            }
        }
    }
    loops.extend(links_back);
    loops.dedup();
    for link in loops {
        let shown = display_path(root, &link);
        let target =
            std::fs::read_link(&link).map(|t| format!(" (it points to {})", t.display())).unwrap_or_default();
        errors.push(
            Diagnostic::error(
                Some(Location::file(&shown)),
                format!("this folder link leads back into content/{target}, so its pages would be read again and again (a symlink loop)"),
            )
            .with_hint("remove the link, or make it point to a folder outside the site"),
        );
    }
    files
}

/// Editors' swap, backup and lock files, which are never pages.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with(".#")
        || name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

fn check_duplicate_slugs(pages: &[Page], errors: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for page in pages {
        if let Some(first) = seen.insert(&page.slug, &page.path) {
            errors.push(
                Diagnostic::error(
                    Some(Location::file(&page.path)),
                    format!("this page and {} both have the address `{}/`", first.display(), page.slug),
                )
                .with_hint("give one of them a different file name or a `slug:` in its front-matter"),
            );
            seen.insert(&page.slug, first);
        }
    }
}

/// Read a site file as UTF-8 text, as a diagnostic naming the file when it fails.
pub fn read_text(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| {
        Diagnostic::error(Some(Location::file(rel)), format!("cannot read this file: {}", io_reason(&e)))
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col_of_byte(e.as_bytes(), e.utf8_error().valid_up_to());
        Diagnostic::error(Some(Location::at(rel, line, Some(col))), "this file is not UTF-8 text")
            .with_hint("save it as UTF-8 in your editor (\"Save with encoding\" > UTF-8)")
    })
}

/// A short, plain reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "it does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

fn line_col_of_byte(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, col)
}

/// Why a seed could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeedProblem {
    /// The seed file is missing or unreadable.
    #[error("the seed file {0} cannot be read: {1}")]
    Unreadable(String, String),
    /// The seed file has no text.
    #[error("the seed file {0} is empty")]
    Empty(String),
    /// The seed file is not text.
    #[error("the seed file {0} is not a text file (it contains binary data)")]
    Binary(String),
    /// The seed name tries to leave `seeds/`.
    #[error("the seed name {0:?} must be a file name inside seeds/")]
    BadName(String),
}

/// Read one seed by file name; non-UTF-8 text is decoded as Windows-1252 with a warning.
pub fn read_seed(root: &Path, name: &str) -> Result<(SeedText, Option<Diagnostic>), SeedProblem> {
    if name.contains('/') || name.contains('\\') || name.starts_with('.') || name.is_empty() {
        return Err(SeedProblem::BadName(name.to_string()));
    }
    let rel = Path::new(SEEDS_DIR).join(name);
    let shown = rel.display().to_string();
    let bytes =
        std::fs::read(root.join(&rel)).map_err(|e| SeedProblem::Unreadable(shown.clone(), io_reason(&e)))?;
    if crate::seed::is_binary(name, &bytes) {
        return Err(SeedProblem::Binary(shown));
    }
    let (text, warning) = match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let text = decode_windows_1252(e.as_bytes());
            let w = Diagnostic::warning(
                Some(Location::file(&rel)),
                "this seed is not UTF-8; it was read as Windows-1252 (curly quotes and dashes from Word)",
            )
            .with_hint("check the page for odd characters, and save the seed as UTF-8 to silence this");
            (text, Some(w))
        }
    };
    let text = crate::content::frontmatter::normalize_newlines(&text);
    if text.trim().is_empty() {
        return Err(SeedProblem::Empty(shown));
    }
    Ok((SeedText { path: rel, text }, warning))
}

fn seed_error_at(root: &Path, page: &Page, name: &str, why: SeedProblem) -> Diagnostic {
    let line = std::fs::read_to_string(root.join(&page.path))
        .ok()
        .and_then(|t| t.lines().position(|l| l.trim_start().starts_with("seed:")).map(|i| i + 1));
    let location = match line {
        Some(l) => Location::at(&page.path, l, Some(1)),
        None => Location::file(&page.path),
    };
    let hint = match &why {
        SeedProblem::Unreadable(..) | SeedProblem::BadName(_) => {
            let available = list_seeds(root);
            match crate::error::did_you_mean(name, &available.iter().map(String::as_str).collect::<Vec<_>>())
            {
                Some(s) => format!("did you mean `{s}`? Seeds are files in the seeds/ folder"),
                None => {
                    "put the seed file in the seeds/ folder and write its file name after `seed:`".to_string()
                }
            }
        }
        SeedProblem::Empty(_) => "paste the article text into the seed file, or remove `seed:`".to_string(),
        SeedProblem::Binary(_) => {
            "a seed must be plain text (.txt) or a saved web page (.html, .htm); copy the article into a new file"
                .to_string()
        }
    };
    Diagnostic::error(Some(location), why.to_string()).with_hint(hint)
}

fn list_seeds(root: &Path) -> Vec<String> {
    std::fs::read_dir(root.join(SEEDS_DIR))
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

/// Decode Windows-1252 bytes (what Word and old web pages write) into text.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

/// Cleans the seed file at `path` (what `plainleaf clean` shows), with the `boilerplate:` patterns and `language:` of the
/// `site.yaml` in `root` when there is one.
pub fn clean_seed_file(path: &Path, root: &Path) -> Result<crate::seed::CleanReport, Failed> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(Some(Location::file(path)), format!("cannot read this seed: {}", io_reason(&e)))
            .with_hint("give the path of a .txt, .html or .htm file, like seeds/asthma.txt")
    })?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if crate::seed::is_binary(&name, &bytes) {
        return Err(Diagnostic::error(
            Some(Location::file(path)),
            "this seed is not text (it contains binary data)",
        )
        .with_hint(
            "a seed is plain text (.txt) or a saved web page (.html); save the article as one of those",
        )
        .into());
    }
    let text = String::from_utf8(bytes).unwrap_or_else(|e| decode_windows_1252(e.as_bytes()));
    let text = crate::content::frontmatter::normalize_newlines(&text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Some(Location::file(path)), "this seed is empty")
            .with_hint("paste the article's text into the file, or save the web page again")
            .into());
    }
    let options = seed_options(root)?;
    let seed = crate::seed::normalize_seed(&name, &text, &options);
    Ok(crate::seed::report(
        &path.display().to_string(),
        crate::seed::is_html_name(&name),
        options.region,
        &seed,
    ))
}

/// The classifier options a site sets: its `boilerplate:` patterns and its date region.
pub fn seed_options(root: &Path) -> Result<crate::seed::Options, Failed> {
    let site = Path::new(SITE_FILE);
    if !root.join(site).is_file() {
        return Ok(crate::seed::Options::default());
    }
    let text = read_text(root, site).map_err(|d| Failed(vec![d]))?;
    let config = SiteConfig::parse(&text, site)?;
    Ok(crate::seed::Options {
        boilerplate: config.boilerplate.clone(),
        region: crate::seed::Region::from_language(&config.language),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_quotes_decode() {
        assert_eq!(decode_windows_1252(b"\x93Hi\x94 it\x92s"), "“Hi” it’s");
    }

    #[test]
    fn other_languages_have_their_own_glossary_file() {
        let c = SiteConfig::parse("title: X\nlanguages: [en, es]\n", Path::new("site.yaml")).unwrap();
        assert_eq!(glossary_file("es", &c), PathBuf::from("content/glossary.es.yaml"));
        assert_eq!(glossary_file("en", &c), PathBuf::from(GLOSSARY_FILE));
    }

    #[test]
    fn editor_temp_files_are_skipped() {
        for n in [".#a.md", "a.md~", ".a.md.swp", "4913"] {
            assert!(is_editor_temp(n), "{n}");
        }
        assert!(!is_editor_temp("gene-therapy.md"));
    }
}
