//! A learned second opinion on the paragraphs the rules keep: logistic regression over a line's
//! words and shape (Boilerpipe's shallow text features, learned rather than written), trained
//! on the labelled tuning corpus in `tests/cleaner_corpus/`.
//!
//! The rules decide first; the model only drops a paragraph it is nearly sure is page furniture
//! (a pitch, a donation ask, a forum's disclaimer), because losing a line of the article costs
//! more than showing a line of furniture. The weights live in `data/line_model.txt`, written by
//! `cargo test --release --lib seed::line_model::train -- --ignored --nocapture`, which also
//! prints the cross-validated figures the threshold was chosen from (docs/cleaner.md).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::chrome_words::is_stop_word;
use super::classify::Hint;

/// Probability of junk above which the model drops a paragraph the rules kept.
pub const DROP_ABOVE: f32 = 0.9;

/// Where a line sits and what the rules made of its neighbours: what the model reads besides
/// the line's own words.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The line's index over the number of lines (0 at the top, 1 at the bottom).
    pub position: f32,
    /// The rules dropped the line before it.
    pub previous_junk: bool,
    /// The rules dropped the line after it.
    pub next_junk: bool,
    /// What the HTML said the line was (`Plain` for text seeds).
    pub hint: Hint,
}

/// The features of one line, as the tokens the weights are keyed by.
pub fn tokens(text: &str, context: &Context) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .map(|w| if w.chars().any(|c| c.is_ascii_digit()) { "<number>".to_string() } else { w })
        .collect();
    let word_count = text.split_whitespace().count();
    let stop_density = words.iter().filter(|w| is_stop_word(w)).count() as f32 / word_count.max(1) as f32;
    if let Some(first) = words.first() {
        out.push(format!("first:{first}"));
    }
    out.extend(words.iter().filter(|w| w.chars().count() >= 2).map(|w| format!("w:{w}")));
    let length = match word_count {
        0..=3 => "1-3",
        4..=7 => "4-7",
        8..=15 => "8-15",
        16..=30 => "16-30",
        _ => "31+",
    };
    out.push(format!("length:{length}"));
    let end = text.trim_end().chars().last().map_or(' ', |c| c);
    out.push(format!("end:{}", if ".!?:".contains(end) { end } else { '-' }));
    out.push(format!("stop:{}", (stop_density * 4.0).round() as u8));
    if context.position < 0.1 {
        out.push("place:top".into());
    } else if context.position > 0.9 {
        out.push("place:bottom".into());
    }
    if context.previous_junk {
        out.push("previous:junk".into());
    }
    if context.next_junk {
        out.push("next:junk".into());
    }
    if context.previous_junk && context.next_junk {
        out.push("between:junk".into());
    }
    out.push(format!("hint:{:?}", context.hint).chars().take_while(|c| *c != ' ' && *c != '{').collect());
    if text.chars().any(|c| matches!(c, '£' | '$' | '€')) {
        out.push("money".into());
    }
    out.sort();
    out.dedup();
    out
}

/// Weights of a logistic regression over [`tokens`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineModel {
    /// The weight of no evidence.
    pub bias: f32,
    /// Each token's weight; a token the model never saw weighs nothing.
    pub weights: HashMap<String, f32>,
}

impl LineModel {
    /// The probability that a line with these tokens is page furniture.
    pub fn junk_probability(&self, tokens: &[String]) -> f32 {
        let score: f32 = self.bias + tokens.iter().filter_map(|t| self.weights.get(t)).sum::<f32>();
        1.0 / (1.0 + (-score).exp())
    }

    /// Reads the weights file: `bias<TAB>w`, then `token<TAB>w` per line; `#` starts a comment.
    pub fn parse(text: &str) -> LineModel {
        let mut model = LineModel::default();
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let Some((token, weight)) = line.rsplit_once('\t') else { continue };
            let Ok(weight) = weight.trim().parse::<f32>() else { continue };
            if token == "bias" {
                model.bias = weight;
            } else {
                model.weights.insert(token.to_string(), weight);
            }
        }
        model
    }

    /// The weights file [`LineModel::parse`] reads, tokens in order.
    #[cfg(test)]
    pub fn to_text(&self) -> String {
        let mut entries: Vec<(&String, &f32)> = self.weights.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = String::from(
            "# Line model weights (src/seed/line_model.rs); written by its ignored `train` test.\n",
        );
        out.push_str(&format!("bias\t{:.4}\n", self.bias));
        for (token, weight) in entries {
            out.push_str(&format!("{token}\t{weight:.4}\n"));
        }
        out
    }

    /// Fits the weights by stochastic gradient descent with L2 shrinkage; `examples` are
    /// (tokens, is junk). Deterministic: examples are visited in a fixed shuffled order.
    #[cfg(test)]
    pub fn train(examples: &[(Vec<String>, bool)], epochs: usize, rate: f32, l2: f32) -> LineModel {
        let mut model = LineModel::default();
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            for &k in &order {
                let (tokens, junk) = &examples[k];
                let error = f32::from(u8::from(*junk)) - model.junk_probability(tokens);
                model.bias += rate * error;
                for token in tokens {
                    let weight = model.weights.entry(token.clone()).or_default();
                    *weight += rate * (error - l2 * *weight);
                }
            }
        }
        model.weights.retain(|_, w| w.abs() >= 0.01);
        model
    }
}

/// The model trained on the tuning corpus.
pub fn trained() -> &'static LineModel {
    static MODEL: OnceLock<LineModel> = OnceLock::new();
    MODEL.get_or_init(|| LineModel::parse(include_str!("data/line_model.txt")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> Context {
        Context { position: 0.5, previous_junk: false, next_junk: false, hint: Hint::Plain }
    }

    #[test]
    fn weights_survive_a_round_trip_through_their_file() {
        let mut model = LineModel { bias: -1.5, weights: HashMap::new() };
        model.weights.insert("w:donate".into(), 2.25);
        model.weights.insert("length:1-3".into(), -0.5);
        assert_eq!(LineModel::parse(&model.to_text()), model);
    }

    #[test]
    fn training_learns_which_words_mark_furniture() {
        let line = |text: &str, junk: bool| (tokens(text, &context()), junk);
        let examples = vec![
            line("Donate today and help us reach more people.", true),
            line("Your gift could pay for a helpline call.", true),
            line("Donate now to support our work.", true),
            line("Asthma makes the airways swell and narrow.", false),
            line("Use your inhaler as your nurse showed you.", false),
            line("The airways tighten when they are irritated.", false),
        ];
        let model = LineModel::train(&examples, 50, 0.2, 0.001);
        let pitch = model.junk_probability(&tokens("Donate to help us today.", &context()));
        let prose = model.junk_probability(&tokens("The airways narrow and swell.", &context()));
        assert!(pitch > 0.5 && prose < 0.5, "pitch {pitch}, prose {prose}");
    }

    /// How the weights are fitted: passes over the corpus, step size, L2 shrinkage.
    const EPOCHS: usize = 12;
    const RATE: f32 = 0.05;
    const L2: f32 = 0.0005;

    /// One labelled line: its tokens, whether it is junk, and whether the rules kept it as a
    /// paragraph (the only lines the model judges).
    struct Example {
        tokens: Vec<String>,
        junk: bool,
        kept_as_body: bool,
    }

    /// The labelled lines of every article in `dir`, one list per article.
    fn labelled_articles(dir: &std::path::Path) -> Vec<Vec<Example>> {
        use crate::seed::classify::{rule_classes, Class, Options};
        use crate::seed::dates::Region;
        let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        names.sort();
        let mut articles = Vec::new();
        for labels in names.iter().filter(|p| p.to_string_lossy().ends_with(".expect.yaml")) {
            let stem = labels.to_string_lossy().trim_end_matches(".expect.yaml").to_string();
            let Some(seed) = ["txt", "html"]
                .iter()
                .map(|e| format!("{stem}.{e}"))
                .find(|p| std::path::Path::new(p).exists())
            else {
                continue;
            };
            let expect: serde_yaml::Value =
                serde_yaml::from_str(&std::fs::read_to_string(labels).unwrap_or_default())
                    .unwrap_or_default();
            let texts = |keys: &[&str]| -> std::collections::HashSet<String> {
                keys.iter()
                    .filter_map(|k| expect.get(*k))
                    .flat_map(|v| match v {
                        serde_yaml::Value::Sequence(items) => items.clone(),
                        other => vec![other.clone()],
                    })
                    .filter_map(|v| v.as_str().map(crate::seed::text::collapse_whitespace))
                    .collect()
            };
            let junk = texts(&["junk", "metadata"]);
            let body = texts(&["title", "headings", "body", "list_items", "gaps"]);
            let region = if expect.get("region").and_then(|r| r.as_str()) == Some("uk") {
                Region::Uk
            } else {
                Region::Us
            };
            let text = std::fs::read_to_string(&seed).unwrap_or_default();
            let lines = if seed.ends_with(".html") {
                crate::seed::html::html_lines(&text).0
            } else {
                crate::seed::normalize::text_lines(&text)
            };
            let classes = rule_classes(&lines, &Options { region, ..Options::default() });
            let mut examples = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                let bare =
                    crate::seed::normalize::list_item(&line.text).map_or(line.text.as_str(), |(_, t)| t);
                let is_junk = junk.contains(&line.text) || junk.contains(bare);
                let is_body = body.contains(&line.text) || body.contains(bare);
                if is_junk == is_body {
                    continue; // unlabelled, or labelled both ways (a title repeated as furniture)
                }
                let context = crate::seed::classify::model_context(&lines, &classes, i);
                examples.push(Example {
                    tokens: tokens(&line.text, &context),
                    junk: is_junk,
                    kept_as_body: classes[i] == Class::Body,
                });
            }
            articles.push(examples);
        }
        articles
    }

    /// Of the paragraphs the rules kept, (junk the model drops, junk kept, body it drops, body kept)
    /// at each threshold.
    fn tally(scored: &[(f32, bool)], thresholds: &[f32]) -> String {
        let mut out = String::new();
        for &t in thresholds {
            let junk = scored.iter().filter(|(_, j)| *j).count();
            let body = scored.len() - junk;
            let junk_dropped = scored.iter().filter(|(p, j)| *j && *p > t).count();
            let body_dropped = scored.iter().filter(|(p, j)| !*j && *p > t).count();
            out.push_str(&format!(
                "  above {t:.2}: drops {junk_dropped} of {junk} leaked junk, {body_dropped} of {body} body\n"
            ));
        }
        out
    }

    #[test]
    #[ignore = "writes src/seed/data/line_model.txt; run after changing the rules or the corpus"]
    fn train() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let corpus = labelled_articles(&root.join("tests/cleaner_corpus"));
        let thresholds = [0.5, 0.7, 0.8, 0.9, 0.95, 0.98];
        // Five folds by article: each article is scored by a model that never saw it.
        let mut scored = Vec::new();
        for fold in 0..5 {
            let train: Vec<(Vec<String>, bool)> = corpus
                .iter()
                .enumerate()
                .filter(|(k, _)| k % 5 != fold)
                .flat_map(|(_, a)| a.iter().map(|e| (e.tokens.clone(), e.junk)))
                .collect();
            let model = LineModel::train(&train, EPOCHS, RATE, L2);
            for (_, article) in corpus.iter().enumerate().filter(|(k, _)| k % 5 == fold) {
                for e in article.iter().filter(|e| e.kept_as_body) {
                    scored.push((model.junk_probability(&e.tokens), e.junk));
                }
            }
        }
        println!("tuning corpus, five-fold cross-validation:\n{}", tally(&scored, &thresholds));
        let all: Vec<(Vec<String>, bool)> =
            corpus.iter().flatten().map(|e| (e.tokens.clone(), e.junk)).collect();
        let model = LineModel::train(&all, EPOCHS, RATE, L2);
        for dev in ["tests/cleaner_holdout", "tests/cleaner_holdout2"] {
            let scored: Vec<(f32, bool)> = labelled_articles(&root.join(dev))
                .iter()
                .flatten()
                .filter(|e| e.kept_as_body)
                .map(|e| (model.junk_probability(&e.tokens), e.junk))
                .collect();
            println!("{dev}:\n{}", tally(&scored, &thresholds));
        }
        std::fs::write(root.join("src/seed/data/line_model.txt"), model.to_text()).expect("write the model");
    }

    #[test]
    fn the_committed_model_loads() {
        let model = trained();
        assert!(!model.weights.is_empty(), "data/line_model.txt has no weights");
    }
}
