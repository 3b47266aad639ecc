//! Syllable counting: a dictionary table with a rule-based fallback. (STUB: rules only.)

/// Syllables in one word (at least 1 for any word with a letter).
pub fn count(word: &str) -> usize {
    let mut n = 0;
    let mut prev_vowel = false;
    for c in word.chars().map(|c| c.to_ascii_lowercase()) {
        let v = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if v && !prev_vowel {
            n += 1;
        }
        prev_vowel = v;
    }
    if word.to_ascii_lowercase().ends_with('e') && n > 1 {
        n -= 1;
    }
    n.max(1)
}
