//! Reads prose on stdin (one non-empty line = one paragraph block) and prints the readability
//! measures as JSON, so scripts/compare_textstat.py can compare them with textstat.
//!
//! Usage: `cargo run --example readability_dump < page.txt`

use std::io::Read;

use plainleaf::plain::readability::{self, ProseBlock, ProseKind};
use serde::Serialize;

/// What the comparison script reads.
#[derive(Serialize)]
struct Dump {
    readability: readability::Readability,
    words: Vec<(String, usize)>,
}

fn main() -> std::process::ExitCode {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("readability_dump: cannot read stdin: {e}");
        return std::process::ExitCode::FAILURE;
    }
    let blocks: Vec<ProseBlock> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| ProseBlock { kind: ProseKind::Paragraph, text: line.to_string() })
        .collect();
    let words = blocks.iter().flat_map(|b| readability::words_with_syllables(&b.text)).collect();
    let dump = Dump { readability: readability::measure(&blocks), words };
    match serde_json::to_string_pretty(&dump) {
        Ok(json) => {
            println!("{json}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("readability_dump: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
