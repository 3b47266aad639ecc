//! Readability measures over a page's body prose: the Flesch Reading Ease, Flesch-Kincaid
//! Grade, SMOG and Coleman-Liau formulas, fed by the counts [`super::prose`] makes (what a
//! sentence, a word and a syllable are is decided there, once, for every plain-language tool).

use serde::Serialize;

use super::prose::syllables_of;
pub use super::prose::{
    hard_word_details, hard_words, sentences, words_with_syllables, HardWord, ProseBlock, ProseKind,
    SentenceInfo, Token, Tokens, POLYSYLLABLE_MIN, SMOG_MIN_SENTENCES,
};

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
                    let n = syllables_of(word, &mut buffer);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plain::syllables;

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
