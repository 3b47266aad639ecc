//! Dates in the forms publishers print them: ISO, US and UK numeric orders, and written months.
//!
//! `03/04/2021` reads two ways; the site's region (`language: en-GB` is day first, anything
//! else month first) decides, and the date is marked ambiguous so the editor is told.

use jiff::civil::Date;

/// Which way a numeric date is read when both parts could be the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    /// Month first: 03/04/2021 is 4 March.
    #[default]
    Us,
    /// Day first: 03/04/2021 is 3 April.
    Uk,
}

impl Region {
    /// The region a site's `language` names: `en-GB`, `en-IE`, `en-AU`, `en-NZ`, `en-IN`, `en-ZA`
    /// read day first; everything else month first.
    pub fn from_language(language: &str) -> Region {
        let lower = language.to_ascii_lowercase().replace('_', "-");
        let day_first = ["gb", "uk", "ie", "au", "nz", "in", "za"];
        match lower.split_once('-') {
            Some((_, country)) if day_first.contains(&country) => Region::Uk,
            _ => Region::Us,
        }
    }
}

/// A date found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The date as read.
    pub date: Date,
    /// True when a numeric date could also be read the other way round.
    pub ambiguous: bool,
    /// Index of the first word of the date in the line's words.
    pub first_word: usize,
    /// How many words the date took.
    pub word_count: usize,
}

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

/// Spanish month names ("4 de diciembre de 2023"), whole words only: their short forms
/// ("ago", "dic") are ordinary words or clash with English.
const MESES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// "December", "Dec", "Dec." and "Sept" give 12 / 9.
pub fn month_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches(['.', ',']).to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| {
        *m == word
            || (word.len() <= 4 && m.starts_with(word.as_str()))
            || (word == "sept" && *m == "september")
    });
    let index = index
        .or_else(|| MESES.iter().position(|m| *m == word || (word == "setiembre" && *m == "septiembre")))?;
    i8::try_from(index + 1).ok()
}

/// True for "Thu", "Thursday", "Thu.".
pub fn is_weekday(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',']).to_lowercase();
    word.len() >= 3
        && WEEKDAYS.iter().any(|d| *d == word || (word.len() <= 4 && d.starts_with(word.as_str())))
}

/// The words of a line as dates see them: split at white space, with commas and stray
/// punctuation around each word removed.
fn date_words(line: &str) -> Vec<&str> {
    line.split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '[' | ']' | ';' | '"' | '\'')))
        .collect()
}

/// Every date in `line`, in order.
pub fn find_dates(line: &str, region: Region) -> Vec<FoundDate> {
    let words = date_words(line);
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((date, ambiguous, used)) = date_at(&words[i..], region) {
            found.push(FoundDate { date, ambiguous, first_word: i, word_count: used });
            i += used;
        } else {
            i += 1;
        }
    }
    found
}

/// A date starting at `words[0]`: the date, whether it is ambiguous, and the words it used.
fn date_at(words: &[&str], region: Region) -> Option<(Date, bool, usize)> {
    // Spanish joins the parts with "de": "4 de diciembre de 2023", "diciembre de 2023".
    let de = |i: usize| words.get(i).is_some_and(|w| w.eq_ignore_ascii_case("de"));
    let spanish_year = |i: usize| words.get(i).and_then(|w| parse_year(w.trim_end_matches(['.', ':', ','])));
    if de(1) && de(3) {
        if let (Some(day), Some(month), Some(y)) = (
            words.first().and_then(|w| parse_day(w)),
            words.get(2).and_then(|w| month_number(w)),
            spanish_year(4),
        ) {
            return Some((Date::new(y, month, day).ok()?, false, 5));
        }
    }
    if de(1) {
        if let (Some(month), Some(y)) = (words.first().and_then(|w| month_number(w)), spanish_year(2)) {
            return Some((Date::new(y, month, 1).ok()?, false, 3));
        }
    }
    let first = words.first()?.trim_end_matches(['.', ':']);
    if let Some(found) = numeric_date(first, region) {
        return Some((found.0, found.1, 1));
    }
    let year = |w: Option<&&str>| w.and_then(|w| parse_year(w.trim_end_matches(['.', ':'])));
    if let Some(month) = month_number(first) {
        // "March 15, 2021", "Mar 15 2021", "March 15th, 2021", "March 2021".
        if let Some(day) = words.get(1).and_then(|w| parse_day(w)) {
            if let Some(y) = year(words.get(2)) {
                return Some((Date::new(y, month, day).ok()?, false, 3));
            }
        }
        if let Some(y) = year(words.get(1)) {
            return Some((Date::new(y, month, 1).ok()?, false, 2));
        }
        return None;
    }
    // "15 March 2021", "15th Mar. 2021", "15 March, 2021", "15th of March 2021".
    let day = parse_day(first)?;
    let of = usize::from(words.get(1).is_some_and(|w| w.eq_ignore_ascii_case("of")));
    let month = month_number(words.get(1 + of)?)?;
    let y = year(words.get(2 + of))?;
    Some((Date::new(y, month, day).ok()?, false, 3 + of))
}

/// `2021-03-15`, `2021/03/15`, `15/03/2021`, `03-15-2021`, `15.03.2021`.
fn numeric_date(token: &str, region: Region) -> Option<(Date, bool)> {
    let separator = ['/', '-', '.'].into_iter().find(|s| token.contains(*s))?;
    let parts: Vec<&str> = token.split(separator).collect();
    // "11/2022": a month and a year ("Revised 11/2022").
    if let [m, y] = parts[..] {
        let digits = |p: &str| !p.is_empty() && p.chars().all(|ch| ch.is_ascii_digit());
        if digits(m) && m.len() <= 2 && y.len() == 4 && digits(y) && separator == '/' {
            let date = Date::new(parse_year(y)?, m.parse().ok()?, 1).ok()?;
            return Some((date, false));
        }
        return None;
    }
    let [a, b, c] = parts[..] else { return None };
    if ![a, b, c].iter().all(|p| !p.is_empty() && p.chars().all(|ch| ch.is_ascii_digit())) {
        return None;
    }
    if a.len() == 4 {
        let date = Date::new(a.parse().ok()?, b.parse().ok()?, c.parse().ok()?).ok()?;
        return Some((date, false));
    }
    if c.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (x, y, year): (i8, i8, i16) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    let month_first = Date::new(year, x, y).ok();
    let day_first = Date::new(year, y, x).ok();
    match (month_first, day_first) {
        (Some(us), Some(uk)) if us != uk => Some((if region == Region::Uk { uk } else { us }, true)),
        (Some(date), _) | (None, Some(date)) => Some((date, false)),
        (None, None) => None,
    }
}

/// A four-digit year between 1900 and 2099.
fn parse_year(word: &str) -> Option<i16> {
    let year: i16 = word.parse().ok().filter(|_| word.len() == 4)?;
    (1900..2100).contains(&year).then_some(year)
}

/// "15", "15th", "1st", "2nd,".
fn parse_day(word: &str) -> Option<i8> {
    let word = word.trim_end_matches([',', '.']);
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !["", "st", "nd", "rd", "th"].contains(&suffix) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// True for a time of day: `12:42pm`, `9:05`, `10am`, `14:00`.
pub fn is_time(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches(['.', ',']);
    let core =
        lower.trim_end_matches("am").trim_end_matches("pm").trim_end_matches("a.m").trim_end_matches("p.m");
    let shortened = core.len() < lower.len();
    let parts: Vec<&str> = core.split(':').collect();
    let digits = |p: &str| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit());
    match parts[..] {
        [h, m] => digits(h) && m.len() == 2 && digits(m),
        [h] => shortened && digits(h),
        _ => false,
    }
}

/// True when the line is only a date (and maybe a weekday, a time, "at", "-" or a time zone):
/// a dateline or a forum post's timestamp, never prose.
pub fn is_dateline(line: &str, region: Region) -> bool {
    let dates = find_dates(line, region);
    if dates.is_empty() {
        return false;
    }
    let words = date_words(line);
    let mut covered = vec![false; words.len()];
    for d in &dates {
        for c in covered.iter_mut().skip(d.first_word).take(d.word_count) {
            *c = true;
        }
    }
    words.iter().zip(&covered).all(|(w, &c)| {
        let w = w.trim_end_matches([',', '.', ':']);
        c || w.is_empty()
            || is_weekday(w)
            || is_time(w)
            || w.chars().all(|ch| !ch.is_alphanumeric())
            || ["at", "on", "am", "pm", "utc", "gmt", "bst", "est", "edt", "pst", "pdt", "cst", "cdt"]
                .contains(&w.to_lowercase().as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap_or_default()
    }

    fn first(line: &str, region: Region) -> Option<(Date, bool)> {
        find_dates(line, region).first().map(|f| (f.date, f.ambiguous))
    }

    #[test]
    fn forms() {
        let us = Region::Us;
        assert_eq!(first("on 2021-03-15.", us), Some((date(2021, 3, 15), false)));
        assert_eq!(first("15 March 2021", us), Some((date(2021, 3, 15), false)));
        assert_eq!(first("August 14 2008", us), Some((date(2008, 8, 14), false)));
        assert_eq!(first("Dec. 4, 2023", us), Some((date(2023, 12, 4), false)));
        assert_eq!(first("February 2017", us), Some((date(2017, 2, 1), false)));
        assert_eq!(first("March 3rd, 2020", us), Some((date(2020, 3, 3), false)));
        assert_eq!(first("Reviewed on 12th of March, 2023", us), Some((date(2023, 3, 12), false)));
        assert_eq!(first("15/03/2021", us), Some((date(2021, 3, 15), false)));
        assert_eq!(first("06-19-2014", us), Some((date(2014, 6, 19), false)));
        assert_eq!(first("May cause headaches", us), None);
        assert_eq!(first("13/45/2023", us), None);
        assert_eq!(first("Revised 11/2022", us), Some((date(2022, 11, 1), false)));
        assert_eq!(first("13/2022", us), None);
        assert_eq!(first("1/2", us), None);
        assert_eq!(first("Última revisión: 4 de diciembre de 2023", us), Some((date(2023, 12, 4), false)));
        assert_eq!(first("Actualizado en marzo de 2021", us), Some((date(2021, 3, 1), false)));
        assert_eq!(first("Setiembre de 2020", us), Some((date(2020, 9, 1), false)));
        assert_eq!(first("Hace 2 años, en agosto", us), None);
    }

    #[test]
    fn ambiguous_numeric_dates_follow_the_region() {
        assert_eq!(first("12/04/2023", Region::Us), Some((date(2023, 12, 4), true)));
        assert_eq!(first("12/04/2023", Region::Uk), Some((date(2023, 4, 12), true)));
        assert_eq!(first("04/04/2023", Region::Uk), Some((date(2023, 4, 4), false)));
        assert_eq!(Region::from_language("en-GB"), Region::Uk);
        assert_eq!(Region::from_language("en_gb"), Region::Uk);
        assert_eq!(Region::from_language("en"), Region::Us);
        assert_eq!(Region::from_language("en-US"), Region::Us);
    }

    #[test]
    fn datelines() {
        assert!(is_dateline("Thu, 06-19-2014 - 12:42pm", Region::Us));
        assert!(is_dateline("March 3, 2020 at 9:15 am", Region::Us));
        assert!(!is_dateline("In March 2020 the rules changed.", Region::Us));
        assert!(is_time("12:42pm") && is_time("10am") && !is_time("1:2") && !is_time("am"));
    }
}
