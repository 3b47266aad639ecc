//! Each normalizer rule checked on each of the five real seeds.

use std::collections::BTreeMap;

use super::*;

const SEED_000: &str = include_str!("../../seeds/000_098364796b7b5e3e.txt");
const SEED_001: &str = include_str!("../../seeds/001_2835543ec7bc0eca.txt");
const SEED_002: &str = include_str!("../../seeds/002_95038281623041da.txt");
const SEED_003: &str = include_str!("../../seeds/003_6c4427eec06df93d.txt");
const SEED_004: &str = include_str!("../../seeds/004_2bcbe945bd0e1162.txt");
const ALL: [(&str, &str); 5] =
    [("000", SEED_000), ("001", SEED_001), ("002", SEED_002), ("003", SEED_003), ("004", SEED_004)];

fn norm(text: &str) -> NormalizedSeed {
    normalize(text, &[])
}

fn headings(seed: &NormalizedSeed) -> Vec<&str> {
    seed.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

fn gaps(seed: &NormalizedSeed) -> Vec<(usize, &str)> {
    seed.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Gap(t) => Some((b.line, t.as_str())),
            _ => None,
        })
        .collect()
}

fn lists(seed: &NormalizedSeed) -> Vec<(bool, &[String])> {
    seed.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::List { ordered, items } => Some((*ordered, items.as_slice())),
            _ => None,
        })
        .collect()
}

/// All text a block carries, for "is this line still here" checks.
fn block_texts(seed: &NormalizedSeed) -> Vec<&str> {
    seed.blocks
        .iter()
        .flat_map(|b| match &b.kind {
            BlockKind::Heading(t) | BlockKind::Paragraph(t) | BlockKind::Gap(t) | BlockKind::Markdown(t) => {
                vec![t.as_str()]
            }
            BlockKind::List { items, .. } => items.iter().map(String::as_str).collect(),
        })
        .collect()
}

#[test]
fn titles() {
    let gene_cure = "Gene Therapy for Inherited Immune Deficiencies: A Potential Cure";
    let autoimmune = "The Role of Gene Therapy in Treating Autoimmune Diseases";
    let rare = "Gene therapy for rare diseases: A decade of progress and remaining challenges";
    let regen = "Regenerative Medicine Breakthroughs for Autoimmune Conditions";
    let want = [Some(gene_cure), Some(autoimmune), Some(rare), None, Some(regen)];
    for ((name, text), want) in ALL.iter().zip(want) {
        let seed = norm(text);
        assert_eq!(seed.title.as_deref(), want, "seed {name}");
        if let Some(title) = want {
            let markdown = to_markdown(&seed.blocks);
            assert!(!markdown.contains(title), "seed {name}: title left in the body");
        }
    }
    // The repeated title lines (1 and 3) are both accounted for, each once.
    for text in [SEED_000, SEED_001] {
        let lifted: Vec<usize> = norm(text).lifted.iter().map(|(line, _)| *line).collect();
        assert_eq!(lifted, vec![1, 3]);
    }
    assert_eq!(norm(SEED_003).blocks[0].line, 1, "003's first sentence stays in the body");
}

#[test]
fn no_boilerplate_survives() {
    let boilerplate = [
        "Advertisement",
        "Policy",
        "Post a new comment",
        "You might also like",
        "Texas Children's",
        "The opinions expressed",
        "Learn more about our editorial process",
        "A note from Cleveland Clinic",
        "Editor in Chief",
        "Advertising on our site",
    ];
    for (name, text) in ALL {
        let markdown = to_markdown(&norm(text).blocks);
        for line in boilerplate {
            assert!(!markdown.contains(line), "seed {name}: {line:?} survived in\n{markdown}");
        }
    }
    let dropped_lines = |text| norm(text).dropped.iter().map(|(line, _)| *line).collect::<Vec<_>>();
    assert_eq!(dropped_lines(SEED_002), vec![11, 18, 19, 20, 21]);
    assert_eq!(dropped_lines(SEED_003), vec![8, 9, 18, 20, 23, 24, 25]);
    for text in [SEED_000, SEED_001, SEED_004] {
        assert_eq!(dropped_lines(text), Vec::<usize>::new());
    }
}

#[test]
fn extra_boilerplate_patterns_apply() {
    let seed = normalize(SEED_004, &["Conclusion".to_string(), "Nevertheless, ongoing*".to_string()]);
    assert_eq!(seed.dropped.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![24, 25]);
}

#[test]
fn headings_recovered() {
    let want_004 = [
        "Understanding Autoimmune Conditions and Challenges",
        "The Role of Regenerative Medicine in Autoimmune Treatments",
        "Stem Cell Therapy: A Game Changer for Autoimmune Conditions",
        "Gene Editing and Immune Engineering",
        "Challenges and Future Directions",
        "Conclusion",
    ];
    assert_eq!(headings(&norm(SEED_004)), want_004);
    for (name, text) in [("000", SEED_000), ("001", SEED_001), ("002", SEED_002), ("003", SEED_003)] {
        assert_eq!(headings(&norm(text)), Vec::<&str>::new(), "seed {name}");
    }
}

#[test]
fn lists_recovered() {
    let seed = norm(SEED_004);
    let found = lists(&seed);
    let sizes: Vec<usize> = found.iter().map(|(_, items)| items.len()).collect();
    assert_eq!(sizes, vec![3, 2, 3]);
    assert!(found.iter().all(|(ordered, _)| !ordered));
    assert!(found[0].1[0].starts_with("Restore damaged tissues:"), "marker stripped: {:?}", found[0].1[0]);
    for (name, text) in [("000", SEED_000), ("001", SEED_001), ("002", SEED_002), ("003", SEED_003)] {
        assert!(lists(&norm(text)).is_empty(), "seed {name}");
    }
}

#[test]
fn gaps_detected() {
    let want = vec![
        (
            3,
            "In gene therapy, genetic material is transferred to your cells. This genetic material then changes \
             how your cells produce proteins. It can:",
        ),
        (7, "The U.S. Food and Drug Administration (FDA) has approved two gene therapies for use in the U.S.:"),
        (16, "Benefits include:"),
        (17, "Risks may include:"),
    ];
    let seed = norm(SEED_003);
    assert_eq!(gaps(&seed), want);
    for (name, text) in [("000", SEED_000), ("001", SEED_001), ("002", SEED_002), ("004", SEED_004)] {
        assert_eq!(gaps(&norm(text)), Vec::<(usize, &str)>::new(), "seed {name}");
    }
}

#[test]
fn facts_lifted() {
    let seed = norm(SEED_003);
    assert_eq!(seed.reviewed_on, jiff::civil::Date::new(2023, 12, 4).ok());
    assert!(!to_markdown(&seed.blocks).contains("Last reviewed"));
    let seed = norm(SEED_002);
    assert_eq!(seed.sources.len(), 1);
    assert!(seed.sources[0].title.starts_with("Bueren, J. A. & Auricchio, A., (2023)"), "{:?}", seed.sources);
    assert_eq!(seed.sources[0].url, None);
    let markdown = to_markdown(&seed.blocks);
    assert!(!markdown.contains("Journal reference") && !markdown.contains("Bueren, J. A."), "{markdown}");
    for (name, text) in [("000", SEED_000), ("001", SEED_001), ("002", SEED_002), ("004", SEED_004)] {
        assert_eq!(norm(text).reviewed_on, None, "seed {name}");
    }
}

#[test]
fn paragraphs_keep_typography() {
    let seed = norm(SEED_003);
    assert!(block_texts(&seed).iter().any(|t| t.starts_with("Your body\u{2019}s genetic information")));
    let seed = norm(SEED_002);
    assert!(block_texts(&seed).iter().any(|t| t.ends_with("in Europe.\"")));
    assert_eq!(norm(SEED_000).blocks.len(), 8);
}

/// Asserts every non-blank line of `text` is in the blocks, `dropped` or `lifted`, exactly once,
/// and that whatever was dropped has a reason in `explained`.
fn assert_every_line_accounted_for(name: &str, text: &str) {
    let seed = norm(text);
    // What the blocks hold, one entry per seed line (a gap split off its line is joined back).
    let mut units: Vec<String> = Vec::new();
    let mut last_line = None;
    for block in &seed.blocks {
        match &block.kind {
            BlockKind::Paragraph(t) | BlockKind::Gap(t) | BlockKind::Heading(t) => {
                match units.last_mut() {
                    Some(unit) if last_line == Some(block.line) => *unit = format!("{unit} {t}"),
                    _ => units.push(t.clone()),
                }
                last_line = Some(block.line);
            }
            BlockKind::List { items, .. } => {
                units.extend(items.iter().cloned());
                last_line = None;
            }
            BlockKind::Markdown(_) => last_line = None,
        }
    }
    let mut recorded: Vec<usize> = seed.dropped.iter().chain(&seed.lifted).map(|(l, _)| *l).collect();
    recorded.sort_unstable();
    let before = recorded.len();
    recorded.dedup();
    assert_eq!(before, recorded.len(), "seed {name}: a line recorded twice");
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        if recorded.contains(&(i + 1)) {
            continue;
        }
        let line = super::text::collapse_whitespace(line);
        let content = super::normalize::list_item(&line).map_or(line.as_str(), |(_, item)| item);
        // A numbered heading keeps its number; an item does not.
        let position = units.iter().position(|u| u == content || *u == line);
        assert!(position.is_some(), "seed {name} line {} lost: {line}\n{units:?}", i + 1);
        if let Some(p) = position {
            units.remove(p);
        }
    }
    assert!(units.is_empty(), "seed {name}: blocks hold text from no seed line: {units:?}");
    for (line, text) in &seed.dropped {
        let why = seed.explained.iter().find(|e| e.line == *line && e.text == *text && e.became == "junk");
        assert!(why.is_some_and(|e| !e.reason.is_empty()), "seed {name}: {text} dropped without a reason");
    }
}

#[test]
fn every_line_is_accounted_for() {
    for (name, text) in ALL {
        assert_every_line_accounted_for(name, text);
    }
}

#[test]
fn repeated_text_after_a_dropped_tail_is_still_recorded() {
    assert_every_line_accounted_for("tail", "*not* a <b>tag</b>\nYou might also like...\n*not* a <b>tag</b>");
}

proptest::proptest! {
    /// Seeds shuffled together from real-looking lines never lose a line without a record.
    #[test]
    fn no_line_lost_in_any_mix(picks in proptest::collection::vec(0usize..LINE_KINDS.len(), 1..40)) {
        let text: Vec<&str> = picks.iter().map(|&k| LINE_KINDS[k]).collect();
        assert_every_line_accounted_for("generated", &text.join("\n"));
    }
}

/// Line shapes the normalizer tells apart, for the generated seeds above.
const LINE_KINDS: &[&str] = &[
    "",
    "Gene Therapy Basics",
    "Conclusion",
    "Gene therapy changes how your cells make proteins.",
    "It can:",
    "The U.S. Food and Drug Administration (FDA) has approved two therapies for use in the U.S.:",
    "Cells change.  It can:",
    "– Restore damaged tissues: new cells replace lost ones.",
    "- Calm the immune system",
    "1. First step",
    "2) Second step",
    "*not* a <b>tag</b>",
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
    "Editor in Chief Jane Doe, MD",
    "\u{2014} quoted speaker",
    "Short line without stop",
    "\"Advances have markedly improved,\" state the authors.",
];

#[test]
fn curation_on_seed_003() {
    let seed = norm(SEED_003);
    let fills = BTreeMap::from([
        ("It can:".to_string(), Fill::Items(vec!["Replace a faulty gene.".into(), "Add a new gene.".into()])),
        ("Benefits include".to_string(), Fill::Text("A **one-time** treatment.".into())),
        ("Risks  may include:".to_string(), Fill::Keep(false)),
    ]);
    let edits = [
        Edit { find: "body's genetic   information".into(), replace: "body's genes".into() },
        Edit { find: "not in the seed".into(), replace: "x".into() },
    ];
    let curated = curate(&seed, &fills, &edits);
    let fda =
        "The U.S. Food and Drug Administration (FDA) has approved two gene therapies for use in the U.S.:";
    assert_eq!(
        curated.problems,
        vec![
            CurateProblem::UnfilledGap { line: 7, text: fda.into() },
            CurateProblem::EditNotFound { index: 1, find: "not in the seed".into() },
        ]
    );
    let markdown = to_markdown(&curated.blocks);
    assert!(markdown.contains("It can:\n\n- Replace a faulty gene.\n- Add a new gene.\n\n"), "{markdown}");
    assert!(markdown.contains("Benefits include:\n\nA **one-time** treatment.\n\n"), "{markdown}");
    assert!(!markdown.contains("Risks may include"), "{markdown}");
    assert!(markdown.contains("Your body's genes is kept"), "{markdown}");
    assert!(markdown.contains(fda), "unfilled gaps still render: {markdown}");
}

#[test]
fn seed_markup_renders_literally() {
    let text =
        "Gene Basics\n\nGene Basics\n\nSome prose first.\n*not* a <b>tag</b>\nMore prose [1] here_too.\n";
    let markdown = to_markdown(&norm(text).blocks);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&markdown));
    assert_eq!(
        html,
        "<p>Some prose first.</p>\n<p>*not* a &lt;b&gt;tag&lt;/b&gt;</p>\n<p>More prose [1] here_too.</p>\n"
    );
}

#[test]
fn blocks_serialize() {
    let json = serde_json::to_string(&norm(SEED_004)).expect("blocks serialize");
    assert!(json.contains("\"type\":\"heading\""), "{json}");
}

#[test]
fn blocks_of_link_text_on_a_saved_page_are_navigation() {
    // A saved page whose article holds a list of links to its sister pages, introduced by a
    // line ending in ":", and calls to action that are one link each; a sentence with a link
    // inside it stays.
    let mut html = String::from(
        "<html><head><title>Shingles</title></head><body><main><article><h1>Shingles</h1>\
         <p>More pages on this topic:</p><ul><li><a href=\"/s/1\">Overview</a></li>\
         <li><a href=\"/s/2\">Shingles vaccine</a></li><li><a href=\"/s/3\">Living with it</a></li></ul>",
    );
    for i in 0..6 {
        html.push_str(&format!(
            "<h2>Part {i} of the guide</h2><p>Shingles is an infection that causes a painful rash, and \
             it usually gets better in two to four weeks, part {i}. You can read <a href=\"/pain\">how to \
             ease the pain</a> while it heals.</p>"
        ));
    }
    html.push_str(
        "<p><a href=\"/pharmacy\">Find your nearest pharmacy</a></p></article></main></body></html>",
    );
    let options = Options { boilerplate: Vec::new(), region: Region::Uk };
    let seed = normalize_seed("shingles.html", &html, &options);
    let texts = block_texts(&seed);
    for link in ["More pages on this topic:", "Overview", "Shingles vaccine", "Find your nearest pharmacy"] {
        assert!(!texts.contains(&link), "{link:?} kept: {texts:?}");
    }
    assert!(gaps(&seed).is_empty(), "navigation reported as a lost list: {:?}", gaps(&seed));
    assert!(texts.iter().any(|t| t.contains("how to ease the pain while it heals")), "{texts:?}");
}

#[test]
fn an_older_page_without_headings_gets_its_title_and_bold_headings() {
    // No <h1>: the title is the <title> without its trail to the site, its copy in the body is
    // lifted with it, and paragraphs all in bold are headings when text follows them.
    let html = "<html><head><title>Croup - Patient Library - Example Hospital</title></head><body>\
        <table><tr><td><font size=+2><b>Croup</b></font><br>\
        <p>Croup is a common infection of the airways in young children that causes a barking cough and a hoarse voice.\
        <p><b>What are the symptoms?</b>\
        <p>The main sign is a loud cough that sounds like a seal barking, often worse at night, with a high temperature.\
        <p><b>How is it treated?</b>\
        <p>Most children get better within 48 hours at home, with fluids, rest and paracetamol for a temperature.\
        </td></tr></table></body></html>";
    let options = Options { boilerplate: Vec::new(), region: Region::Uk };
    let seed = normalize_seed("croup.html", html, &options);
    assert_eq!(seed.title.as_deref(), Some("Croup"));
    assert_eq!(headings(&seed), vec!["What are the symptoms?", "How is it treated?"]);
}

#[test]
fn fragments_between_paragraphs_are_a_list_under_the_heading_a_break_sets_off() {
    // No "…:" line announces these items; a blank line before the first makes it the heading.
    let text = "Living with joint pain\n\
        Joint pain can come and go, and it often changes with the weather and with how active you are.\n\
        \n\
        Things that often help\n\
        Warm baths in the evening\n\
        Gentle stretching\n\
        A pillow between the knees at night\n\
        Most people find that two or three of these together work better than one.\n\
        Blood test results\n\
        Your nurse will explain which group your result is in.\n\
        Normal: under 42 units\n\
        Borderline: 42 to 47 units\n\
        High: 48 units or more\n\
        A high result is checked again a few weeks later before anything changes.\n";
    let seed = norm(text);
    assert!(headings(&seed).contains(&"Things that often help"), "{:?}", headings(&seed));
    let lists = lists(&seed);
    assert_eq!(lists.len(), 2, "{lists:?}");
    assert_eq!(
        lists[0].1,
        ["Warm baths in the evening", "Gentle stretching", "A pillow between the knees at night"]
    );
    assert_eq!(lists[1].1.len(), 3, "{lists:?}");
    assert!(!headings(&seed).contains(&"Normal: under 42 units"), "{:?}", headings(&seed));
}

#[test]
fn navigation_labels_and_their_links_are_never_lost_lists() {
    let text = "Shingles\n\
        Shingles is an infection that causes a painful rash. It is most common in people over 70.\n\
        Other pages in this section:\n\
        Shingles vaccine\n\
        Living with shingles\n\
        \n\
        What are the symptoms?\n\
        The first sign is often a tingling feeling in one area of skin, then a rash appears a few days later.\n\
        Common symptoms include:\n\
        How is it treated?\n\
        A GP can prescribe antiviral medicine, which works best if you start it within three days of the rash.\n\
        Share this page\n\
        This page in other languages:\n\
        Español\n\
        Polski\n\
        Contact us\n";
    let seed = norm(text);
    let gaps: Vec<&str> = gaps(&seed).into_iter().map(|(_, t)| t).collect();
    assert_eq!(gaps, ["Common symptoms include:"], "{:?}", seed.explained);
    let texts = block_texts(&seed);
    for junk in ["Shingles vaccine", "Living with shingles", "This page in other languages:", "Polski"] {
        assert!(!texts.contains(&junk), "{junk:?} kept: {texts:?}");
    }
    assert!(headings(&seed).contains(&"What are the symptoms?"), "{:?}", headings(&seed));
}

#[test]
fn footer_prose_bios_banners_and_split_dates_are_not_the_article() {
    let text = "Riverside Community Health Trust\n\
        Gout: a guide for patients\n\
        By Alice Marten, specialist nurse\n\
        Gout is a kind of arthritis that causes sudden, severe pain in a joint, most often the big toe.\n\
        Drinking plenty of water and cutting down on alcohol can make attacks less likely.\n\
        Alice Marten is a rheumatology nurse who has looked after people with arthritis for twenty years.\n\
        Last updated\n\
        6 December 2023\n\
        Was this page helpful?\n\
        Our advice line is open Monday to Friday, 9am to 5pm, and calls are free from landlines.\n\
        Privacy policy\n";
    let seed = norm(text);
    assert_eq!(seed.title.as_deref(), Some("Gout: a guide for patients"));
    assert_eq!(seed.reviewed_on.map(|d| d.to_string()), Some("2023-12-06".into()));
    let texts = block_texts(&seed);
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.iter().all(|t| t.starts_with("Gout is") || t.starts_with("Drinking")), "{texts:?}");
}

#[test]
fn an_issue_date_dates_a_page_with_no_review_date() {
    let text = "Iron tablets\nTake one tablet a day with a glass of orange juice.\nIssued: March 2023\nReview due: March 2025\n";
    assert_eq!(norm(text).reviewed_on.map(|d| d.to_string()), Some("2023-03-01".into()));
    let reviewed =
        "Iron tablets\nTake one tablet a day.\nPublished: 2 May 2019\nLast reviewed: 4 June 2021\n";
    assert_eq!(norm(reviewed).reviewed_on.map(|d| d.to_string()), Some("2021-06-04".into()));
}

#[test]
fn a_banner_sentence_the_article_never_echoes_does_not_open_it() {
    let text = "An official website of the county government\n\
        A .gov website belongs to an official government organization in the United States.\n\
        Menu\n\
        Tick bites and Lyme disease\n\
        Lyme disease spreads through the bite of an infected tick and is treated with antibiotics.\n\
        On this page\n\
        What is Lyme disease?\n\
        Removing a tick\n\
        What is Lyme disease?\n\
        Lyme disease is an infection that spreads when a tick carrying the bacteria bites a person.\n\
        Removing a tick\n\
        Remove a tick as soon as you find it, pulling it upward with clean tweezers.\n\
        Clean the bite after removing the tick, and do not crush the tick with your fingers.\n\
        Call your doctor if a rash or fever follows a tick bite within a few weeks.\n";
    let seed = norm(text);
    assert_eq!(seed.title.as_deref(), Some("Tick bites and Lyme disease"));
    assert_eq!(headings(&seed), ["What is Lyme disease?", "Removing a tick"]);
    assert!(!block_texts(&seed).iter().any(|t| t.contains(".gov")), "{:?}", block_texts(&seed));
}

#[test]
fn contents_entries_without_a_label_link_to_the_headings_below() {
    let text = "Eczema\n\
        Eczema makes the skin dry, itchy and cracked, and it often starts in childhood.\n\
        Causes of eczema\n\
        Treating eczema\n\
        Causes of eczema\n\
        Eczema often runs in families and flares up with soap, heat or stress.\n\
        Treating eczema\n\
        Moisturise the skin every day, even when it looks clear.\n";
    let seed = norm(text);
    assert_eq!(headings(&seed), ["Causes of eczema", "Treating eczema"]);
    assert_eq!(seed.blocks.len(), 5, "{:?}", block_texts(&seed));
}

#[test]
fn prompts_buttons_and_furniture_headings_are_not_headings() {
    let text = "Carpal tunnel release\n\
        This leaflet explains how to look after your hand after the operation.\n\
        Pain relief\n\
        Take regular pain relief for the first two or three days after the operation.\n\
        Was this leaflet helpful? Yes No\n\
        Exercises\n\
        Make a loose fist and then straighten your fingers, ten times, four times a day.\n\
        Did you find this answer useful for you?\n\
        Getting back to normal\n\
        Most people can drive again after about two weeks, once they can grip firmly.\n\
        \n\
        Shop hand care products\n\
        \n\
        Download this leaflet\n\
        Hand exercises sheet (PDF, 212KB)\n\
        When to get help\n\
        Call the ward if the wound becomes hot, red and painful, or leaks.\n";
    let seed = norm(text);
    assert_eq!(headings(&seed), ["Pain relief", "Exercises", "Getting back to normal", "When to get help"]);
}

#[test]
fn pull_quotes_and_credits_are_not_the_article() {
    let text = "Vitamin D does not stop colds, trial finds\n\
        Taking vitamin D through the winter does not lower the chance of catching a cold.\n\
        Around one in six adults take vitamin D in winter Photograph: Sally Brennan/Ledger Pictures\n\
        \"People hoped this would be a cheap way to stay healthy, but the evidence simply is not there,\" said Dr Kovac.\n\
        \"The evidence simply is not there\"\n\
        Vitamin D is still needed for healthy bones and muscles.\n";
    let texts: Vec<String> = block_texts(&norm(text)).iter().map(|t| t.to_string()).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("Photograph") || t.starts_with("\"The evidence")), "{texts:?}");
}

#[test]
fn unfinished_sentences_promise_lost_lists() {
    let text = "Kidney infection\n\
        A kidney infection needs prompt treatment with antibiotics from your doctor.\n\
        Symptoms often come on over a few hours. The most common ones are\n\
        Some people only become confused or unusually tired.\n\
        Call your doctor the same day if you notice any of the warning signs below.\n\
        Things to look out for\n\
        A high temperature that does not come down is a reason to call.\n";
    let seed = norm(text);
    let gaps: Vec<usize> = gaps(&seed).iter().map(|(line, _)| *line).collect();
    assert_eq!(gaps, [3, 5]);
    assert_eq!(headings(&seed), ["Things to look out for"]);
}

#[test]
fn contact_details_in_the_article_stay_and_the_footer_s_go() {
    let text = "Menu\n\
        Sore eyes\n\
        Most sore, sticky or red eyes are caused by conjunctivitis and clear up on their own.\n\
        \n\
        When to contact us\n\
        Contact the surgery if your eyes are not better after 7 days.\n\
        \n\
        Contact details\n\
        Millbrook Medical Practice\n\
        Telephone: 01632 960 412\n\
        Monday to Friday, 8am to 6.30pm\n\
        \n\
        Page last reviewed: 18 January 2024\n\
        Privacy | Cookies | Accessibility\n\
        Millbrook Surgery, 14 Station Road, Millbrook MB4 2QT\n\
        Telephone: 01632 960 000\n";
    let seed = norm(text);
    assert_eq!(headings(&seed), ["When to contact us", "Contact details"]);
    let texts = block_texts(&seed);
    for kept in ["Millbrook Medical Practice", "Telephone: 01632 960 412", "Monday to Friday, 8am to 6.30pm"]
    {
        assert!(texts.contains(&kept), "{kept} lost: {texts:?}");
    }
    assert!(!texts.iter().any(|t| t.contains("Station Road") || t.contains("960 000")), "{texts:?}");
}

#[test]
fn contact_detail_shapes() {
    use super::features::is_contact_detail;
    for yes in [
        "Telephone: 01632 960 412",
        "(555) 013-2200",
        "Email: reception@example.org",
        "Monday to Friday, 8.30am to 4.30pm",
        "14 Station Road, Millbrook, MB4 2QT",
        "2200 Elm Street, Springdale, 60601",
    ] {
        assert!(is_contact_detail(yes), "{yes}");
    }
    for no in
        ["Call 111 if the surgery is closed.", "Take 2 tablets 3 times a day.", "Updated 14 February 2024"]
    {
        assert!(!is_contact_detail(no), "{no}");
    }
}

#[test]
fn stamps_posted_dates_and_next_reviews() {
    let news = norm(
        "Low iron, doctors warn\n\
         Tiredness that will not go away could be a sign of low iron, a specialist said.\n\
         06:00, Tue, Mar 12, 2024 | UPDATED: 09:35, Wed, Mar 13, 2024\n\
         Heavy periods and pregnancy raise the risk of low iron in the blood.\n",
    );
    assert_eq!(news.reviewed_on.map(|d| d.to_string()).as_deref(), Some("2024-03-13"));
    let blog = norm(
        "Cold or allergies?\n\
         May 21, 2024 by Maria Lopez, PA-C\n\
         Every spring our phones ring with the same question about colds and allergies.\n",
    );
    assert_eq!(blog.reviewed_on.map(|d| d.to_string()).as_deref(), Some("2024-05-21"));
    let leaflet = norm(
        "Exercises after a hip replacement\n\
         Doing these exercises every day will help your new hip work well.\n\
         Issue date: June 2023\n\
         Review date: June 2026\n",
    );
    assert_eq!(leaflet.reviewed_on.map(|d| d.to_string()).as_deref(), Some("2023-06-01"));
}

#[test]
fn repeated_steps_numbered_sections_and_do_and_don_t_lists() {
    let text = "Hip exercises\n\
        Lie on your back with your legs straight and move your feet up and down.\n\
        Repeat 10 times.\n\
        Squeeze your buttocks together and hold them tight for five seconds.\n\
        Repeat 10 times.\n\
        Slide your heel towards your bottom and then slide it back down.\n\
        Repeat 10 times.\n\
        3. Looking after your hot tub\n\
        3.1 Every day\n\
        Check the disinfectant level before anyone uses the tub.\n\
        \n\
        Do\n\
        wear wraparound sunglasses\n\
        shower after you have been outside\n\
        Don't\n\
        do not cut grass\n\
        do not keep fresh flowers in the house\n\
        Speak to a pharmacist if you have hay fever\n\
        A pharmacist can suggest the best treatments, such as antihistamine tablets.\n";
    let seed = norm(text);
    assert_eq!(block_texts(&seed).iter().filter(|t| **t == "Repeat 10 times.").count(), 3);
    assert_eq!(
        headings(&seed),
        [
            "3. Looking after your hot tub",
            "3.1 Every day",
            "Do",
            "Don't",
            "Speak to a pharmacist if you have hay fever"
        ]
    );
}

#[test]
fn a_release_s_boilerplate_and_a_blog_s_comments_are_furniture() {
    let text = "Skip to main content\n\
        Riverside Health\n\
        Find a Doctor\n\
        Newsroom\n\
        \n\
        Short walks after meals lower blood pressure\n\
        By Dana Whitfield\n\
        Older adults who walked for ten minutes after each meal had lower readings after twelve weeks.\n\
        The trial enrolled 212 adults aged 65 to 84 who were not yet taking medicine.\n\
        The top number fell by an average of 7 points in the after-meal group.\n\
        About Riverside Health\n\
        Riverside Health is an academic medical center with four hospitals and many clinics in the region.\n\
        ###\n\
        6 thoughts on \u{201c}Short walks after meals lower blood pressure in older adults\u{201d}\n\
        Karen B.\n\
        This was so helpful, my father has started walking after dinner every day now.\n";
    // The rules keep the release's three sentences and nothing of its furniture.
    let lines = text_lines(text);
    let classes = super::classify::rule_classes(&lines, &Options::default());
    let kept: Vec<&str> = lines
        .iter()
        .zip(&classes)
        .filter(|(_, c)| **c == super::classify::Class::Body)
        .map(|(l, _)| l.text.as_str())
        .collect();
    assert_eq!(kept.len(), 3, "{kept:?}");
    // The line model then drops the last sentence as well (a short page's last line, next to
    // the boilerplate, with a figure in it): a known miss, recorded in docs/cleaner.md. It must
    // never drop more than that.
    let seed = norm(text);
    let texts = block_texts(&seed);
    assert!(texts.len() >= 2 && texts.iter().all(|t| kept.contains(t)), "{texts:?}");
}

#[test]
fn a_label_over_dropped_buttons_is_navigation_and_a_page_title_line_is_the_title() {
    let text = "Gout | Health A to Z | Example Health\n\
        Gout is a type of arthritis that causes sudden, severe pain and swelling in a joint.\n\
        Causes\n\
        Gout happens when uric acid builds up in the blood and forms crystals in a joint.\n\
        Online services:\n\
        Book an appointment\n\
        Order repeat prescriptions\n\
        \n\
        Symptoms include:\n\
        Most attacks of gout last a few days and then settle without lasting damage.\n";
    let seed = norm(text);
    assert_eq!(seed.title.as_deref(), Some("Gout"));
    let gaps: Vec<&str> = gaps(&seed).iter().map(|(_, t)| *t).collect();
    assert_eq!(gaps, ["Symptoms include:"]);
}

#[test]
fn items_in_lower_case_are_a_lost_list_with_or_without_a_colon() {
    let text = "Chickenpox\n\
        Chickenpox is a mild illness that most children catch, and it usually gets better in a week.\n\
        See a GP urgently if:\n\
        your child is under 4 weeks old and has the spots\n\
        the skin around the blisters is hot, swollen and painful, which can mean an infection has set in\n\
        There are things you can do to help your child feel more comfortable while the spots heal.\n\
        give them plenty of water to drink\n\
        keep their nails short so scratching does less harm\n\
        dress them in loose cotton clothes\n\
        Most children are back at nursery within about five days of the first spots.\n";
    let seed = norm(text);
    let items: Vec<&[String]> = lists(&seed).into_iter().map(|(_, items)| items).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].len(), 2, "the long lower-case item is one of them: {items:?}");
    assert_eq!(items[1].len(), 3, "{items:?}");
}

#[test]
fn labels_inside_a_run_of_links_go_with_the_menu() {
    let text = "Croup\n\
        Croup is a common infection of the windpipe in young children that causes a barking cough.\n\
        Most children get better in a couple of days with rest, fluids and comfort at home.\n\
        Related Articles:\n\
        Bronchiolitis\n\
        Whooping Cough\n\
        Clinics that treat this condition:\n\
        Respiratory Medicine\n\
        Emergency Department\n\
        © 2024 Example Children's Hospital. All rights reserved.\n";
    let texts: Vec<String> = block_texts(&norm(text)).iter().map(|t| t.to_string()).collect();
    for furniture in ["Whooping Cough", "Clinics that treat this condition:", "Respiratory Medicine"] {
        assert!(!texts.iter().any(|t| t == furniture), "{furniture:?} kept: {texts:?}");
    }
    assert_eq!(texts.len(), 2, "{texts:?}");
}

#[test]
fn a_numbered_question_over_its_own_numbered_list_is_a_heading() {
    let text = "Norovirus\n\
        Norovirus causes sudden vomiting and diarrhoea, and it spreads very easily between people.\n\
        4. How do I stop it spreading?\n\
        1. Wash your hands with soap and water, because alcohol gels do not kill the virus.\n\
        2. Stay off work or school until 48 hours after the symptoms stop.\n\
        + Show more advice\n\
        Most people feel better within two or three days.\n";
    let seed = norm(text);
    assert_eq!(headings(&seed), ["4. How do I stop it spreading?"]);
    assert!(!block_texts(&seed).iter().any(|t| t.contains("Show more")), "{:?}", block_texts(&seed));
}

#[test]
fn the_other_posts_of_a_thread_join_the_one_readability_keeps() {
    // A saved forum thread in old table layout: Readability keeps the first two posts only.
    let html = include_str!("../../tests/cleaner_corpus/81-forum-kidney-stone-passing.html");
    let options = Options { boilerplate: Vec::new(), region: Region::Us };
    let seed = normalize_seed("thread.html", html, &options);
    let texts = block_texts(&seed);
    for opening in ["Update: it passed this morning!", "Great news. Now ask your doctor"] {
        assert!(texts.iter().any(|t| t.starts_with(opening)), "{opening:?} lost: {texts:?}");
    }
}

#[test]
fn dates_in_the_footer_landmark_and_in_a_run_together_byline_are_lifted() {
    let body = "<p>Tennis elbow is pain around the outside of the elbow that often comes from overusing the \
        muscles of the forearm.</p><p>It usually gets better on its own within a year with rest and painkillers.</p>";
    let footer = format!(
        "<html><body><main><h1>Tennis elbow</h1>{body}</main>\
         <div role=\"contentinfo\"><p>This page was last edited on 3 March 2024, at 10:15.</p></div></body></html>"
    );
    let options = Options { boilerplate: Vec::new(), region: Region::Uk };
    assert_eq!(
        normalize_seed("elbow.html", &footer, &options).reviewed_on.map(|d| d.to_string()),
        Some("2024-03-03".into())
    );
    let byline = format!(
        "<html><body><main><h1>Tennis elbow</h1><div class=\"meta\"><span>By Priya Shah, RD</span> \
         <span>Updated Apr 2, 2024</span> <span>12 Comments</span></div>{body}</main></body></html>"
    );
    let seed =
        normalize_seed("elbow.html", &byline, &Options { boilerplate: Vec::new(), region: Region::Us });
    assert_eq!(seed.reviewed_on.map(|d| d.to_string()), Some("2024-04-02".into()));
}

#[test]
fn the_line_model_drops_only_paragraphs_it_is_sure_of() {
    use super::classify::{mark_learned_furniture, Class, Hint, SourceLine};
    use super::line_model::LineModel;
    let line = |number: usize, text: &str| SourceLine {
        number,
        text: text.into(),
        hint: Hint::Plain,
        linked: false,
        next_linked: false,
    };
    let lines = vec![
        line(1, "Your reliever inhaler opens the airways within minutes."),
        line(2, "Lakeview Breathing Network is a patient community, not a clinic."),
        line(3, "Lakeview Breathing Network"),
        line(4, "Keep a reliever with you wherever you go."),
        line(5, "A preventer inhaler calms the swelling over weeks."),
        line(6, "Rinse your mouth after using a steroid inhaler."),
        line(7, "See your nurse once a year to check your technique."),
    ];
    let mut model = LineModel { bias: -4.0, ..LineModel::default() };
    model.weights.insert("w:lakeview".into(), 9.0);
    let mut classes =
        vec![Class::Body, Class::Body, Class::Heading, Class::Body, Class::Body, Class::Body, Class::Body];
    mark_learned_furniture(&lines, &mut classes, &model);
    assert!(matches!(classes[1], Class::Junk(_)), "{classes:?}");
    // A heading is the rules' call, and prose the model is unsure of stays.
    assert_eq!(classes[2], Class::Heading);
    assert_eq!((classes[0].clone(), classes[3].clone()), (Class::Body, Class::Body));
    // A model sure of most of a page's paragraphs is misreading it, and drops none.
    let mut few = vec![Class::Body, Class::Body];
    mark_learned_furniture(&lines[..2], &mut few, &model);
    assert_eq!(few, vec![Class::Body, Class::Body]);
}

#[test]
fn forum_ranks_answerer_lines_ad_labels_and_screen_reader_labels_are_furniture() {
    let text = "Using a spacer with an inhaler\n\
        Thread starter Maple_Dan\n\
        Hero Member\n\
        My son has been given a spacer to use with his blue inhaler and I am not sure how to clean it.\n\
        Dr. Lena Ortiz answered\n\
        Wash the spacer once a month in warm soapy water and let it dry in the air without rinsing it.\n\
        If you get nosebleeds often, these habits can help:\n\
        Use a humidifier in the bedroom\n\
        Keep fingernails short\n\
        Ad · Sponsored\n\
        Replace the spacer every year, or sooner if it cracks or the valve stops moving.\n";
    let seed = norm(text);
    let texts = block_texts(&seed);
    for furniture in ["Thread starter Maple_Dan", "Hero Member", "Dr. Lena Ortiz answered", "Ad · Sponsored"]
    {
        assert!(!texts.contains(&furniture), "{furniture:?} kept: {texts:?}");
    }
    assert!(texts.iter().any(|t| t.starts_with("Replace the spacer")), "{texts:?}");

    let html = "<html><body><main><h1>Hay fever</h1>\
        <p>Hay fever is an allergy to pollen that makes you sneeze and gives you itchy eyes.</p>\
        <div class=\"inset\"><span class=\"app-u-visually-hidden\">Information: </span>\
        <p>There is no cure for hay fever, but most people can ease their symptoms with treatment.</p></div>\
        <p>A pharmacist can help you choose the right tablets, sprays or eye drops for you.</p>\
        </main></body></html>";
    let options = Options { boilerplate: Vec::new(), region: Region::Uk };
    let seed = normalize_seed("hay-fever.html", html, &options);
    let texts = block_texts(&seed);
    assert!(!texts.iter().any(|t| t.starts_with("Information")), "{texts:?}");
    assert!(gaps(&seed).is_empty(), "{:?}", gaps(&seed));
    assert!(texts.iter().any(|t| t.starts_with("There is no cure")), "{texts:?}");
}

#[test]
fn a_page_s_title_case_headings_decide_its_sentence_case_fragments() {
    let text = "Acute Low Back Pain\n\
        Sudden low back pain is very common, and most people feel much better within six weeks.\n\
        What Causes It?\n\
        Often there is no single cause, and lifting or a long drive can set it off.\n\
        Things That Help\n\
        Stay as active as you can\n\
        Keep moving little and often, even if it is just walking around the house\n\
        Go back to work as soon as you can; you do not need to be pain-free first\n\
        Things That Usually Do Not Help\n\
        Bed rest for more than a day or two\n\
        Wearing a back brace or support belt\n\
        Waiting for the pain to go before doing anything\n\
        Gentle Exercises\n\
        Try these three times a day, and stop any exercise that makes the pain spread down your leg.\n\
        When To Get Urgent Help\n\
        Call 999 if you have back pain and numbness around your bottom or you cannot pee.\n";
    let seed = norm(text);
    let got = headings(&seed);
    assert_eq!(
        got,
        [
            "What Causes It?",
            "Things That Help",
            "Things That Usually Do Not Help",
            "Gentle Exercises",
            "When To Get Urgent Help"
        ],
        "{:?}",
        block_texts(&seed)
    );
    assert!(block_texts(&seed).contains(&"Stay as active as you can"));
}
