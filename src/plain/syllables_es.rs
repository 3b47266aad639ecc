//! Spanish syllables by the rules of Spanish syllable division, not by a word list:
//!
//! - **Nuclei.** a, e, o are strong vowels; i, u (and y at the end of a word or before a
//!   consonant) are weak. A weak vowel next to another vowel forms a diphthong with it
//!   (`ciu-dad`, `hue-so`), weak-strong-weak a triphthong (`buey`); two strong vowels, or a
//!   stressed í / ú, make a hiatus (`le-er`, `pa-ís`, `re-ú-ne`).
//! - **Silent h** does not separate a diphthong (`prohi-bir`, `ahu-mar`), but it is a
//!   consonant for the division (`an-he-lo`, `a-ho-ra`).
//! - **u that is not said**: `qu` and `gu` before e or i are one consonant (`gue-rra`);
//!   `gü` keeps its vowel (`pin-güi-no`). ch, ll and rr are single consonants.
//! - **Consonants between vowels**: one goes with the next vowel (`ca-sa`); of several, the
//!   next syllable takes the longest start Spanish allows, an inseparable pair (pl, bl, fl,
//!   cl, kl, gl, pr, br, fr, cr, kr, gr, dr, tr) or one consonant (`ha-bla`, `ins-tru-men-to`).
//! - **Verbs in -uir and -uar** are said with a hiatus in the forms where the ending's stress
//!   falls after the u (`cons-tru-ir`, `ac-tu-ar`), as the reference syllabifier also counts.
//! - **Prefixes**: `sub` before r keeps its b (`sub-ra-yar`: the r is trilled, so b-r is no
//!   pair).

/// The syllables of a Spanish word, lower case, without any character that is not a letter.
pub fn syllabify(word: &str) -> Vec<String> {
    let letters: Vec<char> =
        word.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return Vec::new();
    }
    let units = units(&letters);
    let mut syllables: Vec<String> = Vec::new();
    // Walk the units: consonants gather until a nucleus; then the gathered consonants split
    // between the previous syllable's end and this one's start.
    let mut pending: Vec<&Unit> = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let u = &units[i];
        if !u.vowel() {
            pending.push(u);
            i += 1;
            continue;
        }
        let end = nucleus_end(&units, i);
        let nucleus: String = units[i..end].iter().map(|u| u.text.as_str()).collect();
        if syllables.is_empty() {
            let onset: String = pending.iter().map(|u| u.text.as_str()).collect();
            syllables.push(onset + &nucleus);
        } else {
            let take = onset_len(&pending);
            let split = pending.len() - take;
            let coda: String = pending[..split].iter().map(|u| u.text.as_str()).collect();
            let onset: String = pending[split..].iter().map(|u| u.text.as_str()).collect();
            if let Some(last) = syllables.last_mut() {
                last.push_str(&coda);
            }
            syllables.push(onset + &nucleus);
        }
        pending.clear();
        i = end;
    }
    let tail: String = pending.iter().map(|u| u.text.as_str()).collect();
    match syllables.last_mut() {
        Some(last) => last.push_str(&tail),
        None => syllables.push(tail),
    }
    hiatus_in_verb_endings(&mut syllables);
    prefix_sub_before_r(&mut syllables);
    syllables
}

/// `sub` + r: the r is trilled, so the b closes the prefix's syllable (`sub-ra-yar`,
/// `sub-ro-gar`), where `br` would otherwise start the next one.
fn prefix_sub_before_r(syllables: &mut [String]) {
    if syllables.len() >= 2 && syllables[0] == "su" && syllables[1].starts_with("br") {
        syllables[0].push('b');
        syllables[1].remove(0);
    }
}

/// How many syllables a Spanish word has.
pub fn count(word: &str) -> usize {
    syllabify(word).len().max(1)
}

/// One sound unit: a vowel (with its strength) or a consonant (ch, ll, rr, qu, gu are one).
#[derive(Debug, Clone)]
struct Unit {
    text: String,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Strong,
    Weak,
    /// í or ú: a weak vowel that carries the stress, so it never joins another vowel.
    StressedWeak,
    Consonant,
    /// h: a consonant that does not keep two vowels from forming a diphthong.
    SilentH,
}

impl Unit {
    fn vowel(&self) -> bool {
        matches!(self.kind, Kind::Strong | Kind::Weak | Kind::StressedWeak)
    }
}

fn vowel_kind(c: char) -> Option<Kind> {
    match c {
        'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'è' | 'ò' | 'ä' | 'ë' | 'ö' => Some(Kind::Strong),
        'i' | 'u' | 'ü' | 'ï' => Some(Kind::Weak),
        'í' | 'ú' | 'ì' | 'ù' => Some(Kind::StressedWeak),
        _ => None,
    }
}

fn units(letters: &[char]) -> Vec<Unit> {
    let mut out = Vec::with_capacity(letters.len());
    let mut i = 0;
    while i < letters.len() {
        let c = letters[i];
        let next = letters.get(i + 1).copied();
        let after = letters.get(i + 2).copied();
        let unit = |text: String, kind| Unit { text, kind };
        if matches!((c, next), ('c', Some('h')) | ('l', Some('l')) | ('r', Some('r'))) {
            out.push(unit([c, next.unwrap_or(c)].iter().collect(), Kind::Consonant));
            i += 2;
            continue;
        }
        if (c == 'q' || c == 'g') && next == Some('u') && matches!(after, Some('e' | 'é' | 'i' | 'í')) {
            out.push(unit([c, 'u'].iter().collect(), Kind::Consonant));
            i += 2;
            continue;
        }
        let kind = if c == 'y' {
            // y is a vowel at the end of a word or before a consonant (rey, muy), else a
            // consonant (ma-yo).
            match next {
                None => Kind::Weak,
                Some(n) if vowel_kind(n).is_none() => {
                    if out.last().is_some_and(|u: &Unit| u.vowel()) || i == 0 {
                        Kind::Weak
                    } else {
                        Kind::Consonant
                    }
                }
                _ => Kind::Consonant,
            }
        } else if c == 'h' {
            Kind::SilentH
        } else {
            vowel_kind(c).unwrap_or(Kind::Consonant)
        };
        out.push(unit(c.to_string(), kind));
        i += 1;
    }
    out
}

/// Whether vowel `a` followed by vowel `b` belong to one nucleus.
fn joins(a: Kind, b: Kind) -> bool {
    // A stressed í or ú before an unstressed weak vowel keeps it (`te-níu`): the stress
    // already sits on the first.
    matches!(
        (a, b),
        (Kind::Strong, Kind::Weak)
            | (Kind::Weak, Kind::Strong)
            | (Kind::Weak, Kind::Weak)
            | (Kind::StressedWeak, Kind::Weak)
    )
}

/// The end (exclusive) of the nucleus starting at `start`: up to three vowels that join,
/// possibly with one silent h inside.
fn nucleus_end(units: &[Unit], start: usize) -> usize {
    let mut end = start + 1;
    let mut vowels = vec![units[start].kind];
    loop {
        let next = match units.get(end) {
            Some(u) if u.vowel() => end,
            Some(u) if u.kind == Kind::SilentH && units.get(end + 1).is_some_and(Unit::vowel) => end + 1,
            _ => break,
        };
        let kind = units[next].kind;
        let last = vowels[vowels.len() - 1];
        // A weak vowel between two others goes with the one after it when that one is a
        // strong vowel and the nucleus so far is already a diphthong (`ca-ía` never joins;
        // `a-ie` is rare): keep at most weak-strong-weak.
        let ok = joins(last, kind)
            && match vowels.len() {
                1 => true,
                2 => vowels[0] == Kind::Weak && vowels[1] == Kind::Strong && kind == Kind::Weak,
                _ => false,
            };
        if !ok {
            break;
        }
        vowels.push(kind);
        end = next + 1;
    }
    // Strong + weak + strong: the weak vowel (now a glide) opens the next nucleus (`a-ia`
    // is not a Spanish nucleus; `ma-yo` has a consonant y already).
    if vowels.len() == 2 && vowels[0] == Kind::Strong && vowels[1] == Kind::Weak {
        let after = units.get(end);
        if after.is_some_and(|u| u.kind == Kind::Strong) {
            // The h before the glide goes with it (`a-hue-sa-da`).
            let glide = end - 1;
            return if units[glide - 1].kind == Kind::SilentH { glide - 1 } else { glide };
        }
    }
    end
}

/// How many of the consonants between two nuclei start the next syllable.
fn onset_len(consonants: &[&Unit]) -> usize {
    let n = consonants.len();
    if n >= 2 {
        let pair: String = consonants[n - 2..].iter().map(|u| u.text.as_str()).collect();
        if INSEPARABLE.contains(&pair.as_str()) {
            return 2;
        }
    }
    n.min(1)
}

/// Consonant pairs that start a syllable together.
const INSEPARABLE: &[&str] =
    &["pl", "bl", "fl", "cl", "kl", "gl", "pr", "br", "fr", "cr", "kr", "gr", "dr", "tr"];

/// The hiatus of -uir and -uar verbs (`hu-ir`, `ac-tu-ar`, `con-ti-nu-a-mos`): the ending
/// is its own syllable after the u, except after q, g (the u is not said or is a glide there).
fn hiatus_in_verb_endings(syllables: &mut Vec<String>) {
    let word: String = syllables.concat();
    let ends = |s: &str| word.ends_with(s);
    let before_u = |ending: &str| word.chars().rev().nth(ending.chars().count()).unwrap_or(' ');
    // (ending after the u, letters that must not come before the u)
    const ENDINGS: &[(&str, &str)] = &[
        ("uir", "fqgck"),
        ("uimos", "fqg"),
        ("uis", "fqg"),
        ("uar", "gk"),
        ("uado", "gkc"),
        ("uada", "gkc"),
        ("uados", "gkc"),
        ("uadas", "gkc"),
        ("uamos", "gkc"),
        ("uáis", "gkc"),
        ("uaba", "gkc"),
        ("uabas", "gkc"),
        ("uaban", "gkc"),
        ("uabais", "gkc"),
        ("uábamos", "gkc"),
        ("uaré", "gkc"),
        ("uarás", "gkc"),
        ("uará", "gkc"),
        ("uaremos", "gkc"),
        ("uaréis", "gkc"),
        ("uarán", "gkc"),
        ("uiré", "qg"),
        ("uirás", "qg"),
        ("uirá", "qg"),
        ("uiremos", "qg"),
        ("uiréis", "qg"),
        ("uirán", "qg"),
    ];
    for (ending, not_before) in ENDINGS {
        if !ends(ending) || word.chars().count() <= ending.chars().count() {
            continue;
        }
        if not_before.contains(before_u(ending)) {
            continue;
        }
        // Find the syllable holding `u` + vowel and split it after the u.
        let total: usize = word.chars().count();
        let u_at = total - ending.chars().count();
        let mut seen = 0;
        for (k, syl) in syllables.iter().enumerate() {
            let len = syl.chars().count();
            if u_at >= seen && u_at < seen + len {
                let inside = u_at - seen;
                let chars: Vec<char> = syl.chars().collect();
                if chars.get(inside + 1).is_some_and(|c| vowel_kind(*c).is_some()) {
                    let left: String = chars[..=inside].iter().collect();
                    let right: String = chars[inside + 1..].iter().collect();
                    syllables[k] = left;
                    syllables.insert(k + 1, right);
                }
                return;
            }
            seen += len;
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(w: &str) -> String {
        syllabify(w).join("-")
    }

    #[test]
    fn the_rules_of_division() {
        for (word, want) in [
            ("casa", "ca-sa"),
            ("murciélago", "mur-cié-la-go"),
            ("hemoglobina", "he-mo-glo-bi-na"),
            ("transporte", "trans-por-te"),
            ("instrumento", "ins-tru-men-to"),
            ("abstracto", "abs-trac-to"),
            ("ciudad", "ciu-dad"),
            ("guerra", "gue-rra"),
            ("pingüino", "pin-güi-no"),
            ("rey", "rey"),
            ("reyes", "re-yes"),
            ("buey", "buey"),
            ("uruguay", "u-ru-guay"),
            ("leer", "le-er"),
            ("país", "pa-ís"),
            ("reúne", "re-ú-ne"),
            ("prohibir", "prohi-bir"),
            ("ahumar", "ahu-mar"),
            ("ahora", "a-ho-ra"),
            ("anhelo", "an-he-lo"),
            ("búho", "bú-ho"),
            ("psicología", "psi-co-lo-gí-a"),
            ("atleta", "at-le-ta"),
            ("construir", "cons-tru-ir"),
            ("actuar", "ac-tu-ar"),
            ("examen", "e-xa-men"),
            ("diabetes", "dia-be-tes"),
            ("hipertensión", "hi-per-ten-sión"),
            ("Enrique", "en-ri-que"),
        ] {
            assert_eq!(split(word), want, "{word}");
        }
        assert_eq!(count("¿Diabetes?"), 3);
        assert_eq!(split("subrayar"), "sub-ra-yar");
        assert_eq!(split("sublime"), "su-bli-me");
        assert_eq!(split("ahuesada"), "a-hue-sa-da");
    }

    /// The agreement with an independent syllabifier (silabeador, run by
    /// scripts/spanish_syllables_reference.py) on 5,000+ Spanish words, medical ones included.
    #[test]
    fn agrees_with_the_reference_syllabifier() {
        let fixture = include_str!("../../tests/data/es_syllables.tsv");
        let rows: Vec<(&str, &str)> =
            fixture.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t')).collect();
        assert!(rows.len() >= 5000, "{} words", rows.len());
        let wrong: Vec<String> = rows
            .iter()
            .filter(|(w, want)| split(w) != *want)
            .map(|(w, want)| format!("{w}: {} (reference {want})", split(w)))
            .collect();
        let agreement = 1.0 - wrong.len() as f64 / rows.len() as f64;
        if std::env::var_os("SHOW_SYLLABLE_DIFFERENCES").is_some() {
            eprintln!("{}", wrong.join("\n"));
        }
        eprintln!("agreement {:.2}% on {} words ({} differ)", agreement * 100.0, rows.len(), wrong.len());
        assert!(
            agreement >= 0.99,
            "agreement {:.2}%; first differences:\n{}",
            agreement * 100.0,
            wrong[..wrong.len().min(40)].join("\n")
        );
    }
}
