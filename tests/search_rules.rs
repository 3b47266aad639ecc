//! The search index is written with the Rust text rules and queried with `search.js`'s copy of
//! them: a word that folds or stems differently on one side is never found. This test runs
//! `search.js` in Node.js over a committed word list and compares every result with Rust's.
//! Without Node.js it is skipped with a message, except in CI (`CI` set), where it fails.

use std::path::PathBuf;
use std::process::Command;

use plainleaf::output::search::{fold, shard_key, stem, tokens};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The items of the word list: one a line, `#` lines are comments (the same rule as the
/// Node.js side, which splits at `\n` only).
fn items(list: &str) -> Vec<&str> {
    list.split('\n').filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// What Rust makes of one item, in the shape `tests/browser/search-rules.mjs` prints.
fn rust_rules(item: &str) -> serde_json::Value {
    let folded = fold(item);
    let stems = tokens(item);
    let keys: Vec<String> = stems.iter().map(|s| shard_key(s)).collect();
    serde_json::json!([folded, stem(&folded), stems, keys])
}

#[test]
fn search_js_folds_and_stems_like_rust() {
    let list_path = repo().join("tests/data/search-words.txt");
    let list = std::fs::read_to_string(&list_path).expect("the committed word list");
    let items = items(&list);
    assert!(items.len() >= 3000, "the word list has only {} items", items.len());

    let script = repo().join("tests/browser/search-rules.mjs");
    let output = match Command::new("node").arg(&script).arg(&list_path).output() {
        Ok(output) => output,
        Err(why) if std::env::var_os("CI").is_none() => {
            eprintln!("SKIPPED search_js_folds_and_stems_like_rust: cannot run node ({why}); install Node.js 20+ to run it");
            return;
        }
        Err(why) => panic!("CI is set but node cannot be run: {why}"),
    };
    assert!(output.status.success(), "node failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).expect("node prints UTF-8");
    let js: Vec<&str> = stdout.lines().collect();
    assert_eq!(js.len(), items.len(), "node printed one line per item");

    let mut differences = Vec::new();
    for (item, js_line) in items.iter().zip(js) {
        let js_value: serde_json::Value = serde_json::from_str(js_line).expect("node prints JSON");
        let rust_value = rust_rules(item);
        if js_value != rust_value {
            differences.push(format!("{item:?}\n    rust: {rust_value}\n    js:   {js_value}"));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} items differ ([fold, stem of the fold, stems, shard keys]):\n{}",
        differences.len(),
        items.len(),
        differences.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}
