//! Readability measures over a page's body prose: sentence and word counting plus the
//! Flesch Reading Ease, Flesch-Kincaid Grade, SMOG and Coleman-Liau formulas.
//!
//! Counting rules (also in docs/readability.md):
//! - every block (heading, paragraph, list item, table cell) ends a sentence, punctuated or not;
//! - inside a block a sentence ends at `.`, `!`, `?` or `…` (closing quotes and brackets may
//!   follow) when whitespace and then a capital letter, a quote or a digit follow, or the block
//!   ends; a lone `.` after an abbreviation ("Dr.", "e.g.", "U.S.") or an initial ("J.") does not
//!   end one, and decimals ("2.5") never do because no whitespace follows the dot;
//! - a word is a run of letters or digits with internal apostrophes (`'` or `’`) and hyphens,
//!   and dots or commas between digits ("2.5", "10,000"); "U.S." and "e.g." are one word each;
//! - a sentence (and so a block) with no words is not counted.

use std::collections::HashMap;

use serde::Serialize;

use super::syllables;

/// What kind of block a piece of prose came from; every block ends a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProseKind {
    /// A heading.
    Heading,
    /// A paragraph.
    Paragraph,
    /// One list item.
    ListItem,
    /// A table cell.
    TableCell,
}

/// One block of body prose, as a reader sees it (markup removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProseBlock {
    /// Where it came from.
    pub kind: ProseKind,
    /// Its visible text.
    pub text: String,
}

/// The measures of a body of prose.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Readability {
    /// Sentences counted.
    pub sentences: usize,
    /// Words counted.
    pub words: usize,
    /// Syllables counted.
    pub syllables: usize,
    /// Words of three or more syllables.
    pub polysyllables: usize,
    /// Letters and digits in words (for Coleman-Liau).
    pub letters: usize,
    /// Flesch Reading Ease.
    pub flesch_reading_ease: f64,
    /// Flesch-Kincaid Grade.
    pub flesch_kincaid_grade: f64,
    /// SMOG grade.
    pub smog: f64,
    /// False when there are fewer than 30 sentences.
    pub smog_reliable: bool,
    /// Coleman-Liau index.
    pub coleman_liau: f64,
}

/// Sentences needed before SMOG's sampling assumptions hold.
pub const SMOG_MIN_SENTENCES: usize = 30;

/// Syllables from which a word counts as hard (polysyllabic) for SMOG.
pub const POLYSYLLABLE_MIN: usize = 3;

impl Readability {
    /// The formulas applied to raw counts; all zeros when there are no words or sentences.
    pub fn from_counts(
        sentences: usize,
        words: usize,
        syllables: usize,
        polysyllables: usize,
        letters: usize,
    ) -> Self {
        let mut r = Readability { sentences, words, syllables, polysyllables, letters, ..Default::default() };
        if words == 0 || sentences == 0 {
            return r;
        }
        let words_f = words as f64;
        let sentences_f = sentences as f64;
        let words_per_sentence = words_f / sentences_f;
        let syllables_per_word = syllables as f64 / words_f;
        r.flesch_reading_ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word;
        r.flesch_kincaid_grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59;
        r.smog = 1.043 * (polysyllables as f64 * 30.0 / sentences_f).sqrt() + 3.1291;
        r.smog_reliable = sentences >= SMOG_MIN_SENTENCES;
        let letters_per_100_words = letters as f64 / words_f * 100.0;
        let sentences_per_100_words = sentences_f / words_f * 100.0;
        r.coleman_liau = 0.0588 * letters_per_100_words - 0.296 * sentences_per_100_words - 15.8;
        r
    }

    /// Add another body's counts to these and recompute the formulas (for site-wide totals).
    pub fn combined(&self, other: &Readability) -> Readability {
        Readability::from_counts(
            self.sentences + other.sentences,
            self.words + other.words,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
            self.letters + other.letters,
        )
    }
}

/// Measure blocks of prose.
pub fn measure(blocks: &[ProseBlock]) -> Readability {
    let (mut sentences, mut words, mut syllable_total, mut polysyllables, mut letters) = (0, 0, 0, 0, 0);
    let mut buffer = Vec::with_capacity(32);
    for block in blocks {
        let mut words_in_sentence = 0usize;
        for token in Tokens::new(&block.text) {
            match token {
                Token::Word(word) => {
                    let n = syllables::count_with_buffer(word, true, &mut buffer);
                    words_in_sentence += 1;
                    words += 1;
                    syllable_total += n;
                    polysyllables += usize::from(n >= POLYSYLLABLE_MIN);
                    letters += word.chars().filter(|c| c.is_alphanumeric()).count();
                }
                Token::SentenceEnd(_) => {
                    sentences += usize::from(words_in_sentence > 0);
                    words_in_sentence = 0;
                }
            }
        }
        sentences += usize::from(words_in_sentence > 0);
    }
    Readability::from_counts(sentences, words, syllable_total, polysyllables, letters)
}

/// One sentence, for editors looking for the long ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceInfo {
    /// The sentence as written, trimmed.
    pub text: String,
    /// Words in it.
    pub words: usize,
    /// Syllables in it.
    pub syllables: usize,
    /// Index of the block it came from.
    pub block: usize,
}

/// Every sentence of the blocks, in order, with its word count.
pub fn sentences(blocks: &[ProseBlock]) -> Vec<SentenceInfo> {
    let mut out = Vec::new();
    let mut buffer = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let text = block.text.as_str();
        let mut start = 0;
        let (mut words, mut syllable_total) = (0, 0);
        let mut push = |from: usize, to: usize, words: usize, syllable_total: usize| {
            if words > 0 {
                let sentence = text.get(from..to).unwrap_or_default().trim();
                out.push(SentenceInfo {
                    text: sentence.to_string(),
                    words,
                    syllables: syllable_total,
                    block: index,
                });
            }
        };
        for token in Tokens::new(text) {
            match token {
                Token::Word(word) => {
                    words += 1;
                    syllable_total += syllables::count_with_buffer(word, true, &mut buffer);
                }
                Token::SentenceEnd(end) => {
                    push(start, end, words, syllable_total);
                    (start, words, syllable_total) = (end, 0, 0);
                }
            }
        }
        push(start, text.len(), words, syllable_total);
    }
    out
}

/// A distinct hard word with how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HardWord {
    /// The word as first written.
    pub word: String,
    /// Its syllables.
    pub syllables: usize,
    /// How many times it occurs (case-insensitively).
    pub occurrences: usize,
}

/// Distinct words of at least `min_syllables` syllables, most frequent first, ties alphabetical.
pub fn hard_word_details(blocks: &[ProseBlock], min_syllables: usize) -> Vec<HardWord> {
    let mut seen: HashMap<String, HardWord> = HashMap::new();
    let mut buffer = Vec::new();
    for block in blocks {
        for token in Tokens::new(&block.text) {
            let Token::Word(word) = token else { continue };
            let n = syllables::count_with_buffer(word, true, &mut buffer);
            if n < min_syllables {
                continue;
            }
            seen.entry(word.to_lowercase().replace('\u{2019}', "'"))
                .or_insert_with(|| HardWord { word: word.to_string(), syllables: n, occurrences: 0 })
                .occurrences += 1;
        }
    }
    let mut hard: Vec<(String, HardWord)> = seen.into_iter().collect();
    hard.sort_by(|(ka, a), (kb, b)| b.occurrences.cmp(&a.occurrences).then_with(|| ka.cmp(kb)));
    hard.into_iter().map(|(_, h)| h).collect()
}

/// Distinct words of at least `min_syllables` syllables as (word, occurrences), most frequent first.
pub fn hard_words(blocks: &[ProseBlock], min_syllables: usize) -> Vec<(String, usize)> {
    hard_word_details(blocks, min_syllables).into_iter().map(|h| (h.word, h.occurrences)).collect()
}

/// Every word of `text` in order with its syllable count.
pub fn words_with_syllables(text: &str) -> Vec<(String, usize)> {
    let mut buffer = Vec::new();
    Tokens::new(text)
        .filter_map(|t| match t {
            Token::Word(w) => Some((w.to_string(), syllables::count_with_buffer(w, true, &mut buffer))),
            Token::SentenceEnd(_) => None,
        })
        .collect()
}

/// What the tokenizer finds in one block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// A word, borrowed from the text.
    Word(&'a str),
    /// The end of a sentence; the byte offset just past its closing punctuation.
    SentenceEnd(usize),
}

/// Splits one block's text into words and sentence ends without allocating.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    /// Tokens of one block's text.
    pub fn new(text: &'a str) -> Self {
        Tokens { text, pos: 0 }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let text = self.text;
        while let Some(c) = text[self.pos..].chars().next() {
            let start = self.pos;
            if c.is_alphanumeric() {
                self.pos = dotted_abbreviation_end(text, start).unwrap_or_else(|| word_end(text, start));
                return Some(Token::Word(&text[start..self.pos]));
            }
            if !is_terminal(c) {
                self.pos += c.len_utf8();
                continue;
            }
            let mut end = start;
            let mut only_one_dot = true;
            for t in text[start..].chars().take_while(|t| is_terminal(*t)) {
                only_one_dot &= end == start && t == '.';
                end += t.len_utf8();
            }
            end += text[end..].chars().take_while(|t| is_closing(*t)).map(char::len_utf8).sum::<usize>();
            self.pos = end;
            if only_one_dot && ends_with_abbreviation(&text[..start]) {
                continue;
            }
            let rest = &text[end..];
            let after_space = rest.trim_start();
            if after_space.is_empty() {
                return Some(Token::SentenceEnd(end));
            }
            if after_space.len() < rest.len() && after_space.chars().next().is_some_and(opens_sentence) {
                return Some(Token::SentenceEnd(end));
            }
        }
        None
    }
}

/// Punctuation that can end a sentence.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets that may follow a sentence's final punctuation.
fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '»')
}

/// Characters that may start a new sentence after whitespace.
fn opens_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '\u{201C}' | '\u{2018}' | '«')
}

/// Characters joining two word parts when letters or digits surround them.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
}

/// The end of the word starting at `start` (which holds a letter or digit).
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut prev: Option<char> = None;
    let mut chars = text[start..].chars().peekable();
    while let Some(c) = chars.next() {
        let joins = match prev {
            None => false,
            Some(p) => {
                let next = chars.peek().copied();
                let between_digits =
                    matches!(c, '.' | ',') && p.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
                let joined = is_joiner(c) && p.is_alphanumeric() && next.is_some_and(char::is_alphanumeric);
                between_digits || joined
            }
        };
        if !(c.is_alphanumeric() || joins) {
            break;
        }
        end += c.len_utf8();
        prev = Some(c);
    }
    end
}

/// The end (before the final dot) of a dotted abbreviation such as "U.S." or "e.g." at `start`:
/// two or more single letters joined by dots.
fn dotted_abbreviation_end(text: &str, start: usize) -> Option<usize> {
    let mut chars = text[start..].char_indices().peekable();
    let mut letters = 0;
    let mut end = start;
    while let Some((i, c)) = chars.next() {
        if !c.is_alphabetic() {
            break;
        }
        let after = chars.peek().map(|(_, n)| *n);
        if after.is_some_and(char::is_alphanumeric) {
            break;
        }
        letters += 1;
        end = start + i + c.len_utf8();
        if after != Some('.') {
            break;
        }
        chars.next();
    }
    (letters >= 2).then_some(end)
}

/// Abbreviations that do not end a sentence, lowercase and without their final dot.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "st", "vs", "etc", "prof", "jr", "sr", "fig", "figs", "approx", "cf", "al",
    "inc", "ltd", "dept", "no", "vol", "ph.d",
];

/// Whether the text before a lone dot ends with an abbreviation or an initial.
fn ends_with_abbreviation(before: &str) -> bool {
    let chunk = before.rsplit(char::is_whitespace).next().unwrap_or_default();
    let chunk = chunk.trim_start_matches(|c: char| !c.is_alphanumeric());
    if chunk.is_empty() {
        return false;
    }
    let mut chars = chunk.chars();
    if let (Some(first), None) = (chars.next(), chars.next()) {
        return first.is_uppercase();
    }
    if chunk.contains('.') && chunk.split('.').all(|part| part.chars().count() == 1) {
        return true;
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(chunk))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> ProseBlock {
        ProseBlock { kind: ProseKind::Paragraph, text: text.to_string() }
    }

    fn sentence_count(text: &str) -> usize {
        measure(&[para(text)]).sentences
    }

    fn words(text: &str) -> Vec<String> {
        words_with_syllables(text).into_iter().map(|(w, _)| w).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn one_simple_sentence_by_hand() {
        // 1 sentence, 6 words, 6 syllables, 0 polysyllables, 3+3+3+2+3+3 = 17 letters.
        let r = measure(&[para("The cat sat on the mat.")]);
        assert_eq!((r.sentences, r.words, r.syllables, r.polysyllables, r.letters), (1, 6, 6, 0, 17));
        // FRE = 206.835 - 1.015*6 - 84.6*1 = 116.145
        assert!(close(r.flesch_reading_ease, 116.145), "{}", r.flesch_reading_ease);
        // FK = 0.39*6 + 11.8*1 - 15.59 = -1.45
        assert!(close(r.flesch_kincaid_grade, -1.45), "{}", r.flesch_kincaid_grade);
        // SMOG = 1.043*sqrt(0) + 3.1291
        assert!(close(r.smog, 3.1291));
        assert!(!r.smog_reliable);
        // CLI: L = 1700/6 = 283.33.., S = 100/6 = 16.66..; 0.0588*L - 0.296*S - 15.8 = -4.07333..
        assert!(close(r.coleman_liau, 0.0588 * 1700.0 / 6.0 - 0.296 * 100.0 / 6.0 - 15.8));
        assert!((r.coleman_liau - -4.0733).abs() < 1e-3);
    }

    #[test]
    fn two_sentences_with_hard_words_by_hand() {
        // chemotherapy 5, is 1, difficult 3 | patients 2, need 1, support 2 = 14 syllables;
        // polysyllables: chemotherapy, difficult = 2; letters 12+2+9+8+4+7 = 42.
        let r = measure(&[para("Chemotherapy is difficult. Patients need support.")]);
        assert_eq!((r.sentences, r.words, r.syllables, r.polysyllables, r.letters), (2, 6, 14, 2, 42));
        // FK = 0.39*3 + 11.8*14/6 - 15.59 = 1.17 + 27.5333.. - 15.59 = 13.11333..
        assert!((r.flesch_kincaid_grade - 13.11333).abs() < 1e-4, "{}", r.flesch_kincaid_grade);
        // FRE = 206.835 - 1.015*3 - 84.6*14/6 = 206.835 - 3.045 - 197.4 = 6.39
        assert!((r.flesch_reading_ease - 6.39).abs() < 1e-9, "{}", r.flesch_reading_ease);
        // SMOG = 1.043*sqrt(2*30/2) + 3.1291 = 1.043*5.4772256 + 3.1291 = 8.8418463
        assert!((r.smog - 8.8418463).abs() < 1e-6, "{}", r.smog);
        // CLI: L = 4200/6 = 700, S = 200/6 = 33.33..; 41.16 - 9.8666.. - 15.8 = 15.49333..
        assert!((r.coleman_liau - 15.49333).abs() < 1e-4, "{}", r.coleman_liau);
    }

    #[test]
    fn smog_is_reliable_from_thirty_sentences() {
        let text = "Go now. ".repeat(30);
        let r = measure(&[para(&text)]);
        assert_eq!(r.sentences, 30);
        assert!(r.smog_reliable);
        assert!(!measure(&[para(&"Go now. ".repeat(29))]).smog_reliable);
    }

    #[test]
    fn empty_input_is_all_zeros() {
        assert_eq!(measure(&[]), Readability::default());
        let blank = [
            para(""),
            para("   "),
            para("— … !?"),
            ProseBlock { kind: ProseKind::Heading, text: "...".into() },
        ];
        let r = measure(&blank);
        assert_eq!(r, Readability::default());
        assert!(!r.flesch_kincaid_grade.is_nan() && !r.smog.is_nan() && !r.coleman_liau.is_nan());
        assert!(sentences(&blank).is_empty());
        assert!(hard_words(&blank, 3).is_empty());
    }

    #[test]
    fn every_block_ends_a_sentence() {
        let blocks = [
            ProseBlock { kind: ProseKind::Heading, text: "What gene therapy is".into() },
            para("It fixes genes. It is new"),
            ProseBlock { kind: ProseKind::ListItem, text: "fewer infections".into() },
            ProseBlock { kind: ProseKind::TableCell, text: "Yes".into() },
        ];
        assert_eq!(measure(&blocks).sentences, 5);
        let s = sentences(&blocks);
        let texts: Vec<_> = s.iter().map(|s| (s.text.as_str(), s.words, s.block)).collect();
        assert_eq!(
            texts,
            [
                ("What gene therapy is", 4, 0),
                ("It fixes genes.", 3, 1),
                ("It is new", 3, 1),
                ("fewer infections", 2, 2),
                ("Yes", 1, 3)
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(sentence_count("Dr. Smith saw the patient. She was fine."), 2);
        assert_eq!(sentence_count("Mr. and Mrs. Jones came, i.e. both of them. They left."), 2);
        assert_eq!(sentence_count("Use a cream, e.g. Zinc paste. Then wait."), 2);
        assert_eq!(sentence_count("Bring pens, paper, etc. We supply the rest."), 1);
        assert_eq!(sentence_count("It is used in the U.S. Doctors like it."), 1);
        assert_eq!(sentence_count("Go to St. Mary's clinic. Ask for help."), 2);
        assert_eq!(sentence_count("Diet vs. Exercise is a false choice. Do both."), 2);
    }

    #[test]
    fn initials_and_decimals_do_not_end_sentences() {
        assert_eq!(sentence_count("J. A. Smith wrote the guide. Read it."), 2);
        assert_eq!(sentence_count("Take 2.5 mg daily. Then rest."), 2);
        assert_eq!(sentence_count("The dose rose from 0.5 to 1.25 mg."), 1);
        assert_eq!(sentence_count("Read part 2. Then read part 3."), 2);
    }

    #[test]
    fn quotes_and_other_terminators() {
        assert_eq!(sentence_count("She said \"Stop.\" Then she left."), 2);
        assert_eq!(sentence_count("\u{201C}Is it safe?\u{201D} she asked."), 1);
        assert_eq!(sentence_count("Is it safe? Yes! \"It is,\" he said."), 3);
        assert_eq!(sentence_count("Wait... What happened?"), 2);
        assert_eq!(sentence_count("It ends here (see below). Next part."), 2);
        assert_eq!(sentence_count("Lowercase after a dot. then it goes on."), 1);
    }

    #[test]
    fn words_are_letter_runs_with_apostrophes_and_hyphens() {
        assert_eq!(words("Don't stop—it's life-altering!"), ["Don't", "stop", "it's", "life-altering"]);
        assert_eq!(
            words("the patient\u{2019}s 10,000 cells, 2.5 mg"),
            ["the", "patient\u{2019}s", "10,000", "cells", "2.5", "mg"]
        );
        assert_eq!(words("in the U.S. and e.g. here"), ["in", "the", "U.S", "and", "e.g", "here"]);
        assert_eq!(words("'quoted' -dash- end."), ["quoted", "dash", "end"]);
        assert_eq!(words("COVID-19 and B12"), ["COVID-19", "and", "B12"]);
        assert_eq!(words("a.b"), ["a.b"]);
        assert_eq!(words("end.Next"), ["end", "Next"]);
    }

    #[test]
    fn letters_count_letters_and_digits_only() {
        let r = measure(&[para("Don't take 2.5 mg.")]);
        // Don't = 4, take = 4, 2.5 = 2, mg = 2
        assert_eq!((r.words, r.letters), (4, 12));
    }

    #[test]
    fn hard_words_are_distinct_and_most_frequent_first() {
        let blocks = [
            para("Immunoglobulin helps. Chemotherapy and immunoglobulin differ."),
            para("Chemotherapy, chemotherapy!"),
        ];
        let hard = hard_words(&blocks, 3);
        assert_eq!(hard, [("Chemotherapy".to_string(), 3), ("Immunoglobulin".to_string(), 2)]);
        let details = hard_word_details(&blocks, 6);
        assert_eq!(details, [HardWord { word: "Immunoglobulin".into(), syllables: 6, occurrences: 2 }]);
    }

    #[test]
    fn sentence_detail_carries_syllables() {
        let s = sentences(&[para("Chemotherapy is difficult. Patients need support.")]);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].text.as_str(), s[0].words, s[0].syllables), ("Chemotherapy is difficult.", 3, 9));
        assert_eq!((s[1].text.as_str(), s[1].words, s[1].syllables), ("Patients need support.", 3, 5));
    }

    #[test]
    fn combined_matches_measuring_together() {
        let a = [para("Chemotherapy is difficult.")];
        let b = [para("Patients need support. They rest.")];
        let together = measure(&[a[0].clone(), b[0].clone()]);
        assert_eq!(measure(&a).combined(&measure(&b)), together);
    }

    /// Rough throughput on 10,000 synthetic pages; run with
    /// `cargo test --release --lib plain::readability::tests::throughput -- --ignored --nocapture`.
    #[test]
    #[ignore = "timing; run on demand in release mode"]
    fn throughput() {
        let page: Vec<ProseBlock> = [
            "Gene therapy for inherited immune deficiencies",
            "Gene therapy has emerged as a promising approach for treating inherited immune deficiencies, \
             offering hope to individuals who suffer from these life-altering conditions. Dr. Smith's team \
             used 2.5 mg of immunoglobulin, e.g. in the U.S. trial. Hematopoietic stem cells don't last.",
            "Ask your doctor whether it is right for you.",
        ]
        .iter()
        .cycle()
        .take(30)
        .map(|t| para(t))
        .collect();
        let started = std::time::Instant::now();
        let _ = syllables::count("warm");
        println!("dictionary load: {:?}", started.elapsed());
        let started = std::time::Instant::now();
        let mut words = 0;
        for _ in 0..10_000 {
            words += measure(&page).words;
        }
        let elapsed = started.elapsed();
        println!(
            "10,000 pages, {words} words: {elapsed:?} ({:.0} ns/word)",
            elapsed.as_nanos() as f64 / words as f64
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_measures_without_panic_or_nan(text in "\\PC{0,200}", other in "[a-zA-Z .!?'’\"-]{0,80}") {
            let blocks = [para(&text), para(&other)];
            let r = measure(&blocks);
            proptest::prop_assert!(r.flesch_reading_ease.is_finite() && r.flesch_kincaid_grade.is_finite());
            proptest::prop_assert!(r.smog.is_finite() && r.coleman_liau.is_finite());
            let listed: usize = sentences(&blocks).iter().map(|s| s.words).sum();
            proptest::prop_assert_eq!(listed, r.words);
            proptest::prop_assert_eq!(sentences(&blocks).len(), r.sentences);
        }
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in [
            "…",
            "a.",
            ".a",
            "U.",
            "U.S",
            "é.É. ü",
            "x-",
            "-x",
            "'",
            "’s",
            "1.",
            "1,",
            "日本語のテキスト。",
            "🙂. 🙂",
        ] {
            let _ = measure(&[para(text)]);
            let _ = sentences(&[para(text)]);
        }
    }
}
