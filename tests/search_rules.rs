//! The search index is written with the Rust text rules and queried with `search.js`'s copy of
//! them: a word that folds or stems differently on one side is never found. This test runs
//! `search.js` in Node.js over committed word lists, with the English rules and with the
//! Spanish ones, and compares every result with Rust's. Without Node.js it is skipped with a
//! message, except in CI (`CI` set, as `tests/browser/run.sh` sets it), where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use plainleaf::output::search::{shard_key, TextRules};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The items of the word list: one a line, `#` lines are comments (the same rule as the
/// Node.js side, which splits at `\n` only).
fn items(list: &str) -> Vec<&str> {
    list.split('\n').filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// What Rust makes of one item with one language's rules, in the shape
/// `tests/browser/search-rules.mjs` prints.
fn rust_rules_for(rules: TextRules, item: &str) -> serde_json::Value {
    let folded = rules.fold(item);
    let stems = rules.tokens(item);
    let keys: Vec<String> = stems.iter().map(|s| shard_key(s)).collect();
    serde_json::json!([folded, rules.stem(&folded), stems, keys])
}

/// What `search.js` makes of each item of a list file with the rules of `language`, one JSON
/// line per item; None (after a message) when node cannot be run outside CI.
fn node_rules(test: &str, list_path: &Path, language: &str) -> Option<String> {
    let script = repo().join("tests/browser/search-rules.mjs");
    let output = match Command::new("node").arg(&script).arg(list_path).arg(language).output() {
        Ok(output) => output,
        Err(why) if std::env::var_os("CI").is_none() => {
            eprintln!("SKIPPED {test}: cannot run node ({why}); install Node.js 20+ to run it");
            return None;
        }
        Err(why) => panic!("CI is set but node cannot be run: {why}"),
    };
    assert!(output.status.success(), "node failed:\n{}", String::from_utf8_lossy(&output.stderr));
    Some(String::from_utf8(output.stdout).expect("node prints UTF-8"))
}

/// Run `search.js` with the rules of `language` on the items of `list_path` and fail on any
/// item it folds, stems, drops or shards differently from `rules`.
fn assert_js_agrees<S: AsRef<str>>(
    test: &str,
    list_path: &Path,
    language: &str,
    rules: TextRules,
    items: &[S],
) {
    let Some(stdout) = node_rules(test, list_path, language) else { return };
    let js: Vec<&str> = stdout.lines().collect();
    assert_eq!(js.len(), items.len(), "node printed one line per item");
    let mut differences = Vec::new();
    for (item, js_line) in items.iter().map(AsRef::as_ref).zip(js) {
        let js_value: serde_json::Value = serde_json::from_str(js_line).expect("node prints JSON");
        let rust_value = rust_rules_for(rules, item);
        if js_value != rust_value {
            differences.push(format!("{item:?}\n    rust: {rust_value}\n    js:   {js_value}"));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} {language} items differ ([fold, stem of the fold, stems, shard keys]):\n{}",
        differences.len(),
        items.len(),
        differences.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn search_js_folds_and_stems_spanish_like_rust() {
    // Every word of the syllable list, its plurals and its capitalized form, then the
    // hand-written Spanish items (accents, ü, ñ, attached pronouns, verb endings).
    let syllables =
        std::fs::read_to_string(repo().join("tests/data/es_syllables.tsv")).expect("the word list");
    let mut all: Vec<String> = Vec::new();
    for word in items(&syllables).iter().filter_map(|line| line.split('\t').next()) {
        let mut capital = word.chars();
        let capital: String =
            capital.next().into_iter().flat_map(char::to_uppercase).chain(capital).collect();
        all.extend([word.to_string(), format!("{word}s"), format!("{word}es"), capital]);
    }
    let extra =
        std::fs::read_to_string(repo().join("tests/data/search-words-es.txt")).expect("the Spanish items");
    all.extend(items(&extra).into_iter().map(str::to_string));
    assert!(all.len() >= 20_000, "only {} Spanish items", all.len());
    // The rules are not idle: most items lose an ending, and ñ survives folding.
    let es = TextRules::Spanish;
    let stemmed = all.iter().filter(|i| es.stem(&es.fold(i)) != es.fold(i)).count();
    assert!(stemmed * 2 > all.len(), "only {stemmed} of {} items were stemmed", all.len());
    assert_eq!(es.tokens("Años y NIÑOS"), ["años", "niñ"]);

    let dir = tempfile::tempdir().expect("a temporary folder");
    let list_path = dir.path().join("spanish-items.txt");
    std::fs::write(&list_path, all.join("\n") + "\n").expect("write the items");
    assert_js_agrees("search_js_folds_and_stems_spanish_like_rust", &list_path, "es", es, &all);
}

#[test]
fn search_js_folds_and_stems_like_rust() {
    let list_path = repo().join("tests/data/search-words.txt");
    let list = std::fs::read_to_string(&list_path).expect("the committed word list");
    let items = items(&list);
    assert!(items.len() >= 3000, "the word list has only {} items", items.len());
    assert_js_agrees("search_js_folds_and_stems_like_rust", &list_path, "en", TextRules::English, &items);
}
