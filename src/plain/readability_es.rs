//! Spanish readability: Fernández-Huerta in its corrected form and Szigriszt-Pazos with the
//! INFLESZ scale, counted with Spanish sentence and word rules (¿ and ¡ open a sentence, and
//! abbreviations such as "Dr.", "etc." or "p. ej." do not end one) and the Spanish
//! syllabifier ([`super::syllables_es`]).

use serde::Serialize;

use super::prose::{HardWord, ProseBlock, SentenceInfo};

/// The INFLESZ target a Spanish page should reach when the site sets none ("normal" or easier).
pub const DEFAULT_INFLESZ_TARGET: f64 = 55.0;

/// Abbreviations whose final period does not end a sentence (lower case, without the period;
/// "p. ej." is two: `p` and `ej`).
const ABBREVIATIONS: &[&str] = &[
    "dr", "dra", "drs", "dras", "sr", "sra", "srta", "sres", "ud", "uds", "etc", "p", "ej", "pág", "págs",
    "núm", "n", "art", "aprox", "cap", "cf", "dpto", "ee", "uu", "fig", "lic", "máx", "mín", "mg", "ml",
    "vol", "vs", "tel", "av", "ing", "prof", "profa", "min", "hr", "hrs", "kg", "cm", "mm", "km",
];

/// Spanish reading figures for a text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SpanishReadability {
    /// Words counted.
    pub words: usize,
    /// Sentences counted.
    pub sentences: usize,
    /// Syllables counted.
    pub syllables: usize,
    /// Fernández-Huerta, corrected: 206.84 − 60·syllables/words − 1.02·words/sentences.
    pub fernandez_huerta: f64,
    /// Szigriszt-Pazos: 206.835 − 62.3·syllables/words − words/sentences (the INFLESZ score).
    pub szigriszt_pazos: f64,
}

impl SpanishReadability {
    /// The figures from counts (none of them zero).
    pub fn from_counts(words: usize, sentences: usize, syllables: usize) -> Self {
        let w = words.max(1) as f64;
        let s = sentences.max(1) as f64;
        let y = syllables as f64;
        SpanishReadability {
            words,
            sentences,
            syllables,
            fernandez_huerta: 206.84 - 60.0 * y / w - 1.02 * w / s,
            szigriszt_pazos: 206.835 - 62.3 * y / w - w / s,
        }
    }

    /// The INFLESZ band of the Szigriszt-Pazos score.
    pub fn inflesz(&self) -> Inflesz {
        Inflesz::of(self.szigriszt_pazos)
    }
}

/// The INFLESZ scale (Barrio-Cantalejo 2008) for a Szigriszt-Pazos score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Inflesz {
    /// Below 40.
    VeryHard,
    /// 40 to 55.
    SomewhatHard,
    /// 55 to 65.
    Normal,
    /// 65 to 80.
    FairlyEasy,
    /// Over 80.
    VeryEasy,
}

impl Inflesz {
    /// The band a score falls in (a boundary belongs to the easier band).
    pub fn of(score: f64) -> Self {
        if score < 40.0 {
            Inflesz::VeryHard
        } else if score < 55.0 {
            Inflesz::SomewhatHard
        } else if score < 65.0 {
            Inflesz::Normal
        } else if score <= 80.0 {
            Inflesz::FairlyEasy
        } else {
            Inflesz::VeryEasy
        }
    }

    /// The band's name on the scale, in Spanish as published, and in English.
    pub fn label(self) -> &'static str {
        match self {
            Inflesz::VeryHard => "muy difícil (very hard)",
            Inflesz::SomewhatHard => "algo difícil (somewhat hard)",
            Inflesz::Normal => "normal",
            Inflesz::FairlyEasy => "bastante fácil (fairly easy)",
            Inflesz::VeryEasy => "muy fácil (very easy)",
        }
    }
}

/// The words of a Spanish text (letters, with inner apostrophes or hyphens; numbers are not
/// words), in order.
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map(|w| w.trim_matches(|c: char| c == '-' || c == '\''))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// The sentences of a Spanish text: a sentence ends at `.`, `?`, `!`, `…` or `;`-free line
/// breaks between paragraphs, but not at the period of an abbreviation or a decimal number;
/// `¿` and `¡` open a sentence even without a period before them.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n") {
        let mut current = String::new();
        let chars: Vec<char> = paragraph.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if (c == '¿' || c == '¡') && !words(&current).is_empty() && !ends_open(&current) {
                push(&mut out, &mut current);
            }
            current.push(c);
            let ends = match c {
                '?' | '!' | '…' => true,
                '.' => {
                    let word = current
                        .trim_end_matches('.')
                        .rsplit(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or("");
                    let next = chars.get(i + 1).copied();
                    let abbreviation = ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase));
                    let decimal = next.is_some_and(|n| n.is_ascii_digit());
                    !abbreviation && !decimal
                }
                _ => false,
            };
            if ends {
                // Closing quotes and brackets stay with the sentence they close.
                while let Some(&n) = chars.get(i + 1) {
                    if matches!(n, '"' | '»' | '”' | ')' | '’' | '?' | '!' | '.') {
                        current.push(n);
                        i += 1;
                    } else {
                        break;
                    }
                }
                push(&mut out, &mut current);
            }
            i += 1;
        }
        push(&mut out, &mut current);
    }
    out
}

/// Whether the text so far ends inside an open ¿ or ¡ (`Y, ¿qué hago?` is one sentence).
fn ends_open(current: &str) -> bool {
    current.trim_end().ends_with([',', ':', ';', '—', '('])
}

fn push(out: &mut Vec<String>, current: &mut String) {
    let s = current.trim();
    if !words(s).is_empty() {
        out.push(s.to_string());
    }
    current.clear();
}

/// The prose of a text to measure: for Markdown, without front-matter, and with each heading
/// and list item as its own sentence (they have no final period).
pub fn prose_of(text: &str, markdown: bool) -> String {
    if !markdown {
        return text.to_string();
    }
    let body = match text.strip_prefix("---") {
        Some(rest) => rest.split_once("\n---").map_or(rest, |(_, body)| body),
        None => text,
    };
    let mut out = String::new();
    for line in body.lines() {
        let t = line.trim_start();
        let item = t.starts_with(['#', '-', '*', '+', '>'])
            || t.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if item {
            out.push_str("\n\n");
            out.push_str(t.trim_start_matches(['#', '-', '*', '+', '>', ' ']));
            out.push_str("\n\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Measure a Spanish text.
pub fn measure(text: &str) -> SpanishReadability {
    let ws = words(text);
    SpanishReadability::from_counts(ws.len(), sentences(text).len(), ws.iter().map(|w| syllables(w)).sum())
}

/// Whether a language tag is Spanish (`es`, `es-US`, `es_MX`): the one test every
/// language-keyed rule (measures, checks, plain words, search) asks.
pub fn is_spanish(language: &str) -> bool {
    language.split(['-', '_']).next().is_some_and(|primary| primary.eq_ignore_ascii_case("es"))
}

/// Syllables from which a Spanish word is a hard word. One more than English's 3: Spanish
/// words run longer, and everyday words such as "médico", "pastilla" or "consulta" have 3.
pub const HARD_WORD_SYLLABLES_ES: usize = 4;

/// A Spanish word's syllables (each part of a hyphenated word counted on its own).
fn syllables(word: &str) -> usize {
    word.split('-').map(super::syllables_es::count).sum()
}

/// The sentences of a page's prose blocks by the Spanish rules: each block (a heading, a list
/// item, a paragraph) ends its last sentence, as in [`super::prose::sentences`].
pub fn block_sentences(blocks: &[ProseBlock]) -> Vec<SentenceInfo> {
    let mut out = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        for sentence in sentences(&block.text) {
            let ws = words(&sentence);
            let syllables = ws.iter().map(|w| syllables(w)).sum();
            out.push(SentenceInfo { words: ws.len(), syllables, text: sentence, block: index });
        }
    }
    out
}

/// Measure a page's prose blocks by the Spanish rules.
pub fn measure_blocks(blocks: &[ProseBlock]) -> SpanishReadability {
    let sentences = block_sentences(blocks);
    SpanishReadability::from_counts(
        sentences.iter().map(|s| s.words).sum(),
        sentences.len(),
        sentences.iter().map(|s| s.syllables).sum(),
    )
}

/// Distinct Spanish hard words (at least [`HARD_WORD_SYLLABLES_ES`] syllables, made of
/// letters, not all capitals), most frequent first, as [`super::prose::hard_word_details`].
pub fn hard_word_details(blocks: &[ProseBlock]) -> Vec<HardWord> {
    let mut seen: std::collections::HashMap<String, HardWord> = std::collections::HashMap::new();
    for block in blocks {
        for word in words(&block.text) {
            let n = syllables(word);
            let capitals = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
            if n < HARD_WORD_SYLLABLES_ES || capitals || word.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            seen.entry(word.to_lowercase())
                .or_insert_with(|| HardWord { word: word.to_string(), syllables: n, occurrences: 0 })
                .occurrences += 1;
        }
    }
    let mut hard: Vec<(String, HardWord)> = seen.into_iter().collect();
    hard.sort_by(|(ka, a), (kb, b)| b.occurrences.cmp(&a.occurrences).then_with(|| ka.cmp(kb)));
    hard.into_iter().map(|(_, h)| h).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_know_spanish_punctuation_and_abbreviations() {
        let text = "El Dr. Gómez atiende los lunes, martes, etc. y no cobra. ¿Tiene fiebre? ¡Llame hoy! \
                    Tome 2.5 mg, p. ej. con agua. Y, ¿qué hago si vomito? Pregunte.";
        let s = sentences(text);
        assert_eq!(
            s,
            vec![
                "El Dr. Gómez atiende los lunes, martes, etc. y no cobra.",
                "¿Tiene fiebre?",
                "¡Llame hoy!",
                "Tome 2.5 mg, p. ej. con agua.",
                "Y, ¿qué hago si vomito?",
                "Pregunte.",
            ]
        );
        assert_eq!(sentences("Hola ¿cómo está?").len(), 2, "¿ opens a sentence");
    }

    #[test]
    fn formulas_and_the_inflesz_scale() {
        // 100 words, 5 sentences, 200 syllables.
        let r = SpanishReadability::from_counts(100, 5, 200);
        assert!((r.fernandez_huerta - (206.84 - 120.0 - 20.4)).abs() < 1e-9);
        assert!((r.szigriszt_pazos - (206.835 - 124.6 - 20.0)).abs() < 1e-9);
        assert_eq!(Inflesz::of(39.9), Inflesz::VeryHard);
        assert_eq!(Inflesz::of(40.0), Inflesz::SomewhatHard);
        assert_eq!(Inflesz::of(55.0), Inflesz::Normal);
        assert_eq!(Inflesz::of(65.0), Inflesz::FairlyEasy);
        assert_eq!(Inflesz::of(80.5), Inflesz::VeryEasy);
    }

    #[test]
    fn blocks_are_measured_sentence_by_sentence_with_spanish_syllables() {
        use super::super::prose::ProseKind;
        let block = |kind, text: &str| ProseBlock { kind, text: text.to_string() };
        let blocks = [
            block(ProseKind::Heading, "¿Qué es la diabetes?"),
            block(ProseKind::Paragraph, "La diabetes sube el azúcar en la sangre. El Dr. Ruiz la trata."),
            block(ProseKind::ListItem, "Tome la medicación"),
        ];
        let sentences = block_sentences(&blocks);
        let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "¿Qué es la diabetes?",
                "La diabetes sube el azúcar en la sangre.",
                "El Dr. Ruiz la trata.",
                "Tome la medicación"
            ]
        );
        assert_eq!(sentences.iter().map(|s| s.block).collect::<Vec<_>>(), [0, 1, 1, 2]);
        assert_eq!(sentences[0].words, 4);
        // qué (1) es (1) la (1) dia-be-tes (3).
        assert_eq!(sentences[0].syllables, 6);
        let r = measure_blocks(&blocks);
        assert_eq!((r.sentences, r.words), (4, 20));
        let hard = hard_word_details(&blocks);
        let words: Vec<&str> = hard.iter().map(|h| h.word.as_str()).collect();
        // me-di-ca-ción has 4 syllables; dia-be-tes (3) and a-zú-car (3) are everyday length.
        assert_eq!(words, ["medicación"]);
        assert!(is_spanish("es") && is_spanish("ES-us") && is_spanish("es_MX"));
        assert!(!is_spanish("en") && !is_spanish("est") && !is_spanish(""));
    }

    #[test]
    fn plain_spanish_reads_easier_than_clinical_spanish() {
        let plain = measure("Tome la pastilla con agua. Hágalo cada mañana. Si le duele, llame a su médico.");
        let hard = measure(
            "La administración concomitante de inmunosupresores incrementa significativamente la \
             probabilidad de complicaciones infecciosas oportunistas en pacientes trasplantados.",
        );
        assert_eq!(plain.words, 15);
        assert_eq!(plain.sentences, 3);
        assert!(plain.szigriszt_pazos > 65.0, "{plain:?}");
        assert!(hard.szigriszt_pazos < 40.0, "{hard:?}");
        assert!(plain.fernandez_huerta > hard.fernandez_huerta);
    }
}
