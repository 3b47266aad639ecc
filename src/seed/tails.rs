//! Junk glued to real text: a clickbait headline after "—" or "|", a site name after a title.

use super::chrome_words::ChromeMatch;
use super::features::Features;
use super::text::{is_arrow_link, split_last_sentence, ARROW_LINK_MAX_WORDS};

/// Separators a scrape glues a neighbouring link's text on with.
const SEPARATORS: &[&str] = &[" | ", " — ", " – ", " - ", " -- "];
/// Longest glued tail, in words.
const TAIL_MAX_WORDS: usize = 14;

/// Cuts a junk tail off a paragraph: the paragraph must end a sentence before the separator, and
/// the tail must read like a headline (Title Case or chrome words, no closing full stop).
pub fn cut_glued_tail(text: &str) -> (String, Option<String>) {
    // A reader's letter ("Dear Doctor: … — R.T., Maple Falls") ends with its writer's sign-off.
    if text.starts_with("Dear ") {
        return (text.to_string(), None);
    }
    for sep in SEPARATORS {
        let Some(at) = text.rfind(sep) else { continue };
        let (head, tail) = (text[..at].trim_end(), text[at + sep.len()..].trim());
        let head_ends = head.ends_with(['.', '!', '?', '"', '”', '’', ')']);
        let f = Features::of(tail);
        let headline = (f.capitalised >= 0.6 && f.words >= 3 && f.stop_density < 0.4)
            || f.chrome.is_some()
            || f.link_density > 0.0;
        let ends_like_headline = !tail.ends_with('.') || f.chrome.is_some();
        // A full stop then a dash never joins two parts of one sentence: what follows is a link
        // the scrape glued on, even in sentence case ("… ill. — Doctors reveal the one sign").
        let after_sentence = head.ends_with(['.', '!', '?'])
            && [" — ", " | "].contains(sep)
            && tail.starts_with(char::is_uppercase)
            && f.words >= 3;
        if head_ends
            && !head.is_empty()
            && f.words <= TAIL_MAX_WORDS
            && (headline || after_sentence)
            && ends_like_headline
        {
            return (head.to_string(), Some(tail.to_string()));
        }
    }
    cut_chrome_after_sentence(text)
}

/// Cuts site chrome run on after a paragraph's last sentence with no separator: a bold
/// "RELATED: …" link, a caption's photo credit ("… feel up to it. Getty Images / Westend61").
fn cut_chrome_after_sentence(text: &str) -> (String, Option<String>) {
    // "… same day. » See our full price list": an arrow opens no sentence, so it is looked for
    // by itself.
    let arrow_tail = text
        .rfind(['»', '›'])
        .filter(|&at| text[..at].trim_end().ends_with(['.', '!', '?']))
        .map(|at| (text[..at].trim_end(), &text[at..]));
    let (head, tail) = match (arrow_tail, split_last_sentence(text)) {
        (Some(split), _) => split,
        (None, (Some(head), tail)) => (head, tail),
        (None, (None, _)) => return (text.to_string(), None),
    };
    let f = Features::of(tail);
    let chrome = matches!(f.chrome, Some(ChromeMatch::Line | ChromeMatch::Start | ChromeMatch::Strong));
    let arrow = is_arrow_link(tail) && f.words <= ARROW_LINK_MAX_WORDS;
    if (chrome || arrow) && f.words <= TAIL_MAX_WORDS && !tail.ends_with('.') && Features::of(head).words >= 4
    {
        return (head.to_string(), Some(tail.trim().to_string()));
    }
    (text.to_string(), None)
}

/// Cuts a site name off a title ("What is asthma? | Asthma UK", "Flu - Health A-Z - NHS").
pub fn trim_title(text: &str) -> (String, Option<String>) {
    // "Page - Section - Site": the same separator twice or more is a trail from the page to the
    // site (a `<title>`'s usual shape); the page's own title is the first part.
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        let parts: Vec<&str> = text.split(sep).map(str::trim).collect();
        let trail_words: usize = parts.iter().skip(1).map(|p| p.split_whitespace().count()).sum();
        if parts.len() >= 3 && parts.iter().all(|p| !p.is_empty()) && trail_words <= 12 {
            let at = text.find(sep).unwrap_or(text.len());
            return (parts[0].to_string(), Some(text[at + sep.len()..].trim().to_string()));
        }
    }
    for sep in [" | ", " - ", " – ", " — "] {
        let Some(at) = text.find(sep) else { continue };
        let (head, tail) = (text[..at].trim_end(), text[at + sep.len()..].trim());
        let tail_words = tail.split_whitespace().count();
        let head_words = head.split_whitespace().count();
        // Only a short tail after a title of some length: "Type 1 - Symptoms" keeps its tail.
        let site_like = sep == " | " || Features::of(tail).chrome.is_some() || is_site_name(tail);
        if head_words >= 2 && tail_words <= 6 && site_like {
            return (head.to_string(), Some(tail.to_string()));
        }
    }
    (text.to_string(), None)
}

/// A short tail naming a publisher: an acronym like "NHS" or "CDC", or ends in a domain.
fn is_site_name(tail: &str) -> bool {
    let last = tail.split_whitespace().next_back().unwrap_or("");
    let acronym = last.len() >= 2 && last.chars().all(|c| c.is_ascii_uppercase());
    acronym || super::features::is_link_word(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trail_from_page_to_site_leaves_the_page_title() {
        let (head, tail) = trim_title("Heat Illness - Health Library - Riverside Medical Centre");
        assert_eq!(
            (head.as_str(), tail.as_deref()),
            ("Heat Illness", Some("Health Library - Riverside Medical Centre"))
        );
        assert_eq!(trim_title("Knee pain | Conditions | Example Trust").0, "Knee pain");
        // One separator: only a site-like tail goes.
        assert_eq!(trim_title("Type 1 diabetes - Symptoms").0, "Type 1 diabetes - Symptoms");
    }

    #[test]
    fn clickbait_after_a_dash_is_cut() {
        let (head, tail) = cut_glued_tail(
            "Most people feel better in a week. — Kevin Roberts Net Worth: Unveiling His Financial Success",
        );
        assert_eq!(head, "Most people feel better in a week.");
        assert_eq!(tail.as_deref(), Some("Kevin Roberts Net Worth: Unveiling His Financial Success"));
    }

    #[test]
    fn a_link_in_sentence_case_after_a_full_stop_is_cut() {
        let (head, tail) = cut_glued_tail(
            "Babies are more likely to become ill. — Doctors reveal the one sign you should never ignore",
        );
        assert_eq!(head, "Babies are more likely to become ill.");
        assert_eq!(tail.as_deref(), Some("Doctors reveal the one sign you should never ignore"));
        // A spaced hyphen after a sentence is the writer's own aside, so it stays.
        let text = "Rest for a day. - Then start walking again, a little more each day";
        assert_eq!(cut_glued_tail(text), (text.to_string(), None));
    }

    #[test]
    fn chrome_after_the_last_sentence_is_cut() {
        let (head, tail) = cut_glued_tail(
            "If you feel worse ten minutes in, stop. RELATED: 12 Smoothies That Taste Like Dessert",
        );
        assert_eq!(head, "If you feel worse ten minutes in, stop.");
        assert_eq!(tail.as_deref(), Some("RELATED: 12 Smoothies That Taste Like Dessert"));
        let (head, _) =
            cut_glued_tail("Light exercise is usually fine with a cold. Getty Images / Westend61");
        assert_eq!(head, "Light exercise is usually fine with a cold.");
        let (head, tail) = cut_glued_tail("Prices include the consultation. » See our full price list");
        assert_eq!(
            (head.as_str(), tail.as_deref()),
            ("Prices include the consultation.", Some("» See our full price list"))
        );
        let (head, _) = cut_glued_tail("Most people find it painless. Find a clinic near you ›");
        assert_eq!(head, "Most people find it painless.");
        let text = "Rest for a day or two. Share your worries with a nurse";
        assert_eq!(cut_glued_tail(text), (text.to_string(), None));
    }

    #[test]
    fn a_letter_keeps_its_sign_off() {
        let text = "Dear Doctor: I get heartburn most evenings. Is that harmful? — R.T., Maple Falls";
        assert_eq!(cut_glued_tail(text), (text.to_string(), None));
    }

    #[test]
    fn prose_dashes_stay() {
        let text = "Rest helps — and so does drinking water, even when you do not feel thirsty.";
        assert_eq!(cut_glued_tail(text), (text.to_string(), None));
        let text = "It is common in children - about 1 in 11 have it.";
        assert_eq!(cut_glued_tail(text), (text.to_string(), None));
    }

    #[test]
    fn site_names_leave_titles() {
        assert_eq!(trim_title("What is asthma? | Asthma UK").0, "What is asthma?");
        assert_eq!(trim_title("Flu - NHS").0, "Flu - NHS", "a one-word title keeps its tail");
        assert_eq!(trim_title("Flu symptoms - NHS").0, "Flu symptoms");
        assert_eq!(
            trim_title("Type 1 diabetes - Symptoms and causes").0,
            "Type 1 diabetes - Symptoms and causes"
        );
    }
}
