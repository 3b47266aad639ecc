//! Facts lifted out of the seed body: the review date and journal references.

use super::dates::{find_dates, FoundDate, Region};
use super::text::word_count;
use super::LiftedSource;

/// Words that, at the start of a short line with a date, make it the page's review date.
const REVIEW_LEADS: &[&str] = &[
    "reviewed",
    "review date",
    "date of review",
    "updated",
    "last update",
    "revised",
    "modified",
    "edited",
    "checked",
    "fact checked",
    "fact-checked",
    "current as of",
    "date reviewed",
    "date updated",
];
/// Lead-ins of a date the page shows that is not a review and not the page's own date: its
/// next review ("Next review due: May 2025"), or when it was printed or read. The other
/// non-review leads are [`ISSUE_LEADS`].
const OTHER_DATE_LEADS: &[&str] =
    &["next review", "review due", "due for review", "printed", "accessed", "retrieved"];
/// Lead-ins of the date the page was published or issued: not a review date, but the page's
/// date when it shows none.
const ISSUE_LEADS: &[&str] = &[
    "published",
    "posted",
    "date",
    "created",
    "written",
    "issued",
    "originally published",
    "first published",
    "date of issue",
    "issue date",
    "date of publication",
    "publication date",
];
/// Words a publisher puts before the lead ("Page last reviewed", "This page was last updated").
const PRE_WORDS: &[&str] = &[
    "this",
    "media",
    "video",
    "page",
    "topic",
    "content",
    "article",
    "information",
    "was",
    "last",
    "medically",
    "clinically",
    "leaflet",
    "text",
    "post",
    "site",
    "sheet",
    "factsheet",
    "fact",
    "story",
    "it",
    "is",
    "date",
    "and",
    "first",
    "originally",
    "most",
    "recently",
    "document",
    "guide",
];
/// A word that continues a sentence after a date, so the line is prose, not a date line.
const SENTENCE_AFTER_DATE: &[&str] =
    &["to", "and", "when", "because", "after", "so", "that", "which", "for", "with", "the", "a", "in", "it"];

/// A line that states a date about the page, not about health.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateLine {
    /// The date, when the line gives one.
    pub date: Option<FoundDate>,
    /// True for a review or update date (the one `reviewed:` takes); false for a publication
    /// or next-review date.
    pub is_review: bool,
    /// True for the date the page was published or issued ("Issued: March 2023", "Posted on
    /// …"): the page's date when it shows no review date.
    pub issued: bool,
}

/// Date leads with their words.
type Leads = Vec<(&'static str, Vec<&'static str>)>;

/// The date leads (other and issue leads, then review leads) split into words once: every line
/// of a seed is checked against all of them.
fn split_leads() -> &'static (Leads, Leads) {
    static LEADS: std::sync::OnceLock<(Leads, Leads)> = std::sync::OnceLock::new();
    LEADS.get_or_init(|| {
        let split = |leads: &[&'static str]| -> Leads {
            leads.iter().map(|l| (*l, l.split_whitespace().collect())).collect()
        };
        let other: Vec<&'static str> = OTHER_DATE_LEADS.iter().chain(ISSUE_LEADS).copied().collect();
        (split(&other), split(REVIEW_LEADS))
    })
}

/// Reads "Last reviewed on 12/04/2023.", "Page last reviewed: 15 March 2021", "Date reviewed:
/// February 2017", "Medically reviewed by Jane Doe, MD on March 3, 2020", "Updated 2021-05-01".
///
/// Only publisher words may come before the lead and no sentence may follow the date, so prose
/// that mentions a date ("The guidance was updated in 2020 to…") stays in the body.
pub fn date_line(line: &str, region: Region) -> Option<DateLine> {
    if let Some(stamp) = line.contains('|').then(|| stamp_parts(line, region)).flatten() {
        return Some(stamp);
    }
    let words: Vec<String> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase())
        .collect();
    if words.len() > 30 {
        return None;
    }
    let starts_at = |i: usize, lead: &[&str]| {
        words.len() >= i + lead.len() && words[i..i + lead.len()].iter().zip(lead).all(|(w, l)| w == l)
    };
    let (other_leads, review_leads) = split_leads();
    let lead_at = (0..words.len().min(6)).find_map(|i| {
        let pre_ok = words[..i].iter().all(|w| PRE_WORDS.contains(&w.as_str()));
        if !pre_ok {
            return None;
        }
        let other = other_leads.iter().find(|(_, l)| starts_at(i, l)).map(|(lead, _)| lead);
        let review = review_leads.iter().find(|(_, l)| starts_at(i, l)).map(|(lead, _)| lead);
        match (other, review) {
            // "next review" is longer than "review": the longer lead wins.
            (Some(o), Some(r)) if o.len() >= r.len() => Some((i, false, ISSUE_LEADS.contains(o))),
            (_, Some(_)) => Some((i, true, false)),
            (Some(o), None) => Some((i, false, ISSUE_LEADS.contains(o))),
            (None, None) => None,
        }
    });
    let Some((lead, first_is_review, issue_lead)) = lead_at else {
        return dated_byline(line, &words, region);
    };
    // "Last reviewed: 7 October 2018 · Next review: October 2021": the next review is not a review.
    let lower_line = line.to_lowercase();
    let next_at = ["next review", "review due", "due for review", "next update"]
        .iter()
        .filter_map(|m| lower_line.find(m))
        .min()
        .filter(|&at| at > 0 && first_is_review);
    let line = match next_at {
        Some(at) if line.is_char_boundary(at) => &line[..at],
        _ => line,
    };
    let later_review =
        words.iter().skip(lead + 1).any(|w| ["updated", "reviewed", "revised"].contains(&w.as_str()));
    let is_review = first_is_review || (later_review && !words.iter().any(|w| w == "next" || w == "due"));
    let dates: Vec<FoundDate> =
        find_dates(line, region).into_iter().filter(|d| d.first_word > lead).collect();
    let reviewed_by = words.get(lead + 1).is_some_and(|w| w == "by") && is_review;
    // The latest date on the line counts (a line can say "Published 2019. Updated 2021.").
    let Some(latest) = dates.iter().copied().max_by_key(|d| d.date) else {
        return reviewed_by.then_some(DateLine { date: None, is_review, issued: false });
    };
    let last = dates.iter().map(|d| d.first_word + d.word_count).max().unwrap_or(0);
    let after = &words[last.min(words.len())..];
    let sentence_goes_on =
        after.first().is_some_and(|w| SENTENCE_AFTER_DATE.contains(&w.as_str())) || after.len() > 10;
    let issued = issue_lead && !is_review;
    (!sentence_goes_on).then_some(DateLine { date: Some(latest), is_review, issued })
}

/// A news stamp in parts, "06:00, Tue, Mar 12, 2024 | UPDATED: 09:35, Tue, Mar 12, 2024": a
/// date line when one part is and every other part is a date or time on its own. The review
/// part counts over a publication part.
fn stamp_parts(line: &str, region: Region) -> Option<DateLine> {
    let parts: Vec<&str> = line.split('|').map(str::trim).filter(|p| !p.is_empty()).collect();
    let rank = |d: &DateLine| (d.date.is_some(), d.is_review);
    let mut best: Option<DateLine> = None;
    for part in &parts {
        match date_line(part, region) {
            Some(d) if best.is_none_or(|b| rank(&d) > rank(&b)) => best = Some(d),
            Some(_) => {}
            None if super::dates::is_dateline(part, region) => {}
            None => return None,
        }
    }
    best
}

/// "May 21, 2024 by Maria Lopez, PA-C": a date, then who wrote the page: the date it was
/// posted (a blog's stamp), which is the page's date when it shows no review date.
fn dated_byline(line: &str, words: &[String], region: Region) -> Option<DateLine> {
    // "By Rachel Nguyen, RD Updated Apr 22, 2024 56 Comments": a post's meta line run
    // together; the date reads from its own lead on.
    if words.first().is_some_and(|w| w == "by") && byline_name(line).is_some() {
        let lead_at = (2..words.len().min(BYLINE_DATE_LEAD_MAX_AT)).find(|&i| {
            OTHER_DATE_LEADS
                .iter()
                .chain(REVIEW_LEADS)
                .any(|l| l.split_whitespace().next() == Some(words[i].as_str()))
        });
        if let Some(at) = lead_at {
            let rest: Vec<&str> = line.split_whitespace().skip(at).collect();
            if let Some(date) = date_line(&rest.join(" "), region) {
                return Some(date);
            }
        }
    }
    let dates = find_dates(line, region);
    let first = dates.first().filter(|d| d.first_word == 0)?;
    let by = first.word_count;
    let named =
        words.get(by).is_some_and(|w| w == "by") && words.len() - by <= 6 && byline_name(line).is_some();
    named.then_some(DateLine { date: Some(*first), is_review: false, issued: true })
}

/// Furthest word of a byline where the date's lead ("Updated") may start.
const BYLINE_DATE_LEAD_MAX_AT: usize = 10;

/// The person a byline names: "By Bethany Ross, RD" -> "Bethany Ross" (two to four capitalised
/// words after the first "by" or ":" of its lead), or `None`.
pub fn byline_name(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let start = lower
        .match_indices("by ")
        .filter(|(i, _)| *i == 0 || !lower[..*i].ends_with(char::is_alphanumeric))
        .map(|(i, m)| i + m.len())
        .next()
        .or_else(|| lower.find(": ").map(|i| i + 2))?;
    let mut name = Vec::new();
    // "By Dr. Ellen Park": the title is not part of the name a bio opens with.
    let titled = ["dr.", "dr", "prof.", "prof", "mr.", "mrs.", "ms.", "mr", "mrs", "ms"];
    let mut words = line[start..].split_whitespace().peekable();
    if words.peek().is_some_and(|w| titled.contains(&w.to_lowercase().as_str())) {
        words.next();
    }
    for word in words {
        let bare = word.trim_end_matches([',', ';', '.']);
        let capitalised = bare.chars().next().is_some_and(char::is_uppercase)
            && bare.chars().skip(1).all(|c| c.is_lowercase() || c == '-' || c == '\'');
        if !capitalised || bare.len() < 2 {
            break;
        }
        name.push(bare);
        if bare.len() != word.len() {
            break;
        }
    }
    (2..=4).contains(&name.len()).then(|| name.join(" "))
}

/// "By Jane Doe", "Written by …", "Author: …", "Reviewed by …": who wrote or checked the page.
pub fn is_byline(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let words = word_count(&lower);
    const LEADS: &[&str] = &[
        "written by",
        "reviewed by",
        "medically reviewed by",
        "clinically reviewed by",
        "fact checked by",
        "fact-checked by",
        "author:",
        "authors:",
        "contributor:",
        "contributors:",
        "reporter:",
        "words by",
        "story by",
        "posted by",
        "edited by",
        "compiled by",
        "produced by",
        "reviewer:",
        "medical reviewer:",
        "medical review by",
        "article by",
        "answer by",
        "answered by",
        "medical review:",
        "reviewed:",
        "authored by",
        "by:",
        "written and reviewed by",
    ];
    if LEADS.iter().any(|lead| lower.starts_with(lead)) && words <= 30 {
        return true;
    }
    let Some(rest) = line.trim().strip_prefix("By ").or_else(|| line.trim().strip_prefix("by ")) else {
        return false;
    };
    // "By Jane Doe, Senior Reporter": a few words, mostly names, no sentence after them.
    let names = rest.split([',', '|', '-', '–', '—']).next().unwrap_or("");
    let name_words: Vec<&str> = names.split_whitespace().collect();
    (1..=5).contains(&name_words.len())
        && name_words.iter().all(|w| w.starts_with(char::is_uppercase) || *w == "and" || *w == "&")
        && words <= 16
        && !lower.trim_end().ends_with(['!', '?'])
}

/// Header lines that introduce the article's references (compared without a trailing colon).
const SOURCE_HEADERS: &[&str] = &[
    "journal reference",
    "journal references",
    "reference",
    "references",
    "source",
    "sources",
    "bibliography",
    "citations",
    "works cited",
    "further reading and references",
    "references and further reading",
    "sources and references",
    "references and sources",
    "selected references",
    "key references",
    "reference list",
    "resources and references",
    "literature",
    "sources used",
    "evidence",
    "more references",
    "footnotes",
    "notes and references",
];

/// True for a "References" or "Journal reference:" line (the lines after it are the citations).
pub fn is_source_header(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    // "6 References" and "6. References": a numbered section of an encyclopedia page.
    let unnumbered = lower.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').trim_start();
    let bare = unnumbered.trim_end_matches([':', '.', ' ']);
    SOURCE_HEADERS.contains(&bare)
}

/// True when a line after the first reference still reads like a citation, not article prose:
/// a link, "et al", a year in brackets, a journal's "2020;41(3):210-218", "In: …, ed.", or
/// "Accessed …".
pub fn looks_like_citation(line: &str) -> bool {
    let lower = line.to_lowercase();
    let year_volume = lower.as_bytes().windows(6).any(|w| {
        let year = w[..4].iter().all(u8::is_ascii_digit);
        year && (w[4] == b';' || (w[4] == b'.' && w[5] == b' '))
    });
    let volume_pages = lower.contains("):") || lower.contains(" pp.") || lower.contains(" p. ");
    // "… Sore throat: common illnesses. Updated 2018." — a year closing the entry.
    let trimmed = lower.trim_end_matches(['.', ' ']);
    let closing_year = trimmed.len() > 4
        && trimmed.is_char_boundary(trimmed.len() - 4)
        && trimmed[trimmed.len() - 4..].chars().all(|c| c.is_ascii_digit())
        && (trimmed[trimmed.len() - 4..].starts_with("19") || trimmed[trimmed.len() - 4..].starts_with("20"))
        && trimmed.split(". ").count() >= 2;
    // 'Publisher: "Title of the page."' — a quoted title after its source's name.
    let quoted_title = [": \"", ": \u{201c}"].iter().any(|q| {
        lower.split_once(q).is_some_and(|(source, title)| {
            !source.is_empty() && source.split_whitespace().count() <= 12 && title.contains(['"', '\u{201d}'])
        })
    });
    extract_link(line).is_some()
        || lower.contains("et al")
        || has_parenthesized_year(line)
        || year_volume
        || volume_pages
        || closing_year
        || quoted_title
        || lower.contains(" in: ")
        || lower.contains(", ed.")
        || lower.contains("accessed ")
        || lower.contains("retrieved ")
        || (word_count(line) <= 30 && (lower.contains("journal") || lower.contains("guideline")))
}

/// True for "(2023)" style years, as citations carry.
pub fn has_parenthesized_year(line: &str) -> bool {
    line.match_indices('(').any(|(i, _)| {
        let inner = &line[i + 1..];
        let digits: String = inner.chars().take_while(char::is_ascii_digit).collect();
        digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
    })
}

/// Turns the reference lines after a header into sources.
///
/// A line that is only a link (or `doi: …`) completes the source above it; any other line is a
/// new source.
pub fn sources_from(lines: &[&str]) -> Vec<LiftedSource> {
    let mut sources: Vec<LiftedSource> = Vec::new();
    for line in lines {
        let (title, url) = split_link(line);
        match sources.last_mut() {
            Some(previous) if title.is_empty() && previous.url.is_none() => previous.url = url,
            _ => sources.push(LiftedSource {
                title: if title.is_empty() { url.clone().unwrap_or_default() } else { title },
                url,
            }),
        }
    }
    sources.retain(|s| !s.title.is_empty());
    sources
}

/// Splits a citation into its text and the link it carries (a URL, or a DOI made into a link).
fn split_link(line: &str) -> (String, Option<String>) {
    let Some((range, url)) = extract_link(line) else { return (line.trim().to_string(), None) };
    let before = line[..range.start].trim_end();
    let before = strip_suffix_ignore_case(before, "doi:")
        .or_else(|| strip_suffix_ignore_case(before, "doi"))
        .unwrap_or(before)
        .trim_end();
    // Punctuation glued to the link ("…/001.") belongs to the sentence, not the title.
    let after = line[range.end..].trim_start_matches(|c: char| c.is_ascii_punctuation()).trim();
    let title = [before, after].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ");
    (title.trim_end_matches([',', ';']).trim().to_string(), Some(url))
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let tail = text.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..cut])
}

/// Finds a URL or DOI in a line: its byte range there and the link to record.
fn extract_link(line: &str) -> Option<(std::ops::Range<usize>, String)> {
    for (start, token) in tokens(line) {
        let token_trimmed = trim_link_end(token);
        let range = start..start + token_trimmed.len();
        let lower = token_trimmed.to_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return Some((range, token_trimmed.to_string()));
        }
        if lower.starts_with("doi.org/") || lower.starts_with("dx.doi.org/") {
            return Some((range, format!("https://{token_trimmed}")));
        }
        let has_label = token_trimmed.get(..4).is_some_and(|label| label.eq_ignore_ascii_case("doi:"));
        let doi = if has_label { &token_trimmed[4..] } else { token_trimmed };
        if is_doi(doi) {
            return Some((range, format!("https://doi.org/{doi}")));
        }
    }
    None
}

/// "10.1089/hum.2023.001": a DOI prefix, a slash, a suffix.
fn is_doi(token: &str) -> bool {
    let Some(rest) = token.strip_prefix("10.") else { return false };
    let Some((registrant, suffix)) = rest.split_once('/') else { return false };
    registrant.len() >= 4 && registrant.chars().all(|c| c.is_ascii_digit() || c == '.') && !suffix.is_empty()
}

/// Whitespace-separated tokens with their byte offsets.
fn tokens(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split_whitespace().map(move |t| (t.as_ptr() as usize - line.as_ptr() as usize, t))
}

/// Drops sentence punctuation glued to a link's end, keeping balanced parentheses (DOIs have them).
fn trim_link_end(token: &str) -> &str {
    let mut end = token;
    loop {
        let trimmed = end.trim_end_matches(['.', ',', ';', ':', ']', '>', '"', '\'']);
        let trimmed = if trimmed.ends_with(')') && trimmed.matches('(').count() < trimmed.matches(')').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed == end {
            return end;
        }
        end = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(line: &str) -> Option<(jiff::civil::Date, bool)> {
        date_line(line, Region::Us).and_then(|d| Some((d.date?.date, d.is_review)))
    }

    #[test]
    fn review_dates_in_the_forms_publishers_use() {
        let d = |y, m, day| jiff::civil::Date::new(y, m, day).unwrap_or_default();
        let dec4 = Some((d(2023, 12, 4), true));
        assert_eq!(review("Last reviewed on 12/04/2023."), dec4);
        assert_eq!(review("Last reviewed: December 4, 2023"), dec4);
        assert_eq!(review("Last reviewed on Dec. 4, 2023"), dec4);
        assert_eq!(review("Last reviewed 2023-12-04"), dec4);
        assert_eq!(review("Last medically reviewed on 4 December 2023"), dec4);
        assert_eq!(review("Page last reviewed: 15 March 2021"), Some((d(2021, 3, 15), true)));
        assert_eq!(review("Topic last reviewed: August 14 2008"), Some((d(2008, 8, 14), true)));
        assert_eq!(review("Date reviewed: February 2017"), Some((d(2017, 2, 1), true)));
        assert_eq!(
            review("Medically reviewed by Jane Doe, MD on March 3, 2020"),
            Some((d(2020, 3, 3), true))
        );
        assert_eq!(review("This page was last updated on 5 May 2022."), Some((d(2022, 5, 5), true)));
        assert_eq!(review("Next review due: 15 March 2024"), Some((d(2024, 3, 15), false)));
        assert_eq!(
            review("Last reviewed: 7 October 2018 · Next review: October 2021"),
            Some((d(2018, 10, 7), true))
        );
        assert_eq!(review("Published: 2 June 2019. Updated: 3 July 2020"), Some((d(2020, 7, 3), true)));
        assert_eq!(review("Last reviewed on 13/45/2023."), None);
        assert_eq!(review("Reviewers met on 12/04/2023."), None);
        assert_eq!(review("The guidance was updated in March 2020 to include children."), None);
        assert!(date_line("Last reviewed by our team.", Region::Us).is_some_and(|d| d.date.is_none()));
    }

    #[test]
    fn bylines() {
        assert!(is_byline("By Chanelle Georgina, Senior Reporter"));
        assert!(is_byline("Written by the health team"));
        assert!(is_byline("Medically reviewed by Jane Doe, MD"));
        assert!(!is_byline("By the age of five, most children can dress themselves."));
        assert!(!is_byline("Bypass surgery is one option."));
    }

    #[test]
    fn sources_with_and_without_links() {
        let s = sources_from(&["Bueren, J. A. (2023) Advances. Human Gene Therapy."]);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].url, None);
        let s = sources_from(&["Smith (2020) Title. Journal. doi: 10.1089/hum.2023.001."]);
        assert_eq!(s[0].title, "Smith (2020) Title. Journal.");
        assert_eq!(s[0].url.as_deref(), Some("https://doi.org/10.1089/hum.2023.001"));
        let s = sources_from(&[
            "Smith (2020) Title. DOI:10.1000/xyz",
            "\u{130}stanbul (2021) T. \u{130}DOI:10.1/x",
        ]);
        assert_eq!(s[0].url.as_deref(), Some("https://doi.org/10.1000/xyz"));
        assert_eq!(s[1].url, None);
        let s = sources_from(&["Smith (2020) Title.", "https://example.org/a_(b)."]);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].url.as_deref(), Some("https://example.org/a_(b)"));
    }

    #[test]
    fn citation_shapes() {
        assert!(looks_like_citation("Jones, K. et al. Title. Nature."));
        assert!(looks_like_citation("Jones (2021) Title"));
        assert!(!looks_like_citation("Gene therapy is a new approach that many people ask about."));
        assert!(is_source_header("Journal reference:"));
        assert!(is_source_header("References"));
        assert!(is_source_header("Further reading and references"));
        assert!(!is_source_header("Journal reference: Smith 2020"));
        assert!(looks_like_citation(
            "Morrow KJ, Lin S. Serum urate targets. J Joint Dis. 2020;41(3):210-218."
        ));
        assert!(looks_like_citation("Edwards NL. Crystal arthritis. In: Harlan MB, ed. Textbook. 2019."));
        assert!(looks_like_citation("Example Health Agency. Sore throat: common illnesses. Updated 2018."));
        assert!(looks_like_citation("National Blood Institute: \"High Blood Pressure: Causes.\""));
        assert!(!looks_like_citation("Most people feel better by 2018."));
        assert_eq!(
            byline_name("By Bethany Ross, RD Posted on March 2, 2021").as_deref(),
            Some("Bethany Ross")
        );
        assert_eq!(byline_name("Answer by Marcus Bell, MD, psychiatrist").as_deref(), Some("Marcus Bell"));
        assert_eq!(byline_name("Author: HealthGuide Staff"), None);
    }
}
