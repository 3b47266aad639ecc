//! Shallow text features of one line, the evidence the classifier weighs (jusText, Boilerpipe).

use super::chrome_words::{chrome_match, is_stop_word, ChromeMatch};
use super::text::{ends_with_closing_punctuation, without_closing_marks};

/// Small words left lowercase in a title-case heading ("Living *with* Asthma").
/// Longest question line that is judged by its neighbours rather than taken as prose.
const SHORT_QUESTION_WORDS: usize = 14;

const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "if", "in", "into", "nor", "of", "on", "or",
    "over", "per", "so", "the", "to", "up", "via", "vs", "with", "yet", "is", "are", "be", "it", "its",
    "can", "do", "does", "your", "you",
];

/// What one line looks like.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    /// Whitespace-separated words.
    pub words: usize,
    /// Share of words that are English function words (prose has many, menus few).
    pub stop_density: f32,
    /// Ends with `.`, `!`, `?` or `…` (closing quotes aside).
    pub ends_sentence: bool,
    /// Ends with `?`.
    pub question: bool,
    /// Ends with `:`.
    pub colon: bool,
    /// Ends with `. ! ? : ; , …`.
    pub closed: bool,
    /// Share of non-minor words that start with a capital ("Font Size" is 1.0).
    pub capitalised: f32,
    /// Share of words that are links, e-mail addresses or @handles.
    pub link_density: f32,
    /// How the line matches the chrome lexicon.
    pub chrome: Option<ChromeMatch>,
    /// Share of characters that are letters.
    pub letter_share: f32,
    /// Starts with a capital letter or a digit.
    pub starts_capital: bool,
    /// Has `|` separators between short parts ("Home | About | Contact").
    pub pipes: usize,
    /// Looks like a citation: "(2021)", "et al", a DOI.
    pub citation: bool,
    /// A short line opening with a button's verb ("Book now", "Take the survey").
    pub call_to_action: bool,
    /// Kinds of promotional evidence in the line (see `promotion_signals`).
    pub promotion: usize,
    /// A count the page shows: "5 min read", "14 Comments", "Page 2 of 3".
    pub counter: bool,
    /// One token shaped like a forum or social user name ("Dale_in_Ohio", "SugarFreeSteve").
    pub user_name: bool,
}

impl Features {
    /// Measures one (trimmed, whitespace-collapsed) line.
    pub fn of(line: &str) -> Features {
        let words: Vec<&str> = line.split_whitespace().collect();
        let count = words.len().max(1) as f32;
        let bare: Vec<String> = words
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').to_lowercase())
            .collect();
        let stop = bare.iter().filter(|w| is_stop_word(w)).count() as f32;
        let major: Vec<&&str> = words
            .iter()
            .zip(&bare)
            .filter(|(_, b)| !b.is_empty() && !MINOR_WORDS.contains(&b.as_str()))
            .map(|(w, _)| w)
            .collect();
        let capital = major
            .iter()
            .filter(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()).starts_with(char::is_uppercase))
            .count() as f32;
        let links = words.iter().filter(|w| is_link_word(w)).count() as f32;
        let letters = line.chars().filter(|c| c.is_alphabetic()).count() as f32;
        let chars = line.chars().filter(|c| !c.is_whitespace()).count().max(1) as f32;
        let end = without_closing_marks(line.trim_end());
        Features {
            words: words.len(),
            stop_density: stop / count,
            ends_sentence: end.ends_with(['.', '!', '?', '…']),
            question: end.ends_with('?'),
            colon: end.ends_with(':'),
            closed: ends_with_closing_punctuation(line),
            capitalised: if major.is_empty() { 0.0 } else { capital / major.len() as f32 },
            link_density: links / count,
            chrome: chrome_match(line),
            letter_share: letters / chars,
            // A quoted headline ("'I thought…': why…") starts with its quote's capital.
            starts_capital: line
                .trim_start_matches(['\'', '"', '‘', '“', '«'])
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
            pipes: line.matches(" | ").count(),
            citation: super::lift::has_parenthesized_year(line)
                || line.to_lowercase().contains("et al")
                || line.to_lowercase().contains("doi"),
            call_to_action: words.len() <= 7
                && (!end.ends_with(['.', '?', '!']) || end.ends_with("...") || end.ends_with('…'))
                && super::chrome_words::starts_with_call_to_action(line),
            promotion: super::chrome_words::promotion_signals(line),
            counter: is_counter(&bare),
            user_name: words.len() == 1 && is_user_name(words[0]),
        }
    }

    /// Reads like running prose: long enough, dense with function words, or ending a sentence.
    pub fn is_prose(&self) -> bool {
        // A short question is a heading ("Do I Need to Clean the Whole House?") or a site's
        // prompt, decided with its neighbours; a paragraph is rarely one short question.
        if self.question && self.words <= SHORT_QUESTION_WORDS {
            return false;
        }
        (self.words >= 3
            && self.ends_sentence
            && self.starts_capital
            && self.letter_share >= 0.6
            && !self.question)
            || (self.words >= 8 && self.stop_density >= 0.2 && self.closed)
            || (self.words >= 14 && self.stop_density >= 0.25)
    }

    /// A short line that could be a heading or title by its shape alone.
    pub fn heading_shaped(&self, max_words: usize) -> bool {
        self.words >= 1
            && self.words <= max_words
            && self.starts_capital
            && self.letter_share >= 0.6
            && self.link_density == 0.0
            && !self.citation
            && (self.question || !self.closed)
    }
}

/// Words a page counts: "5 min read", "14 comments", "page 2 of 3", "1.2k views".
fn is_counter(bare: &[String]) -> bool {
    const COUNTED: &[&str] = &[
        "comment",
        "comments",
        "reply",
        "replies",
        "view",
        "views",
        "like",
        "likes",
        "share",
        "shares",
        "answer",
        "answers",
        "post",
        "posts",
        "vote",
        "votes",
        "review",
        "reviews",
        "rating",
        "ratings",
        "member",
        "members",
        "online",
        "follower",
        "followers",
        "helpful",
        "unhelpful",
        "upvote",
        "upvotes",
        "reaction",
        "reactions",
    ];
    let number =
        |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == 'k');
    match bare.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        // "4 min" beside a "Listen to this article" button: the recording's length.
        [n, "min" | "mins"] if number(n) => true,
        [n, w] if number(n) => COUNTED.contains(&w),
        [w, n] => number(n) && COUNTED.contains(&w),
        // "Not helpful (2)" under an answer; "2 more answers" where a thread folds.
        [_, w, n] if number(n) && COUNTED.contains(&w) => true,
        [n, "more", w] => number(n) && COUNTED.contains(&w),
        [n, "min" | "mins" | "minute" | "minutes", "read" | "watch" | "listen"] => number(n),
        ["page", n, "of", m] => number(n) && number(m),
        // "2 people liked this", "5 people found this helpful".
        [n, "people" | "person" | "members" | "readers", "liked" | "found" | "like", ..]
            if bare.len() <= 6 =>
        {
            number(n)
        }
        // "1 2 3 Next": a pager.
        [..] if bare.len() >= 2
            && bare.iter().any(|w| number(w))
            && bare.iter().all(|w| number(w) || PAGER_WORDS.contains(&w.as_str())) =>
        {
            true
        }
        // "Published 2 hours ago", "3 days ago": a relative time stamp.
        [.., n, unit, "ago"] if bare.len() <= 5 => number(n) && RELATIVE_UNITS.contains(&unit),
        _ => false,
    }
}

/// Words of a pager beside its page numbers.
const PAGER_WORDS: &[&str] = &["next", "prev", "previous", "last", "first", "older", "newer", "page"];

/// Units of a relative time stamp ("2 hours ago").
const RELATIVE_UNITS: &[&str] = &[
    "second", "seconds", "min", "mins", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
];

/// One token with an underscore, a digit after letters, or a capital inside it: a handle.
pub(super) fn is_user_name(word: &str) -> bool {
    let w = word.trim_matches(|c: char| matches!(c, '~' | '@' | ':' | ','));
    if w.len() < 4
        || w.len() > 30
        || !w.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-')
    {
        return false;
    }
    let chars: Vec<char> = w.chars().collect();
    let inner_capital = chars.windows(2).any(|p| p[0].is_lowercase() && p[1].is_uppercase());
    let letters_then_digit = chars.windows(2).any(|p| p[0].is_alphabetic() && p[1].is_ascii_digit());
    let acronym = chars.iter().all(|c| c.is_uppercase() || c.is_ascii_digit() || *c == '-');
    // A name is made of words ("SugarFreeSteve"); an abbreviation's lower-case letters come
    // one at a time ("DTaP", "HbA1c", "mRNA").
    let has_word = chars.windows(3).any(|t| t.iter().all(|c| c.is_lowercase()));
    !acronym && (w.contains('_') || has_word && inner_capital || has_word && letters_then_digit)
}

/// A URL, a bare domain, an e-mail address or a social @handle.
pub fn is_link_word(word: &str) -> bool {
    let w = word.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '<' | '>' | ',' | '"' | '\''));
    let lower = w.to_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || (w.starts_with('@') && w.len() > 1)
        || (lower.contains('@') && lower.contains('.') && !lower.starts_with('@'))
        || [".com", ".org", ".gov", ".net", ".uk", ".edu", ".io", ".info", ".html", ".htm", ".php", ".aspx"]
            .iter()
            .any(|tld| lower.trim_end_matches(['.', '/']).ends_with(tld) && lower.len() > tld.len() + 1)
}

/// Longest line of contact details, in words.
const CONTACT_MAX_WORDS: usize = 16;

/// A line of contact details: a phone number ("Telephone: 01632 960 412", "(555) 013-2200"), an
/// e-mail address, opening hours ("Monday to Friday, 8am to 6.30pm") or a street address with
/// its postcode. Under a "Contact us" heading inside the article these are the article's; in
/// the page's footer they are the publisher's (decided by the neighbours).
pub fn is_contact_detail(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > CONTACT_MAX_WORDS {
        return false;
    }
    let numeric = |w: &&str| {
        let w = w.trim_end_matches(['.', ',', ';']);
        w.chars().any(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || "()+-.".contains(c))
    };
    // The longest run of number groups: a phone number has seven digits or more.
    let mut phone = false;
    let mut digits = 0;
    for w in &words {
        if numeric(w) {
            digits += w.chars().filter(char::is_ascii_digit).count();
            phone |= digits >= 7;
        } else {
            digits = 0;
        }
    }
    let email =
        words.iter().any(|w| w.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.')));
    let lower = line.to_lowercase();
    let time = words.iter().any(|w| {
        let w = w.trim_end_matches(['.', ',', ';']).to_lowercase();
        let core = w.trim_end_matches("am").trim_end_matches("pm");
        !core.is_empty()
            && core.starts_with(|c: char| c.is_ascii_digit())
            && core.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ':')
            && (core.len() < w.len() || core.contains(':'))
    });
    let days = words.iter().any(|w| super::dates::is_weekday(w)) || lower.contains("weekdays");
    let postcode = words.windows(2).any(|pair| {
        let shaped = |w: &str, outward: bool| {
            let w = w.trim_end_matches([',', '.']);
            let letters = w.chars().filter(char::is_ascii_uppercase).count();
            let digits = w.chars().filter(char::is_ascii_digit).count();
            w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && digits >= 1
                && if outward {
                    (2..=4).contains(&w.len()) && letters >= 1
                } else {
                    w.len() == 3 && letters == 2
                }
        };
        shaped(pair[0], true) && shaped(pair[1], false)
    });
    let zip = line.contains(',')
        && words.last().is_some_and(|w| w.len() == 5 && w.chars().all(|c| c.is_ascii_digit()));
    phone || email || (days && time) || postcode || zip
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_and_menus_differ() {
        let prose = Features::of("Asthma is a condition that affects the airways in your lungs.");
        assert!(prose.is_prose() && prose.stop_density > 0.3, "{prose:?}");
        let menu = Features::of("Font Size");
        assert!(!menu.is_prose() && menu.capitalised == 1.0 && menu.chrome.is_some(), "{menu:?}");
        assert!(Features::of("What is depression?").heading_shaped(10));
        assert!(Features::of("Living with Asthma").heading_shaped(10));
        assert!(!Features::of("Call 111.").heading_shaped(10));
    }

    #[test]
    fn counters_names_and_calls() {
        assert!(Features::of("5 min read").counter);
        assert!(Features::of("14 Comments").counter);
        assert!(Features::of("Page 2 of 3").counter);
        assert!(Features::of("1 2 Next").counter);
        assert!(Features::of("2 people liked this").counter);
        assert!(!Features::of("2 people in 10").counter);
        assert!(!Features::of("5 tips").counter);
        assert!(Features::of("Published 2 hours ago").counter);
        assert!(!Features::of("Symptoms started 2 days ago and got worse").counter);
        assert!(Features::of("Dale_in_Ohio").user_name);
        assert!(Features::of("SugarFreeSteve").user_name);
        assert!(!Features::of("COVID-19").user_name);
        assert!(!Features::of("Symptoms").user_name);
        assert!(!Features::of("iron").user_name);
        assert!(Features::of("Book now").call_to_action);
        assert!(!Features::of("Call 999 if you have chest pain.").call_to_action);
    }

    #[test]
    fn links() {
        assert!(is_link_word("https://example.org/a"));
        assert!(is_link_word("@Glucerna"));
        assert!(is_link_word("nhs.uk"));
        assert!(is_link_word("help@example.org"));
        assert!(!is_link_word("e.g."));
        assert!(!is_link_word("U.S."));
        let f = Features::of("Home | About | Contact");
        assert_eq!(f.pipes, 2);
    }
}
