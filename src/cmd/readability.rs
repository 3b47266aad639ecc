//! `plainleaf readability FILE`: reading measures for any text; a site's page or seed gets
//! the numbers `check` reports for it.

use std::io::Read;
use std::path::Path;

use plainleaf::error::{Diagnostic, Failed};

/// Measure a file (or standard input) and print the figures.
pub fn run(file: Option<&Path>, json: bool) -> Result<(), Failed> {
    let (name, text) = read_input(file)?;
    let measured = match file.filter(|f| *f != Path::new("-")) {
        Some(path) => plainleaf::report::measure_file(path, &text)?,
        None => plainleaf::report::measure_text(&text, name.ends_with(".md")),
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&measured).unwrap_or_default());
    } else {
        print!("{}", measured.to_text());
    }
    Ok(())
}

/// Read a file, or standard input for `-` or no file.
fn read_input(file: Option<&Path>) -> Result<(String, String), Failed> {
    match file {
        Some(path) if path != Path::new("-") => {
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
