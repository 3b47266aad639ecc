//! `plainleaf readability FILE`: reading measures for any text; a site's page or seed gets
//! the numbers `check` reports for it.

use std::io::Read;
use std::path::Path;

use plainleaf::error::{Diagnostic, Failed};

/// Measure a file (or standard input) and print the figures.
pub fn run(file: Option<&Path>, json: bool, language: &str) -> Result<(), Failed> {
    let (name, text) = read_input(file)?;
    match language.to_ascii_lowercase().split(['-', '_']).next().unwrap_or_default() {
        "en" => {}
        "es" => return spanish(file, &name, &text, json),
        other => {
            return Err(Diagnostic::error(
                None,
                format!("--language {other}: plainleaf measures English (en) and Spanish (es)"),
            )
            .with_hint("use --language en or --language es")
            .into())
        }
    }
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

/// The Spanish figures: Fernández-Huerta, Szigriszt-Pazos and its INFLESZ band. A site's page
/// is measured as `check` measures it (the built prose, the site's `inflesz` target).
fn spanish(file: Option<&Path>, name: &str, text: &str, json: bool) -> Result<(), Failed> {
    use plainleaf::plain::readability_es;
    let page = match file.filter(|f| *f != Path::new("-")) {
        Some(path) => plainleaf::report::site_page(path)?,
        None => None,
    };
    let (r, prose, target) = match page {
        Some(page) => {
            let prose: Vec<&str> = page.prose.iter().map(|b| b.text.as_str()).collect();
            (readability_es::measure_blocks(&page.prose), prose.join("\n\n"), page.config.inflesz)
        }
        None => {
            let prose = readability_es::prose_of(text, name.ends_with(".md"));
            (readability_es::measure(&prose), prose, readability_es::DEFAULT_INFLESZ_TARGET)
        }
    };
    let rewriter = plainleaf::plain::rewrite::Rewriter::new(
        plainleaf::plain::rewrite::Rewriter::builtin_pairs_for("es"),
        &[],
    );
    let (_, wordy) = rewriter.rewrite(&prose, &[]);
    if json {
        let value = serde_json::json!({
            "file": name,
            "language": "es",
            "words": r.words,
            "sentences": r.sentences,
            "syllables": r.syllables,
            "fernandez_huerta": (r.fernandez_huerta * 10.0).round() / 10.0,
            "szigriszt_pazos": (r.szigriszt_pazos * 10.0).round() / 10.0,
            "inflesz": r.inflesz(),
            "plain_words": wordy,
        });
        println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
    } else {
        println!("{name} (Spanish)");
        println!("  words {}, sentences {}, syllables {}", r.words, r.sentences, r.syllables);
        println!("  Fernández-Huerta       {:.1}", r.fernandez_huerta);
        println!("  Szigriszt-Pazos        {:.1} (INFLESZ: {})", r.szigriszt_pazos, r.inflesz().label());
        let met = if r.szigriszt_pazos >= target { "met" } else { "not met" };
        println!("  target INFLESZ >= {target:.0}: {met}");
        for w in &wordy {
            println!("  plain words: \"{}\" -> \"{}\"", w.from, w.to);
        }
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
