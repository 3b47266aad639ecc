//! Callouts: blockquote alerts such as `> [!EMERGENCY]` or `> [!DO]`, found on the Markdown
//! event stream and turned into cards, and the lints that keep them worth reading.
//!
//! pulldown-cmark's own alerts know only GitHub's five kinds, so the marker is read here: the
//! first line of a blockquote is `[!KIND]`, optionally followed by the card's heading; a
//! next line ending in a colon ("Call 911 if:") is the heading too. The card's markup is the
//! same as the get-help partial's (see `themes/clinic/static/css/callouts.css`).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::error::{did_you_mean, Severity};

/// More callouts than this on one page earns a warning: when everything is a warning, none is read.
pub const MAX_CALLOUTS: usize = 4;

/// The kinds of callout, in the order the docs list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Call the emergency number now.
    Emergency,
    /// Get help the same day.
    Urgent,
    /// Ask for advice soon.
    NonUrgent,
    /// Something that could cause harm.
    Warning,
    /// Extra information.
    Note,
    /// A helpful hint.
    Tip,
    /// Something the reader must not miss.
    Important,
    /// Take care, a risk of a bad outcome.
    Caution,
    /// A list of things to do.
    Do,
    /// A list of things not to do.
    Dont,
}

/// Every kind with its marker, for parsing and "did you mean".
pub const KINDS: &[(&str, Kind)] = &[
    ("EMERGENCY", Kind::Emergency),
    ("URGENT", Kind::Urgent),
    ("NON-URGENT", Kind::NonUrgent),
    ("WARNING", Kind::Warning),
    ("NOTE", Kind::Note),
    ("TIP", Kind::Tip),
    ("IMPORTANT", Kind::Important),
    ("CAUTION", Kind::Caution),
    ("DO", Kind::Do),
    ("DONT", Kind::Dont),
];

impl Kind {
    /// The kind a marker names (any case; `DON'T` and `NON_URGENT` are accepted spellings).
    pub fn from_marker(marker: &str) -> Option<Kind> {
        let m = marker.trim().to_ascii_uppercase().replace(['\'', '\u{2019}'], "").replace(['_', ' '], "-");
        let m = if m == "NONURGENT" { "NON-URGENT".to_string() } else { m };
        KINDS.iter().find(|(name, _)| *name == m).map(|(_, k)| *k)
    }

    /// The marker as written in Markdown, without `[!` and `]`.
    pub fn marker(self) -> &'static str {
        KINDS.iter().find(|(_, k)| *k == self).map_or("NOTE", |(name, _)| name)
    }

    /// The CSS class suffix (`callout-{class}`).
    pub fn class(self) -> &'static str {
        match self {
            Kind::Emergency => "emergency",
            Kind::Urgent => "urgent",
            Kind::NonUrgent => "non-urgent",
            Kind::Warning => "warning",
            Kind::Note => "note",
            Kind::Tip => "tip",
            Kind::Important => "important",
            Kind::Caution => "caution",
            Kind::Do => "do",
            Kind::Dont => "dont",
        }
    }

    /// What the card is, in words: the heading when the writer gives none, and (with ": ")
    /// the hidden prefix a screen reader says before a heading the writer gave.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Emergency => "Immediate action required",
            Kind::Urgent => "Urgent advice",
            Kind::NonUrgent => "Non-urgent advice",
            Kind::Warning => "Warning",
            Kind::Note => "Note",
            Kind::Tip => "Tip",
            Kind::Important => "Important",
            Kind::Caution => "Caution",
            Kind::Do => "Do",
            Kind::Dont => "Don't",
        }
    }

    /// The theme string that words [`Kind::label`] in the page's language (`callout.urgent`).
    pub fn key(self) -> String {
        format!("callout.{}", self.class())
    }

    /// The icon's glyph (decoration only: the label carries the meaning).
    fn icon(self) -> &'static str {
        match self {
            Kind::NonUrgent | Kind::Note => "i",
            Kind::Tip => "\u{2605}",
            Kind::Do => "\u{2713}",
            Kind::Dont => "\u{2717}",
            _ => "!",
        }
    }
}

/// One callout found in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its kind.
    pub kind: Kind,
    /// Byte offset of its `>` in the source.
    pub offset: usize,
    /// Its visible text (heading and body), for the lints.
    pub text: String,
    /// It holds a list.
    pub has_list: bool,
}

/// A callout problem at a byte offset of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Byte offset in the source.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

/// What [`transform`] learned.
#[derive(Debug, Clone, Default)]
pub struct Callouts {
    /// Callouts in source order.
    pub found: Vec<Found>,
    /// Unknown markers and nested callouts.
    pub problems: Vec<Problem>,
}

/// Replace callout blockquotes in `events` (with their source `offsets`) by card markup:
/// a wrapper, a heading with the class `callout-heading` (the Markdown pass gives it its level),
/// and a body. Other blockquotes are left as they are.
/// `label` words each kind in the page's language (see [`Kind::key`]).
pub fn transform<'e>(
    events: Vec<Event<'e>>,
    offsets: &[usize],
    label: &dyn Fn(Kind) -> String,
) -> (Vec<Event<'e>>, Callouts) {
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut found = Callouts::default();
    // For each open blockquote: the index in `found.found` when it is a callout.
    let mut stack: Vec<Option<usize>> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::BlockQuote(_)) => {
                let offset = offsets.get(i).copied().unwrap_or(0);
                match read_marker(&events, i) {
                    Some(Marker::Known { kind, heading, resume, reopen }) => {
                        if stack.iter().any(Option::is_some) {
                            found.problems.push(Problem {
                                severity: Severity::Error,
                                offset,
                                message: format!("a [!{}] callout is inside another callout", kind.marker()),
                                hint: "callouts cannot be nested: end the first one (a line without `>`) before starting the next".into(),
                            });
                        }
                        stack.push(Some(found.found.len()));
                        found.found.push(Found {
                            kind,
                            offset,
                            text: super::plain_text(&heading),
                            has_list: false,
                        });
                        open_card(&mut out, kind, heading, label(kind));
                        if reopen {
                            out.push(Event::Start(Tag::Paragraph));
                        }
                        i = resume;
                        continue;
                    }
                    Some(Marker::Unknown(name)) => {
                        let names: Vec<&str> = KINDS.iter().map(|(n, _)| *n).collect();
                        let upper = name.to_ascii_uppercase();
                        let close = did_you_mean(&upper, &names).or_else(|| {
                            names.iter().copied().find(|n| n.starts_with(&upper) || upper.starts_with(n))
                        });
                        let hint = match close {
                            Some(s) => format!("did you mean [!{s}]? The callouts are: {}", markers()),
                            None => format!("use one of: {}", markers()),
                        };
                        found.problems.push(Problem {
                            severity: Severity::Error,
                            offset,
                            message: format!("[!{name}] is not a callout plainleaf knows"),
                            hint,
                        });
                        stack.push(None);
                    }
                    None => stack.push(None),
                }
                out.push(events[i].clone());
            }
            Event::End(TagEnd::BlockQuote(_)) => match stack.pop() {
                Some(Some(_)) => out.push(Event::Html(CowStr::Borrowed("</div></div>\n"))),
                _ => out.push(events[i].clone()),
            },
            event => {
                // Every open callout collects the text inside it.
                for n in stack.iter().flatten() {
                    let f = &mut found.found[*n];
                    match event {
                        Event::Text(t) | Event::Code(t) => f.text.push_str(t),
                        Event::SoftBreak | Event::HardBreak => f.text.push(' '),
                        Event::Start(Tag::List(_)) => f.has_list = true,
                        Event::End(TagEnd::Paragraph | TagEnd::Item) => f.text.push('\n'),
                        _ => {}
                    }
                }
                out.push(events[i].clone());
            }
        }
        i += 1;
    }
    (out, found)
}

/// `[!NOTE], [!TIP], ...` for hints.
fn markers() -> String {
    KINDS.iter().map(|(n, _)| format!("[!{n}]")).collect::<Vec<_>>().join(", ")
}

enum Marker<'e> {
    /// A callout: its heading's inline events (empty for the kind's label), the index of
    /// the first event of its body, and whether that event is inside the first paragraph
    /// (which then needs opening again).
    Known { kind: Kind, heading: Vec<Event<'e>>, resume: usize, reopen: bool },
    /// `[!SOMETHING]` that names no kind.
    Unknown(String),
}

/// Read `[!KIND]` at the start of the blockquote starting at `start`.
fn read_marker<'e>(events: &[Event<'e>], start: usize) -> Option<Marker<'e>> {
    if !matches!(events.get(start + 1), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    // The parser may split `[!NOTE]` into several text events (`[` could open a link).
    let mut text = String::new();
    let mut j = start + 2;
    while let Some(Event::Text(t)) = events.get(j) {
        text.push_str(t);
        j += 1;
        if text.contains(']') {
            break;
        }
    }
    let rest = text.trim_start().strip_prefix("[!")?;
    let close = rest.find(']')?;
    let name = &rest[..close];
    let looks_like_marker = !name.is_empty()
        && name.len() <= 20
        && name.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, '-' | '_' | '\'' | '\u{2019}'));
    if !looks_like_marker {
        return None;
    }
    let Some(kind) = Kind::from_marker(name) else { return Some(Marker::Unknown(name.to_string())) };
    let after = rest[close + 1..].trim_start();
    let mut heading = Vec::new();
    let line_goes_on =
        !matches!(events.get(j), None | Some(Event::SoftBreak | Event::HardBreak | Event::End(_)));
    if !after.is_empty() || line_goes_on {
        // The heading is on the marker's line.
        if !after.is_empty() {
            heading.push(Event::Text(CowStr::from(after.to_string())));
        } else if let Some(Event::Text(t)) = events.get(j) {
            heading.push(Event::Text(CowStr::from(t.trim_start().to_string())));
            j += 1;
        }
        while let Some(e) = events.get(j) {
            if matches!(e, Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph)) {
                break;
            }
            heading.push(e.clone());
            j += 1;
        }
    } else if matches!(events.get(j), Some(Event::SoftBreak | Event::HardBreak)) {
        // The next line is the heading when it ends with a colon, like "Call 911 if:".
        let line_end = (j + 1..events.len())
            .find(|&k| {
                matches!(events[k], Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph))
            })
            .unwrap_or(events.len());
        let line = &events[j + 1..line_end];
        if super::plain_text(line).trim_end().ends_with(':') {
            heading.extend(line.iter().cloned());
            j = line_end;
        }
    }
    // What is left of the first paragraph becomes the body's first paragraph.
    match events.get(j) {
        Some(Event::End(TagEnd::Paragraph)) => {
            Some(Marker::Known { kind, heading, resume: j + 1, reopen: false })
        }
        Some(Event::SoftBreak | Event::HardBreak) => {
            Some(Marker::Known { kind, heading, resume: j + 1, reopen: true })
        }
        _ => Some(Marker::Known { kind, heading, resume: j, reopen: true }),
    }
}

/// The card's opening markup and heading.
fn open_card<'e>(out: &mut Vec<Event<'e>>, kind: Kind, heading: Vec<Event<'e>>, label: String) {
    out.push(Event::Html(CowStr::from(format!("<div class=\"callout callout-{}\">\n", kind.class()))));
    out.push(Event::Start(Tag::Heading {
        level: pulldown_cmark::HeadingLevel::H3,
        id: None,
        classes: vec![CowStr::Borrowed("callout-heading")],
        attrs: Vec::new(),
    }));
    if !heading.is_empty() {
        out.push(Event::Html(CowStr::from(format!(
            "<span class=\"visually-hidden callout-prefix\">{}: </span>",
            {
                let mut escaped = String::new();
                super::escape_into(&mut escaped, &label);
                escaped
            }
        ))));
    }
    out.push(Event::Html(CowStr::from(format!(
        "<span class=\"callout-icon\" aria-hidden=\"true\">{}</span> ",
        kind.icon()
    ))));
    if heading.is_empty() {
        out.push(Event::Text(CowStr::from(label)));
    } else {
        out.extend(heading);
    }
    out.push(Event::End(TagEnd::Heading(pulldown_cmark::HeadingLevel::H3)));
    out.push(Event::Html(CowStr::Borrowed("<div class=\"callout-body\">\n")));
}

/// Words that tell a reader what to do in an emergency.
const ACTIONS: &[&str] = &[
    "call",
    "dial",
    "phone",
    "ring ",
    "go to",
    "ambulance",
    "emergency room",
    "emergency department",
    "a&e",
];

/// The page-level lints: one emergency card per page (the `get_help` one counts, as
/// `get_help_emergency`), each naming the emergency number or an action, do/don't cards
/// holding a list, and not too many callouts.
pub fn lint(found: &[Found], get_help_emergency: bool, emergency_number: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut emergencies = usize::from(get_help_emergency);
    for f in found {
        match f.kind {
            Kind::Emergency => {
                emergencies += 1;
                if emergencies > 1 {
                    let other = if get_help_emergency && emergencies == 2 {
                        "the page's get_help already has an emergency card"
                    } else {
                        "this page already has an emergency card"
                    };
                    problems.push(Problem {
                        severity: Severity::Error,
                        offset: f.offset,
                        message: format!("a second emergency card: {other}"),
                        hint: "keep one emergency card a page, so it stands out: put all the emergency signs in it".into(),
                    });
                }
                let lower = f.text.to_lowercase();
                let named = (!emergency_number.is_empty() && f.text.contains(emergency_number))
                    || ACTIONS.iter().any(|a| lower.contains(a));
                if !named {
                    problems.push(Problem {
                        severity: Severity::Error,
                        offset: f.offset,
                        message: format!(
                            "the emergency card does not say what to do: it names neither {emergency_number} nor an action"
                        ),
                        hint: format!("start it with what to do, like `> [!EMERGENCY] Call {emergency_number} now if:`"),
                    });
                }
            }
            Kind::Do | Kind::Dont if !f.has_list => problems.push(Problem {
                severity: Severity::Warning,
                offset: f.offset,
                message: format!("the [!{}] card holds no list", f.kind.marker()),
                hint: "write each thing to do (or not to do) as a list item, starting with `> - `".into(),
            }),
            _ => {}
        }
    }
    if let Some(extra) = found.get(MAX_CALLOUTS) {
        problems.push(Problem {
            severity: Severity::Warning,
            offset: extra.offset,
            message: format!(
                "this page has {} callouts; more than {MAX_CALLOUTS} and readers stop noticing them",
                found.len()
            ),
            hint: "keep callouts for what must not be missed; turn the others into plain paragraphs or lists"
                .into(),
        });
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn run(source: &str) -> (String, Callouts) {
        let (events, offsets): (Vec<_>, Vec<_>) = Parser::new_ext(source, crate::markdown::options())
            .into_offset_iter()
            .map(|(e, r)| (e, r.start))
            .unzip();
        let (events, found) = transform(events, &offsets, &|k: Kind| k.label().to_string());
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        (html, found)
    }

    #[test]
    fn labels_come_from_the_lookup_escaped() {
        let source = "> [!URGENT] Call today if:\n> - it hurts\n\n> [!NOTE]\n> Rest.\n";
        let (events, offsets): (Vec<Event>, Vec<usize>) =
            Parser::new(source).into_offset_iter().map(|(e, r)| (e, r.start)).unzip();
        let (events, _) = transform(events, &offsets, &|k: Kind| format!("<{}>", k.class()));
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        assert!(
            html.contains("callout-prefix\">&lt;urgent&gt;: </span>"),
            "hidden prefix from the lookup: {html}"
        );
        assert!(html.contains("</span> &lt;note&gt;</h3>"), "heading from the lookup: {html}");
    }

    #[test]
    fn markers_in_any_spelling() {
        assert_eq!(Kind::from_marker("dont"), Some(Kind::Dont));
        assert_eq!(Kind::from_marker("DON'T"), Some(Kind::Dont));
        assert_eq!(Kind::from_marker("non_urgent"), Some(Kind::NonUrgent));
        assert_eq!(Kind::from_marker("Non-Urgent"), Some(Kind::NonUrgent));
        assert_eq!(Kind::from_marker("NOPE"), None);
    }

    #[test]
    fn heading_on_the_marker_line_or_the_next_line_ending_in_a_colon() {
        let (html, found) = run("> [!EMERGENCY] Call 911 if:\n> - chest pain\n");
        assert!(html.contains("<div class=\"callout callout-emergency\">"), "{html}");
        assert!(html.contains("Immediate action required: </span><span class=\"callout-icon\" aria-hidden=\"true\">!</span> Call 911 if:</h3>"), "{html}");
        assert!(html.contains("<li>chest pain</li>"), "{html}");
        assert!(found.found[0].has_list);
        let (html, _) = run("> [!URGENT]\n> Call your care team today if:\n> - fever\n");
        assert!(html.contains("</span> Call your care team today if:</h3>"), "{html}");
        // Not ending in a colon: the label is the heading and the line is the body.
        let (html, found) = run("> [!NOTE]\n> Take it with food.\n");
        assert!(html.contains("</span> Note</h3>"), "{html}");
        assert!(!html.contains("callout-prefix"), "{html}");
        assert!(html.contains("Take it with food."), "{html}");
        assert_eq!(found.found[0].text.trim(), "Take it with food.");
    }

    #[test]
    fn plain_blockquotes_stay_and_unknown_markers_get_did_you_mean() {
        let (html, found) = run("> Just a quote.\n");
        assert!(html.contains("<blockquote>"), "{html}");
        assert!(found.found.is_empty() && found.problems.is_empty());
        let (_, found) = run("Text.\n\n> [!WARN]\n> Careful.\n");
        assert_eq!(found.problems[0].offset, 7);
        assert!(found.problems[0].message.contains("[!WARN] is not a callout"));
        assert!(found.problems[0].hint.starts_with("did you mean [!WARNING]?"), "{}", found.problems[0].hint);
    }

    #[test]
    fn nested_callouts_are_an_error() {
        let (_, found) = run("> [!NOTE]\n> Outer.\n>\n> > [!TIP]\n> > Inner.\n");
        assert_eq!(found.found.len(), 2);
        assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
        assert!(found.problems[0].message.contains("inside another callout"));
        assert_eq!(found.problems[0].offset, 23);
    }

    #[test]
    fn lints_one_emergency_that_says_what_to_do_and_not_too_many() {
        let (_, found) =
            run("> [!EMERGENCY]\n> Chest pain.\n\n> [!EMERGENCY] Call 911 now if:\n> - fainting\n");
        let problems = lint(&found.found, false, "911");
        let messages: Vec<_> = problems.iter().map(|p| (p.offset, p.message.as_str())).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].1.contains("does not say what to do"));
        assert!(messages[1].1.contains("a second emergency card"));
        assert!(lint(&found.found[1..], false, "911").is_empty());
        assert!(lint(&found.found[1..], true, "911")[0].message.contains("get_help already"));
        let many = "> [!TIP]\n> a\n\n".repeat(MAX_CALLOUTS + 1);
        let (_, found) = run(&many);
        let problems = lint(&found.found, false, "112");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].severity, Severity::Warning);
        let (_, found) = run("> [!DO]\n> Rest.\n");
        assert!(lint(&found.found, false, "112")[0].message.contains("holds no list"));
    }
}
