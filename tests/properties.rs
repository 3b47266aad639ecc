//! Properties that must hold for any input: the front-matter splitter, the seed normalizer,
//! the glossary marker and the plain-word rewriter never panic, and never lose or change text
//! they have no business changing.

use proptest::prelude::*;

use plainleaf::content::frontmatter::{normalize_newlines, split};
use plainleaf::glossary::{strip_term_markup, Glossary, GlossaryEntry, MarkMode, Marker};
use plainleaf::plain::rewrite::{Rewriter, WordPair};
use plainleaf::seed::{normalize, normalize_seed, BlockKind, Options, Region};

fn config() -> ProptestConfig {
    ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() }
}

/// Byte range of `part` inside `whole`, when `part` is a slice of it.
fn range_in(whole: &str, part: &str) -> Option<(usize, usize)> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    let end = start + part.len();
    (end <= whole.len()).then_some((start, end))
}

/// Lines a page file is made of: fences, YAML, body text, odd bytes.
fn page_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---".to_string()),
        Just("--- ".to_string()),
        Just("...".to_string()),
        Just("title: A".to_string()),
        Just(String::new()),
        Just("\u{feff}---".to_string()),
        "[a-z: \\-\\.]{0,12}",
        any::<String>(),
    ]
}

fn page_text() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(page_line(), 0..12),
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        any::<bool>(),
    )
        .prop_map(|(lines, newline, bom)| {
            let text = lines.join(newline);
            if bom {
                format!("\u{feff}{text}")
            } else {
                text
            }
        })
}

proptest! {
    #![proptest_config(config())]

    /// Splitting never panics; when it succeeds, the YAML and the body are slices of the
    /// text, in that order, with nothing but the fences between and around them.
    #[test]
    fn front_matter_split_is_total_and_in_order(raw in prop_oneof![page_text(), any::<String>()]) {
        let text = normalize_newlines(&raw);
        prop_assert!(!text.contains('\r'));
        if let Ok(parts) = split(&text) {
            let (bs, be) = range_in(&text, parts.body).expect("body is a slice of the text");
            prop_assert_eq!(be, text.len(), "the body runs to the end");
            // An empty YAML part may be a literal `""`, not a slice; it is trivially in order.
            if !parts.yaml.is_empty() {
                let (ys, ye) = range_in(&text, parts.yaml).expect("yaml is a slice of the text");
                prop_assert!(ye <= bs, "yaml ends after the body starts");
                prop_assert!(text[..ys].trim_end() == "---", "only the opening fence before the yaml");
            } else if bs == 0 {
                prop_assert_eq!(parts.body, text.as_str());
            } else {
                prop_assert!(text.starts_with("---"), "a body after a fence needs the fence");
            }
            prop_assert!(parts.body_line >= parts.yaml_line);
        }
    }
}

/// Line shapes the seed normalizer tells apart, plus boilerplate.
const SEED_LINES: &[&str] = &[
    "",
    "Gene Therapy Basics",
    "Conclusion",
    "Gene therapy changes how your cells make proteins.",
    "It can:",
    "Cells change.  It can:",
    "– Restore damaged tissues: new cells replace lost ones.",
    "- Calm the immune system",
    "• A bullet item",
    "1. First step",
    "2) Second step",
    "*not* a <b>tag</b>",
    "-5 degrees is cold.",
    "Fever",
    "Advertisement",
    "Policy",
    "A note from Cleveland Clinic",
    "You might also like...",
    "Journal reference:",
    "Smith, J. et al. (2020) Gene therapy. Nature. doi: 10.1038/abc123",
    "https://example.org/article",
    "Last reviewed on 12/04/2023.",
    "Last reviewed on 13/45/2023.",
    "\u{2014} quoted speaker",
    "\"Advances have markedly improved,\" state the authors.",
    "   Indented   words   with   gaps.   ",
    "\tTabbed line.",
];

fn seed_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(SEED_LINES).prop_map(str::to_string),
        1 => "[A-Za-z][a-z ,.]{0,40}[.:]?",
    ]
}

/// A seed line without its list marker (`- `, `1. `, `• `...), the way a list item keeps it.
fn without_list_marker(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let first = chars.next()?;
    if matches!(first, '•' | '▪' | '◦' | '·' | '-' | '–' | '—' | '*') {
        let rest = &line[first.len_utf8()..];
        return rest.starts_with(char::is_whitespace).then(|| rest.trim_start());
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = line[digits..].strip_prefix(['.', ')'])?;
    (digits > 0 && rest.starts_with(char::is_whitespace)).then(|| rest.trim_start())
}

fn block_texts(blocks: &[plainleaf::seed::SeedBlock]) -> Vec<String> {
    blocks
        .iter()
        .flat_map(|b| match &b.kind {
            BlockKind::Heading(t) | BlockKind::Paragraph(t) | BlockKind::Gap(t) | BlockKind::Markdown(t) => {
                vec![t.clone()]
            }
            BlockKind::List { items, .. } => items.clone(),
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    /// Any text at all: no panic.
    #[test]
    fn seed_normalizer_never_panics(text in any::<String>(), extra in proptest::collection::vec("[A-Za-z .]{0,12}", 0..3)) {
        let _ = normalize(&text, &extra);
    }

    /// Every non-blank line ends up in the blocks, or is recorded as dropped or lifted, and
    /// every dropped line has its reason in `explained`.
    #[test]
    fn seed_normalizer_never_drops_a_sentence_silently(lines in proptest::collection::vec(seed_line(), 1..40)) {
        let text = lines.join("\n");
        let seed = normalize(&text, &[]);
        let joined = block_texts(&seed.blocks).join(" ");
        let joined = joined.split_whitespace().collect::<Vec<_>>().join(" ");
        let recorded: Vec<usize> = seed.dropped.iter().chain(&seed.lifted).map(|(l, _)| *l).collect();
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            if recorded.contains(&(i + 1)) {
                continue;
            }
            let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            let kept = joined.contains(&line) || without_list_marker(&line).is_some_and(|item| joined.contains(item));
            prop_assert!(kept, "line {} lost: {:?}\nblocks: {:?}", i + 1, line, seed.blocks);
        }
        for (line, dropped) in &seed.dropped {
            let why = seed.explained.iter().find(|e| e.line == *line && e.text == *dropped && e.became == "junk");
            prop_assert!(why.is_some_and(|e| !e.reason.is_empty()), "{:?} dropped without a reason", dropped);
        }
    }
}

/// Pieces a broken saved page is made of: tags opened and never closed, closed and never
/// opened, scripts and styles with tag-like text, comments, entities, odd characters, words.
fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "<div>",
            "</div>",
            "<p>",
            "</p>",
            "<li>",
            "<ul>",
            "</ul>",
            "<table>",
            "<td>",
            "</tr>",
            "<h1>",
            "</h1>",
            "<h2>",
            "<b>",
            "</i>",
            "<a href=\"/x\">",
            "</a>",
            "<img alt=\"a photo\">",
            "<br>",
            "<nav>",
            "</nav>",
            "<footer>",
            "<form>",
            "<template>",
            "</template>",
            "<iframe>",
            "</iframe>",
            "<svg>",
            "<textarea>",
            "<!--",
            "-->",
            "<!DOCTYPE html>",
            "</body>",
            "<html>",
            "<head>",
            "<title>",
            "</title>",
            "&amp;",
            "&nbsp;",
            "&#0;",
            "&#x110000;",
            "&bogus",
            "<",
            ">",
            "\"",
            "'",
            "\u{0}",
            "\u{feff}",
            " ",
            "\n",
        ])
        .prop_map(str::to_string),
        Just("<script>zzscript('<p>x</p>')</script>".to_string()),
        Just("<style>zzstyle { color: red }</style>".to_string()),
        // Words start with a space: "<" and a word glued together would be a tag, not text.
        " [A-Za-z]{1,10}( [a-z]{1,8}){0,12}[.:?]?",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any broken saved page: no panic, no markup and no script or style text in what is kept.
    #[test]
    fn saved_page_cleaner_never_panics_or_leaks_markup(pieces in proptest::collection::vec(html_piece(), 0..120)) {
        let html = pieces.concat();
        let options = Options { boilerplate: Vec::new(), region: Region::Us };
        let seed = normalize_seed("page.html", &html, &options);
        let mut texts = block_texts(&seed.blocks);
        texts.extend(seed.title.clone());
        for text in &texts {
            for bad in ["zzscript", "zzstyle", "<p", "<div", "</", "<!--", "\u{0}"] {
                prop_assert!(!text.contains(bad), "{:?} leaked in {:?} from {:?}", bad, text, html);
            }
        }
    }
}

fn entry(term: &str, plain: &str, also: &[&str]) -> GlossaryEntry {
    GlossaryEntry {
        term: term.into(),
        plain: plain.into(),
        also: also.iter().map(|s| s.to_string()).collect(),
        more: None,
        see: Vec::new(),
        case_sensitive: None,
    }
}

fn test_glossary() -> Glossary {
    Glossary::from_entries(vec![
        entry("hematopoietic stem cells", "Cells in the bone marrow that make blood.", &["HSCs", "HSC"]),
        entry("stem cells", "Cells that can grow into <many> kinds & \"types\".", &["stem cell"]),
        entry("blood pressure", "How hard blood pushes.", &[]),
        entry("blood", "The red liquid.", &[]),
        entry("<tricky> & \"quoted\"", "Uses <b> & 'apostrophes'.", &[]),
        entry("Crohn's disease", "A gut illness.", &["Crohn\u{2019}s"]),
        entry("DNA", "Your genetic code.", &[]),
    ])
}

const MARK_WORDS: &[&str] = &[
    "blood",
    "Blood",
    "BLOOD",
    "blood pressure",
    "blood pressures",
    "stem cells",
    "Stem cell",
    "stem-cell",
    "HSCs",
    "HSC",
    "hscs",
    "hematopoietic stem cells",
    "<tricky> & \"quoted\"",
    "Crohn's disease",
    "Crohn\u{2019}s",
    "DNA",
    "DNAs",
    "<b>",
    "&amp;",
    "&",
    "'",
    "\"",
    " ",
    ". ",
    ", ",
    "\n",
    "é",
    "—",
];

fn mark_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![3 => proptest::sample::select(MARK_WORDS).prop_map(str::to_string), 1 => any::<String>()],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

/// Checks `<a ...>`/`</a>` and `<span ...>`/`</span>` nest properly and that no other `<` is raw.
fn well_formed(html: &str) -> Result<(), String> {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').ok_or_else(|| format!("unclosed tag at {rest:?}"))?;
        let tag = &rest[..=end];
        if tag.starts_with("<a ") {
            open.push("a");
        } else if tag.starts_with("<span ") {
            open.push("span");
        } else if tag == "</a>" || tag == "</span>" {
            let name = &tag[2..tag.len() - 1];
            if open.pop() != Some(name) {
                return Err(format!("{tag} closes the wrong element"));
            }
        } else {
            return Err(format!("raw `<` in the text: {tag:?}"));
        }
        if tag[1..tag.len() - 1].contains('<') {
            return Err(format!("`<` inside a tag: {tag:?}"));
        }
        rest = &rest[end + 1..];
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("left open: {open:?}"))
    }
}

proptest! {
    #![proptest_config(config())]

    /// Marking adds links and bubbles only: the visible text is the input, and the HTML nests.
    #[test]
    fn marking_keeps_visible_text_and_well_formed_html(
        texts in proptest::collection::vec(mark_text(), 1..4),
        mode in prop_oneof![Just(MarkMode::FirstPerPage), Just(MarkMode::FirstPerSection), Just(MarkMode::Every)],
    ) {
        let glossary = test_glossary();
        let mut marker = Marker::new(&glossary, mode);
        for text in &texts {
            if let Some(html) = marker.mark(text, "../glossary/index.html") {
                prop_assert_eq!(&strip_term_markup(&html), text, "{}", html);
                if let Err(why) = well_formed(&html) {
                    prop_assert!(false, "{}: {}", why, html);
                }
                prop_assert_eq!(html.matches("<a ").count(), html.matches("</a>").count());
                prop_assert_eq!(html.matches("<span ").count(), html.matches("</span>").count());
            }
            marker.new_section();
        }
    }
}

/// Phrases the rewriter must never touch in the tests below (as glossary terms would be).
const PROTECTED: &[&str] = &["stem cells", "gene therapy", "informed consent"];

fn rewrite_text(finds: Vec<String>) -> impl Strategy<Value = (String, Vec<String>)> {
    let mut words: Vec<String> = [
        "the",
        "doctor",
        "will",
        "help",
        "you",
        "in order to",
        "utilize",
        "approximately",
        "prior to",
        "sufficient",
        "cells",
        ",",
        ".",
        " ",
        "é",
        "—",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    words.extend(finds);
    words.extend(PROTECTED.iter().map(|s| s.to_string()));
    let word = proptest::sample::select(words);
    let quoted = proptest::collection::vec(word.clone(), 1..5).prop_flat_map(|inner| {
        let body = inner.join(" ");
        prop_oneof![Just(format!("\"{body}\"")), Just(format!("\u{201c}{body}\u{201d}"))]
    });
    proptest::collection::vec(
        prop_oneof![4 => word.prop_map(|w| (w, false)), 1 => quoted.prop_map(|q| (q, true))],
        0..30,
    )
    .prop_map(|parts| {
        let quotes = parts.iter().filter(|(_, q)| *q).map(|(t, _)| t.clone()).collect();
        (parts.into_iter().map(|(t, _)| t).collect::<Vec<_>>().join(" "), quotes)
    })
}

/// Whole-word, case-insensitive occurrences (a phrase inside a longer word does not count:
/// "sufficient" is not protected inside "insufficient").
fn count_ci(haystack: &str, needle: &str) -> usize {
    let hay = haystack.to_lowercase();
    let needle = needle.to_lowercase();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(&needle)
        .filter(|(i, m)| {
            !is_word(hay[..*i].chars().next_back()) && !is_word(hay[i + m.len()..].chars().next())
        })
        .count()
}

proptest! {
    #![proptest_config(config())]

    /// No pairs: the text comes back as it was, and nothing is reported.
    #[test]
    fn rewriter_without_pairs_changes_nothing(text in any::<String>()) {
        let rewriter = Rewriter::new(Vec::new(), &[]);
        let (out, made) = rewriter.rewrite(&text, &[]);
        prop_assert!(std::str::from_utf8(out.as_bytes()).is_ok());
        prop_assert_eq!(out.as_ref(), text.as_str());
        prop_assert!(made.is_empty());
    }

    /// Any text, any pairs: no panic, and the output is text.
    #[test]
    fn rewriter_never_panics(
        text in any::<String>(),
        pairs in proptest::collection::vec(("\\PC{0,8}", "\\PC{0,8}"), 0..6),
        keep in proptest::collection::vec("\\PC{0,8}", 0..3),
    ) {
        let pairs: Vec<WordPair> = pairs.into_iter().map(|(find, replace)| WordPair { find, replace }).collect();
        let rewriter = Rewriter::new(pairs, &keep);
        let (out, _) = rewriter.rewrite(&text, &keep);
        prop_assert!(std::str::from_utf8(out.as_bytes()).is_ok());
    }

    /// With the built-in pairs: quoted text is left as written, and protected phrases (and the
    /// page's `keep` phrases) are never rewritten.
    #[test]
    fn rewriter_leaves_quotes_and_protected_phrases_alone(
        (text, quotes) in rewrite_text(Rewriter::builtin_pairs().into_iter().map(|p| p.find).take(40).collect()),
    ) {
        let protect: Vec<String> = PROTECTED.iter().map(|s| s.to_string()).collect();
        let keep = vec!["sufficient".to_string()];
        let rewriter = Rewriter::new(Rewriter::builtin_pairs(), &protect);
        let (out, _) = rewriter.rewrite(&text, &keep);
        let mut from = 0;
        for quote in &quotes {
            match out[from..].find(quote.as_str()) {
                Some(i) => from += i + quote.len(),
                None => prop_assert!(false, "quote {:?} changed: {:?} -> {:?}", quote, text, out),
            }
        }
        for phrase in PROTECTED.iter().chain(["sufficient"].iter()) {
            prop_assert!(count_ci(&out, phrase) >= count_ci(&text, phrase), "{:?} rewritten: {:?} -> {:?}", phrase, text, out);
        }
    }
}
