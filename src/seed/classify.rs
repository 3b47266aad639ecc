//! Every seed line classified as title, heading, body, list item, metadata or junk.
//!
//! The method follows the boilerplate-removal literature (jusText, Boilerpipe, Readability):
//! first each line on its own evidence (the chrome lexicon, length, stop-word density, sentence
//! punctuation, link density, symbols, dates), then repetition in the document, then the short
//! lines that stay undecided by their neighbours and their place on the page.

use std::collections::HashMap;

use super::boilerplate::Boilerplate;
use super::chrome_words::{chrome_key, opens_link_list, ChromeMatch};
use super::dates::{is_dateline, Region};
use super::features::Features;
use super::lift::{date_line, is_byline, is_source_header, looks_like_citation, DateLine};
use super::normalize::{list_item, promises_list};
use super::tails::{cut_glued_tail, trim_title};

/// Longest heading, in words.
const HEADING_MAX_WORDS: usize = 12;
/// Longest title, in words (titles run longer than section headings).
const TITLE_MAX_WORDS: usize = 24;
/// Longest item of a list the scrape lost its markers for.
const BARE_ITEM_MAX_WORDS: usize = 12;

/// What an HTML element said a line was; `Plain` for text seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// A line of a text seed.
    Plain,
    /// The page's `<h1>` (or `<title>` when it has none).
    Title,
    /// `<h2>`…`<h6>`.
    Heading,
    /// `<p>`, `<blockquote>`, `<pre>`, `<dd>`.
    Paragraph,
    /// A table cell or a caption.
    Cell,
    /// `<li>`.
    Item {
        /// Inside `<ol>`.
        ordered: bool,
    },
}

/// One line of a seed, before classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// 1-based line in the seed file.
    pub number: usize,
    /// Whitespace-collapsed text.
    pub text: String,
    /// What the HTML said it was.
    pub hint: Hint,
}

/// What a line is about the page, not the health topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meta {
    /// A review, update or publication date line.
    Date(DateLine),
    /// Who wrote or reviewed the page.
    Byline,
    /// "References", "Sources", "Journal reference:".
    SourcesHeader,
    /// One reference entry.
    Source,
}

/// The class of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    /// The article's title (lifted).
    Title,
    /// A section heading.
    Heading,
    /// A paragraph (possibly one that promises a list).
    Body,
    /// A list item; the text is without its marker.
    Item {
        /// Numbered.
        ordered: bool,
        /// The item's text.
        text: String,
    },
    /// Lifted as a fact about the page.
    Meta(Meta),
    /// Dropped, with the reason.
    Junk(String),
}

/// A line's class, its text after cutting, and a junk tail cut off it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The class.
    pub class: Class,
    /// The text to use (a title or paragraph without its glued junk tail).
    pub text: String,
    /// A junk tail cut off the line ("— Ten foods doctors never eat").
    pub cut: Option<String>,
}

/// What the classifier needs besides the lines.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Site and page `boilerplate:` patterns, applied before anything else.
    pub boilerplate: Vec<String>,
    /// How numeric dates are read.
    pub region: Region,
}

/// A first look at one line on its own evidence.
#[derive(Debug, Clone, PartialEq)]
enum First {
    Decided(Class),
    /// Prose: body unless its neighbours say otherwise.
    Prose,
    /// Short: decided by neighbours and shape.
    Short,
}

/// Classifies every line.
pub fn classify(lines: &[SourceLine], options: &Options) -> Vec<Decision> {
    let overrides = Boilerplate::with_extra(&options.boilerplate);
    let features: Vec<Features> = lines.iter().map(|l| Features::of(&l.text)).collect();
    let mut repeats: HashMap<String, usize> = HashMap::new();
    for line in lines {
        *repeats.entry(chrome_key(&line.text)).or_default() += 1;
    }
    let mut first: Vec<First> = lines
        .iter()
        .zip(&features)
        .map(|(line, f)| first_look(line, f, &overrides, options.region))
        .collect();
    mark_references(lines, &mut first);
    let title = find_title(lines, &features, &first);
    let title_key = title.map(|t| chrome_key(&lines[t].text));
    for (i, line) in lines.iter().enumerate() {
        let key = chrome_key(&line.text);
        if Some(i) == title {
            first[i] = First::Decided(Class::Title);
        } else if title.is_some_and(|t| i > t) && title_key.as_ref() == Some(&key) {
            first[i] = First::Decided(Class::Title); // the scrape's copy, or the next page's header
        } else if title.is_some_and(|t| i < t) && first[i] == First::Short {
            first[i] = junk("short line above the title: page header".into());
        } else {
            let count = repeats.get(&key).copied().unwrap_or(0);
            let meta = matches!(first[i], First::Decided(Class::Meta(_)));
            if count >= 3 && features[i].words <= 20 && !meta {
                first[i] = junk(format!("repeated {count} times in the seed: page furniture"));
            }
        }
    }
    mark_link_lists(lines, &features, &mut first);
    mark_bare_lists(lines, &features, &mut first);
    mark_menu_runs(lines, &features, &mut first);
    let classes = resolve_short_lines(lines, &features, &first);
    lines
        .iter()
        .zip(classes)
        .map(|(line, class)| match class {
            Class::Body => {
                let (text, cut) = cut_glued_tail(&line.text);
                Decision { class, text, cut }
            }
            Class::Title => {
                let (text, cut) = trim_title(&line.text);
                Decision { class, text, cut }
            }
            other => Decision { class: other, text: line.text.clone(), cut: None },
        })
        .collect()
}

fn junk(reason: String) -> First {
    First::Decided(Class::Junk(reason))
}

/// The evidence of one line alone.
fn first_look(line: &SourceLine, f: &Features, overrides: &Boilerplate, region: Region) -> First {
    let text = line.text.as_str();
    if overrides.classify(text).is_some() {
        return junk("matches a `boilerplate:` pattern".into());
    }
    if let Some(date) = date_line(text, region) {
        return First::Decided(Class::Meta(Meta::Date(date)));
    }
    if is_byline(text) {
        return First::Decided(Class::Meta(Meta::Byline));
    }
    if is_dateline(text, region) {
        return junk("a date or time on its own".into());
    }
    if is_source_header(text) {
        return First::Decided(Class::Meta(Meta::SourcesHeader));
    }
    let single_letters = text.split_whitespace().all(|w| w.chars().filter(|c| c.is_alphanumeric()).count() <= 1);
    if f.letter_share < 0.5 && f.words <= 8 || single_letters {
        return junk("symbols, numbers or single letters, like buttons".into());
    }
    if f.link_density >= 0.5 || (f.link_density > 0.0 && f.words <= 3) {
        return junk("a link or address on its own".into());
    }
    let separators = f.pipes + [" › ", " > ", " » ", " · ", " / "].iter().map(|s| text.matches(s).count()).sum::<usize>();
    if separators >= 2 && f.words <= 30 && !f.ends_sentence {
        return junk("a menu or breadcrumb of links".into());
    }
    match f.chrome {
        Some(ChromeMatch::Line) => return junk(format!("site chrome: {:?}", chrome_key(text))),
        Some(ChromeMatch::Start) if f.words < 40 => {
            return junk("starts like site chrome (sign-in, share, credits, copyright…)".into())
        }
        Some(ChromeMatch::Phrases(n)) if n >= 2 || !f.is_prose() || f.words <= 8 => {
            return junk("site chrome words (cookies, sign in, newsletter, copyright…)".into())
        }
        _ => {}
    }
    let promises = promises_list(text);
    match line.hint {
        Hint::Item { ordered } => {
            let text = list_item(text).map_or(text, |(_, t)| t).to_string();
            return First::Decided(Class::Item { ordered, text });
        }
        Hint::Paragraph if f.words >= 3 || f.closed => return First::Prose,
        Hint::Cell => return First::Prose,
        Hint::Heading => return First::Decided(Class::Heading),
        Hint::Title | Hint::Paragraph | Hint::Plain => {}
    }
    if let Some((ordered, item)) = list_item(text) {
        return First::Decided(Class::Item { ordered, text: item.to_string() });
    }
    if promises || f.is_prose() {
        return First::Prose;
    }
    First::Short
}

/// A references header and the citation lines after it are metadata.
fn mark_references(lines: &[SourceLine], first: &mut [First]) {
    let mut i = 0;
    while i < lines.len() {
        if first[i] != First::Decided(Class::Meta(Meta::SourcesHeader)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() {
            let text = list_item(&lines[j].text).map_or(lines[j].text.as_str(), |(_, t)| t);
            let citation = looks_like_citation(text) || (j == i + 1 && !matches!(first[j], First::Decided(_)));
            if !citation || matches!(first[j], First::Decided(Class::Junk(_) | Class::Meta(_))) {
                break;
            }
            first[j] = First::Decided(Class::Meta(Meta::Source));
            j += 1;
        }
        i = j;
    }
}

/// After "Related articles" or "You might also like…", the short lines are links: junk until
/// the next paragraph of prose.
fn mark_link_lists(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    let mut in_list = false;
    for i in 0..lines.len() {
        match &first[i] {
            First::Decided(Class::Junk(_)) if opens_link_list(&lines[i].text) => in_list = true,
            First::Decided(Class::Junk(_)) => {}
            First::Prose if features[i].ends_sentence && features[i].words >= 8 && !features[i].question => {
                in_list = false
            }
            First::Decided(Class::Meta(_)) => in_list = false,
            _ if in_list => first[i] = junk("a link in a list of other pages".into()),
            _ => {}
        }
    }
}

/// Short fragments after a line ending in ":" are the items of a list that lost its markers.
fn mark_bare_lists(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    let mut i = 0;
    while i < lines.len() {
        let opens = first[i] == First::Prose && features[i].colon;
        i += 1;
        if !opens {
            continue;
        }
        let run = (i..lines.len())
            .take_while(|&j| {
                matches!(first[j], First::Short | First::Prose)
                    && features[j].words <= BARE_ITEM_MAX_WORDS
                    && !features[j].closed
                    && lines[j].hint == Hint::Plain
            })
            .count();
        // The last fragment is an item only when the list ends the seed or prose follows it.
        if run >= 2 {
            for slot in &mut first[i..i + run] {
                *slot = First::Decided(Class::Item { ordered: false, text: String::new() });
            }
            i += run;
        }
    }
}

/// The title: the page's `<h1>`, or the first real line when it has a title's shape.
fn find_title(lines: &[SourceLine], features: &[Features], first: &[First]) -> Option<usize> {
    if let Some(h1) = lines.iter().position(|l| l.hint == Hint::Title) {
        return (!matches!(first[h1], First::Decided(Class::Junk(_)))).then_some(h1);
    }
    let mut candidates = (0..lines.len()).filter(|&i| !matches!(first[i], First::Decided(Class::Junk(_) | Class::Meta(_))));
    // Lines of a menu above the title are short lines followed by more short lines: skip those.
    while let Some(i) = candidates.next() {
        let f = &features[i];
        let shaped = f.heading_shaped(TITLE_MAX_WORDS) || (f.question && f.words <= TITLE_MAX_WORDS);
        if !shaped || matches!(first[i], First::Decided(Class::Item { .. })) {
            return None; // the seed starts with prose: it has no title line
        }
        let next = next_content(first, i);
        let followed_by_text = match next {
            None => false,
            Some(n) => match &first[n] {
                First::Prose | First::Decided(Class::Item { .. }) => true,
                First::Short => {
                    // A title followed by a section heading, or by the scrape's copy of itself.
                    chrome_key(&lines[n].text) == chrome_key(&lines[i].text)
                        || next_content(first, n).is_some_and(|m| first[m] == First::Prose)
                }
                First::Decided(_) => false,
            },
        };
        if followed_by_text {
            return Some(i);
        }
    }
    None
}

/// The next line that is not junk or metadata.
fn next_content(first: &[First], i: usize) -> Option<usize> {
    (i + 1..first.len()).find(|&j| !matches!(first[j], First::Decided(Class::Junk(_) | Class::Meta(_))))
}

/// The previous line that is not junk or metadata.
fn previous_content(first: &[First], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !matches!(first[j], First::Decided(Class::Junk(_) | Class::Meta(_))))
}

/// Three or more short Title Case lines in a row, with no prose among them, are a menu; at the
/// top or bottom of the page any such run is page furniture.
fn mark_menu_runs(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    let mut i = 0;
    while i < lines.len() {
        if first[i] != First::Short {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        let mut j = i + 1;
        while j < lines.len() && matches!(first[j], First::Short | First::Decided(Class::Junk(_))) {
            if first[j] == First::Short {
                run.push(j);
            }
            j += 1;
        }
        let capitalised = run.iter().map(|&k| features[k].capitalised).sum::<f32>() / run.len() as f32;
        let at_edge = !first[..i].iter().any(|s| *s == First::Prose) || !first[j..].iter().any(|s| *s == First::Prose);
        let plain = run.iter().all(|&k| lines[k].hint == Hint::Plain);
        if run.len() >= 3 && plain && (capitalised >= 0.75 || at_edge) {
            for &k in &run {
                first[k] = junk("one of a run of short lines, like a menu".into());
            }
        }
        i = j;
    }
}

/// Decides short lines by shape and neighbours, and turns prose-shaped lines into body.
fn resolve_short_lines(lines: &[SourceLine], features: &[Features], first: &[First]) -> Vec<Class> {
    let mut classes: Vec<Option<Class>> = first
        .iter()
        .map(|s| match s {
            First::Decided(c) => Some(c.clone()),
            First::Prose => Some(Class::Body),
            First::Short => None,
        })
        .collect();
    // Bare list items were marked without their text.
    for (i, class) in classes.iter_mut().enumerate() {
        if let Some(Class::Item { text, .. }) = class {
            if text.is_empty() {
                *text = lines[i].text.clone();
            }
        }
    }
    let is_text = |c: &Option<Class>| matches!(c, Some(Class::Body | Class::Item { .. }));
    for i in 0..lines.len() {
        if classes[i].is_some() {
            continue;
        }
        let f = &features[i];
        let next = next_content(first, i);
        let prev = previous_content(first, i);
        let after_colon = prev.is_some_and(|p| features[p].colon);
        let shaped = (f.heading_shaped(HEADING_MAX_WORDS) && !after_colon) || lines[i].hint == Hint::Heading;
        let next_is_text = next.is_some_and(|n| matches!(first[n], First::Prose | First::Decided(Class::Item { .. })));
        let next_is_heading = next.is_some_and(|n| {
            first[n] == First::Short
                && features[n].heading_shaped(HEADING_MAX_WORDS)
                && next_content(first, n).is_some_and(|m| matches!(first[m], First::Prose | First::Decided(Class::Item { .. })))
        });
        let prev_is_text = prev.is_some_and(|p| is_text(&classes[p]) || matches!(first[p], First::Prose));
        classes[i] = Some(if shaped && (next_is_text || (next_is_heading && prev_is_text)) {
            Class::Heading
        } else if (prev_is_text && next_is_text) || (f.ends_sentence && (prev_is_text || next_is_text)) {
            Class::Body
        } else if !prev_is_text && !next_is_text {
            Class::Junk("short line between page furniture".into())
        } else {
            Class::Junk("short line at the edge of the article, not a sentence".into())
        });
    }
    classes.into_iter().map(|c| c.unwrap_or(Class::Body)).collect()
}
