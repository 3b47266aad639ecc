//! Facts lifted out of the seed body: the review date and journal references.

use jiff::civil::Date;

use super::text::word_count;
use super::LiftedSource;

/// Lead-ins of a review-date line, longest first so "last medically reviewed" wins over "reviewed".
const REVIEWED_LEADS: &[&str] = &["last medically reviewed", "medically reviewed", "last reviewed"];

/// Reads "Last reviewed on 12/04/2023." (US order), "Last reviewed: December 4, 2023" or ISO dates.
///
/// The whole line must be the lead-in plus a date; anything else stays in the body.
pub fn reviewed_date(line: &str) -> Option<Date> {
    let lower = line.trim().to_lowercase();
    let rest = REVIEWED_LEADS.iter().find_map(|lead| lower.strip_prefix(lead))?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("on").filter(|r| r.starts_with([' ', ':'])).unwrap_or(rest);
    let rest = rest.trim_start().trim_start_matches(':').trim();
    parse_date(rest.trim_end_matches('.').trim())
}

/// Parses `MM/DD/YYYY`, `YYYY-MM-DD`, `Month D, YYYY` and `D Month YYYY`.
fn parse_date(text: &str) -> Option<Date> {
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let parts: Vec<&str> = text.split('/').collect();
    if let [month, day, year] = parts[..] {
        return date_from(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    }
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    match words[..] {
        [month, day, year] if month_number(month).is_some() => {
            date_from(year.parse().ok()?, month_number(month)?, day.parse().ok()?)
        }
        [day, month, year] => date_from(year.parse().ok()?, month_number(month)?, day.parse().ok()?),
        _ => None,
    }
}

fn date_from(year: i16, month: i8, day: i8) -> Option<Date> {
    Date::new(year, month, day).ok()
}

/// "December", "Dec" and "Dec." all give 12.
fn month_number(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let index =
        MONTHS.iter().position(|m| *m == word || (word.len() <= 4 && m.starts_with(word.as_str())))?;
    i8::try_from(index + 1).ok()
}

/// Header lines that introduce the article's references.
const SOURCE_HEADERS: &[&str] =
    &["journal reference:", "journal references:", "reference:", "references:", "source:", "sources:"];

/// True for a "Journal reference:" line (the lines after it are the citations).
pub fn is_source_header(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    SOURCE_HEADERS.contains(&lower.as_str())
}

/// True when a line after the first reference still reads like a citation, not article prose.
pub fn looks_like_citation(line: &str) -> bool {
    let lower = line.to_lowercase();
    extract_link(line).is_some()
        || lower.contains("et al")
        || has_parenthesized_year(line)
        || (word_count(line) <= 30 && lower.contains("journal"))
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

    #[test]
    fn review_dates_in_us_long_and_iso_forms() {
        let want = Date::new(2023, 12, 4).ok();
        assert_eq!(reviewed_date("Last reviewed on 12/04/2023."), want);
        assert_eq!(reviewed_date("Last reviewed: December 4, 2023"), want);
        assert_eq!(reviewed_date("Last reviewed on Dec. 4, 2023"), want);
        assert_eq!(reviewed_date("Last reviewed 2023-12-04"), want);
        assert_eq!(reviewed_date("Last medically reviewed on 4 December 2023"), want);
        assert_eq!(reviewed_date("Last reviewed on 13/45/2023."), None);
        assert_eq!(reviewed_date("Last reviewed by our team."), None);
        assert_eq!(reviewed_date("Reviewers met on 12/04/2023."), None);
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
        assert!(!is_source_header("Journal reference: Smith 2020"));
    }
}
