//! Every seed line classified as title, heading, body, list item, metadata or junk.
//!
//! The method follows the boilerplate-removal literature (jusText, Boilerpipe, Readability):
//! first each line on its own evidence (the chrome lexicon, length, stop-word density, sentence
//! punctuation, link density, symbols, dates), then repetition in the document, then the short
//! lines that stay undecided by their neighbours and their place on the page.

use std::collections::HashMap;

use super::boilerplate::Boilerplate;
use super::chrome_words::{chrome_key, opens_furniture_section, opens_link_list, ChromeMatch};
use super::dates::{is_dateline, Region};
use super::features::Features;
use super::lift::{date_line, is_byline, is_source_header, looks_like_citation, DateLine};
use super::line_model::{Context, LineModel};
use super::normalize::{list_item, promises_list};
use super::tails::{cut_glued_tail, trim_title};

/// Longest heading, in words.
const HEADING_MAX_WORDS: usize = 12;
/// Longest title, in words (titles run longer than section headings).
const TITLE_MAX_WORDS: usize = 24;
/// Longest line taken for a promotion (a longer one is an article's own paragraph).
const PROMOTION_MAX_WORDS: usize = 45;
/// Longest block of a saved page that is all link text and still only a link (a longer one is
/// a sentence that happens to be linked).
const LINKED_MAX_WORDS: usize = 12;
/// Longest question taken for a heading: a question reads as one at more words than a statement
/// ("Does the injection hurt, and what side effects should I expect?").
const QUESTION_HEADING_MAX_WORDS: usize = 14;
/// Longest repeated sentence kept as the article's ("Repeat 10 times."): a page footer's
/// sentence runs longer.
const REPEATED_STEP_MAX_WORDS: usize = 6;
/// Longest line read as a price list's entry ("Follow-up visit (45 min): $110").
const PRICE_ENTRY_MAX_WORDS: usize = 10;
/// Longest entry of a menu judged by its neighbours, in words.
const MENU_ENTRY_MAX_WORDS: usize = 3;
/// Why a line with site chrome words and no stronger evidence was dropped: later passes may
/// overrule this reason alone.
const CHROME_WORDS_REASON: &str = "site chrome words (cookies, sign in, newsletter, copyright…)";

/// Longest line of facts strung together with dots ("23 replies · 1.7K views").
const DOT_STRIP_MAX_WORDS: usize = 30;
/// Most lines of page furniture between a heading and its text (a picture and its credit).
const FURNITURE_UNDER_HEADING_MAX: usize = 2;
/// The line model drops at most one in this many of the paragraphs the rules kept.
const MODEL_MAX_DROP_SHARE_INVERSE: usize = 5;
/// Longest pull quote, in words.
const PULL_QUOTE_MAX_WORDS: usize = 25;
/// Longest item of a list the scrape lost its markers for.
const BARE_ITEM_MAX_WORDS: usize = 12;
/// Longest such item under a line that opens it with a colon (a fragment without a full stop
/// after "…any of the following:" is one of them).
const BARE_OPENED_ITEM_MAX_WORDS: usize = 20;
/// Longest such item when it starts in lower case ("your immune system is weakened, for
/// example because of chemotherapy or steroid tablets").
const BARE_LOWER_ITEM_MAX_WORDS: usize = 30;

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
    /// All of its text is the text of links to other pages (a saved page's menu, related-page
    /// list or call to action); always false for a text seed.
    pub linked: bool,
    /// On the whole saved page, the next block is such a link, even where Readability pruned
    /// that list from the article; always false for a text seed.
    pub next_linked: bool,
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

/// Classifies every line: the rules, then the line model's second opinion on the paragraphs
/// they keep.
pub fn classify(lines: &[SourceLine], options: &Options) -> Vec<Decision> {
    let mut classes = rule_classes(lines, options);
    mark_learned_furniture(lines, &mut classes, super::line_model::trained());
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

/// What the line model reads about line `i` besides its words.
pub(super) fn model_context(lines: &[SourceLine], classes: &[Class], i: usize) -> Context {
    let junk_at =
        |j: Option<usize>| j.and_then(|j| classes.get(j)).is_some_and(|c| matches!(c, Class::Junk(_)));
    Context {
        position: i as f32 / lines.len().max(1) as f32,
        previous_junk: junk_at(i.checked_sub(1)),
        next_junk: junk_at(Some(i + 1)),
        hint: lines[i].hint,
    }
}

/// A paragraph the rules kept that the line model is nearly sure is page furniture.
pub(super) fn mark_learned_furniture(lines: &[SourceLine], classes: &mut [Class], model: &LineModel) {
    let verdicts: Vec<Option<f32>> = (0..lines.len())
        .map(|i| {
            (classes[i] == Class::Body).then(|| {
                let context = model_context(lines, classes, i);
                model.junk_probability(&super::line_model::tokens(&lines[i].text, &context))
            })
        })
        .collect();
    // A model that would drop much of what the rules kept is misreading the page (a generated
    // or hostile one unlike anything it learned from), not finding furniture: it then drops
    // nothing.
    let kept = verdicts.iter().flatten().count();
    let sure = verdicts.iter().flatten().filter(|p| **p > super::line_model::DROP_ABOVE).count();
    if sure * MODEL_MAX_DROP_SHARE_INVERSE > kept {
        return;
    }
    for (i, verdict) in verdicts.into_iter().enumerate() {
        if let Some(p) = verdict.filter(|p| *p > super::line_model::DROP_ABOVE) {
            classes[i] = Class::Junk(format!("reads like page furniture to the line model (p = {p:.2})"));
        }
    }
}

/// Every line's class by the rules alone.
pub(super) fn rule_classes(lines: &[SourceLine], options: &Options) -> Vec<Class> {
    // A printed page's running heads are judged without their context, and the rest without
    // them: the article's lines either side of a page break are each other's neighbours.
    let heads: Vec<bool> = lines.iter().map(|l| l.hint == Hint::Plain && is_running_head(&l.text)).collect();
    if !heads.contains(&true) {
        return classes_by_rules(lines, options);
    }
    let mut removed = 0;
    let mut kept = Vec::with_capacity(lines.len());
    for (line, &head) in lines.iter().zip(&heads) {
        if head {
            removed += 1;
        } else {
            // Numbered as if the running heads were never there, so no blank line is seen
            // where one was cut out.
            kept.push(SourceLine { number: line.number - removed, ..line.clone() });
        }
    }
    let mut kept_classes = classes_by_rules(&kept, options).into_iter();
    heads
        .iter()
        .map(|&head| {
            if head {
                Class::Junk("a printed page's running head (its address, page number or print time)".into())
            } else {
                kept_classes.next().unwrap_or_else(|| Class::Junk(String::new()))
            }
        })
        .collect()
}

/// A browser's print header or footer: "https://example.org/chilblains/ 1/2" or
/// "05/12/2024, 10:14 Chilblains - Islands Health Board".
fn is_running_head(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let page_of = |w: &str| {
        w.split_once('/').is_some_and(|(n, m)| {
            matches!((n.parse::<usize>(), m.parse::<usize>()), (Ok(n), Ok(m)) if n >= 1 && n <= m && m <= 999)
        })
    };
    let address_and_page = words.len() == 2 && super::features::is_link_word(words[0]) && page_of(words[1]);
    // Not `dates::numeric_date`: a browser prints a two-digit year ("12/5/24, 10:14 AM"),
    // which a page's own dates never use.
    let numeric_date = |w: &str| {
        let parts: Vec<&str> = w.trim_end_matches(',').split(['/', '.', '-']).collect();
        w.ends_with(',')
            && parts.len() == 3
            && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    };
    let printed_at = words.len() >= 3 && numeric_date(words[0]) && super::dates::is_time(words[1]);
    address_and_page || printed_at
}

/// The rules' class of every line (see [`rule_classes`]).
fn classes_by_rules(lines: &[SourceLine], options: &Options) -> Vec<Class> {
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
    mark_split_dates(lines, &mut first, options.region);
    mark_next_reviews(lines, &mut first);
    mark_pull_quotes(lines, &features, &mut first);
    mark_author_bios(lines, &features, &mut first);
    mark_link_intros(lines, &features, &mut first);
    mark_contents(lines, &mut first);
    mark_references(lines, &mut first);
    mark_label_links(lines, &features, &mut first);
    let article = article_words(lines, &features, &first);
    let title = find_title(lines, &features, &first, &article);
    // A `<title>`'s trail ("Page - Section - Site") is not part of the title its copies repeat.
    let title_key = title.map(|t| chrome_key(&trim_title(&lines[t].text).0));
    for (i, line) in lines.iter().enumerate() {
        let key = chrome_key(&line.text);
        if Some(i) == title {
            first[i] = First::Decided(Class::Title);
        } else if title.is_some_and(|t| i > t)
            && (title_key.as_ref() == Some(&key)
                || title_key.as_ref() == Some(&chrome_key(&trim_title(&line.text).0)))
        {
            first[i] = First::Decided(Class::Title); // the scrape's copy, or the next page's header
        } else if title.is_some_and(|t| i < t) && first[i] == First::Short {
            first[i] = junk("short line above the title: page header".into());
        } else if title.is_some_and(|t| i < t)
            && first[i] == First::Prose
            && (features[i].chrome.is_some()
                || in_publisher_voice(&line.text)
                || unrelated(&article, &line.text))
        {
            first[i] = junk("above the title, in the site's words: a banner".into());
        } else {
            let count = repeats.get(&key).copied().unwrap_or(0);
            let meta = matches!(first[i], First::Decided(Class::Meta(_)));
            // "Repeat 10 times." after each exercise: a sentence that follows the article's
            // prose at every copy is the article's, not a page header or footer.
            let in_text = features[i].ends_sentence
                && (2..=REPEATED_STEP_MAX_WORDS).contains(&features[i].words)
                && features[i].chrome.is_none()
                && i > 0
                && first[i - 1] == First::Prose
                && !blank_before(lines, i);
            if count >= 3 && features[i].words <= 20 && !meta && !in_text {
                first[i] = junk(format!("repeated {count} times in the seed: page furniture"));
            }
        }
    }
    mark_contents_entries(lines, &features, &mut first, title);
    mark_link_lists(lines, &features, &mut first, title);
    mark_bare_lists(lines, &features, &mut first);
    mark_site_names(lines, &features, &mut first, title);
    mark_menu_runs(lines, &features, &mut first);
    mark_lists_between_text(lines, &features, &mut first);
    mark_footer_prose(lines, &features, &mut first);
    mark_author_cards(lines, &features, &mut first);
    let mut classes = resolve_short_lines(lines, &features, &first, options.region);
    mark_contact_details(lines, &features, &mut classes, title);
    mark_weak_chrome_headings(lines, &features, &first, &mut classes);
    mark_navigation_labels(lines, &features, &first, &mut classes);
    mark_headings_over_furniture(lines, &features, &mut classes);
    mark_off_style_headings(lines, &features, &mut classes);
    classes
}

fn junk(reason: String) -> First {
    First::Decided(Class::Junk(reason))
}

/// The publisher speaks of itself: "our", "us", "we".
fn in_publisher_voice(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        w == "our" || w == "us" || w == "we"
    })
}

/// The paragraph right under this line (no blank line between) is the text it heads.
fn heads_paragraph(lines: &[SourceLine], first: &[First], i: usize) -> bool {
    first.get(i + 1) == Some(&First::Prose) && !blank_before(lines, i + 1)
}

/// A caption's credit at the end: in brackets, "(Jordan Lee/The Courier)", "(AP Photo/Jane
/// Roe)", a few capitalised words around a slash; or after a credit word, "… Photograph: Sally
/// Brennan/Ledger Pictures", "… Image: Getty".
fn ends_with_photo_credit(text: &str) -> bool {
    let trimmed = text.trim_end();
    let named = |inner: &str, slash: bool| {
        let words: Vec<&str> =
            inner.split(|c: char| c.is_whitespace() || c == '/').filter(|w| !w.is_empty()).collect();
        (!slash || inner.contains('/'))
            && !inner.contains("//")
            && (1 + usize::from(slash)..=8).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase) || ["of", "the", "for"].contains(w))
    };
    if let Some(inner) = trimmed.strip_suffix(')').and_then(|t| t.rsplit_once('(')).map(|(_, i)| i) {
        return named(inner, true);
    }
    const CREDIT_WORDS: &[&str] = &["Photograph:", "Photo:", "Photos:", "Image:", "Picture:", "Credit:"];
    CREDIT_WORDS.iter().any(|word| {
        trimmed.rsplit_once(word).is_some_and(|(before, after)| {
            (before.is_empty() || before.ends_with(' '))
                && !after.trim().ends_with('.')
                && named(after.trim(), false)
        })
    })
}

/// Longest speaker line of a transcript, in words with its time stamp.
const SPEAKER_LINE_MAX_WORDS: usize = 6;

/// The line ends in a bracketed time stamp: "[00:01:06]", "(12:04)".
fn ends_with_time_stamp(text: &str) -> bool {
    let Some(inner) = text
        .strip_suffix(']')
        .and_then(|t| t.rsplit_once('['))
        .map(|(_, s)| s)
        .or_else(|| text.strip_suffix(')').and_then(|t| t.rsplit_once('(')).map(|(_, s)| s))
    else {
        return false;
    };
    let parts: Vec<&str> = inner.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
}

/// A comment signed by its poster after a dash: "I take mine with toast. - Jen_R", or with
/// the time it was posted: "Have you noticed it in your toes? – leafcutter Oct 30, 2022 at 22:05".
/// A writer's own dash never puts one bare word and a timestamp after a finished sentence.
fn signed_by_poster(text: &str, region: Region) -> bool {
    [" - ", " – ", " — "].iter().any(|sep| {
        let Some((head, tail)) = text.rsplit_once(sep) else {
            return false;
        };
        let (name, stamp) = tail.trim().split_once(' ').unwrap_or((tail.trim(), ""));
        let single = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || "_.-".contains(c));
        head.trim_end().ends_with(['.', '?', '!'])
            && single
            && (stamp.is_empty() && super::features::is_user_name(name)
                || !stamp.is_empty() && is_dateline(stamp, region))
    })
}

/// A short question followed by the buttons that answer it: "Was this leaflet helpful? Yes No".
fn asks_with_answer_buttons(text: &str) -> bool {
    let Some((question, after)) = text.rsplit_once('?') else {
        return false;
    };
    let buttons: Vec<String> = after
        .split(|c: char| c.is_whitespace() || c == '|' || c == '/')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    buttons.len() >= 2
        && buttons.iter().all(|w| ["yes", "no", "not", "sure", "maybe", "somewhat"].contains(&w.as_str()))
        && question.split_whitespace().count() <= SHORT_PROMPT_WORDS
}

/// Longest question of a feedback prompt, in words.
const SHORT_PROMPT_WORDS: usize = 10;

/// A link to a file rather than a page: "Fact sheet (PDF, 2 pages)", "Leaflet (212KB)".
fn names_a_download(text: &str) -> bool {
    let lower = text.to_lowercase();
    let format = ["(pdf", "pdf,", "pdf)", "(doc", "(word", "(mp3", "(ppt"].iter().any(|f| lower.contains(f));
    let size = lower.split(|c: char| !c.is_alphanumeric() && c != '.').any(|w| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let unit = &w[digits.len()..];
        !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
            && ["kb", "mb"].contains(&unit)
    });
    format || size
}

/// A blank line (or more) parts this line of a text seed from the one before it: the scrape
/// kept the page's section break there.
fn blank_before(lines: &[SourceLine], i: usize) -> bool {
    i > 0 && lines[i].hint == Hint::Plain && lines[i].number > lines[i - 1].number + 1
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
    if line.linked && f.words <= LINKED_MAX_WORDS && line.hint != Hint::Title && !looks_like_citation(text) {
        return junk("a link to another page, on its own (a menu, a related page, a call to action)".into());
    }
    let single_letters =
        text.split_whitespace().all(|w| w.chars().filter(|c| c.is_alphanumeric()).count() <= 1);
    // A table's cell of figures ("350mg", "2 months") is the table's data.
    let figures = line.hint == Hint::Cell && text.starts_with(char::is_alphanumeric);
    if (f.letter_share < 0.5 && f.words <= 8 || single_letters) && !figures {
        return junk("symbols, numbers or single letters, like buttons".into());
    }
    if f.link_density >= 0.5 || (f.link_density > 0.0 && f.words <= 3) {
        return junk("a link or address on its own".into());
    }
    let separators = f.pipes
        + trail_separators(text)
        + [" · ", " / "].iter().map(|s| text.matches(s).count()).sum::<usize>();
    if separators >= 2 && f.words <= 30 && !f.ends_sentence {
        return junk("a menu or breadcrumb of links".into());
    }
    // "Answered 2y ago · 1.2K views", "Family Medicine · 11 years experience": prose joins
    // its facts with words, a page strings its own together with dots.
    if text.contains(" · ") && f.words <= DOT_STRIP_MAX_WORDS && line.hint != Hint::Title {
        return junk("facts about the page or a post, strung together with dots".into());
    }
    if f.words <= PRICE_ENTRY_MAX_WORDS && !f.ends_sentence && super::chrome_words::has_price(text) {
        return junk("an entry of a price list".into());
    }
    if f.counter {
        return junk("a count the page shows (minutes to read, comments, page numbers)".into());
    }
    if f.user_name {
        return junk("a user name".into());
    }
    let publisher_voice = in_publisher_voice(text);
    if f.call_to_action && (f.words <= 3 || publisher_voice) && line.hint != Hint::Heading {
        return junk("a button or call to action".into());
    }
    if f.promotion >= 2 && f.words <= PROMOTION_MAX_WORDS {
        return junk("a promotion in the publisher's voice (a pitch, an offer, a feedback prompt)".into());
    }
    if ends_with_photo_credit(text) && f.words <= PROMOTION_MAX_WORDS {
        return junk("a caption ending in a photo credit".into());
    }
    if asks_with_answer_buttons(text) {
        return junk("a question with its answer buttons: a feedback prompt".into());
    }
    if names_a_download(text) && f.words <= HEADING_MAX_WORDS + 3 {
        return junk("a link to a file to download".into());
    }
    if line.hint == Hint::Plain && super::chrome_words::is_institution_name(text) {
        return junk("the name of an organisation: a banner or footer, not a heading".into());
    }
    // "+ Treatment from a GP", "▸ Show more": the open/close toggle of a collapsed section,
    // scraped with its sign.
    if f.words <= HEADING_MAX_WORDS
        && ["+ ", "− ", "▸ ", "▾ ", "► ", "▼ "].iter().any(|sign| text.starts_with(sign))
    {
        return junk("the toggle of a collapsed section".into());
    }
    // "Find a clinic near you ›", "» See our full price list": a link drawn with its arrow.
    if f.words <= super::text::ARROW_LINK_MAX_WORDS && super::text::is_arrow_link(text) {
        return junk("a link drawn with an arrow (more, shop, find, see all)".into());
    }
    if text.starts_with(['|', '^']) {
        return junk("a separator left from the page's layout".into());
    }
    let lower = text.to_lowercase();
    if f.words <= 6
        && [" says:", " said:", " wrote:", " replied:", " asked:"].iter().any(|e| lower.ends_with(e))
    {
        return junk("a comment's author line".into());
    }
    // "Before your operation (continued)": a printed leaflet repeats its heading over the next
    // page; the heading was already read.
    if f.words <= HEADING_MAX_WORDS + 2 && (lower.ends_with("(continued)") || lower.ends_with(", continued"))
    {
        return junk("a heading repeated over a printed page's next page".into());
    }
    // "Dr. Lena Marsh [00:01:06]": a transcript's speaker and time stamp.
    if f.words <= SPEAKER_LINE_MAX_WORDS && ends_with_time_stamp(text) {
        return junk("a transcript's speaker and time stamp".into());
    }
    if signed_by_poster(text, region) {
        return junk("a comment signed with its poster's user name".into());
    }
    // "Hero Member", "Sr. Member": a forum poster's rank under their name.
    if (2..=3).contains(&f.words) && lower.ends_with(" member") && f.capitalised >= 0.99 {
        return junk("a forum member's rank".into());
    }
    // "Dr. Alan Reyes answered": the answerer's line above an answer on a question site.
    if f.words <= 6
        && lower.ends_with(" answered")
        && ["dr ", "dr. ", "doctor "].iter().any(|d| lower.starts_with(d))
    {
        return junk("an answer's author line".into());
    }
    match f.chrome {
        Some(ChromeMatch::Start) if advises_contact(text, f) => {}
        Some(ChromeMatch::Line) => return junk(format!("site chrome: {:?}", chrome_key(text))),
        Some(ChromeMatch::Strong) => return junk("a legal notice, disclaimer or sales line".into()),
        Some(ChromeMatch::Start) if f.words < 40 => {
            return junk("starts like site chrome (sign-in, share, credits, copyright…)".into())
        }
        Some(ChromeMatch::Phrases(n)) if n >= 2 || !f.is_prose() || f.words <= 8 => {
            return junk(CHROME_WORDS_REASON.into())
        }
        _ => {}
    }
    let promises = promises_list(text);
    match line.hint {
        Hint::Item { ordered } => {
            let text = list_item(text).map_or(text, |(_, t)| t).to_string();
            return First::Decided(Class::Item { ordered, text });
        }
        // "1. Use a soft toothbrush.<br>2. …": numbered lines inside one paragraph are items.
        Hint::Paragraph if (f.words >= 3 || f.closed) && list_item(text).is_none() => return First::Prose,
        Hint::Cell => return First::Prose,
        // A heading element holding sentences is a standfirst set in large type.
        Hint::Heading if f.ends_sentence && !f.question && f.words > HEADING_MAX_WORDS => {
            return First::Prose
        }
        Hint::Heading => return First::Decided(Class::Heading),
        Hint::Title | Hint::Paragraph | Hint::Plain => {}
    }
    if let Some((ordered, item)) = list_item(text) {
        // "3. How to take the tablets": a numbered heading, when a paragraph follows it (decided
        // with the neighbours); "- a cough" and "1. Rest." are items.
        if ordered && Features::of(item).heading_shaped(HEADING_MAX_WORDS) && f.words >= 3 {
            return First::Short;
        }
        return First::Decided(Class::Item { ordered, text: item.to_string() });
    }
    if promises || f.is_prose() {
        return First::Prose;
    }
    First::Short
}

/// Words of a writer's role under their name on a news page's author card.
const ROLE_WORDS: &[&str] = &["reporter", "correspondent", "writer", "editor", "contributor", "columnist"];

/// A news page's author card: a name alone on a line ("Sarah Mills") over its role ("Health
/// reporter") is the byline, not a heading over the story.
fn mark_author_cards(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    for i in 0..lines.len().saturating_sub(1) {
        let role = features[i + 1].words <= 4
            && lines[i + 1].text.split_whitespace().any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                ROLE_WORDS.contains(&w.as_str())
            });
        let name = first[i] == First::Short
            && (2..=3).contains(&features[i].words)
            && features[i].capitalised >= 1.0
            && features[i].stop_density == 0.0
            && !features[i].closed;
        if role && name {
            first[i] = junk("an author's name over their role: the byline's".into());
        }
    }
}

/// "Call us if you have trouble breathing…": a sentence telling the reader when to get in
/// touch is health advice, though it opens like the site's "Call us" button.
fn advises_contact(text: &str, f: &Features) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .take(4)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .collect();
    let contact = ["call", "contact", "phone", "ring", "email", "tell", "see"];
    // The condition may come a few words on ("Call us the same day if your ear is painful").
    let lower = text.to_lowercase();
    let conditional = [" if ", " when ", " straight away", " right away", " immediately", " urgently"]
        .iter()
        .any(|w| lower.contains(w));
    words.len() == 4
        && contact.contains(&words[0].as_str())
        && words[1] == "us"
        && conditional
        && f.ends_sentence
        && f.words >= 8
}

/// A leaflet's "Review date: June 2026" under its "Issue date: June 2023" is when the leaflet
/// is next reviewed, not when it was: a bare "review date" later than the page's issue date is
/// not the review date.
fn mark_next_reviews(lines: &[SourceLine], first: &mut [First]) {
    let issued = first
        .iter()
        .filter_map(|s| match s {
            First::Decided(Class::Meta(Meta::Date(d))) if d.issued => d.date.map(|f| f.date),
            _ => None,
        })
        .max();
    let Some(issued) = issued else { return };
    for (line, slot) in lines.iter().zip(first.iter_mut()) {
        let lower = line.text.to_lowercase();
        let bare_lead = lower.starts_with("review date") || lower.starts_with("date of review");
        if let First::Decided(Class::Meta(Meta::Date(d))) = slot {
            if bare_lead && d.is_review && d.date.is_some_and(|f| f.date > issued) {
                d.is_review = false;
            }
        }
    }
}

/// "3. Looking after your hot tub" straight over "3.1 Every day": a numbered section whose
/// first subsection follows.
fn opens_subsections(lines: &[SourceLine], i: usize) -> bool {
    let number = lines[i].text.split_whitespace().next().map(|w| w.trim_end_matches(['.', ')']));
    let next = lines.get(i + 1).and_then(|l| l.text.split_whitespace().next());
    match (number, next) {
        (Some(n), Some(sub)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
            sub.strip_prefix(n).and_then(|rest| rest.strip_prefix('.')).is_some_and(|rest| {
                rest.trim_end_matches('.').chars().all(|c| c.is_ascii_digit()) && !rest.is_empty()
            })
        }
        _ => false,
    }
}

/// "7. How can I prevent spreading it?" over "1. Wash your hands…": a numbered line whose
/// next line starts the count again is a numbered section over its own list.
fn restarts_numbering(lines: &[SourceLine], i: usize) -> bool {
    let number = |l: &SourceLine| {
        let word = l.text.split_whitespace().next()?;
        let digits = word.strip_suffix(['.', ')'])?;
        digits.parse::<u32>().ok()
    };
    matches!((number(&lines[i]), lines.get(i + 1).and_then(number)), (Some(n), Some(1)) if n >= 2)
}

/// A date's lead and the date on two lines, as a definition list or two table cells show them
/// ("Last updated" / "6 December 2023"): both are the one date line.
fn mark_split_dates(lines: &[SourceLine], first: &mut [First], region: Region) {
    for i in 0..lines.len().saturating_sub(1) {
        let lead = &lines[i].text;
        if lead.split_whitespace().count() > 4 || !is_dateline(&lines[i + 1].text, region) {
            continue;
        }
        if matches!(first[i], First::Decided(Class::Meta(_))) {
            continue;
        }
        if let Some(date) =
            date_line(&format!("{} {}", lead.trim_end_matches(':'), lines[i + 1].text), region)
                .filter(|d| d.date.is_some())
        {
            first[i] = First::Decided(Class::Meta(Meta::Date(date)));
            first[i + 1] = First::Decided(Class::Meta(Meta::Date(date)));
        }
    }
}

/// Longest paragraph taken for an author's bio.
const BIO_MAX_WORDS: usize = 60;

/// A paragraph that opens with the full name of a person the page's byline names ("Bethany
/// Ross is a registered dietitian who…") is about the author, not the topic.
fn mark_author_bios(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    let names: Vec<String> = lines
        .iter()
        .zip(first.iter())
        // A dateline names its author too: "Posted on April 9, 2024 by Renata Olsen".
        .filter(|(l, s)| match s {
            First::Decided(Class::Meta(Meta::Byline)) => true,
            First::Decided(Class::Meta(Meta::Date(_))) => l.text.to_lowercase().contains(" by "),
            _ => false,
        })
        .filter_map(|(l, _)| super::lift::byline_name(&l.text))
        .collect();
    if names.is_empty() {
        return;
    }
    for i in 0..lines.len() {
        let text = &lines[i].text;
        let untitled =
            ["Dr. ", "Dr ", "Prof. ", "Professor "].iter().find_map(|t| text.strip_prefix(t)).unwrap_or(text);
        let opens_with_name = names
            .iter()
            .any(|n| untitled.strip_prefix(n.as_str()).is_some_and(|rest| rest.starts_with([' ', ','])));
        if first[i] == First::Prose && features[i].words <= BIO_MAX_WORDS && opens_with_name {
            first[i] = junk("about the author the byline names, not the topic".into());
        }
    }
}

/// A short line ending in ":" whose next block is a link to another page ("Other pages in this
/// section:", "Related:") introduces navigation: junk, never a lost list.
fn mark_link_intros(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    for i in 0..lines.len() {
        let intro = lines[i].text.trim_end().ends_with(':') && features[i].words <= LINKED_MAX_WORDS;
        if intro
            && (lines.get(i + 1).is_some_and(|l| l.linked) || lines[i].next_linked)
            && !matches!(first[i], First::Decided(Class::Meta(_)))
        {
            first[i] = junk("introduces links to other pages: navigation, not a lost list".into());
        }
    }
}

/// A table of contents: three or more lines in a row that open with a bare section number
/// ("1 Signs and symptoms", "2.1 Smoking") and no sentence. The headings themselves come
/// again further down.
fn mark_contents(lines: &[SourceLine], first: &mut [First]) {
    let numbered = |text: &str| {
        let (number, rest) = text.split_once(' ').unwrap_or((text, ""));
        !number.is_empty()
            && number.chars().next().is_some_and(|c| c.is_ascii_digit())
            && number.chars().all(|c| c.is_ascii_digit() || c == '.')
            && !number.ends_with('.')
            && rest.chars().next().is_some_and(char::is_uppercase)
            && !Features::of(rest).ends_sentence
    };
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| l.hint == Hint::Plain && numbered(&l.text)).count();
        if run >= 3 {
            for slot in &mut first[i..i + run] {
                *slot = junk("a line of the page's table of contents".into());
            }
        }
        i += run.max(1);
    }
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
            let citation =
                looks_like_citation(text) || (j == i + 1 && !matches!(first[j], First::Decided(_)));
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
fn mark_link_lists(lines: &[SourceLine], features: &[Features], first: &mut [First], title: Option<usize>) {
    // The site's name as its header shows it: "About Riverside Health" at the end of a news
    // release is the publisher describing itself, and so is the text under it.
    let header: std::collections::HashSet<String> = (0..title.unwrap_or(0))
        .filter(|&j| matches!(first[j], First::Decided(Class::Junk(_))))
        .map(|j| chrome_key(&lines[j].text))
        .collect();
    let about_site = |i: usize| {
        let text = lines[i].text.as_str();
        features[i].words <= 8
            && text.get(..6).is_some_and(|a| a.eq_ignore_ascii_case("about "))
            && header.contains(&chrome_key(&text[6..]))
    };
    // "###" or "-30-" under a news release: the release has ended.
    let end_mark = |i: usize| {
        ["###", "# # #", "-30-", "- 30 -", "-ends-", "- ends -"]
            .contains(&lines[i].text.to_lowercase().as_str())
    };
    let mut in_list = false;
    let mut in_section = false;
    // Comments and author bios come after the article: a "14 Comments" link near the top
    // opens nothing.
    let prose_total = first.iter().filter(|s| **s == First::Prose).count();
    let mut prose_seen = 0;
    for i in 0..lines.len() {
        prose_seen += usize::from(first[i] == First::Prose);
        let next_is_text =
            matches!(first.get(i + 1), Some(First::Prose | First::Decided(Class::Item { .. })));
        let heading_next = features[i].heading_shaped(HEADING_MAX_WORDS) && next_is_text;
        let late = prose_seen * 2 >= prose_total;
        // "6 thoughts on “Title”" repeats a title of any length after its count.
        let counted = features[i].counter || lines[i].text.starts_with(|c: char| c.is_ascii_digit());
        let opens = opens_furniture_section(&lines[i].text) && (features[i].words <= 8 || counted);
        if late && (opens || about_site(i) || end_mark(i)) {
            first[i] = junk("heads a section of page furniture (author bio, comments…)".into());
            in_section = true;
            continue;
        }
        if in_section {
            if first[i] == First::Short && heading_next {
                in_section = false;
            } else {
                if !matches!(first[i], First::Decided(Class::Junk(_) | Class::Meta(_))) {
                    first[i] = junk("under a heading of page furniture (author bio, comments…)".into());
                }
                continue;
            }
        }
        match &first[i] {
            // "5 See also" in a table of contents names a section; it opens no list here.
            First::Decided(Class::Junk(_))
                if opens_link_list(&lines[i].text)
                    && !lines[i].text.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                in_list = true
            }
            First::Decided(Class::Junk(_)) => {}
            First::Prose if features[i].ends_sentence && features[i].words >= 8 && !features[i].question => {
                in_list = false
            }
            First::Decided(Class::Meta(_)) => in_list = false,
            // A heading with text under it, or an item that is a sentence: the article goes on.
            First::Short if heading_next => in_list = false,
            First::Decided(Class::Item { .. }) if features[i].ends_sentence && features[i].words >= 4 => {
                in_list = false
            }
            _ if in_list => first[i] = junk("a link in a list of other pages".into()),
            _ => {}
        }
    }
}

/// A label that names things ("Online services:", "Departments that treat this condition:"),
/// with none of the words of a sentence that promises a list.
fn names_things(text: &str) -> bool {
    !text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        PROMISE_WORDS.contains(&w.as_str())
    })
}

/// Words of a sentence that promises a list ("Symptoms include:", "such as the following:"),
/// which a navigation label does not use.
const PROMISE_WORDS: &[&str] = &[
    "include",
    "includes",
    "including",
    "such",
    "following",
    "these",
    "are",
    "is",
    "can",
    "may",
    "might",
    "will",
    "should",
    "you",
    "your",
    "if",
    "when",
    "like",
    "be",
];

/// Longest navigation label ("Other pages in this section:"), in words.
const LABEL_MAX_WORDS: usize = 8;

/// A line ending in ":" already judged page furniture ("In this section:", "Other services:"),
/// or a label of navigation ("Contents", "On this page"), introduces links: the short lines straight under it, up to a blank line or a line with a
/// paragraph right under it (the next section's heading), are those links.
fn mark_label_links(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    for i in 0..lines.len() {
        let label = matches!(first[i], First::Decided(Class::Junk(_)))
            && (features[i].colon || super::chrome_words::is_navigation_label(&lines[i].text))
            && features[i].words <= LABEL_MAX_WORDS
            && lines[i].hint == Hint::Plain;
        if !label {
            continue;
        }
        let mut j = i + 1;
        // A contents box names each part once: a line that names one again is the part
        // itself, where the article begins ("In this issue:" over the first story).
        let named_again = |j: usize| {
            let key = chrome_key(&lines[j].text);
            lines[i + 1..j].iter().any(|l| chrome_key(&l.text) == key)
        };
        while j < lines.len()
            && matches!(first[j], First::Short | First::Decided(Class::Junk(_)))
            && lines[j].hint == Hint::Plain
            && !blank_before(lines, j)
            && (!features[j].closed || features[j].question)
            && !heads_paragraph(lines, first, j)
            && !named_again(j)
        {
            if first[j] == First::Short {
                first[j] = junk("a link under a navigation label".into());
            }
            j += 1;
        }
    }
}

/// Three or more short fragments between paragraphs, with no line ending in ":" to announce
/// them, are a list that lost its markers ("Back pain or aching muscles", "Headaches", …). When
/// a section break (a blank line, or page furniture) comes before the first, that one is the
/// list's heading.
fn mark_lists_between_text(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    let fragment = |j: usize, first: &[First]| {
        first[j] == First::Short
            && lines[j].hint == Hint::Plain
            && features[j].words <= BARE_ITEM_MAX_WORDS
            && !features[j].closed
            && list_item(&lines[j].text).is_none()
    };
    let mut i = 0;
    while i < lines.len() {
        if !fragment(i, first) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < lines.len() && fragment(end, first) && !blank_before(lines, end) {
            end += 1;
        }
        let run = end - i;
        let text_before = (0..i)
            .rev()
            .find(|&j| !matches!(first[j], First::Decided(Class::Junk(_) | Class::Meta(_))))
            .is_some_and(|j| matches!(first[j], First::Prose | First::Decided(Class::Item { .. })));
        let text_after = first.get(end) == Some(&First::Prose);
        if run >= 3 && text_before && text_after {
            let section_break =
                blank_before(lines, i) || matches!(first[i - 1], First::Decided(Class::Junk(_)));
            let heading = section_break && features[i].heading_shaped(HEADING_MAX_WORDS);
            if heading {
                first[i] = First::Decided(Class::Heading);
            }
            // Items written in lower case ("do not cut grass") with a capitalised fragment
            // among them ("Don't", "See a GP if"): that one heads the items after it.
            let items = i + usize::from(heading)..end;
            let lower = |j: usize| lines[j].text.starts_with(char::is_lowercase);
            let lower_items = items.clone().filter(|&j| lower(j)).count();
            // Items in sentence case ("Bed rest for more than a day") with a Title Case fragment
            // among them ("Gentle Exercises"): the page sets its headings in Title Case.
            let sentence_items = items.clone().filter(|&j| in_sentence_case(&features[j])).count();
            let title_items = items.clone().filter(|&j| in_title_case(&features[j])).count();
            let title_case_among_sentences =
                |j: usize| sentence_items >= 2 && sentence_items > title_items && in_title_case(&features[j]);
            for j in items.clone() {
                let title_sub_heading = title_case_among_sentences(j);
                let sub_heading = (lower_items * 2 > items.len() && !lower(j) && j > items.start
                    || title_sub_heading)
                    && features[j].heading_shaped(HEADING_MAX_WORDS)
                    && (j + 1 < end || features[j].words >= 3 || title_sub_heading);
                first[j] = if sub_heading {
                    First::Decided(Class::Heading)
                } else {
                    First::Decided(Class::Item { ordered: false, text: String::new() })
                };
            }
        }
        i = end;
    }
}

/// Longest label over a list of dos or don'ts, in words.
const DO_LABEL_MAX_WORDS: usize = 2;

/// Words, at least, for a line's case to say how the page sets its headings.
const CASE_STYLE_MIN_WORDS: usize = 2;

/// "Things That Usually Do Not Help": most words start with a capital.
fn in_title_case(f: &Features) -> bool {
    f.words >= CASE_STYLE_MIN_WORDS && f.capitalised >= 0.75
}

/// "Stay as active as you can": after its first word, few words start with a capital.
fn in_sentence_case(f: &Features) -> bool {
    f.words > CASE_STYLE_MIN_WORDS && f.capitalised <= 0.5
}

/// Headings, at least, in Title Case before the page's style decides a sentence-case line.
const HEADING_STYLE_MIN: usize = 3;
/// Words, at least, in a sentence-case line the page's heading style takes back.
const OFF_STYLE_MIN_WORDS: usize = 4;

/// A page that sets its headings in Title Case ("What Causes It?", "Things That Help") does not
/// set one in sentence case: "Stay as active as you can" under "Things That Help" is the first
/// of its items, whose markers the scrape lost. Only lines the neighbours made headings are
/// judged; a heading element stays one.
fn mark_off_style_headings(lines: &[SourceLine], features: &[Features], classes: &mut [Class]) {
    let judged: Vec<usize> =
        (0..lines.len()).filter(|&i| classes[i] == Class::Heading && lines[i].hint == Hint::Plain).collect();
    let title_case = judged.iter().filter(|&&i| in_title_case(&features[i])).count();
    let sentence_case =
        judged.iter().filter(|&&i| in_sentence_case(&features[i]) && !features[i].question).count();
    if title_case < HEADING_STYLE_MIN || title_case < sentence_case * 3 {
        return;
    }
    for i in judged {
        let f = &features[i];
        if in_sentence_case(f) && !f.question && f.words >= OFF_STYLE_MIN_WORDS && !f.colon {
            classes[i] = Class::Body;
        }
    }
}

/// Below a review date near the end of the page, a paragraph with page furniture right above
/// and right below it is the footer's (a helpline's hours, a disclaimer, a topic tag), not the
/// article's: the article has ended.
fn mark_footer_prose(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    let n = lines.len();
    let Some(date) = (0..n)
        .rev()
        .find(|&i| matches!(&first[i], First::Decided(Class::Meta(Meta::Date(d))) if d.is_review))
    else {
        return;
    };
    if date * 2 < n {
        return;
    }
    let furniture =
        |s: Option<&First>| s.is_none_or(|s| matches!(s, First::Decided(Class::Junk(_) | Class::Meta(_))));
    for i in date + 1..n {
        if first[i] == First::Prose
            && features[i].words <= PROMOTION_MAX_WORDS
            && furniture(first.get(i - 1))
            && furniture(first.get(i + 1))
        {
            first[i] = junk("between page furniture below the review date: the footer's".into());
        }
    }
}

/// A paragraph that sends the reader to someone ("contact the Public Health team", "call
/// the ward"): contact details straight under it are the ones it means.
fn introduces_contact(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["contact ", "call ", "phone ", "ring ", "email ", "write to ", "speak to "]
        .iter()
        .any(|w| lower.contains(w))
}

/// Words of a heading over the article's contact details.
const CONTACT_HEADING_WORDS: &[&str] =
    &["contact", "get in touch", "find us", "opening hours", "how to reach"];

/// Longest heading over contact details ("How to contact the clinic"), in words.
const CONTACT_HEADING_MAX_WORDS: usize = 6;

/// Contact details the article gives (a clinic's phone, address and hours, straight after its
/// advice or under a "Contact details" heading) are its text: judged alone, a phone number
/// reads like a button and an address like a banner. The same lines after page furniture (a
/// footer's address) stay junk: the neighbours decide, as in jusText's context pass.
fn mark_contact_details(
    lines: &[SourceLine],
    features: &[Features],
    classes: &mut [Class],
    title: Option<usize>,
) {
    let n = lines.len();
    let contact = |j: usize| super::features::is_contact_detail(&lines[j].text);
    let mut i = title.map_or(0, |t| t + 1);
    while i < n {
        // A contact line is never a heading, whatever its neighbours made of it.
        if !contact(i) || !matches!(classes[i], Class::Junk(_) | Class::Body | Class::Heading) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < n && contact(end) && matches!(classes[end], Class::Junk(_) | Class::Body | Class::Heading)
        {
            end += 1;
        }
        // Up to two short lines straight above: the section's heading, then a name ("Millbrook
        // Medical Practice") that the details belong to.
        let short = |j: usize| {
            !features[j].closed
                && features[j].words <= CONTACT_HEADING_MAX_WORDS + 2
                && matches!(classes[j], Class::Junk(_) | Class::Heading)
                && title != Some(j)
        };
        let mut start = i;
        while start > i.saturating_sub(2) && start > 0 && short(start - 1) && !blank_before(lines, start) {
            start -= 1;
        }
        // Straight after the article's text: under a heading that says so, or with no section
        // break between (a footer's address follows a review date, a menu or a blank line).
        let lower = lines[start].text.to_lowercase();
        let headed = start < i && CONTACT_HEADING_WORDS.iter().any(|w| lower.contains(w));
        let after_text = start > 0
            && matches!(classes[start - 1], Class::Body | Class::Item { .. })
            && title.is_none_or(|t| start - 1 > t)
            && (headed || (!blank_before(lines, start) && introduces_contact(&lines[start - 1].text)));
        if after_text {
            for j in start..end {
                let heading = j == start
                    && j < i
                    && features[j].words <= CONTACT_HEADING_MAX_WORDS
                    && features[j].heading_shaped(CONTACT_HEADING_MAX_WORDS)
                    && (start + 1 < i || lines[j].text.to_lowercase().contains("contact"));
                classes[j] = if heading { Class::Heading } else { Class::Body };
            }
        }
        i = end;
    }
}

/// A heading-shaped line junked on weak evidence alone (one chrome phrase, such as the
/// "contact us" in "When to contact us") that stands between the article's text and heads a
/// paragraph of its own is the article's heading: its neighbours outweigh one word.
fn mark_weak_chrome_headings(
    lines: &[SourceLine],
    features: &[Features],
    first: &[First],
    classes: &mut [Class],
) {
    for i in 1..lines.len() {
        // "Contact us" over a paragraph and the phone number it gives heads the article's own
        // contact section, though alone it reads like the site's menu link.
        let contact_heading = features[i].words <= CONTACT_HEADING_MAX_WORDS
            && lines[i].text.to_lowercase().contains("contact")
            && (i + 1..lines.len().min(i + 4)).any(|j| super::features::is_contact_detail(&lines[j].text));
        // Only the chrome phrase judged it: a line a stronger rule dropped (an ad label joined
        // with dots, "Ad · Sponsored") stays dropped.
        let judged_by_words = matches!(&first[i], First::Decided(Class::Junk(r)) if r == CHROME_WORDS_REASON);
        let weak = (matches!(features[i].chrome, Some(ChromeMatch::Phrases(1)))
            && features[i].words >= 3
            && judged_by_words
            || contact_heading)
            && features[i].heading_shaped(HEADING_MAX_WORDS)
            && matches!(classes[i], Class::Junk(_))
            && lines[i].hint == Hint::Plain;
        // The contact section's paragraph may itself have been judged first as a contact
        // detail and kept later, so for it the paragraph's final class counts.
        let heads_text = heads_paragraph(lines, first, i)
            || (contact_heading && classes.get(i + 1) == Some(&Class::Body) && !blank_before(lines, i + 1));
        if weak && matches!(classes[i - 1], Class::Body | Class::Item { .. }) && heads_text {
            classes[i] = Class::Heading;
        }
    }
}

/// A short line ending in ":" with page furniture on both sides, or straight before short lines
/// that turned out to be furniture (links, language names), labels navigation: it is never a
/// lost list.
fn mark_navigation_labels(
    lines: &[SourceLine],
    features: &[Features],
    first: &[First],
    classes: &mut [Class],
) {
    let n = lines.len();
    let furniture = |c: &Class| matches!(c, Class::Junk(_));
    for i in 0..n {
        let label = classes[i] == Class::Body
            && features[i].colon
            && features[i].words <= LABEL_MAX_WORDS
            && promises_list(&lines[i].text);
        if !label {
            continue;
        }
        let prev = (0..i).rev().find(|&j| !matches!(classes[j], Class::Meta(_)));
        let next = (i + 1..n).find(|&j| !matches!(classes[j], Class::Meta(_)));
        // A one- or two-word label under the title ("From:" over the agency's name) labels the
        // page's header as well.
        let header = |j: usize| classes[j] == Class::Title && features[i].words <= 2;
        let between = prev.is_none_or(|j| furniture(&classes[j]) || header(j))
            && next.is_none_or(|j| furniture(&classes[j]));
        let links_follow = i + 1 < n
            && first[i + 1] == First::Short
            && furniture(&classes[i + 1])
            && features[i + 1].words <= LINKED_MAX_WORDS
            && lines[i + 1].hint == Hint::Plain;
        // "Online services:" over "Book an appointment", "Order repeat prescriptions": a label
        // that names things (no "include", "such as", no verb) over two or more short lines the
        // page's own evidence already dropped (buttons, links).
        let dropped = |j: usize| {
            j < n
                && furniture(&classes[j])
                && features[j].words <= LINKED_MAX_WORDS
                && !features[j].closed
                && lines[j].hint == Hint::Plain
                && !blank_before(lines, j)
        };
        let names_things = names_things(&lines[i].text);
        // "In This Guide:" between the page's controls and the first heading: a label in Title
        // Case that names things heads a contents box the scrape lost, not the article's list.
        let title_case = features[i].words >= 2
            && lines[i].text.split_whitespace().all(|w| w.starts_with(|c: char| c.is_uppercase()));
        let heads_contents = names_things
            && title_case
            && prev.is_some_and(|j| furniture(&classes[j]))
            && next.is_some_and(|j| classes[j] == Class::Heading);
        if between || links_follow || heads_contents || (names_things && dropped(i + 1) && dropped(i + 2)) {
            classes[i] = Class::Junk("labels page furniture around it: navigation, not a lost list".into());
        }
    }
}

/// A short quoted line whose words stand inside another line of the page is a pull quote: the
/// page repeats a sentence of the article in large type.
fn mark_pull_quotes(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    let quoted: Vec<(usize, String)> = (0..lines.len())
        .filter(|&i| {
            matches!(first[i], First::Prose | First::Short)
                && features[i].words >= 3
                && features[i].words <= PULL_QUOTE_MAX_WORDS
                && lines[i].text.starts_with(['"', '“', '‘', '\''])
        })
        .map(|i| {
            let inner = super::text::loose_key(&lines[i].text);
            let inner = inner.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            (i, inner)
        })
        .filter(|(_, inner)| inner.split_whitespace().count() >= 3)
        .collect();
    if quoted.is_empty() {
        return;
    }
    let Ok(automaton) = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(quoted.iter().map(|(_, inner)| inner.as_str()))
    else {
        return;
    };
    let mut repeated = vec![false; quoted.len()];
    for (j, line) in lines.iter().enumerate() {
        let key = super::text::loose_key(&line.text);
        for m in automaton.find_overlapping_iter(key.as_str()) {
            let k = m.pattern().as_usize();
            if quoted[k].0 != j && key.len() > quoted[k].1.len() + 2 {
                repeated[k] = true;
            }
        }
    }
    for (k, (i, _)) in quoted.iter().enumerate() {
        if repeated[k] {
            first[*i] = junk("a pull quote: it repeats words the article says elsewhere".into());
        }
    }
}

/// A page's contents without a label: two or more short lines in a row, none heading text of
/// its own, that come again further down each heading its section. The later copies are the
/// headings; these are links to them.
fn mark_contents_entries(
    lines: &[SourceLine],
    features: &[Features],
    first: &mut [First],
    title: Option<usize>,
) {
    let mut heads: HashMap<String, usize> = HashMap::new();
    for i in 0..lines.len() {
        let next_is_text =
            matches!(first.get(i + 1), Some(First::Prose | First::Decided(Class::Item { .. })));
        if next_is_text && features[i].words <= QUESTION_HEADING_MAX_WORDS {
            heads.entry(chrome_key(&lines[i].text)).or_insert(i);
        }
    }
    let entry = |i: usize, first: &[First]| {
        Some(i) != title
            && matches!(first[i], First::Short)
            && lines[i].hint == Hint::Plain
            && !heads_paragraph(lines, first, i)
            && heads.get(&chrome_key(&lines[i].text)).is_some_and(|&h| h > i)
    };
    let mut i = 0;
    while i < lines.len() {
        if !entry(i, first) {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        let mut j = i + 1;
        while j < lines.len() && (entry(j, first) || matches!(first[j], First::Decided(Class::Junk(_)))) {
            if entry(j, first) {
                run.push(j);
            }
            j += 1;
        }
        if run.len() >= 2 {
            for k in run {
                first[k] = junk("a contents entry: the section it names starts further down".into());
            }
        }
        i = j;
    }
}

/// A heading whose section holds nothing but page furniture heads that furniture ("Get support
/// in your inbox" over a sign-up form, "Help us be there for every family" over a pitch).
fn mark_headings_over_furniture(lines: &[SourceLine], features: &[Features], classes: &mut [Class]) {
    for i in 0..lines.len() {
        if classes[i] != Class::Heading {
            continue;
        }
        let mut j = i + 1;
        let mut furniture_words = 0;
        while j < lines.len() && matches!(classes[j], Class::Junk(_) | Class::Meta(_)) {
            if matches!(classes[j], Class::Junk(_)) {
                furniture_words += features[j].words;
            }
            j += 1;
        }
        let section_ends = j == lines.len() || matches!(classes[j], Class::Heading | Class::Title);
        // A pitch or form under it, not a lone button or an advert's label.
        if j > i + 1 && section_ends && furniture_words >= 6 {
            classes[i] = Class::Junk("heads nothing but page furniture (a pitch, a form, links)".into());
        }
    }
}

/// Short fragments after a line ending in ":" are the items of a list that lost its markers.
fn mark_bare_lists(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    let lower = |j: usize| lines[j].text.chars().next().is_some_and(char::is_lowercase);
    let bare_item = |j: usize, first: &[First], max_words: usize| {
        matches!(first[j], First::Short | First::Prose)
            && features[j].words <= max_words
            && !features[j].closed
            && lines[j].hint == Hint::Plain
    };
    let mut i = 0;
    while i < lines.len() {
        // After a paragraph, lines that start in lower case and stop without a full stop
        // ("take paracetamol", "wear loose clothes") are items whose markers the scrape lost,
        // with or without a colon to open them: a sentence never starts in lower case.
        let lower_run_after = i + 2 < lines.len()
            && (i + 1..i + 3).all(|j| lower(j) && bare_item(j, first, BARE_LOWER_ITEM_MAX_WORDS));
        let opens = first[i] == First::Prose && (features[i].colon || lower_run_after);
        // Three lines or more in lower case under a label of a word or two ("Do", "Don't") are
        // its items, as they are under a sentence.
        let under_label = i > 0
            && first[i - 1] == First::Short
            && features[i - 1].words <= DO_LABEL_MAX_WORDS
            && features[i - 1].heading_shaped(DO_LABEL_MAX_WORDS)
            && !lower(i - 1);
        let lower_run = if under_label {
            (i..lines.len())
                .take_while(|&j| lower(j) && bare_item(j, first, BARE_LOWER_ITEM_MAX_WORDS))
                .count()
        } else {
            0
        };
        if lower_run >= 3 {
            for slot in &mut first[i..i + lower_run] {
                *slot = First::Decided(Class::Item { ordered: false, text: String::new() });
            }
            i += lower_run;
            continue;
        }
        i += 1;
        if !opens {
            continue;
        }
        // Items share the case of their first letter: "a cough", "a wheeze", then "Treatment"
        // is the next section's heading, not an item. Items in lower case run longer: nothing
        // else on a page starts that way.
        let case = i < lines.len() && lower(i);
        let max_words = if case { BARE_LOWER_ITEM_MAX_WORDS } else { BARE_OPENED_ITEM_MAX_WORDS };
        let mut run =
            (i..lines.len()).take_while(|&j| bare_item(j, first, max_words) && lower(j) == case).count();
        // A last fragment with a paragraph under it is the next heading when it stands apart
        // from the items: a blank line before it, a question, or Title Case among sentence-case
        // items. Otherwise it is the last item and the paragraph goes on after the list.
        let last = i + run - 1;
        if run > 2
            && features[last].heading_shaped(HEADING_MAX_WORDS)
            && first.get(i + run) == Some(&First::Prose)
        {
            let items_capitalised =
                (i..last).map(|j| features[j].capitalised).sum::<f32>() / (run - 1) as f32;
            let title_case =
                features[last].words >= 2 && features[last].capitalised >= 0.75 && items_capitalised < 0.75;
            if blank_before(lines, last) || features[last].question || title_case {
                run -= 1;
            }
        }
        if run >= 2 {
            for slot in &mut first[i..i + run] {
                *slot = First::Decided(Class::Item { ordered: false, text: String::new() });
            }
            i += run;
        }
    }
}

/// The title: the page's `<h1>`; in a text seed, the title-shaped line above the article's first
/// paragraph whose words the article uses most (a menu item or section name above the title
/// shares few words with the text; ties go to the earliest line). A seed that starts with
/// prose has no title line.
fn find_title(
    lines: &[SourceLine],
    features: &[Features],
    first: &[First],
    article: &HashMap<String, usize>,
) -> Option<usize> {
    if let Some(h1) = lines.iter().position(|l| l.hint == Hint::Title) {
        return (!matches!(first[h1], First::Decided(Class::Junk(_)))).then_some(h1);
    }
    let prose = |i: usize| first[i] == First::Prose && !features[i].question;
    // A long headline has no full stop; the opening paragraph has one, or runs longer.
    let headline = |i: usize| {
        first[i] == First::Prose
            && !features[i].closed
            && features[i].words <= TITLE_MAX_WORDS
            && lines[i].hint == Hint::Plain
            && features[i].starts_capital
            && ![". ", "? ", "! "].iter().any(|stop| lines[i].text.contains(stop))
            && !promises_list(&lines[i].text)
    };
    // One chrome phrase in a long sentence ("…you need to contact us straight away") is
    // the article's own wording.
    let plain_words = |i: usize| matches!(features[i].chrome, None | Some(ChromeMatch::Phrases(1)));
    let opening_shaped = |i: usize| prose(i) && features[i].words >= 12 && plain_words(i) && !headline(i);
    // The article opens with a paragraph whose words the rest of it goes on using; a banner's
    // sentence ("A .gov website belongs to an official government organization") shares none.
    // The breadcrumb trail sits over the article: a sentence above it is a banner's.
    let top = lines.len() * 2 / 5;
    let below_trail = (0..top).rev().find(|&i| is_breadcrumb(&lines[i].text)).map_or(0, |t| t + 1);
    let opening = (below_trail..lines.len())
        .find(|&i| opening_shaped(i) && !unrelated(article, &lines[i].text))
        .or_else(|| (0..lines.len()).find(|&i| opening_shaped(i) && !unrelated(article, &lines[i].text)))
        .or_else(|| (0..lines.len()).find(|&i| opening_shaped(i)))
        .or_else(|| (0..lines.len()).find(|&i| prose(i)))?;
    // How often the article's prose uses each word; a title's words are used often.
    let mut body_words: HashMap<String, usize> = HashMap::new();
    for i in (opening..lines.len()).filter(|&i| first[i] == First::Prose && features[i].chrome.is_none()) {
        for word in content_words(&lines[i].text) {
            *body_words.entry(word).or_default() += 1;
        }
    }
    let mut best: Option<(usize, f32)> = None;
    let mut candidates: Vec<(usize, f32)> = Vec::new();
    let meta_at = |j: usize| {
        j < lines.len() && matches!(first[j], First::Decided(Class::Meta(Meta::Byline | Meta::Date(_))))
    };
    // A newsletter's notice can read like the opening paragraph; a headline further down with
    // its date or byline right under it is still a candidate, in the top part of the page.
    let dated_headline = |i: usize| i > opening && i < lines.len() * 2 / 5 && meta_at(i + 1);
    // A news headline has its standfirst, a paragraph, between it and the byline.
    let dated_title = |i: usize| {
        let standfirst = first.get(i + 1) == Some(&First::Prose) && !features[i].closed;
        meta_at(i + 1) || (standfirst && meta_at(i + 2))
    };
    for i in (0..opening).chain((opening..lines.len()).filter(|&i| dated_headline(i))) {
        if matches!(first[i], First::Decided(_))
            || first[i] == First::Prose && !features[i].question && !headline(i)
        {
            continue;
        }
        let f = &features[i];
        if !(f.heading_shaped(TITLE_MAX_WORDS) || (f.question && f.words <= TITLE_MAX_WORDS)) {
            continue;
        }
        let mut score = 0.0;
        let mut found = 0;
        for word in content_words(&lines[i].text) {
            match body_words.get(&word) {
                Some(&count) => {
                    found += 1;
                    score += (1.0 + count as f32).ln();
                }
                None => score -= 1.0,
            }
        }
        // Bylines and dates sit right under a title.
        // Right under the title most of all: a guide's name above the page's title has the
        // title, not the byline, under it.
        // A news headline has its standfirst, a paragraph, between it and the byline.
        if dated_title(i) {
            score += 3.0;
        } else if meta_at(i + 2) {
            score += 0.5;
        }
        // A word or two amid a run of other words or two ("Sport", "What's On", "Health",
        // "Property", "Jobs") is a menu's entry, whatever the article talks about.
        let menu_word = |j: usize| features[j].words <= MENU_ENTRY_MAX_WORDS && !features[j].closed;
        let menu_run = i >= 2
            && i + 2 < lines.len()
            && (i - 2..=i + 2).all(menu_word)
            && (i - 1..=i + 2).all(|j| !blank_before(lines, j));
        if menu_run {
            score -= 2.0;
        }
        // The breadcrumb's last link names the page the trail leads to: a line just below it
        // that starts with that name ("Amoxicillin (Oral Route)") is the page's title.
        let crumb = (below_trail > 0 && i >= below_trail && i - below_trail < CRUMB_TITLE_REACH)
            .then(|| last_crumb(&lines[below_trail - 1].text))
            .flatten();
        if crumb.is_some_and(|c| chrome_key(&lines[i].text).starts_with(&chrome_key(c))) {
            score += CRUMB_TITLE_BONUS;
        }
        if found >= 1 {
            candidates.push((i, score));
        }
    }
    // Position: the title is the last such line before the text that is not itself followed
    // straight by a paragraph (that is a section heading); site names and menus come earlier.
    if let Some(last) =
        candidates.iter_mut().rev().find(|(i, _)| first.get(i + 1) != Some(&First::Prose) || dated_title(*i))
    {
        last.1 += 1.0;
    }
    for (i, score) in candidates {
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    // No line shares a word with the text: the first line is the title if it has the shape.
    best.map(|(i, _)| i)
        .or_else(|| {
            let i = (0..opening)
                .find(|&i| !matches!(first[i], First::Decided(Class::Junk(_) | Class::Meta(_))))?;
            (first[i] == First::Short && features[i].heading_shaped(TITLE_MAX_WORDS)).then_some(i)
        })
        .or_else(|| page_title_line(lines, first, opening, &body_words))
}

/// Lines below a breadcrumb trail within which the line it names is the title.
const CRUMB_TITLE_REACH: usize = 3;
/// The trail naming a line outweighs any count of shared words: the publisher said so.
const CRUMB_TITLE_BONUS: f32 = 20.0;

/// A trail of links to the sections above the page ("Ear, Nose & Throat > Ear Problems >
/// Earwax").
fn is_breadcrumb(text: &str) -> bool {
    trail_separators(text) >= 2
}

/// The separators a breadcrumb trail puts between its links.
const TRAIL_SEPARATORS: [&str; 3] = [" › ", " > ", " » "];

/// How many breadcrumb separators the line holds.
fn trail_separators(text: &str) -> usize {
    TRAIL_SEPARATORS.iter().map(|s| text.matches(s).count()).sum()
}

/// The trail's last link, the page itself: "Amoxicillin" in "Home > Drugs > Amoxicillin".
fn last_crumb(text: &str) -> Option<&str> {
    let at = TRAIL_SEPARATORS.iter().filter_map(|s| text.rfind(s).map(|at| at + s.len())).max()?;
    Some(text[at..].trim()).filter(|c| !c.is_empty())
}

/// A scrape that kept the browser's page title as its first line ("Shingles | Health A to Z |
/// Example Health") and no other title: the trail's first part, when the article uses its
/// words, is the title (judged alone the line reads like a menu of links).
fn page_title_line(
    lines: &[SourceLine],
    first: &[First],
    opening: usize,
    body_words: &HashMap<String, usize>,
) -> Option<usize> {
    let i = (0..opening).find(|&i| matches!(first[i], First::Decided(Class::Junk(_))))?;
    let (head, tail) = trim_title(&lines[i].text);
    let f = Features::of(&head);
    let used = content_words(&head).iter().any(|w| body_words.contains_key(w));
    (i == 0 && tail.is_some() && used && f.heading_shaped(TITLE_MAX_WORDS)).then_some(i)
}

/// For every content word, how many of the seed's prose lines (chrome aside) use it.
fn article_words(lines: &[SourceLine], features: &[Features], first: &[First]) -> HashMap<String, usize> {
    let mut words: HashMap<String, usize> = HashMap::new();
    for i in (0..lines.len()).filter(|&i| first[i] == First::Prose && features[i].chrome.is_none()) {
        for word in content_words(&lines[i].text) {
            *words.entry(word).or_default() += 1;
        }
        *words.entry(ARTICLE_PROSE_KEY.to_string()).or_default() += 1;
    }
    words
}

/// Fewest prose lines for a seed whose words say what its article is about.
const ARTICLE_MIN_PROSE: usize = 5;

/// None of the line's content words is used by another prose line of a seed with an article
/// of some length: the line is about something else (a banner's "A .gov website belongs to an
/// official government organization").
fn unrelated(article: &HashMap<String, usize>, text: &str) -> bool {
    // A prose line counted itself once.
    article.get(ARTICLE_PROSE_KEY).copied().unwrap_or(0) >= ARTICLE_MIN_PROSE
        && !content_words(text).iter().any(|w| article.get(w).copied().unwrap_or(0) >= 2)
}

/// The key under which `article_words` counts the prose lines themselves (not a word: it has a
/// space).
const ARTICLE_PROSE_KEY: &str = " prose lines";

/// Lowercase words that carry meaning (no function words, no one-letter words).
fn content_words(text: &str) -> std::collections::HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 2 && !super::chrome_words::is_stop_word(w))
        .map(|w| w.trim_end_matches('s').to_string())
        .collect()
}

/// For every line, the next and the previous line that is not junk or metadata (one pass
/// each way, so a seed of 50,000 junk lines costs no more than one of prose).
fn content_neighbours(first: &[First]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let is_content = |s: &First| !matches!(s, First::Decided(Class::Junk(_) | Class::Meta(_)));
    let mut next = vec![None; first.len()];
    let mut prev = vec![None; first.len()];
    let mut seen = None;
    for i in (0..first.len()).rev() {
        next[i] = seen;
        if is_content(&first[i]) {
            seen = Some(i);
        }
    }
    seen = None;
    for i in 0..first.len() {
        prev[i] = seen;
        if is_content(&first[i]) {
            seen = Some(i);
        }
    }
    (next, prev)
}

/// Lines at the top or bottom of the page checked for the publisher's name.
const EDGE_LINES: usize = 40;

/// The publisher's name ("Lakeshore University Health") in a banner or footer line: a short
/// Title Case line that the page's junk lines (its copyright, disclaimer, "Care at …") repeat.
fn mark_site_names(lines: &[SourceLine], features: &[Features], first: &mut [First], title: Option<usize>) {
    let n = lines.len();
    let edges = (0..n.min(EDGE_LINES)).chain(n.saturating_sub(EDGE_LINES).max(EDGE_LINES.min(n))..n);
    let candidates: Vec<usize> = edges
        .filter(|&i| {
            let f = &features[i];
            // A banner line already dropped (above the title) still names the publisher.
            matches!(first[i], First::Short | First::Decided(Class::Junk(_)))
                && Some(i) != title
                && (2..=6).contains(&f.words)
                && f.capitalised >= 0.75
                && f.chrome.is_none()
                && !f.ends_sentence
                // A line with a paragraph right under it heads that paragraph (a section named
                // in the page's "Jump to:" list is no publisher).
                && first.get(i + 1) != Some(&First::Prose)
        })
        .collect();
    if candidates.is_empty() {
        return;
    }
    // Every line searched once for all the candidate names, not once per name.
    let Ok(automaton) = aho_corasick::AhoCorasick::new(candidates.iter().map(|&i| lines[i].text.as_str()))
    else {
        return;
    };
    let mut in_junk = vec![0usize; candidates.len()];
    let mut elsewhere = vec![0usize; candidates.len()];
    let mut seen_in = vec![usize::MAX; candidates.len()];
    for (j, other) in lines.iter().enumerate() {
        for m in automaton.find_overlapping_iter(other.text.as_str()) {
            let k = m.pattern().as_usize();
            let i = candidates[k];
            if seen_in[k] == j || j == i || other.text.len() <= lines[i].text.len() {
                continue;
            }
            seen_in[k] = j;
            elsewhere[k] += 1;
            in_junk[k] += usize::from(matches!(first[j], First::Decided(Class::Junk(_))));
        }
    }
    let names: Vec<usize> = (0..candidates.len())
        .filter(|&k| in_junk[k] >= 1 || elsewhere[k] >= 2)
        .map(|k| candidates[k])
        .collect();
    let name_texts: Vec<String> = names.iter().map(|&i| lines[i].text.clone()).collect();
    for i in names {
        if first[i] != First::Short {
            continue;
        }
        first[i] = junk("the publisher's name, repeated in its banner or footer".into());
    }
    // "Care at <publisher>" heads the publisher's pitch for itself, not the article's text:
    // the short line and a paragraph under it in the publisher's voice.
    for i in 0..lines.len() {
        let short = first[i] == First::Short && features[i].words <= 8 && Some(i) != title;
        if !short || !name_texts.iter().any(|n| lines[i].text.contains(n.as_str())) {
            continue;
        }
        first[i] = junk("names the publisher: a banner for its own services".into());
        if let Some(next) = first.get_mut(i + 1) {
            if *next == First::Prose && features[i + 1].promotion >= 1 {
                *next = junk("the publisher's pitch under its own name".into());
            }
        }
    }
}

/// Three or more short Title Case lines in a row, with no prose among them, are a menu; at the
/// top or bottom of the page any such run is page furniture.
fn mark_menu_runs(lines: &[SourceLine], features: &[Features], first: &mut [First]) {
    let first_prose = first.iter().position(|s| *s == First::Prose);
    let last_prose = first.iter().rposition(|s| *s == First::Prose);
    let mut i = 0;
    while i < lines.len() {
        if first[i] != First::Short {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        // Labels inside the run ("Departments that treat this condition:") name the links under
        // them; they go with the menu.
        let mut labels = Vec::new();
        // Under a label, in a run that goes on from furniture above it, the lines taken for a
        // list whose markers were lost are that label's links.
        let after_furniture = i > 0 && matches!(first[i - 1], First::Decided(Class::Junk(_)));
        let bare_item =
            |k: usize| matches!(&first[k], First::Decided(Class::Item { text, .. }) if text.is_empty());
        let mut j = i + 1;
        while j < lines.len() {
            let labelled_item = after_furniture && !labels.is_empty() && bare_item(j);
            if first[j] == First::Short || labelled_item {
                run.push(j);
            } else if is_menu_label(&lines[j], &features[j], &first[j])
                && (first.get(j + 1) == Some(&First::Short)
                    || (after_furniture && j + 1 < lines.len() && bare_item(j + 1)))
            {
                labels.push(j);
            } else if !matches!(first[j], First::Decided(Class::Junk(_))) {
                break;
            }
            j += 1;
        }
        // The run's last line with a paragraph right under it heads that paragraph, unless it
        // is one of the links a label above it names.
        let last_is_labelled = labels.first().is_some_and(|&l| run.last().is_some_and(|&last| l < last));
        if run.len() >= 2 && !last_is_labelled {
            let last = run[run.len() - 1];
            if first.get(last + 1) == Some(&First::Prose)
                && !features[last + 1].colon
                && !blank_before(lines, last + 1)
                && features[last].heading_shaped(HEADING_MAX_WORDS)
            {
                run.pop();
            }
        }
        let capitalised = run.iter().map(|&k| features[k].capitalised).sum::<f32>() / run.len() as f32;
        let at_edge = first_prose.is_none_or(|p| p > i) || last_prose.is_none_or(|p| p < j);
        let plain = run.iter().all(|&k| lines[k].hint == Hint::Plain);
        if run.len() >= 3 && plain && (capitalised >= 0.75 || at_edge) {
            for &k in &run {
                first[k] = junk("one of a run of short lines, like a menu".into());
            }
            for &k in &labels {
                first[k] = junk("the label of a run of links, like a menu".into());
            }
        }
        i = j;
    }
}

/// A short line ending in ":" that names links rather than introduces items.
fn is_menu_label(line: &SourceLine, f: &Features, first: &First) -> bool {
    *first == First::Prose && f.colon && f.words <= 8 && line.hint == Hint::Plain && names_things(&line.text)
}

/// Decides short lines by shape and neighbours, and turns prose-shaped lines into body.
fn resolve_short_lines(
    lines: &[SourceLine],
    features: &[Features],
    first: &[First],
    region: Region,
) -> Vec<Class> {
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
    let (next_of, prev_of) = content_neighbours(first);
    for i in 0..lines.len() {
        if classes[i].is_some() {
            continue;
        }
        let f = &features[i];
        let next = next_of[i];
        let prev = prev_of[i];
        let after_colon = prev.is_some_and(|p| features[p].colon);
        // A fragment the next paragraph goes on to explain ("Type 1" / "Type 1 starts early.")
        // is one of the lost items, not a heading.
        let next_is_prose =
            next.is_some_and(|n| first[n] == First::Prose && !lines[n].text.starts_with(&lines[i].text));
        // After a line ending in ":" a short line is an item, unless a paragraph follows it: then
        // the list was lost and this is the next section's heading.
        let max_words = if f.question { QUESTION_HEADING_MAX_WORDS } else { HEADING_MAX_WORDS };
        let shaped = (f.heading_shaped(max_words) && (!after_colon || next_is_prose))
            || lines[i].hint == Hint::Heading;
        let next_is_text =
            next.is_some_and(|n| matches!(first[n], First::Prose | First::Decided(Class::Item { .. })));
        // Page furniture between a short line and the text ("Thread starter", "Replies 27",
        // the poster's name and rank, then the post) keeps it from heading that text.
        let furniture_between = next.is_some_and(|n| n > i + FURNITURE_UNDER_HEADING_MAX + 1);
        let next_is_heading = next.is_some_and(|n| {
            first[n] == First::Short
                && features[n].heading_shaped(HEADING_MAX_WORDS)
                && next_of[n]
                    .is_some_and(|m| matches!(first[m], First::Prose | First::Decided(Class::Item { .. })))
        });
        let prev_is_text = prev.is_some_and(|p| is_text(&classes[p]) || matches!(first[p], First::Prose));
        let numbered = list_item(&lines[i].text).filter(|(ordered, _)| *ordered);
        classes[i] = Some(if let Some((_, item)) = numbered {
            if (next_is_prose || opens_subsections(lines, i) || restarts_numbering(lines, i))
                && lines[i].hint == Hint::Plain
            {
                Class::Heading
            } else {
                Class::Item { ordered: true, text: item.to_string() }
            }
        } else if shaped
            && !next_is_text
            && next_is_heading
            && !f.ends_sentence
            && super::chrome_words::starts_with_call_to_action(&lines[i].text)
        {
            // A button's words ("Shop cold sore treatments", "Add to basket") over the next
            // section rather than over text of their own.
            Class::Junk("a call to action between sections, heading no text".into())
        } else if shaped
            && !f.question
            && (matches!(first.get(i + 1), Some(First::Decided(Class::Meta(_))))
                || lines.get(i + 1).is_some_and(|l| is_dateline(&l.text, region)))
        {
            // "News release" over "April 9, 2024": a heading sits over text, not over the
            // page's date or byline; a label there belongs to the page's header.
            Class::Junk("a label over the page's date or byline".into())
        } else if shaped && f.question && !next_is_text && next_is_heading {
            // A question answered by nothing but the next section: a prompt ("Was this leaflet
            // helpful? Yes No"), not a heading.
            Class::Junk("a question with no answer under it: a prompt".into())
        } else if shaped && (next_is_text || next_is_heading) && !furniture_between {
            Class::Heading
        } else if f.call_to_action {
            Class::Junk("a button or call to action".into())
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
