//! The page model: front-matter fields (checked strictly) and the Markdown body.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::frontmatter::{normalize_newlines, split, SplitError};
use super::get_help::GET_HELP_KEYS;
use super::raw_html::{in_body, in_yaml_fields, RawHtml, MARKDOWN_FIELDS};
use crate::error::yaml::yaml_diagnostic_in;
use crate::error::{Diagnostic, Location};
use crate::seed::{Edit, Fill};

/// Every key a page's front-matter accepts (for "did you mean").
pub const PAGE_KEYS: &[&str] = &[
    "title",
    "seed",
    "slug",
    "summary",
    "key_points",
    "actions",
    "questions_to_ask",
    "topics",
    "also_known_as",
    "reviewed",
    "sources",
    "fill",
    "edits",
    "boilerplate",
    "body_position",
    "plain_words",
    "keep_words",
    "reading_grade",
    "published",
    "draft",
    "owner",
    "codes",
    "get_help",
    "translation",
];

/// Every key a page's `translation:` block accepts (for "did you mean").
pub const TRANSLATION_KEYS: &[&str] = &["of", "by", "reviewed_by", "on"];

/// A translated page's record of what it translates, who translated it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The main-language page this one translates, as a file under `content/`
    /// (default: the same file name as this page, in `content/`).
    #[serde(default)]
    #[schemars(example = "gene-therapy-basics.md")]
    pub of: Option<String>,
    /// Who translated the page, with credentials.
    #[schemars(example = "Ana Ruiz, certified medical interpreter")]
    pub by: String,
    /// Who reviewed the translation, with credentials (`check` notes a translation nobody reviewed).
    #[serde(default)]
    pub reviewed_by: Option<String>,
    /// When the translation was made or last brought up to date with its page.
    #[schemars(with = "crate::schema_parts::IsoDate")]
    pub on: Date,
}

/// Where the Markdown body goes relative to the seed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BodyPosition {
    /// Before the seed text.
    Before,
    /// After the seed text (the default).
    #[default]
    After,
}

/// The review record shown in the review box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reviewed {
    /// When the page was last reviewed.
    #[schemars(with = "crate::schema_parts::IsoDate")]
    pub on: Date,
    /// Who reviewed it.
    #[serde(default)]
    #[schemars(example = "Dana Smith, RN")]
    pub by: Option<String>,
    /// When the next review is due.
    #[serde(default)]
    #[schemars(with = "Option<crate::schema_parts::IsoDate>")]
    pub next: Option<Date>,
    /// The reviewer's sign-off note (what was checked, conditions of approval).
    #[serde(default)]
    pub note: Option<String>,
}

/// A source the page is based on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The source's title or citation.
    pub title: String,
    /// Its address, when it has one.
    #[serde(default)]
    pub url: Option<String>,
}

/// A page's front-matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title (required unless the seed has a title line).
    #[serde(default)]
    pub title: Option<String>,
    /// The seed article this page's body comes from (a file in `seeds/`).
    #[serde(default)]
    #[schemars(example = "003_6c4427eec06df93d.txt")]
    pub seed: Option<String>,
    /// The URL slug (default: from the file name).
    #[serde(default)]
    #[schemars(example = "gene-therapy")]
    pub slug: Option<String>,
    /// One or two plain sentences.
    #[serde(default)]
    pub summary: Option<String>,
    /// The main points, shown in a box near the top.
    #[serde(default)]
    pub key_points: Vec<String>,
    /// What the reader can do next.
    #[serde(default)]
    pub actions: Vec<String>,
    /// Questions to ask the care team.
    #[serde(default)]
    pub questions_to_ask: Vec<String>,
    /// Topics the page belongs to.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Other names for the A-Z index.
    #[serde(default)]
    pub also_known_as: Vec<String>,
    /// The review record.
    #[serde(default)]
    pub reviewed: Option<Reviewed>,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Fills for the seed's gaps, keyed by the gap line's text.
    #[serde(default)]
    pub fill: BTreeMap<String, Fill>,
    /// Curated replacements of seed text.
    #[serde(default)]
    pub edits: Vec<Edit>,
    /// Extra boilerplate lines to drop from this page's seed.
    #[serde(default)]
    pub boilerplate: Vec<String>,
    /// Where the Markdown body goes relative to the seed text.
    #[serde(default)]
    pub body_position: BodyPosition,
    /// Turn plain-word rewriting off (or on) for this page.
    #[serde(default)]
    pub plain_words: Option<bool>,
    /// Phrases never rewritten on this page.
    #[serde(default)]
    pub keep_words: Vec<String>,
    /// This page's reading-grade target (overrides `site.yaml`).
    #[serde(default)]
    pub reading_grade: Option<f64>,
    /// When the page was first published.
    #[serde(default)]
    #[schemars(with = "Option<crate::schema_parts::IsoDate>")]
    pub published: Option<Date>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Who owns the page: the person or team who keeps it up to date.
    #[serde(default)]
    pub owner: Option<String>,
    /// Medical codes of what the page is about (for links from the patient record).
    #[serde(default)]
    pub codes: crate::codes::Codes,
    /// When to get help: the signs for emergency, urgent and non-urgent care.
    #[serde(default)]
    pub get_help: Option<super::get_help::GetHelp>,
    /// On a page in another language than the site's main one: what it translates, by whom.
    #[serde(default)]
    pub translation: Option<Translation>,
}

/// A content page as loaded from disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// The URL slug.
    pub slug: String,
    /// Its front-matter.
    pub front: FrontMatter,
    /// The Markdown body.
    pub body: String,
    /// 1-based file line where the body starts.
    pub body_line: usize,
    /// Raw HTML written in the front-matter or the body (reported by the article stage).
    pub raw_html: Vec<RawHtml>,
    /// The page's language: the site's main language, or `es` for a page in `content/es/`
    /// (set by [`Page::place`]; empty until then).
    pub language: String,
    /// Where the `translation:` block's `of:` value is written (line, column), for messages.
    pub translation_of_at: Option<(usize, usize)>,
}

impl Page {
    /// Parse a page file's text; `path` is the site-relative path used in messages and for the slug.
    pub fn parse(text: &str, path: &Path) -> Result<Page, Vec<Diagnostic>> {
        let text = normalize_newlines(text);
        let parts = split(&text).map_err(|e| {
            let SplitError::Unclosed { open_line } = e;
            vec![Diagnostic::error(Some(Location::at(path, open_line, Some(1))), e.to_string())
                .with_hint("add a line with only `---` after the last front-matter line")]
        })?;
        let front: FrontMatter = if parts.yaml.trim().is_empty() {
            FrontMatter::default()
        } else {
            serde_yaml::from_str(parts.yaml).map_err(|e| {
                // An unknown key inside `get_help` is compared with get_help's own keys.
                let said = e.to_string();
                let keys = if said.starts_with("get_help") {
                    GET_HELP_KEYS
                } else if said.starts_with("translation") {
                    TRANSLATION_KEYS
                } else {
                    PAGE_KEYS
                };
                vec![yaml_diagnostic_in(&e, Some(parts.yaml), path, parts.yaml_line - 1, keys)]
            })?
        };
        let errors = front.validate(path, parts.yaml, parts.yaml_line);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut raw_html = in_yaml_fields(&front, parts.yaml, parts.yaml_line, path, MARKDOWN_FIELDS);
        raw_html.extend(in_body(parts.body, parts.body_line, path));
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let slug = crate::slug::slugify(front.slug.as_deref().unwrap_or(&stem));
        let translation_of_at = front.translation.as_ref().and_then(|_| {
            let (block_line, block_col) = find_key(parts.yaml, "translation:")?;
            let skip: usize = parts.yaml.split_inclusive('\n').take(block_line - 1).map(str::len).sum();
            let (line, col) = match find_key(&parts.yaml[skip..], "of:") {
                Some((line, col)) => (block_line - 1 + line, col),
                None => (block_line, block_col),
            };
            Some((line + parts.yaml_line - 1, col))
        });
        Ok(Page {
            path: path.to_path_buf(),
            slug,
            front,
            body: parts.body.to_string(),
            body_line: parts.body_line,
            raw_html,
            language: String::new(),
            translation_of_at,
        })
    }

    /// The language folder a content file is in (`es` for `content/es/a.md`), when that
    /// folder is named like a language tag; None for a page directly in `content/` or in an
    /// ordinary folder.
    pub fn language_folder(path: &Path) -> Option<String> {
        let rel = path.strip_prefix(super::CONTENT_DIR).ok()?;
        let mut parts = rel.iter();
        let first = parts.next()?.to_str()?;
        parts.next()?;
        super::is_language_tag(first).then(|| first.to_string())
    }

    /// Give the page its language (from its folder) and its address: a page in another
    /// language than the site's main one (the first of `languages`, site.yaml's list) is
    /// published under that language's folder (`es/<slug>`). A language folder not in
    /// `languages` is an error naming the folder.
    pub fn place(&mut self, languages: &[String]) -> Result<(), Diagnostic> {
        let main = languages.first().map_or("en", String::as_str);
        let folder = Page::language_folder(&self.path);
        let language = match &folder {
            Some(tag) => {
                let Some(known) = languages.iter().find(|l| l.eq_ignore_ascii_case(tag)) else {
                    let shown = Path::new(super::CONTENT_DIR).join(tag);
                    return Err(Diagnostic::error(
                        Some(Location::file(&shown)),
                        format!("this folder is named like the language `{tag}`, which site.yaml's languages: does not list"),
                    )
                    .with_hint(format!(
                        "add it to site.yaml, like `languages: [{}, {tag}]`, or rename the folder if it is not a language",
                        languages.join(", ")
                    )));
                };
                known.clone()
            }
            None => main.to_string(),
        };
        if language.eq_ignore_ascii_case(main) && folder.is_some() {
            let shown = Path::new(super::CONTENT_DIR).join(folder.as_deref().unwrap_or_default());
            return Err(Diagnostic::error(
                Some(Location::file(&shown)),
                format!("pages in the site's main language ({main}) go straight in content/, not in a folder named after it"),
            )
            .with_hint("move the pages up into content/ (folders named after a language hold translations)"));
        }
        if language != main {
            self.slug = format!("{language}/{}", self.slug);
        } else if self.front.translation.is_some() {
            let (line, col) = self.translation_of_at.unwrap_or((1, 1));
            return Err(Diagnostic::error(
                Some(Location::at(&self.path, line, Some(col))),
                format!("this page is in the site's main language ({main}), so it is not a translation"),
            )
            .with_hint(format!(
                "move the page into a language folder, like content/{}/, or remove the `translation:` block",
                languages.get(1).map_or("es", String::as_str)
            )));
        }
        self.language = language;
        Ok(())
    }

    /// The main-language content file this page translates (`content/x.md`), when it is a
    /// translation: `translation.of`, else the same file name in `content/`.
    pub fn translation_source(&self) -> Option<PathBuf> {
        let t = self.front.translation.as_ref()?;
        let name = match &t.of {
            Some(of) => of.trim().trim_start_matches("./").to_string(),
            None => self.path.file_name()?.to_string_lossy().into_owned(),
        };
        Some(Path::new(super::CONTENT_DIR).join(name))
    }
}

impl FrontMatter {
    /// `yaml` is the front-matter text and `yaml_line` its first line in the file, so each
    /// message can point at the key it is about.
    fn validate(&self, path: &Path, yaml: &str, yaml_line: usize) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let at = |needle: &str| match find_key(yaml, needle) {
            Some((line, col)) => Some(Location::at(path, line + yaml_line - 1, Some(col))),
            None => Some(Location::file(path)),
        };
        if let Some(r) = &self.reviewed {
            // `""` is the skeleton's placeholder for "not filled in yet", as for a summary.
            let signed = r.by.as_ref().is_some_and(|b| !b.trim().is_empty());
            if r.note.as_ref().is_some_and(|n| !n.trim().is_empty()) && !signed {
                errors.push(
                    Diagnostic::error(at("note:"), "reviewed.note is a sign-off note, but reviewed.by says nobody signed off")
                        .with_hint("add who signed the page off: reviewed: { on: ..., by: \"Name, credentials\", note: ... }"),
                );
            }
            if let Some(next) = r.next {
                if next <= r.on {
                    let when = if next == r.on { "the same day as" } else { "before" };
                    errors.push(
                        Diagnostic::error(
                            at("next:"),
                            format!(
                                "the next review (reviewed.next, {next}) is {when} the last review (reviewed.on, {})",
                                r.on
                            ),
                        )
                        .with_hint("the next review date must come after the last one: check the year, or swap the two dates"),
                    );
                }
            }
        }
        for (line, fill) in &self.fill {
            if *fill == Fill::Keep(true) {
                errors.push(
                    Diagnostic::error(at("fill:"), format!("fill for {line:?} is `true`"))
                        .with_hint("give a list of items, a paragraph of text, or `false` to drop the line"),
                );
            }
        }
        errors.extend(self.code_errors(path, yaml, yaml_line));
        if let Some(help) = &self.get_help {
            errors.extend(help.validate(path, yaml, yaml_line));
        }
        if let Some(t) = &self.translation {
            if t.by.trim().is_empty() {
                errors.push(
                    Diagnostic::error(at("by:"), "translation.by is empty: a translated page says who translated it")
                        .with_hint("write the translator's name and credentials, like by: \"Ana Ruiz, certified medical interpreter\""),
                );
            }
            if t.of.as_ref().is_some_and(|of| of.trim().is_empty() || !of.trim().ends_with(".md")) {
                errors.push(
                    Diagnostic::error(at("of:"), "translation.of must name a page file, like gene-therapy-basics.md")
                        .with_hint("write the main-language page's file name inside content/, or leave `of:` out when it has this page's file name"),
                );
            }
        }
        if let Some(slug) = &self.slug {
            if crate::slug::slugify(slug).is_empty() {
                errors.push(
                    Diagnostic::error(at("slug:"), format!("slug {slug:?} has no letters or digits"))
                        .with_hint(
                            "write the address with letters, digits and dashes, like slug: gene-therapy",
                        ),
                );
            }
        }
        errors
    }
}

impl FrontMatter {
    /// Each code that does not fit its system's format, pointing at the code itself.
    fn code_errors(&self, path: &Path, yaml: &str, yaml_line: usize) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let codes_at = find_key(yaml, "codes:").map_or(0, |(line, _)| line - 1);
        for (system, code) in self.codes.iter() {
            if let Err(problem) = system.validate(code) {
                let (line, col) = find_value(yaml, codes_at, &format!("{}:", system.key()), code)
                    .unwrap_or((codes_at + 1, 1));
                errors.push(
                    Diagnostic::error(
                        Some(Location::at(path, line + yaml_line - 1, Some(col))),
                        format!("codes.{}: {}", system.key(), problem.message),
                    )
                    .with_hint(problem.help),
                );
            }
        }
        errors
    }
}

/// The 1-based line and column of `value` after the first `key` at or below line index `from`.
fn find_value(yaml: &str, from: usize, key: &str, value: &str) -> Option<(usize, usize)> {
    let start: usize = yaml.split_inclusive('\n').take(from).map(str::len).sum();
    let rest = &yaml[start.min(yaml.len())..];
    let key_at = rest.find(key)? + key.len();
    let value_at = start + key_at + rest[key_at..].find(value)?;
    let line = yaml[..value_at].matches('\n').count() + 1;
    let line_start = yaml[..value_at].rfind('\n').map_or(0, |i| i + 1);
    Some((line, yaml[line_start..value_at].chars().count() + 1))
}

/// The 1-based line and the value's column of the first `key:` in `yaml` (block or flow style).
pub(super) fn find_key(yaml: &str, key: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, line)| {
        let at = line
            .match_indices(key)
            .map(|(p, _)| p)
            .find(|&p| p == 0 || line[..p].ends_with(|c: char| c.is_whitespace() || c == '{' || c == ','))?;
        let after = at + key.len();
        let value = after + line[after..].len() - line[after..].trim_start().len();
        Some((i + 1, line[..value].chars().count() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_page() {
        let text = "---\ntitle: \"Gene therapy: basics\"\nseed: 003.txt\ntopics: [gene therapy]\nreviewed: { on: 2023-12-04, next: 2026-12-04 }\nfill:\n  \"It can:\": [a, b]\n  \"Gone:\": false\n---\nBody\n";
        let p = Page::parse(text, Path::new("content/Gene Basics.md")).unwrap();
        assert_eq!(p.slug, "gene-basics");
        assert_eq!(p.front.title.as_deref(), Some("Gene therapy: basics"));
        assert_eq!(p.front.fill.get("It can:"), Some(&Fill::Items(vec!["a".into(), "b".into()])));
        assert_eq!(p.front.fill.get("Gone:"), Some(&Fill::Keep(false)));
        assert_eq!(p.body, "Body\n");
    }

    #[test]
    fn yaml_error_points_at_the_file_line() {
        let text = "---\ntitle: A\ntopics: [a\n---\n";
        let err = Page::parse(text, Path::new("content/a.md")).unwrap_err();
        let loc = err[0].location.clone().unwrap();
        assert_eq!(loc.path, PathBuf::from("content/a.md"));
        assert!(loc.line.unwrap() >= 3, "{loc}");
    }

    #[test]
    fn unknown_key_hint() {
        let err = Page::parse("---\ntitel: A\n---\n", Path::new("a.md")).unwrap_err();
        assert_eq!(err[0].location, Some(Location::at("a.md", 2, Some(1))));
        assert!(err[0].hint.as_deref().unwrap().contains("`title`"));
    }

    #[test]
    fn wrong_type_and_bad_date() {
        assert!(Page::parse("---\ntopics: 5\n---\n", Path::new("a.md")).is_err());
        let err = Page::parse("---\nreviewed: { on: 2023-13-45 }\n---\n", Path::new("a.md")).unwrap_err();
        assert_eq!(err[0].location.as_ref().unwrap().line, Some(2));
    }

    #[test]
    fn get_help_unknown_key_suggests_its_own_keys() {
        let err =
            Page::parse("---\ntitle: A\nget_help:\n  urgnt: [fever]\n---\n", Path::new("a.md")).unwrap_err();
        assert_eq!(err[0].location, Some(Location::at("a.md", 4, Some(3))));
        assert!(err[0].hint.as_deref().unwrap().contains("did you mean `urgent`"), "{}", err[0]);
        let ok = Page::parse("---\nget_help: { emergency: [chest pain] }\n---\n", Path::new("a.md")).unwrap();
        assert_eq!(ok.front.get_help.unwrap().emergency, vec!["chest pain".to_string()]);
    }

    #[test]
    fn a_translation_gets_its_language_folder_and_address() {
        let languages = vec!["en".to_string(), "es".to_string()];
        let text = "---\ntitle: Terapia génica\ntranslation:\n  of: gene-therapy.md\n  by: Ana Ruiz\n  on: 2026-11-20\n---\n";
        let mut p = Page::parse(text, Path::new("content/es/terapia.md")).unwrap();
        assert_eq!(p.translation_of_at, Some((4, 7)));
        p.place(&languages).unwrap();
        assert_eq!((p.language.as_str(), p.slug.as_str()), ("es", "es/terapia"));
        assert_eq!(p.translation_source(), Some(PathBuf::from("content/gene-therapy.md")));
        let mut p = Page::parse("---\ntitle: A\n---\n", Path::new("content/fr/a.md")).unwrap();
        let err = p.place(&languages).unwrap_err();
        assert_eq!(err.location, Some(Location::file("content/fr")));
        assert!(err.hint.as_deref().unwrap().contains("languages: [en, es, fr]"), "{err}");
        let mut p = Page::parse("---\ntitle: A\n---\n", Path::new("content/faq/a.md")).unwrap();
        p.place(&languages).unwrap();
        assert_eq!((p.language.as_str(), p.slug.as_str()), ("en", "a"));
        let mut p = Page::parse(text, Path::new("content/terapia.md")).unwrap();
        assert!(p.place(&languages).unwrap_err().message.contains("not a translation"));
        let err = Page::parse("---\ntranslation: { by: \" \", on: 2026-01-01 }\n---\n", Path::new("a.md"));
        assert!(err.unwrap_err()[0].message.contains("translation.by"));
        let err =
            Page::parse("---\ntranslation: { by: A, on: 2026-01-01, of_: x.md }\n---\n", Path::new("a.md"));
        assert!(err.unwrap_err()[0].hint.as_deref().unwrap().contains("`of`"));
    }

    #[test]
    fn next_review_before_last_is_an_error() {
        let err =
            Page::parse("---\nreviewed: { on: 2024-01-01, next: 2023-01-01 }\n---\n", Path::new("a.md"));
        assert!(err.unwrap_err()[0].message.contains("reviewed.next"));
    }
}
