//! Spanish stemming for the search index: the steps of the Snowball Spanish stemmer (attached
//! pronouns, standard suffixes, verb suffixes, residual vowels), written for words that are
//! already folded (`á é í ó ú ü` -> `a e i o u`, `ñ` kept; see [`super::search::fold_es`]).
//!
//! Folding first is the point: a reader types "cirugia" as often as "cirugía", and both must
//! stem alike, which Snowball's own rules on accented words do not do ("cirugía" -> "cirug",
//! "cirugia" -> "cirugi"). Snowball's accented endings are therefore left out, except the few
//! whose plain form can only be that ending (`-ación`, `-ución`, `-logía`); plain forms such as
//! `-ia`, `-io`, `-era` or `-i` would cut the ends off nouns ("primaria", "laboratorio",
//! "cadera") and split singulars from their plurals. `search.js` has the same rules
//! (`stemEs`); `tests/search_rules.rs` checks they agree on thousands of Spanish words.

/// The vowels after folding; `y` and `ñ` are consonants here.
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Step 0: a pronoun attached to a verb form ("tomándolo" -> "tomando").
const PRONOUNS: &[&str] =
    &["selas", "selos", "sela", "selo", "las", "les", "los", "nos", "me", "se", "la", "le", "lo"];

/// Step 0: the verb endings a pronoun may follow (in RV).
const PRONOUN_HOSTS: &[&str] = &["iendo", "ando", "ar", "er", "ir"];

/// Step 1, deleted when in R2.
const STANDARD_R2: &[&str] = &[
    "anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles", "ista",
    "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos",
];

/// Step 1, deleted when in R2, and a preceding `ic` too when in R2.
const STANDARD_IC: &[&str] =
    &["adora", "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias"];

/// Step 2a, deleted when in RV and after `u` ("destruyendo" -> "destru").
const Y_VERB: &[&str] = &["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yas", "yes", "yais", "yamos"];

/// Step 2b, deleted when in RV, with a `u` before them when it follows `g` ("siguen" -> "sig").
const VERB_GU: &[&str] = &["en", "es", "emos"];

/// Step 2b, deleted when in RV.
const VERB: &[&str] = &[
    "aba", "ada", "ida", "ara", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban",
    "aran", "ieran", "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "ar", "er", "ir", "as",
    "abas", "adas", "idas", "aras", "ieras", "ases", "ieses", "abais", "arais", "ierais", "aseis", "ieseis",
    "asteis", "isteis", "ados", "idos", "amos", "imos", "aremos", "eremos", "iremos",
];

/// A word being stemmed, as letters, with its Snowball regions (start indexes).
struct Word {
    letters: Vec<char>,
    rv: usize,
    r1: usize,
    r2: usize,
}

impl Word {
    fn new(word: &str) -> Word {
        let letters: Vec<char> = word.chars().collect();
        let n = letters.len();
        // The index just past the first vowel (or non-vowel) at or after `from`.
        let past =
            |from: usize, vowel: bool| (from..n).find(|&i| is_vowel(letters[i]) == vowel).map(|i| i + 1);
        let rv = match (letters.first(), letters.get(1)) {
            (Some(_), Some(&second)) if !is_vowel(second) => past(2, true),
            (Some(&first), Some(_)) if is_vowel(first) => past(2, false),
            (Some(_), Some(_)) if n >= 3 => Some(3),
            _ => None,
        }
        .unwrap_or(n);
        // R1 is after the first non-vowel that follows a vowel; R2 is R1's own R1.
        let region = |from: usize| past(from, true).and_then(|v| past(v, false)).unwrap_or(n);
        let r1 = region(0);
        let r2 = region(r1);
        Word { letters, rv, r1, r2 }
    }

    fn len(&self) -> usize {
        self.letters.len()
    }

    fn ends_with(&self, suffix: &str) -> bool {
        let k = suffix.chars().count();
        k <= self.len() && self.letters[self.len() - k..].iter().copied().eq(suffix.chars())
    }

    /// The longest of `suffixes` the word ends with, as (suffix, index where it starts).
    fn longest<'s>(&self, suffixes: &[&'s str]) -> Option<(&'s str, usize)> {
        suffixes
            .iter()
            .filter(|s| self.ends_with(s))
            .max_by_key(|s| s.len())
            .map(|s| (*s, self.len() - s.chars().count()))
    }

    /// Whether the letters before `end` end with `suffix`, and where it starts then.
    fn before(&self, end: usize, suffix: &str) -> Option<usize> {
        let k = suffix.chars().count();
        (k <= end && self.letters[end - k..end].iter().copied().eq(suffix.chars())).then(|| end - k)
    }

    fn cut(&mut self, at: usize) {
        self.letters.truncate(at);
    }

    fn replace(&mut self, at: usize, with: &str) {
        self.letters.truncate(at);
        self.letters.extend(with.chars());
    }
}

/// The stem of one folded, lower-case Spanish word.
pub fn stem(word: &str) -> String {
    let mut w = Word::new(word);
    attached_pronoun(&mut w);
    if !standard_suffix(&mut w) && !y_verb_suffix(&mut w) {
        verb_suffix(&mut w);
    }
    residual_suffix(&mut w);
    w.letters.into_iter().collect()
}

/// Step 0: drop a pronoun after a gerund or infinitive in RV ("dándole" -> "dando").
fn attached_pronoun(w: &mut Word) {
    let Some((_, at)) = w.longest(PRONOUNS) else { return };
    let host = PRONOUN_HOSTS.iter().filter_map(|h| w.before(at, h)).min();
    let hosted = match host {
        Some(start) => start >= w.rv,
        // "yendo" after `u` ("construyéndolo"); the `u` may be outside RV.
        None => w.before(at, "yendo").is_some_and(|start| start >= w.rv && w.before(start, "u").is_some()),
    };
    if hosted {
        w.cut(at);
    }
}

/// Step 1: noun and adjective suffixes; whether one was removed.
fn standard_suffix(w: &mut Word) -> bool {
    const OTHERS: &[&str] = &[
        "logia", "logias", "ucion", "uciones", "encia", "encias", "amente", "mente", "idad", "idades", "iva",
        "ivo", "ivas", "ivos",
    ];
    let all: Vec<&str> = STANDARD_R2.iter().chain(STANDARD_IC).chain(OTHERS).copied().collect();
    let Some((suffix, at)) = w.longest(&all) else { return false };
    // The whole step fails when the longest suffix is not in its region (Snowball's rule).
    let in_r2 = at >= w.r2;
    // Delete a further suffix before `at` when it lies in R2.
    let also = |w: &mut Word, at: usize, suffix: &str| match w.before(at, suffix) {
        Some(start) if start >= w.r2 => {
            w.cut(start);
            Some(start)
        }
        _ => None,
    };
    match suffix {
        s if STANDARD_R2.contains(&s) && in_r2 => w.cut(at),
        s if STANDARD_IC.contains(&s) && in_r2 => {
            w.cut(at);
            also(w, at, "ic");
        }
        "logia" | "logias" if in_r2 => w.replace(at, "log"),
        "ucion" | "uciones" if in_r2 => w.replace(at, "u"),
        "encia" | "encias" if in_r2 => w.replace(at, "ente"),
        "amente" if at >= w.r1 => {
            w.cut(at);
            if let Some(start) = also(w, at, "iv") {
                also(w, start, "at");
            } else {
                let _ = also(w, at, "os").or_else(|| also(w, at, "ic")).or_else(|| also(w, at, "ad"));
            }
        }
        "mente" if in_r2 => {
            w.cut(at);
            let _ = also(w, at, "ante").or_else(|| also(w, at, "able")).or_else(|| also(w, at, "ible"));
        }
        "idad" | "idades" if in_r2 => {
            w.cut(at);
            let _ = also(w, at, "abil").or_else(|| also(w, at, "ic")).or_else(|| also(w, at, "iv"));
        }
        "iva" | "ivo" | "ivas" | "ivos" if in_r2 => {
            w.cut(at);
            also(w, at, "at");
        }
        _ => return false,
    }
    true
}

/// Step 2a: verb endings starting with `y` after `u`; whether one was removed.
fn y_verb_suffix(w: &mut Word) -> bool {
    match w.longest(Y_VERB) {
        Some((_, at)) if at >= w.rv && w.before(at, "u").is_some() => {
            w.cut(at);
            true
        }
        _ => false,
    }
}

/// Step 2b: the other verb endings, the longest that lies in RV.
fn verb_suffix(w: &mut Word) {
    let in_rv: Vec<&str> = VERB_GU
        .iter()
        .chain(VERB)
        .copied()
        .filter(|s| w.ends_with(s) && w.len() - s.chars().count() >= w.rv)
        .collect();
    let Some((suffix, at)) = w.longest(&in_rv) else { return };
    match w.before(at, "u") {
        Some(u) if VERB_GU.contains(&suffix) && w.before(u, "g").is_some() => w.cut(u),
        _ => w.cut(at),
    }
}

/// Step 3: a final vowel (or `os`) in RV; a `u` before `e` goes too after `g` ("guerrillas"
/// keeps it, "pague" -> "pag").
fn residual_suffix(w: &mut Word) {
    let Some((suffix, at)) = w.longest(&["os", "a", "o", "e"]) else { return };
    if at < w.rv {
        return;
    }
    w.cut(at);
    if suffix == "e" {
        if let Some(u) = w.before(at, "u") {
            if u >= w.rv && w.before(u, "g").is_some() {
                w.cut(u);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_follow_the_snowball_definitions() {
        // "macho": consonant then vowel, RV after the third letter; R1 after "mac".
        let w = Word::new("macho");
        assert_eq!((w.rv, w.r1, w.r2), (3, 3, 5));
        // "oliva": vowel then consonant, RV after the next vowel ("oli").
        assert_eq!(Word::new("oliva").rv, 3);
        // "trabajo": two consonants, RV after the next vowel ("tra").
        assert_eq!(Word::new("trabajo").rv, 3);
        // "aureo": two vowels, RV after the next consonant ("aur").
        assert_eq!(Word::new("aureo").rv, 3);
        // "beautiful" in the Snowball description: R1 "iful", R2 "ul".
        let w = Word::new("beautiful");
        assert_eq!((w.r1, w.r2), (5, 7));
        assert_eq!(Word::new("ñu").rv, 2, "ñ is a consonant and the word too short");
    }

    #[test]
    fn stems_nouns_adjectives_and_verbs() {
        for (word, want) in [
            ("celula", "celul"),
            ("celulas", "celul"),
            ("medico", "medic"),
            ("medicos", "medic"),
            ("canciones", "cancion"),
            ("cirugia", "cirugi"),
            ("cirugias", "cirugi"),
            ("laboratorio", "laboratori"),
            ("laboratorios", "laboratori"),
            ("primaria", "primari"),
            ("primario", "primari"),
            ("cadera", "cader"),
            ("caderas", "cader"),
            ("cardiologia", "cardiologi"),
            ("dermatologia", "dermatolog"),
            ("dermatologo", "dermatolog"),
            ("vacunacion", "vacun"),
            ("vacunaciones", "vacun"),
            ("soluciones", "solucion"),
            ("evoluciones", "evolu"),
            ("diferencia", "diferent"),
            ("rapidamente", "rapid"),
            ("felizmente", "feliz"),
            ("posibilidad", "posibil"),
            ("actividades", "activ"),
            ("tomando", "tom"),
            ("tomandolo", "tom"),
            ("tomarlo", "tom"),
            ("destruyendo", "destru"),
            ("huyendo", "huyend"),
            ("siguen", "sig"),
            ("pague", "pag"),
            ("tomaron", "tom"),
            ("ano", "ano"),
            ("año", "año"),
            ("años", "años"),
            ("niños", "niñ"),
            ("niña", "niñ"),
        ] {
            assert_eq!(stem(word), want, "{word}");
        }
    }

    #[test]
    fn short_words_and_non_letters_are_left_alone() {
        for word in ["", "y", "de", "2023", "x1", "ñ"] {
            assert_eq!(stem(word), word);
        }
    }
}
