//! `plainleaf new` (a starter site) and `plainleaf import` (a page skeleton for a seed).
//! Neither ever overwrites a file that exists.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Failed, Location};
use crate::schema::SchemaKind;

const STARTER_SITE: &str = r#"# yaml-language-server: $schema=schemas/site.schema.json
title: My Health Library
description: Plain-language guides for patients and families.
language: en
theme: clinic
reading_grade: 8
disclaimer: "This page is for general information. It is not medical advice. Talk with your care team about your own health."
organization: "Your Clinic"
# base_url: https://clinic.example.org/health/   # only needed for the sitemap, feed and canonical links
# How often pages are reviewed; an overdue page is a warning (overdue: error makes the build fail).
review: { interval: 3y, overdue: warn, due_soon: 60d }
"#;

/// The sample page; `{REVIEWED_ON}` and `{NEXT_REVIEW}` are filled in on the day it is written.
const STARTER_PAGE: &str = r#"---
# yaml-language-server: $schema=../schemas/page.schema.json
title: Welcome to your health library
summary: This sample page shows how a plainleaf page is written. Change it or delete it.
key_points:
  - Each page is a Markdown file in the content folder.
  - The lines between the two --- lines set the title, summary and more.
  - Medical words in the glossary get a short explanation.
actions:
  - Open this file in a text editor and change the words.
  - Run plainleaf serve to see your changes as you save.
questions_to_ask:
  - Who reviews our pages before they are published?
topics: [getting started]
reviewed: { on: {REVIEWED_ON}, by: "Patient Education Team", next: {NEXT_REVIEW} }
---

## How to write a page

Use short sentences and everyday words. A good page answers one question.

Words like vaccine are explained by the glossary. Hover over the word, or tap it, to see what it means.

## What to do next

Add a page for each topic your patients ask about. Run `plainleaf check` to see the reading level of each page.
"#;

const STARTER_GLOSSARY: &str = r#"# yaml-language-server: $schema=../schemas/glossary.schema.json
# The glossary: each medical word is explained where it first appears on a page.
- term: vaccine
  plain: A medicine that teaches your body to fight a germ before you meet it.
  also: [vaccines, vaccination, vaccinations]
  more: Most vaccines are given as a shot. They help your immune system learn to spot a germ, so you do not get as sick.
"#;

/// Create a starter site in `dir` (which must not exist or be empty).
pub fn new_site(dir: &Path) -> Result<Vec<PathBuf>, Failed> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !dir.is_dir() || !empty {
            return Err(Diagnostic::error(
                Some(Location::file(dir)),
                "this folder already exists and is not empty; plainleaf new never overwrites files",
            )
            .with_hint("choose a new folder name, like `plainleaf new my-health-site`")
            .into());
        }
    }
    // Reviewed today, next review one default interval on: a starter site is never overdue
    // on the day it is made, whatever that day is.
    let today = crate::pipeline::stages::today();
    let next = crate::review::ReviewPolicy::default().interval.after(today);
    let page =
        STARTER_PAGE.replace("{REVIEWED_ON}", &today.to_string()).replace("{NEXT_REVIEW}", &next.to_string());
    let files = [
        ("site.yaml", STARTER_SITE),
        ("content/welcome.md", page.as_str()),
        ("content/glossary.yaml", STARTER_GLOSSARY),
        (
            "seeds/README.txt",
            "Put raw article text files (.txt) or saved web pages (.html) here, then run: plainleaf import seeds/FILE.txt\n",
        ),
        (
            "templates/README.txt",
            "A template here with the same name as one in themes/clinic/templates/ replaces it.\n",
        ),
        (".gitignore", "/public\n"),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        write_new(&path, text.as_bytes())?;
        written.push(path);
    }
    let theme_dir = dir.join("themes").join("clinic");
    crate::theme::export_builtin("clinic", &theme_dir).map_err(|e| io(&theme_dir, e))?;
    let manifest = theme_dir.join("theme.yaml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| io(&manifest, e))?;
    let modeline = SchemaKind::Theme.modeline(Path::new("themes/clinic/theme.yaml"));
    std::fs::write(&manifest, format!("{modeline}\n{text}")).map_err(|e| io(&manifest, e))?;
    written.push(theme_dir);
    // The schemas the modelines above point at, so an editor checks the files from the start.
    written.extend(crate::schema::write_all(&dir.join(crate::schema::DEFAULT_DIR))?);
    Ok(written)
}

fn io(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Some(Location::file(path)), format!("cannot write: {}", crate::load::io_reason(&e)))
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::error(
                Some(Location::file(path)),
                "this file already exists; plainleaf never overwrites it",
            )
            .with_hint("rename or move the existing file first")
        } else {
            io(path, e)
        }
    })?;
    std::io::Write::write_all(&mut f, bytes).map_err(|e| io(path, e))
}

/// YAML-quote a string for a skeleton (always double-quoted, escaped).
fn quote(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"));
    // JSON leaves DEL, C1 controls and U+FFFE/U+FFFF as they are; YAML allows none of them.
    json.chars()
        .map(|c| {
            let printable = matches!(c, '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
                || c >= '\u{10000}';
            if printable { c.to_string() } else { format!("\\u{:04X}", c as u32) }
        })
        .collect()
}

/// What `import` did: the skeletons it wrote and the seeds it left alone, with why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Page skeletons written.
    pub written: Vec<PathBuf>,
    /// Seeds skipped (not an article), with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Fewest words of body text for a seed to count as an article (a README has fewer).
const ARTICLE_MIN_WORDS: usize = 40;

/// Write `content/<slug>.md` skeletons for seeds already in `seeds/`.
///
/// Seeds that are not articles (a README, a list of links) are skipped with a note.
pub fn import(root: &Path, seeds: &[PathBuf]) -> Result<Imported, Failed> {
    let mut done = Imported::default();
    let mut errors = Vec::new();
    if !root.join(crate::load::SITE_FILE).is_file() {
        return Err(crate::pipeline::stages::not_a_site(root).into());
    }
    let options = crate::load::seed_options(root)?;
    for seed_arg in seeds {
        let name = seed_arg.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let in_seeds = root.join(crate::load::SEEDS_DIR).join(&name);
        if !in_seeds.is_file() {
            errors.push(
                Diagnostic::error(
                    Some(Location::file(seed_arg)),
                    "this seed is not in the site's seeds/ folder",
                )
                .with_hint(format!(
                    "copy it to {} first (plainleaf never writes into seeds/)",
                    in_seeds.display()
                )),
            );
            continue;
        }
        let seed = match crate::load::read_seed(root, &name) {
            Ok((s, _)) => s,
            Err(why) => {
                errors.push(Diagnostic::error(Some(Location::file(seed_arg)), why.to_string()));
                continue;
            }
        };
        let normalized = crate::seed::normalize_seed(&name, &seed.text, &options);
        let words: usize = normalized.blocks.iter().map(|b| block_words(&b.kind)).sum();
        if words < ARTICLE_MIN_WORDS {
            done.skipped.push((
                seed_arg.clone(),
                format!("not an article ({words} words of text after cleaning); no page written"),
            ));
            continue;
        }
        let text = skeleton(&name, &normalized);
        let stem = ["txt", "html", "htm"]
            .iter()
            .find_map(|ext| name.strip_suffix(&format!(".{ext}")))
            .unwrap_or(&name)
            .to_string();
        let slug = crate::slug::slugify(normalized.title.as_deref().unwrap_or(&stem));
        let path = root.join(crate::load::CONTENT_DIR).join(format!("{slug}.md"));
        match write_new(&path, text.as_bytes()) {
            Ok(()) => done.written.push(path),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(done)
    } else {
        Err(Failed(errors))
    }
}

fn block_words(kind: &crate::seed::BlockKind) -> usize {
    use crate::seed::BlockKind;
    match kind {
        BlockKind::Heading(t) | BlockKind::Paragraph(t) | BlockKind::Gap(t) | BlockKind::Markdown(t) => {
            t.split_whitespace().count()
        }
        BlockKind::List { items, .. } => items.iter().map(|i| i.split_whitespace().count()).sum(),
    }
}

/// Longest fill key written as a plain YAML key; YAML allows at most 1024 characters there, so
/// longer gap lines use the explicit `? key` form.
const PLAIN_KEY_MAX: usize = 200;

/// The page skeleton for a normalized seed: always valid YAML front-matter.
pub fn skeleton(seed_name: &str, normalized: &crate::seed::NormalizedSeed) -> String {
    let mut text = String::from("---\n");
    // Pages live directly in content/, one folder below the schemas' folder.
    text.push_str(&SchemaKind::Page.modeline(Path::new("content/page.md")));
    text.push('\n');
    match &normalized.title {
        Some(t) => text.push_str(&format!("title: {}\n", quote(t))),
        None => text.push_str("title: \"\"   # TODO: this seed has no title line; write a plain title\n"),
    }
    text.push_str(&format!("seed: {}\n", quote(seed_name)));
    text.push_str("summary: \"\"   # TODO: one or two plain sentences\nkey_points:\n  - \"\"   # TODO\nactions:\n  - \"\"   # TODO\nquestions_to_ask:\n  - \"\"   # TODO\ntopics: []\n");
    match normalized.reviewed_on {
        Some(d) => text.push_str(&format!(
            "reviewed: {{ on: {d}, by: \"\" }}   # lifted from the seed; add the reviewer\n"
        )),
        None => {
            text.push_str("# reviewed: { on: YYYY-MM-DD, by: \"Name, credentials\", next: YYYY-MM-DD }\n")
        }
    }
    if normalized.sources.is_empty() {
        text.push_str("sources: []\n");
    } else {
        text.push_str("sources:\n");
        for s in &normalized.sources {
            text.push_str(&format!("  - title: {}\n", quote(&s.title)));
            if let Some(u) = &s.url {
                text.push_str(&format!("    url: {}\n", quote(u)));
            }
        }
    }
    let gaps: Vec<&String> = normalized
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            crate::seed::BlockKind::Gap(t) => Some(t),
            _ => None,
        })
        .collect();
    if !gaps.is_empty() {
        text.push_str("fill:   # each line below promises a list the seed lost: write the items (or `false` to drop the line)\n");
        let mut seen = std::collections::HashSet::new();
        for g in gaps {
            if !seen.insert(g.as_str()) {
                continue; // a YAML mapping cannot hold the same key twice
            }
            if g.chars().count() > PLAIN_KEY_MAX {
                text.push_str(&format!("  ? {}\n  :\n    - \"\"   # TODO\n", quote(g)));
            } else {
                text.push_str(&format!("  {}:\n    - \"\"   # TODO\n", quote(g)));
            }
        }
    }
    text.push_str("draft: true   # set to false when the page is ready\n---\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses(seed_text: &str) {
        let normalized = crate::seed::normalize(seed_text, &[]);
        let text = skeleton("seed.txt", &normalized);
        let parsed = crate::content::page::Page::parse(&text, Path::new("content/x.md"));
        assert!(parsed.is_ok(), "skeleton does not parse: {:?}\n{text}", parsed.err());
    }

    #[test]
    fn a_minified_script_line_ending_in_a_colon_is_a_valid_key() {
        let script = format!("var a={{b:1}};{}function(){{return x?y:z}}:", "x=1;".repeat(400));
        parses(&format!("Title\nSome text that is long enough to read as a sentence here.\n{script}\n"));
        parses("Symptoms include:\nSymptoms include:\nIt can \"quote\" # hash: colon:\n");
    }

    proptest::proptest! {
        /// Any seed text gives a skeleton whose front-matter parses.
        #[test]
        fn any_seed_gives_a_skeleton_that_parses(lines in proptest::collection::vec(".{0,300}", 1..12)) {
            parses(&lines.join("\n"));
        }

        /// Lines ending in ":" with YAML's special characters everywhere.
        #[test]
        fn colon_lines_with_yaml_syntax_parse(lines in proptest::collection::vec("[-:#&*!|>'\"%@`{}\\[\\], a-zA-Z0-9\\\\]{1,80}:", 1..8)) {
            parses(&lines.join("\n"));
        }
    }
}
