//! Plain-language checks an editor acts on: the parts of the CDC Clear Communication Index
//! and PEMAT a build can verify (long sentences and paragraphs, passive voice, unexplained
//! abbreviations, numbers, long lists, missing page parts and review dates).

use serde::Serialize;

use super::prose::{sentences, ProseBlock, ProseKind, SentenceInfo};
/// The limits the checks flag at, as [`super::prose`] defines them for every tool.
pub use super::prose::{
    LONG_SENTENCE_WORDS as MAX_SENTENCE_WORDS, MAX_LIST_ITEMS, MAX_PARAGRAPH_SENTENCES, MAX_PASSIVE_SHARE,
};
use crate::error::Severity;
use crate::review::{OverduePolicy, ReviewStatus};

/// Numbers from this size up are flagged as large.
pub const LARGE_NUMBER: u64 = 10_000;

/// One finding on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// A stable machine name, e.g. `long-sentence`.
    pub code: String,
    /// What to look at, in plain words.
    pub message: String,
    /// The text it is about.
    pub excerpt: Option<String>,
    /// Warning, except `review-overdue` under `review: { overdue: error }` (the caller may
    /// downgrade it with `--allow-stale`).
    pub severity: Severity,
}

impl Flag {
    /// A warning flag.
    fn warning(code: &str, message: String, excerpt: Option<String>) -> Flag {
        Flag { code: code.to_string(), message, excerpt, severity: Severity::Warning }
    }
}

/// Everything the page checks look at: the body prose plus facts from the front-matter.
#[derive(Debug, Clone)]
pub struct CheckInput<'a> {
    /// The page body's prose, in reading order.
    pub blocks: &'a [ProseBlock],
    /// Abbreviations explained elsewhere (glossary terms and synonyms), any case.
    pub known_abbreviations: &'a [String],
    /// The number of items of each list on the page.
    pub list_lengths: Vec<usize>,
    /// The page has a `summary`.
    pub has_summary: bool,
    /// The page has `key_points`.
    pub has_key_points: bool,
    /// The page has `actions`.
    pub has_actions: bool,
    /// Where the page stands in its review cycle on the build's date.
    pub review: ReviewStatus,
    /// What an overdue review is: a warning or an error.
    pub overdue: OverduePolicy,
    /// Run the prose checks (long sentences, passive voice, ...); a plain build that shows
    /// no report turns them off, as only `plainleaf check` and the preview show them.
    pub prose: bool,
    /// The page's language tag: Spanish pages (`es`, `es-US`) are counted by the Spanish
    /// rules, get the INFLESZ check, and skip the English-only checks (passive voice).
    pub language: &'a str,
    /// The INFLESZ score a Spanish page should reach (site.yaml `inflesz`).
    pub inflesz_target: f64,
}

impl<'a> CheckInput<'a> {
    /// Input for `blocks` with every page part present, a review in date and no lists.
    pub fn new(blocks: &'a [ProseBlock]) -> Self {
        CheckInput {
            blocks,
            known_abbreviations: &[],
            list_lengths: Vec::new(),
            has_summary: true,
            has_key_points: true,
            has_actions: true,
            review: ReviewStatus::Ok { next: jiff::civil::Date::MAX },
            overdue: OverduePolicy::Warn,
            prose: true,
            language: "en",
            inflesz_target: super::readability_es::DEFAULT_INFLESZ_TARGET,
        }
    }
}

/// Run the prose checks on a page body.
pub fn check_prose(blocks: &[ProseBlock]) -> Vec<Flag> {
    prose_flags(blocks, &[])
}

/// Run every check on a page: its parts, its review dates, its lists and its prose.
pub fn check_page(input: &CheckInput) -> Vec<Flag> {
    let mut flags = Vec::new();
    let parts = [
        (input.has_summary, "missing-summary", "The page has no summary: add one or two plain sentences."),
        (input.has_key_points, "missing-key-points", "The page has no key points: add the main points."),
        (input.has_actions, "missing-actions", "The page has no actions: say what the reader can do next."),
        (
            input.review != ReviewStatus::NeverReviewed,
            "missing-review",
            "The page has no review record: add `reviewed: { on: ..., by: ... }`.",
        ),
    ];
    for (present, code, message) in parts {
        if !present {
            flags.push(Flag::warning(code, message.to_string(), None));
        }
    }
    if let Some(flag) = review_flag(input.review, input.overdue) {
        flags.push(flag);
    }
    for &items in &input.list_lengths {
        if items > MAX_LIST_ITEMS {
            flags.push(Flag::warning(
                "long-list",
                format!("A list has {items} items; keep lists to {MAX_LIST_ITEMS} or fewer, or split them."),
                None,
            ));
        }
    }
    if input.prose {
        if super::readability_es::is_spanish(input.language) {
            flags.extend(spanish_prose_flags(input.blocks, input.known_abbreviations, input.inflesz_target));
        } else {
            flags.extend(prose_flags(input.blocks, input.known_abbreviations));
        }
    }
    flags
}

/// The prose checks of a Spanish page: sentences and words by the Spanish rules, INFLESZ
/// against its target, and no passive-voice check (its rule is English grammar).
fn spanish_prose_flags(
    blocks: &[ProseBlock],
    known_abbreviations: &[String],
    inflesz_target: f64,
) -> Vec<Flag> {
    use super::readability_es::{block_sentences, measure_blocks};
    let sentences = block_sentences(blocks);
    let mut flags = Vec::new();
    let measured = measure_blocks(blocks);
    if measured.words > 0 && measured.szigriszt_pazos < inflesz_target {
        flags.push(Flag::warning(
            "inflesz-below-target",
            format!(
                "INFLESZ {:.1} is below this site's target of {inflesz_target}: the page reads as {} \
                 on the INFLESZ scale. Use shorter sentences and shorter, everyday words.",
                super::prose::round_grade(measured.szigriszt_pazos),
                measured.inflesz().label()
            ),
            None,
        ));
    }
    flags.extend(sentence_flags(blocks, &sentences, known_abbreviations, false));
    flags
}

/// `review-overdue` after the next review date, `review-due` within the policy's `due_soon`.
fn review_flag(status: ReviewStatus, overdue: OverduePolicy) -> Option<Flag> {
    match status {
        ReviewStatus::Overdue { next, days_over } => Some(Flag {
            code: "review-overdue".into(),
            message: format!(
                "This page is due for review: the review was due on {next} ({days_over} days ago). \
                 Review the page and update `reviewed`."
            ),
            excerpt: None,
            severity: match overdue {
                OverduePolicy::Warn => Severity::Warning,
                OverduePolicy::Error => Severity::Error,
            },
        }),
        ReviewStatus::DueSoon { next, days_left } => Some(Flag::warning(
            "review-due",
            format!("The next review is due on {next}, in {days_left} days."),
            None,
        )),
        ReviewStatus::Ok { .. } | ReviewStatus::NeverReviewed => None,
    }
}

/// The checks that only need the prose.
fn prose_flags(blocks: &[ProseBlock], known_abbreviations: &[String]) -> Vec<Flag> {
    sentence_flags(blocks, &sentences(blocks), known_abbreviations, true)
}

/// The prose checks on sentences counted by a language's rules; `check_passive` runs the
/// English passive-voice check.
fn sentence_flags(
    blocks: &[ProseBlock],
    sentences: &[SentenceInfo],
    known_abbreviations: &[String],
    check_passive: bool,
) -> Vec<Flag> {
    let mut flags = Vec::new();

    for s in sentences {
        if s.words > MAX_SENTENCE_WORDS {
            flags.push(Flag::warning(
                "long-sentence",
                format!("This sentence has {} words; aim for {MAX_SENTENCE_WORDS} or fewer.", s.words),
                Some(s.text.clone()),
            ));
        }
    }

    let mut per_block: Vec<(usize, Option<&SentenceInfo>)> = vec![(0, None); blocks.len()];
    for s in sentences {
        let (count, first) = &mut per_block[s.block];
        *count += 1;
        first.get_or_insert(s);
    }
    for (block, (count, first)) in blocks.iter().zip(per_block) {
        if block.kind == ProseKind::Paragraph && count > MAX_PARAGRAPH_SENTENCES {
            flags.push(Flag::warning(
                "long-paragraph",
                format!("This paragraph has {count} sentences; aim for {MAX_PARAGRAPH_SENTENCES} or fewer."),
                first.map(|s| s.text.clone()),
            ));
        }
    }

    let prose: Vec<&SentenceInfo> =
        sentences.iter().filter(|s| blocks[s.block].kind != ProseKind::Heading).collect();
    let passive: Vec<&&SentenceInfo> =
        prose.iter().filter(|s| check_passive && is_passive(&s.text)).collect();
    if !prose.is_empty() {
        let share = passive.len() as f64 / prose.len() as f64;
        if share > MAX_PASSIVE_SHARE {
            flags.push(Flag::warning(
                "passive-voice",
                format!(
                    "About {:.0}% of sentences ({} of {}) may be passive (a rough check); aim for {:.0}% \
                     or fewer. Say who does what.",
                    share * 100.0,
                    passive.len(),
                    prose.len(),
                    MAX_PASSIVE_SHARE * 100.0
                ),
                passive.first().map(|s| s.text.clone()),
            ));
        }
    }

    flags.extend(abbreviation_flags(blocks, sentences, known_abbreviations));

    for s in sentences {
        let found = numbers_to_check(&s.text);
        if !found.is_empty() {
            flags.push(Flag::warning(
                "number",
                format!(
                    "Check these numbers are easy to follow ({}): round them, or say \"1 in 4\" \
                     and what it means for the reader.",
                    found.join(", ")
                ),
                Some(s.text.clone()),
            ));
        }
    }
    flags
}

/// Forms of "be" that start a passive construction.
const BE_FORMS: &[&str] = &["is", "are", "was", "were", "be", "been", "being"];

/// Past participles that do not end in -ed, one a line (`#` starts a comment).
const IRREGULAR_PARTICIPLES: &str = include_str!("data/irregular_participles.txt");

/// Words ending in -ed that are not past participles.
const NOT_PARTICIPLES: &[&str] = &[
    "bed", "red", "shed", "hundred", "sacred", "naked", "wicked", "rugged", "ragged", "kindred", "beloved",
    "need", "seed", "feed", "speed", "indeed", "deed", "weed", "breed", "bleed", "proceed", "exceed",
    "succeed", "heed", "embed",
];

/// Whether a sentence has "be" followed within two words by a past participle (a heuristic).
fn is_passive(sentence: &str) -> bool {
    let words: Vec<&str> = sentence
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        .collect();
    words
        .iter()
        .enumerate()
        .any(|(i, w)| is_be_form(w) && words[i + 1..].iter().take(3).any(|next| is_participle(next)))
}

/// "is", "Were", "isn't", "wasn’t", ...
fn is_be_form(word: &str) -> bool {
    let word = word.strip_suffix("n't").or_else(|| word.strip_suffix("n’t")).unwrap_or(word);
    BE_FORMS.iter().any(|be| be.eq_ignore_ascii_case(word))
}

fn is_participle(word: &str) -> bool {
    let in_list = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    let irregular = IRREGULAR_PARTICIPLES.lines().filter(|l| !l.starts_with('#'));
    if irregular.map(str::trim).any(|w| w.eq_ignore_ascii_case(word)) {
        return true;
    }
    word.len() >= 4
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && word[word.len() - 2..].eq_ignore_ascii_case("ed")
        && !in_list(NOT_PARTICIPLES)
}

/// All-caps words that readers know without being told.
const COMMON_ABBREVIATIONS: &[&str] = &["OK", "TV", "AM", "PM", "US", "USA", "UK"];
/// Roman numerals ("type II") look like abbreviations but are not.
const ROMAN_NUMERALS: &[&str] = &["II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"];

/// `abbreviation` flags: the first use of each all-caps abbreviation, when it is not spelled
/// out next to it and not known. Headings are skipped: the body is where it gets explained.
fn abbreviation_flags(blocks: &[ProseBlock], sentences: &[SentenceInfo], known: &[String]) -> Vec<Flag> {
    let mut seen: Vec<String> = Vec::new();
    let mut flags = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        if block.kind == ProseKind::Heading || is_shouting(&block.text) {
            continue;
        }
        for (start, end) in alphanumeric_runs(&block.text) {
            let Some(abbreviation) = as_abbreviation(&block.text[start..end]) else {
                continue;
            };
            if seen.iter().any(|s| s == abbreviation) {
                continue;
            }
            seen.push(abbreviation.to_string());
            if is_known_abbreviation(abbreviation, known) || spelled_out(&block.text, start, end) {
                continue;
            }
            let excerpt = sentences
                .iter()
                .find(|s| s.block == index && s.text.contains(&block.text[start..end]))
                .map_or_else(|| block.text.clone(), |s| s.text.clone());
            flags.push(Flag::warning(
                "abbreviation",
                format!(
                    "\"{abbreviation}\" is used without being spelled out: write the full name the first \
                     time, like \"Full Name ({abbreviation})\", or add it to the glossary."
                ),
                Some(excerpt),
            ));
        }
    }
    flags
}

/// Byte ranges of ASCII letter-and-digit runs.
fn alphanumeric_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_ascii_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                // A run glued to other letters ("FDAé") is not a word of its own.
                let glued = c.is_alphanumeric();
                let glued_before = text[..from].chars().next_back().is_some_and(char::is_alphanumeric);
                if !glued && !glued_before {
                    runs.push((from, at));
                }
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// The abbreviation a word is, if any: two or more capitals, no lower case except a plural "s".
fn as_abbreviation(word: &str) -> Option<&str> {
    let core = word.strip_suffix('s').filter(|c| c.len() >= 2).unwrap_or(word);
    let capitals = core.chars().filter(char::is_ascii_uppercase).count();
    let starts_with_letter = core.starts_with(|c: char| c.is_ascii_alphabetic());
    let no_lower = !core.chars().any(|c| c.is_ascii_lowercase());
    (capitals >= 2 && starts_with_letter && no_lower && !ROMAN_NUMERALS.contains(&core)).then_some(core)
}

/// Whether a block is written mostly in capitals (a shouted warning, not abbreviations).
fn is_shouting(text: &str) -> bool {
    let words: Vec<&str> =
        text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 2).collect();
    let shouted = words.iter().filter(|w| w.chars().all(char::is_uppercase)).count();
    shouted >= 3 && shouted * 4 >= words.len() * 3
}

/// Whether an abbreviation is common, or explained by the glossary (as a term, or as a
/// whole word of a term like "CAR T-cell therapy").
fn is_known_abbreviation(abbreviation: &str, known: &[String]) -> bool {
    COMMON_ABBREVIATIONS.contains(&abbreviation)
        || known.iter().any(|term| {
            term.trim().eq_ignore_ascii_case(abbreviation)
                || alphanumeric_runs(term).iter().any(|&(s, e)| &term[s..e] == abbreviation)
        })
}

/// Whether the abbreviation at `start..end` is spelled out right there: "Full Name (ABC)"
/// or "ABC (Full Name)".
fn spelled_out(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    let in_brackets = before.ends_with('(')
        && after.starts_with([')', ',', ';'])
        && before[..before.len() - 1].chars().any(char::is_alphabetic);
    let followed_by_long_form = after.strip_prefix('(').is_some_and(|inside| {
        let inside = inside.split(')').next().unwrap_or("");
        inside.chars().any(|c| c.is_lowercase())
    });
    in_brackets || followed_by_long_form
}

/// Number words that can start or end a "1 in X" phrase.
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "fifty",
    "hundred", "thousand", "million",
];

/// Numbers in a sentence that need a human look: percentages, decimals, "1 in X", large ones.
fn numbers_to_check(sentence: &str) -> Vec<String> {
    if !sentence.bytes().any(|b| b.is_ascii_digit()) && !sentence.contains(" in ") {
        return Vec::new();
    }
    let words: Vec<&str> = sentence
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '.' && c != ',')
                .trim_end_matches(['.', ','])
        })
        .collect();
    let is = |at: usize, word: &str| words.get(at).is_some_and(|w| w.eq_ignore_ascii_case(word));
    let is_number_like = |at: usize| {
        words.get(at).is_some_and(|w| {
            (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.'))
                || NUMBER_WORDS.iter().any(|n| n.eq_ignore_ascii_case(w))
        })
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let has_digit = word.chars().any(|c| c.is_ascii_digit());
        if has_digit && word.ends_with('%') {
            found.push(word.to_string());
        } else if has_digit && is(i + 1, "percent") {
            found.push(format!("{word} percent"));
        } else if has_digit && is(i + 1, "per") && is(i + 2, "cent") {
            found.push(format!("{word} per cent"));
        } else if is_number_like(i) && is(i + 1, "in") && (is_number_like(i + 2) || is(i + 2, "a")) {
            let end = if is(i + 2, "a") { i + 4 } else { i + 3 }.min(words.len());
            found.push(words[i..end].join(" "));
            i = end;
            continue;
        } else if is_decimal(word) {
            found.push(word.to_string());
        } else if has_digit && (is(i + 1, "million") || is(i + 1, "billion") || is(i + 1, "trillion")) {
            found.push(format!("{word} {}", words[i + 1]));
        } else if has_digit
            && word.chars().all(|c| c.is_ascii_digit() || c == ',')
            && word.replace(',', "").parse::<u64>().is_ok_and(|n| n >= LARGE_NUMBER)
        {
            found.push(word.to_string());
        }
        i += 1;
    }
    found
}

/// "2.5", "0.05": one dot with digits on both sides.
fn is_decimal(word: &str) -> bool {
    let Some((whole, fraction)) = word.split_once('.') else {
        return false;
    };
    !fraction.is_empty()
        && fraction.chars().all(|c| c.is_ascii_digit())
        && whole.chars().all(|c| c.is_ascii_digit() || c == ',')
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    fn para(text: &str) -> ProseBlock {
        ProseBlock { kind: ProseKind::Paragraph, text: text.to_string() }
    }

    fn codes(flags: &[Flag]) -> Vec<&str> {
        flags.iter().map(|f| f.code.as_str()).collect()
    }

    fn has(blocks: &[ProseBlock], code: &str) -> bool {
        check_prose(blocks).iter().any(|f| f.code == code)
    }

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).expect("valid test date")
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_decimals() {
        let s = sentences(&[
            para("Dr. Lee gave 2.5 mg. The U.S. Food and Drug Administration agreed! Why? Yes."),
            para("Next"),
        ]);
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Dr. Lee gave 2.5 mg.", "The U.S. Food and Drug Administration agreed!", "Why?", "Yes.", "Next"]
        );
        assert_eq!(s[0].words, 5);
        assert_eq!(s[4].block, 1);
    }

    /// The prose flags of a Spanish page with the default INFLESZ target.
    fn spanish(blocks: &[ProseBlock]) -> Vec<Flag> {
        let input = CheckInput { language: "es-US", ..CheckInput::new(blocks) };
        check_page(&input)
    }

    #[test]
    fn spanish_pages_get_inflesz_and_spanish_sentences_but_no_passive_check() {
        // Plain Spanish: no flag. "Dr." does not end the sentence.
        let plain = [para("Tome la pastilla con agua. El Dr. Ruiz le explica cómo. Llame si le duele.")];
        assert_eq!(codes(&spanish(&plain)), Vec::<&str>::new());
        // Clinical Spanish: INFLESZ well below 55, with its band named.
        let hard = [para(
            "La administración concomitante de inmunosupresores incrementa significativamente la \
             probabilidad de complicaciones infecciosas oportunistas en pacientes trasplantados.",
        )];
        let flags = spanish(&hard);
        assert_eq!(codes(&flags), ["inflesz-below-target"]);
        assert!(
            flags[0].message.contains("muy difícil") && flags[0].message.contains("55"),
            "{}",
            flags[0].message
        );
        // The target is the site's: a low one lets the page pass.
        let lenient = CheckInput { language: "es", inflesz_target: -100.0, ..CheckInput::new(&hard) };
        assert!(check_page(&lenient).is_empty());
        // A long sentence counts Spanish words (26 here); English passive voice is not looked for.
        let long = [para(&(vec!["casa"; 26].join(" ") + "."))];
        assert!(codes(&spanish(&long)).contains(&"long-sentence"));
        let passive = [para("The cells were taken. The drug was given. It is done. Blood was drawn.")];
        assert!(codes(&check_prose(&passive)).contains(&"passive-voice"));
        assert!(!codes(&spanish(&passive)).contains(&"passive-voice"));
        // Abbreviations are checked in Spanish too.
        assert!(codes(&spanish(&[para("Su ADN cambia poco a poco.")])).contains(&"abbreviation"));
    }

    #[test]
    fn long_sentence() {
        let long = vec!["word"; 26].join(" ") + ".";
        let flags = check_prose(&[para(&long)]);
        assert_eq!(codes(&flags), ["long-sentence"]);
        assert_eq!(flags[0].excerpt.as_deref(), Some(long.as_str()));
        assert_eq!(flags[0].severity, Severity::Warning);
        assert!(!has(&[para(&(vec!["word"; 25].join(" ") + "."))], "long-sentence"));
    }

    #[test]
    fn long_paragraph() {
        assert!(has(&[para("One. Two. Three. Four. Five. Six.")], "long-paragraph"));
        assert!(!has(&[para("One. Two. Three. Four. Five.")], "long-paragraph"));
        let item = ProseBlock { kind: ProseKind::ListItem, text: "One. Two. Three. Four. Five. Six.".into() };
        assert!(!has(&[item], "long-paragraph"));
    }

    #[test]
    fn passive_voice() {
        let passive =
            [para("The cells are changed by the virus. Genes were quickly given to you. You rest.")];
        let flags = check_prose(&passive);
        let flag = flags.iter().find(|f| f.code == "passive-voice").expect("flagged");
        assert!(flag.message.contains("67%"), "{}", flag.message);
        assert_eq!(flag.excerpt.as_deref(), Some("The cells are changed by the virus."));
        let active = [para("The virus changes the cells. Doctors give genes to you. You rest. It is red.")];
        assert!(!has(&active, "passive-voice"));
        assert!(!is_passive("They need a bed."));
        assert!(is_passive("It wasn’t known."));
    }

    #[test]
    fn passive_share_at_threshold_is_not_flagged() {
        let text = "It was done. You rest. You eat. You walk. You sleep.";
        assert!(!has(&[para(text)], "passive-voice"));
    }

    #[test]
    fn abbreviation() {
        let flags = check_prose(&[para("The FDA approved it. The FDA agreed.")]);
        assert_eq!(codes(&flags), ["abbreviation"]);
        assert_eq!(flags[0].excerpt.as_deref(), Some("The FDA approved it."));
        assert!(!has(
            &[para("The Food and Drug Administration (FDA) approved it. The FDA agreed.")],
            "abbreviation"
        ));
        assert!(!has(&[para("The FDA (Food and Drug Administration) approved it.")], "abbreviation"));
        assert!(!has(&[para("Type II diabetes is OK on TV.")], "abbreviation"));
        assert!(!has(&[para("CALL YOUR DOCTOR RIGHT AWAY.")], "abbreviation"));
        // First use counts: explaining it later is too late.
        assert!(has(
            &[para("HSCT helps. Hematopoietic stem cell transplant (HSCT) is used.")],
            "abbreviation"
        ));
        // Plurals and headings.
        assert!(has(&[para("Ask about HSCTs.")], "abbreviation"));
        let heading = ProseBlock { kind: ProseKind::Heading, text: "What is HSCT?".into() };
        assert!(!has(&[heading, para("A stem cell transplant (HSCT) helps.")], "abbreviation"));
    }

    #[test]
    fn glossary_terms_explain_abbreviations() {
        let blocks = [para("HSCT and CAR T help.")];
        let known = ["hsct".to_string(), "CAR T-cell therapy".to_string()];
        let mut input = CheckInput::new(&blocks);
        input.known_abbreviations = &known;
        assert!(check_page(&input).is_empty());
        input.known_abbreviations = &[];
        assert_eq!(codes(&check_page(&input)), ["abbreviation", "abbreviation"]);
    }

    #[test]
    fn numbers() {
        let flags = check_prose(&[para("About 45% of people, or 1 in 5, take 2.5 doses; 12,000 took part.")]);
        assert_eq!(codes(&flags), ["number"]);
        assert!(flags[0].message.contains("45%, 1 in 5, 2.5, 12,000"), "{}", flags[0].message);
        assert!(has(&[para("It helps one in a hundred people.")], "number"));
        assert!(has(&[para("Some 3 million people and 20 percent more.")], "number"));
        assert!(!has(&[para("Take 2 pills on day 3 of 2024. Ask 1,000 questions in 10 days.")], "number"));
    }

    #[test]
    fn long_list() {
        let blocks = [];
        let mut input = CheckInput::new(&blocks);
        input.list_lengths = vec![3, 7];
        assert!(check_page(&input).is_empty());
        input.list_lengths = vec![8];
        assert_eq!(codes(&check_page(&input)), ["long-list"]);
    }

    #[test]
    fn missing_parts() {
        let blocks = [];
        let mut input = CheckInput::new(&blocks);
        assert!(check_page(&input).is_empty());
        input.has_summary = false;
        input.has_key_points = false;
        input.has_actions = false;
        input.review = ReviewStatus::NeverReviewed;
        assert_eq!(
            codes(&check_page(&input)),
            ["missing-summary", "missing-key-points", "missing-actions", "missing-review"]
        );
    }

    #[test]
    fn review_dates() {
        let blocks = [];
        let policy = crate::review::ReviewPolicy::default();
        let today = date(2026, 1, 1);
        let mut input = CheckInput::new(&blocks);
        let status = |next| ReviewStatus::of(None, Some(next), &policy, today);
        input.review = status(date(2026, 6, 1));
        assert!(check_page(&input).is_empty());
        input.review = status(date(2026, 3, 2)); // 60 days away
        let flags = check_page(&input);
        assert_eq!(codes(&flags), ["review-due"]);
        assert_eq!(flags[0].severity, Severity::Warning);
        input.review = status(date(2026, 1, 1));
        assert_eq!(codes(&check_page(&input)), ["review-due"]);
        input.review = status(date(2025, 12, 31));
        let flags = check_page(&input);
        assert_eq!(codes(&flags), ["review-overdue"]);
        assert_eq!(flags[0].severity, Severity::Warning, "overdue is a warning by default");
        assert!(flags[0].message.contains("due for review"), "{}", flags[0].message);
        input.overdue = OverduePolicy::Error;
        assert_eq!(check_page(&input)[0].severity, Severity::Error);
    }

    #[test]
    fn clean_prose_has_no_flags() {
        let blocks = [
            ProseBlock { kind: ProseKind::Heading, text: "How gene therapy works".into() },
            para("Gene therapy changes your genes. Your doctor explains the risks. You decide."),
        ];
        assert!(check_prose(&blocks).is_empty());
    }
}
