//! Writes a large, deterministic patient-education corpus for benchmarks: N articles of
//! 800-1,200 words of short plain sentences, a glossary of G terms, a `site.yaml`, and
//! optionally the same corpus as a Hugo site so both generators build equal work.
//!
//! Run: `cargo run --release --example gen_corpus -- --pages 1000 --terms 300 --topics 300 --seed 1 --out DIR [--hugo DIR2]`
//!
//! The Hugo twin renders the same page structure as plainleaf's `clinic` theme: a footer with
//! the 8 most-used topics and "All topics", a home page with the 12 most-used topics and 6
//! cards each, topic pages split into pages of 50 with previous/next links, and the glossary.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

/// Command-line options.
#[derive(Parser)]
#[command(about = "Generate a plainleaf benchmark corpus (and optionally its Hugo twin)")]
struct Args {
    /// Number of articles.
    #[arg(long, default_value_t = 1000)]
    pages: usize,
    /// Number of glossary terms.
    #[arg(long, default_value_t = 300)]
    terms: usize,
    /// Number of topics the articles are spread over (a few are used far more than others).
    #[arg(long, default_value_t = 300)]
    topics: usize,
    /// Seed for the random generator; the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The plainleaf site folder to write (emptied first when it holds a site.yaml).
    #[arg(long)]
    out: PathBuf,
    /// Also write the same corpus as a Hugo site here.
    #[arg(long)]
    hugo: Option<PathBuf>,
}

/// SplitMix64: tiny, fast and good enough to vary text; no crate needed.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// Word lists. Everyday words only, so the prose reads at a low grade and no list word is a
// glossary term by accident.
const WHO: &[&str] = &[
    "your care team",
    "your doctor",
    "a nurse",
    "your pharmacist",
    "many people",
    "some people",
    "most adults",
    "your family",
    "a friend",
    "children",
    "older adults",
    "the clinic staff",
];
const CAN: &[&str] = &["can", "may", "will", "should", "might"];
const HELP_VERB: &[&str] = &[
    "help you",
    "talk with you",
    "check on you",
    "answer your questions",
    "explain the next steps",
    "show you what to do",
    "plan your care",
    "look at your results",
];
const BODY: &[&str] = &[
    "heart", "lungs", "skin", "blood", "bones", "back", "stomach", "eyes", "feet", "joints", "muscles",
    "kidneys", "liver", "brain",
];
const FEEL: &[&str] = &[
    "tired",
    "sore",
    "dizzy",
    "weak",
    "better",
    "worse",
    "stiff",
    "short of breath",
    "upset",
    "calm",
    "hungry",
    "thirsty",
];
const THING: &[&str] = &[
    "a short walk",
    "a glass of water",
    "a healthy meal",
    "your medicine",
    "a good night of sleep",
    "a list of questions",
    "a follow-up visit",
    "a simple blood test",
    "a note of your symptoms",
    "a rest break",
    "fresh fruit",
    "a warm bath",
];
const WHEN: &[&str] = &[
    "each day",
    "at night",
    "in the morning",
    "after meals",
    "before your visit",
    "for a few weeks",
    "once a week",
    "when you wake up",
    "during the day",
    "over time",
];
const DO: &[&str] =
    &["take", "keep", "bring", "plan", "try", "write down", "ask for", "get", "choose", "share"];
const CONNECT: &[&str] = &["and", "but", "so", "because", "if", "when", "while"];

/// Sentence patterns; slots in braces are filled from the lists above (`{term}` from the glossary).
/// The first ones are statements, which can follow a connector; the rest only start a sentence.
const PATTERNS: &[&str] = &[
    "{who} {can} {help}",
    "your {body} may feel {feel} {when}",
    "it helps to {do} {thing}",
    "{who} {can} {help} about {term}",
    "{term} can make your {body} feel {feel}",
    "you may feel {feel} {when}",
    "{who} {can} {do} {thing} {when}",
    "this is common and it is not your fault",
    "{term} is one reason your {body} may feel {feel}",
    "you can {do} {thing} at home",
    "most of the time {term} gets better {when}",
    "{do} {thing} {when}",
    "ask {who} what {term} means for you",
    "tell {who} if you feel {feel}",
    "call {who} right away if {term} makes you feel {feel}",
];
/// How many of `PATTERNS` (from the start) are statements.
const STATEMENTS: usize = 11;

const HEADINGS: &[&str] = &[
    "What is it",
    "Why it happens",
    "Signs to watch for",
    "How it is found",
    "How it is treated",
    "What you can do at home",
    "When to call your care team",
    "Living with it",
    "Tips for your family",
    "Questions people often ask",
    "What to expect at your visit",
    "How to stay well",
];

const TOPICS: &[&str] = &[
    "heart health",
    "diabetes",
    "asthma",
    "cancer care",
    "pregnancy",
    "child health",
    "mental health",
    "sleep",
    "nutrition",
    "exercise",
    "pain",
    "skin care",
    "eye health",
    "hearing",
    "kidney health",
    "liver health",
    "bone health",
    "joint health",
    "allergies",
    "infections",
    "vaccines",
    "medicines",
    "surgery",
    "tests and scans",
    "older adults",
    "women's health",
    "men's health",
    "teen health",
    "stomach and bowel",
    "lungs and breathing",
    "blood health",
    "brain and nerves",
    "immune system",
    "gene therapy",
    "clinical trials",
    "rare diseases",
    "caregiving",
    "end of life care",
    "dental health",
    "travel health",
];

const REAL_TERMS: &[(&str, &str, &[&str])] = &[
    ("blood pressure", "How hard your blood pushes on the walls of your blood vessels.", &[]),
    ("cholesterol", "A fat in your blood. Too much can block blood flow.", &[]),
    ("insulin", "A hormone that helps sugar move from your blood into your cells.", &[]),
    ("inflammation", "Swelling, redness and heat where your body is fighting harm.", &["inflamed"]),
    ("antibiotic", "A medicine that kills germs called bacteria.", &["antibiotics"]),
    ("biopsy", "Taking a tiny piece of tissue to look at under a microscope.", &["biopsies"]),
    ("chronic", "Lasting a long time or coming back again and again.", &[]),
    ("diagnosis", "Finding out which illness or problem you have.", &["diagnosed"]),
    ("prognosis", "How an illness is likely to go over time.", &[]),
    ("vaccine", "A shot that teaches your body to fight a germ.", &["vaccines", "vaccination"]),
    ("hypertension", "When the push of blood in your vessels stays too strong.", &["high blood pressure"]),
    ("anemia", "Having too few red blood cells to carry oxygen.", &["anaemia"]),
    ("arthritis", "Pain and swelling in the joints.", &[]),
    ("dialysis", "A treatment that cleans your blood when your kidneys cannot.", &[]),
    ("allergen", "Something that causes an allergic reaction.", &["allergens"]),
    ("immune system", "The parts of your body that fight germs.", &[]),
    ("side effect", "An unwanted problem a medicine or treatment can cause.", &["side effects"]),
    ("clinical trial", "A research study that tests a new treatment in people.", &["clinical trials"]),
    ("gene", "A tiny instruction in your cells that you get from your parents.", &["genes"]),
    ("symptom", "A sign of illness that you notice, like pain.", &["symptoms"]),
    ("MRI", "A scan that uses magnets to make pictures of the inside of your body.", &[]),
    ("CT scan", "A scan that uses X-rays to make detailed pictures.", &["CT scans"]),
    ("ECG", "A test that records the electrical signals of your heart.", &["EKG"]),
    ("stroke", "When blood flow to part of the brain stops.", &["strokes"]),
];

const SYLLABLES: &[&str] = &[
    "he", "ma", "to", "poi", "et", "ic", "cel", "lu", "lar", "gen", "o", "ther", "a", "py", "im", "mu", "de",
    "fi", "cy", "lym", "pho", "mar", "vec", "tor", "vi", "ral", "car", "di", "ol", "neu", "ro", "sis",
    "derm", "bron", "chi", "tis", "ren", "al", "pa", "thy", "gas", "tro", "en", "ter", "os", "te",
];
const SUFFIXES: &[&str] = &["itis", "osis", "emia", "pathy", "ectomy", "algia", "oma", "plasty"];

/// One glossary entry as the generator knows it.
struct Term {
    term: String,
    plain: String,
    also: Vec<String>,
    more: Option<String>,
}

/// One generated article.
struct Article {
    slug: String,
    title: String,
    summary: String,
    key_points: Vec<String>,
    actions: Vec<String>,
    questions: Vec<String>,
    topics: Vec<String>,
    reviewed_on: String,
    reviewed_next: String,
    reviewer: String,
    sources: Vec<(String, String)>,
    /// Markdown body with `@/page-xxxxx.md` links.
    body: String,
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn slug_of(index: usize) -> String {
    format!("page-{:05}", index + 1)
}

fn make_glossary(rng: &mut Rng, count: usize) -> Vec<Term> {
    // Every phrase is unique ignoring case, and none is an everyday word from the lists, so the
    // glossary validates and marking only hits real terms.
    let mut taken: HashSet<String> = HashSet::new();
    let everyday: HashSet<String> = [WHO, BODY, FEEL, THING, WHEN, DO, HEADINGS]
        .iter()
        .flat_map(|list| list.iter())
        .flat_map(|s| s.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    let mut terms = Vec::with_capacity(count);
    for (term, plain, also) in REAL_TERMS.iter().take(count) {
        taken.insert(term.to_lowercase());
        taken.extend(also.iter().map(|a| a.to_lowercase()));
        terms.push(Term {
            term: term.to_string(),
            plain: plain.to_string(),
            also: also.iter().map(|a| a.to_string()).collect(),
            more: Some(format!("{plain} Ask your care team what this means for you.")),
        });
    }
    let mut attempts = 0;
    while terms.len() < count {
        attempts += 1;
        let syllables = rng.range(2, 4);
        let mut word: String = (0..syllables).map(|_| *rng.pick(SYLLABLES)).collect();
        let suffix = rng.pick(SUFFIXES);
        word.push_str(suffix);
        // Past a few thousand collisions, a counter keeps large glossaries unique.
        if attempts > count * 4 {
            word.push_str(&to_letters(attempts));
        }
        let two_words = rng.chance(25);
        let term =
            if two_words { format!("{word} {}", rng.pick(&["disease", "syndrome", "test"])) } else { word };
        let key = term.to_lowercase();
        if taken.contains(&key) || everyday.contains(&key) {
            continue;
        }
        let mut also = Vec::new();
        let plural =
            ["oma", "ectomy", "plasty"].iter().find(|end| term.ends_with(*end)).map(|end| match *end {
                "oma" => format!("{term}s"),
                _ => format!("{}ies", &term[..term.len() - 1]),
            });
        if let Some(plural) = plural.filter(|_| rng.chance(60)) {
            if taken.insert(plural.to_lowercase()) {
                also.push(plural);
            }
        }
        if rng.chance(15) {
            let abbreviation =
                format!("{}{}", term[..2].to_uppercase(), to_letters(terms.len()).to_uppercase());
            if abbreviation.len() >= 3 && taken.insert(abbreviation.to_lowercase()) {
                also.push(abbreviation);
            }
        }
        taken.insert(key);
        let plain = format!(
            "A problem that makes your {} feel {} {}.",
            rng.pick(BODY),
            rng.pick(FEEL),
            rng.pick(WHEN)
        );
        let more = rng.chance(50).then(|| {
            format!("{plain} It is often found at a checkup. Your care team can tell you more about it.")
        });
        terms.push(Term { term, plain, also, more });
    }
    terms
}

/// A number written with letters (a, b, ..., z, ba, ...) so made-up words stay words.
fn to_letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Writes sentences for one article, using its own handful of glossary terms.
struct Writer<'a> {
    rng: &'a mut Rng,
    glossary: &'a [Term],
    article_terms: Vec<usize>,
}

impl Writer<'_> {
    fn term_phrase(&mut self) -> String {
        let entry = &self.glossary[*self.rng.pick(&self.article_terms)];
        if !entry.also.is_empty() && self.rng.chance(30) {
            self.rng.pick(&entry.also).clone()
        } else {
            entry.term.clone()
        }
    }

    fn clause(&mut self, statement_only: bool) -> String {
        let pattern =
            if statement_only { *self.rng.pick(&PATTERNS[..STATEMENTS]) } else { *self.rng.pick(PATTERNS) };
        let mut out = String::with_capacity(pattern.len() + 40);
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').unwrap_or(0);
            let slot = &rest[open + 1..close];
            let filled = match slot {
                "who" => self.rng.pick(WHO).to_string(),
                "can" => self.rng.pick(CAN).to_string(),
                "help" => self.rng.pick(HELP_VERB).to_string(),
                "body" => self.rng.pick(BODY).to_string(),
                "feel" => self.rng.pick(FEEL).to_string(),
                "thing" => self.rng.pick(THING).to_string(),
                "when" => self.rng.pick(WHEN).to_string(),
                "do" => self.rng.pick(DO).to_string(),
                _ => self.term_phrase(),
            };
            out.push_str(&filled);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// One sentence of roughly 6-20 words: one to three clauses joined by simple connectors.
    fn sentence(&mut self) -> String {
        let target = self.rng.range(6, 20);
        let mut text = self.clause(false);
        let mut clauses = 1;
        while text.split_whitespace().count() + 3 < target && clauses < 3 {
            let connector = *self.rng.pick(CONNECT);
            let next = self.clause(true);
            text = format!("{text}, {connector} {next}");
            clauses += 1;
        }
        let mut sentence = capitalize(&text);
        sentence.push('.');
        sentence
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        (0..sentences).map(|_| self.sentence()).collect::<Vec<_>>().join(" ")
    }
}

/// Words that make up topic names beyond the 40 written out in [`TOPICS`].
const TOPIC_AREAS: &[&str] = &[
    "heart", "lung", "kidney", "liver", "skin", "eye", "ear", "bone", "joint", "blood", "brain", "nerve",
    "stomach", "bowel", "bladder", "thyroid", "muscle", "spine", "foot", "hand", "mouth", "throat", "nose",
    "breast", "prostate",
];
const TOPIC_KINDS: &[&str] = &[
    "care",
    "tests",
    "surgery",
    "medicines",
    "problems",
    "infections",
    "cancer",
    "pain",
    "checkups",
    "injuries",
    "conditions",
    "screening",
    "recovery",
    "rehabilitation",
    "health in children",
    "health in older adults",
];

/// `count` distinct topic names: the written-out ones first, then area and kind pairs, then
/// numbered ones.
fn make_topics(count: usize) -> Vec<String> {
    let mut names: Vec<String> = TOPICS.iter().take(count).map(|t| t.to_string()).collect();
    let mut seen: HashSet<String> = names.iter().cloned().collect();
    'pairs: for kind in TOPIC_KINDS {
        for area in TOPIC_AREAS {
            if names.len() >= count {
                break 'pairs;
            }
            let name = format!("{area} {kind}");
            if seen.insert(name.clone()) {
                names.push(name);
            }
        }
    }
    let mut n = 1;
    while names.len() < count {
        names.push(format!("health topic {n}"));
        n += 1;
    }
    names
}

/// A topic index skewed towards the first topics, as on real sites: a few are on many pages,
/// most on a few.
fn pick_topic(rng: &mut Rng, count: usize) -> usize {
    let u = rng.below(1 << 20) as f64 / f64::from(1u32 << 20);
    ((u * u * count as f64) as usize).min(count - 1)
}

fn make_article(
    rng: &mut Rng,
    index: usize,
    pages: usize,
    glossary: &[Term],
    titles: &[String],
    topic_names: &[String],
) -> Article {
    let mut article_terms: Vec<usize> = (0..rng.range(8, 20)).map(|_| rng.below(glossary.len())).collect();
    article_terms.sort_unstable();
    article_terms.dedup();
    let main_term = glossary[article_terms[0]].term.clone();
    let topics: Vec<String> = {
        let mut chosen: Vec<String> =
            (0..rng.range(1, 3)).map(|_| topic_names[pick_topic(rng, topic_names.len())].clone()).collect();
        chosen.sort();
        chosen.dedup();
        chosen
    };
    let target_words = rng.range(800, 1200);
    let mut writer = Writer { rng, glossary, article_terms };

    let mut body = String::with_capacity(target_words * 7);
    let mut words = 0;
    let mut headings: Vec<&str> = HEADINGS.to_vec();
    let mut links_left = if pages > 1 { writer.rng.range(2, 5) } else { 0 };
    let intro_sentences = writer.rng.range(3, 5);
    let intro = writer.paragraph(intro_sentences);
    words += intro.split_whitespace().count();
    body.push_str(&intro);
    body.push_str("\n\n");
    while words < target_words {
        let heading = if headings.is_empty() {
            "More to know"
        } else {
            headings.remove(writer.rng.below(headings.len()))
        };
        let _ = writeln!(body, "## {heading}\n");
        words += heading.split_whitespace().count();
        for _ in 0..writer.rng.range(1, 3) {
            if words >= target_words {
                break;
            }
            let sentences = writer.rng.range(2, 6);
            let mut paragraph = writer.paragraph(sentences);
            if links_left > 0 && writer.rng.chance(50) {
                let mut target = writer.rng.below(pages);
                if target == index {
                    target = (target + 1) % pages;
                }
                let _ = write!(
                    paragraph,
                    " Read more in [{}](@/{}.md).",
                    titles[target].to_lowercase(),
                    slug_of(target)
                );
                links_left -= 1;
            }
            words += paragraph.split_whitespace().count();
            body.push_str(&paragraph);
            body.push_str("\n\n");
        }
        if writer.rng.chance(45) && words < target_words {
            for _ in 0..writer.rng.range(3, 6) {
                let item = writer.clause(false);
                words += item.split_whitespace().count();
                let _ = writeln!(body, "- {}.", capitalize(&item));
            }
            body.push('\n');
        }
    }
    // Links that did not land in a paragraph go at the end, so every article has some.
    while links_left > 0 {
        let target = (index + links_left * 7919) % pages;
        if target != index {
            let _ =
                writeln!(body, "See also [{}](@/{}.md).\n", titles[target].to_lowercase(), slug_of(target));
        }
        links_left -= 1;
    }

    let rng = writer.rng;
    let month = rng.range(1, 10);
    let day = rng.range(1, 28);
    Article {
        slug: slug_of(index),
        title: titles[index].clone(),
        summary: format!(
            "Learn what {main_term} is, how it can affect your {}, and what you can do about it.",
            rng.pick(BODY)
        ),
        key_points: (0..rng.range(3, 5))
            .map(|_| Writer { rng: &mut *rng, glossary, article_terms: vec![0] }.sentence())
            .collect(),
        actions: (0..rng.range(2, 4))
            .map(|_| {
                let verb = rng.pick(DO);
                format!("{} {} {}.", capitalize(verb), rng.pick(THING), rng.pick(WHEN))
            })
            .collect(),
        questions: (0..rng.range(2, 5))
            .map(|_| format!("Could my {} feel {} because of {main_term}?", rng.pick(BODY), rng.pick(FEEL)))
            .collect(),
        topics,
        reviewed_on: format!("2026-{month:02}-{day:02}"),
        reviewed_next: format!("2028-{month:02}-{day:02}"),
        reviewer: "Patient Education Team".to_string(),
        sources: (0..rng.range(1, 3))
            .map(|n| {
                (
                    format!("{} guide, part {}", capitalize(&main_term), n + 1),
                    format!("https://example.org/guides/{}/{}", slug_of(index), n + 1),
                )
            })
            .collect(),
        body,
    }
}

fn make_titles(rng: &mut Rng, pages: usize, glossary: &[Term]) -> Vec<String> {
    const FORMS: &[&str] = &[
        "{t}: what to know",
        "Living with {t}",
        "{t}: questions and answers",
        "Caring for someone with {t}",
        "{t} and your daily life",
        "Getting ready for a {t} visit",
    ];
    (0..pages)
        .map(|_| {
            let term = &glossary[rng.below(glossary.len())].term;
            capitalize(&rng.pick(FORMS).replace("{t}", term))
        })
        .collect()
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn yaml_list(out: &mut String, key: &str, items: &[String]) {
    let _ = writeln!(out, "{key}:");
    for item in items {
        let _ = writeln!(out, "  - {}", quoted(item));
    }
}

/// Front-matter both generators accept (Hugo keeps unknown keys as params).
fn front_matter(article: &Article) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", quoted(&article.title));
    let _ = writeln!(out, "summary: {}", quoted(&article.summary));
    yaml_list(&mut out, "key_points", &article.key_points);
    yaml_list(&mut out, "actions", &article.actions);
    yaml_list(&mut out, "questions_to_ask", &article.questions);
    let topics: Vec<String> = article.topics.iter().map(|t| quoted(t)).collect();
    let _ = writeln!(out, "topics: [{}]", topics.join(", "));
    let _ = writeln!(
        out,
        "reviewed: {{ on: {}, by: {}, next: {} }}",
        article.reviewed_on,
        quoted(&article.reviewer),
        article.reviewed_next
    );
    let _ = writeln!(out, "sources:");
    for (title, url) in &article.sources {
        let _ = writeln!(out, "  - title: {}\n    url: {}", quoted(title), url);
    }
    out.push_str("---\n");
    out
}

fn glossary_yaml(glossary: &[Term]) -> String {
    let mut out = String::from("# Generated benchmark glossary.\n");
    for entry in glossary {
        let _ = writeln!(out, "- term: {}", quoted(&entry.term));
        let _ = writeln!(out, "  plain: {}", quoted(&entry.plain));
        if !entry.also.is_empty() {
            let also: Vec<String> = entry.also.iter().map(|a| quoted(a)).collect();
            let _ = writeln!(out, "  also: [{}]", also.join(", "));
        }
        if let Some(more) = &entry.more {
            let _ = writeln!(out, "  more: {}", quoted(more));
        }
    }
    out
}

const SITE_TITLE: &str = "Benchmark Health Library";
const SITE_DESCRIPTION: &str = "Plain-language guides to common health topics, made for benchmarks.";

fn site_yaml() -> String {
    format!(
        "title: {}\ndescription: {}\nlanguage: en\ntheme: clinic\nreading_grade: 8\ndisclaimer: {}\norganization: {}\n",
        quoted(SITE_TITLE),
        quoted(SITE_DESCRIPTION),
        quoted("This page is for general information. It is not medical advice."),
        quoted("Benchmark Clinic")
    )
}

/// A folder this tool writes a site into. Files whose bytes are already right are left
/// alone and only files the new corpus lacks are deleted, so regenerating the same corpus
/// frees no inodes: on this machine's disk a freed inode slows every file created over the
/// next minutes (see SETTLE in scripts/bench), and the bench regenerates before every size.
struct CorpusDir {
    root: PathBuf,
    stale: HashSet<PathBuf>,
}

impl CorpusDir {
    /// Open `dir`, refusing a non-empty folder without `marker` (not a site this tool wrote).
    fn open(dir: &Path, marker: &str) -> std::io::Result<Self> {
        let mut stale = HashSet::new();
        if dir.exists() {
            let empty = fs::read_dir(dir)?.next().is_none();
            if !empty && !dir.join(marker).exists() {
                return Err(std::io::Error::other(format!(
                    "{} is not empty and has no {marker}; refusing to overwrite it",
                    dir.display()
                )));
            }
            for entry in walkdir::WalkDir::new(dir) {
                let entry = entry.map_err(std::io::Error::other)?;
                if entry.file_type().is_file() {
                    stale.insert(entry.into_path());
                }
            }
        }
        fs::create_dir_all(dir)?;
        Ok(CorpusDir { root: dir.to_path_buf(), stale })
    }

    /// Write `bytes` to `rel` under the folder, unless the file already holds them.
    fn write(&mut self, rel: &str, bytes: impl AsRef<[u8]>) -> std::io::Result<()> {
        let path = self.root.join(rel);
        let bytes = bytes.as_ref();
        if self.stale.remove(&path) && fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes)
    }

    /// Delete the files of the old corpus that the new one did not write.
    fn finish(self) -> std::io::Result<()> {
        for path in self.stale {
            fs::remove_file(path)?;
        }
        Ok(())
    }
}

fn write_plainleaf(dir: &Path, articles: &[Article], glossary: &[Term]) -> std::io::Result<()> {
    let mut out = CorpusDir::open(dir, "site.yaml")?;
    out.write("site.yaml", site_yaml())?;
    out.write("content/glossary.yaml", glossary_yaml(glossary))?;
    for article in articles {
        let text = format!("{}\n{}", front_matter(article), article.body);
        out.write(&format!("content/{}.md", article.slug), text)?;
    }
    out.finish()
}

const HUGO_BASEOF: &str = r##"<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="stylesheet" href="{{ "css/style.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><div class="wrap"><a class="site-title" href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Main"><ul><li><a href="{{ "/" | relURL }}">Home</a></li><li><a href="{{ "glossary/" | relURL }}">Glossary</a></li></ul></nav></div></header>
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap">
<nav aria-label="Topics"><ul>{{ range first 8 site.Taxonomies.topics.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}
<li><a href="{{ "topics/" | relURL }}">All topics ({{ len site.Taxonomies.topics }})</a></li></ul></nav>
<p>{{ site.Params.organization }}</p></div></footer>
</body>
</html>
"##;

const HUGO_SINGLE: &str = r##"{{ define "title" }}{{ .Title }} | {{ site.Title }}{{ end }}
{{ define "main" }}
<article class="article wrap">
  <nav aria-label="Breadcrumb" class="breadcrumbs"><ol><li><a href="{{ "/" | relURL }}">Home</a></li>
  {{ with .GetTerms "topics" }}<li><a href="{{ (index . 0).RelPermalink }}">{{ (index . 0).LinkTitle }}</a></li>{{ end }}
  <li aria-current="page">{{ .Title }}</li></ol></nav>
  <h1>{{ .Title }}</h1>
  <p class="reading-level">Reading time: {{ .ReadingTime }} minutes, {{ .WordCount }} words</p>
  {{ with .Params.summary }}<p class="summary">{{ . | markdownify }}</p>{{ end }}
  {{ with .Params.key_points }}<section class="key-points" aria-labelledby="key-points"><h2 id="key-points">Key points</h2>
  <ul>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ul></section>{{ end }}
  <div class="content">
  {{ .Content }}
  </div>
  {{ with .Params.actions }}<section class="actions" aria-labelledby="actions"><h2 id="actions">What you can do</h2>
  <ul>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ul></section>{{ end }}
  {{ with .Params.questions_to_ask }}<section class="questions" aria-labelledby="questions"><h2 id="questions">Questions to ask your care team</h2>
  <ul>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ul></section>{{ end }}
  {{ with .Params.reviewed }}<section class="review" aria-labelledby="review"><h2 id="review">About this page</h2>
  <p>Page last reviewed: <time datetime="{{ .on }}">{{ .on }}</time>{{ with .by }} by {{ . }}{{ end }}.</p>
  {{ with .next }}<p>Next review due: <time datetime="{{ . }}">{{ . }}</time>.</p>{{ end }}</section>{{ end }}
  {{ with .Params.sources }}<section class="sources" aria-labelledby="sources"><h2 id="sources">Sources</h2>
  <ul>{{ range . }}<li>{{ with .url }}<a href="{{ . }}">{{ end }}{{ .title }}{{ with .url }}</a>{{ end }}</li>{{ end }}</ul></section>{{ end }}
  {{ $related := site.RegularPages.Related . | first 4 }}
  {{ with $related }}<nav class="related" aria-label="Related articles"><h2>Related articles</h2>
  <ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>{{ end }}
  {{ with site.Params.disclaimer }}<p class="disclaimer">{{ . }}</p>{{ end }}
</article>
{{ end }}
"##;

/// The take-home sheet plainleaf makes for every article (`<slug>/handout/index.html`): the
/// twin makes one per article too (Hugo writes it under `handout/<slug>/`), so both write the
/// same number of pages and folders.
const HUGO_SHEET: &str = r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{ .Title }}: take-home sheet | {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "css/style.css" | relURL }}">
</head>
<body class="sheet">
<main id="main">
<p><a href="{{ .RelPermalink }}">Back to the full page</a></p>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . | markdownify }}</p>{{ end }}
{{ with .Params.key_points }}<h2>Key points</h2><ul>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.actions }}<h2>What you can do</h2><ul>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.questions_to_ask }}<h2>Questions to ask your care team</h2><ul>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.reviewed }}<p>Reviewed {{ .on }}{{ with .by }} by {{ . }}{{ end }}.</p>{{ end }}
<p>Full page: {{ .Permalink }}</p>
</main>
</body>
</html>
"##;

const HUGO_LIST: &str = r##"{{ define "title" }}{{ .Title }} | {{ site.Title }}{{ end }}
{{ define "main" }}
<div class="wrap">
  <nav aria-label="Breadcrumb" class="breadcrumbs"><ol><li><a href="{{ "/" | relURL }}">Home</a></li><li aria-current="page">{{ .Title }}</li></ol></nav>
  <h1>{{ .Title }}</h1>
  {{ if eq .Layout "glossary" }}
  <dl class="glossary">{{ range site.Data.glossary }}<dt id="{{ .term | urlize }}">{{ .term }}</dt><dd>{{ .plain }}{{ with .more }}<p>{{ . }}</p>{{ end }}</dd>{{ end }}</dl>
  {{ else }}
  {{ $pager := .Paginate .Pages 50 }}
  <ul class="cards">
  {{ range $pager.Pages }}<li class="card"><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.summary }}</p></li>{{ end }}
  </ul>
  {{ if gt $pager.TotalPages 1 }}<nav class="pagination" aria-label="More pages of this list"><p>Page {{ $pager.PageNumber }} of {{ $pager.TotalPages }}</p><ul>
  {{ with $pager.Prev }}<li><a href="{{ .URL }}" rel="prev">Previous page</a></li>{{ end }}
  {{ with $pager.Next }}<li><a href="{{ .URL }}" rel="next">Next page</a></li>{{ end }}</ul></nav>{{ end }}
  {{ end }}
</div>
{{ end }}
"##;

const HUGO_INDEX: &str = r##"{{ define "main" }}
<div class="wrap">
  <h1>{{ site.Title }}</h1>
  <p class="summary">{{ site.Params.description }}</p>
  {{ range $i, $t := first 12 site.Taxonomies.topics.ByCount }}
  <section class="topic" aria-labelledby="topic-{{ $i }}">
    <h2 id="topic-{{ $i }}"><a href="{{ $t.Page.RelPermalink }}">{{ $t.Page.Title }}</a></h2>
    <ul class="cards">{{ range first 6 $t.Pages }}<li class="card"><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.summary }}</p></li>{{ end }}</ul>
    <p class="more-link"><a href="{{ $t.Page.RelPermalink }}">All {{ $t.Count }} pages about {{ $t.Page.Title }}</a></p>
  </section>
  {{ end }}
  <p class="more-link"><a href="{{ "topics/" | relURL }}">All {{ len site.Taxonomies.topics }} topics</a></p>
</div>
{{ end }}
"##;

fn hugo_toml() -> String {
    format!(
        r#"baseURL = "https://example.org/"
languageCode = "en"
title = {}
# Keep the output comparable with plainleaf: home, one page per article, topic pages, glossary.
disableKinds = ["RSS", "sitemap", "robotsTXT"]
enableRobotsTXT = false

[taxonomies]
topic = "topics"

# Every article also gets a take-home sheet page, as plainleaf's articles do.
[outputFormats.handout]
mediaType = "text/html"
baseName = "index"
path = "handout"
isHTML = true
noUgly = true

[outputs]
page = ["html", "handout"]

[params]
description = {}
organization = "Benchmark Clinic"
disclaimer = "This page is for general information. It is not medical advice."

[related]
includeNewer = true
threshold = 1
toLower = true
[[related.indices]]
name = "topics"
weight = 10
"#,
        quoted(SITE_TITLE),
        quoted(SITE_DESCRIPTION)
    )
}

/// Rewrite plainleaf's `(@/page-00042.md)` links as Hugo's relative `(../page-00042/)`.
fn hugo_links(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("(@/") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        match after.find(".md)") {
            Some(end) => {
                let _ = write!(out, "(../{}/)", &after[..end]);
                rest = &after[end + 4..];
            }
            None => {
                out.push_str("(@/");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn write_hugo(dir: &Path, articles: &[Article], glossary: &[Term]) -> std::io::Result<()> {
    let mut out = CorpusDir::open(dir, "hugo.toml")?;
    out.write("hugo.toml", hugo_toml())?;
    out.write("layouts/_default/baseof.html", HUGO_BASEOF)?;
    out.write("layouts/_default/single.html", HUGO_SINGLE)?;
    out.write("layouts/_default/single.handout.html", HUGO_SHEET)?;
    out.write("layouts/_default/list.html", HUGO_LIST)?;
    out.write("layouts/index.html", HUGO_INDEX)?;
    out.write("static/css/style.css", "body { font: 1.125rem/1.6 system-ui, sans-serif; }\n")?;
    out.write("data/glossary.yaml", glossary_yaml(glossary))?;
    // A section page with its own layout lists the glossary, like plainleaf's glossary page.
    out.write("content/glossary/_index.md", "---\ntitle: \"Glossary\"\nlayout: glossary\n---\n")?;
    for article in articles {
        let text = format!("{}\n{}", front_matter(article), hugo_links(&article.body));
        out.write(&format!("content/{}.md", article.slug), text)?;
    }
    out.finish()
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.pages == 0 || args.terms == 0 || args.topics == 0 {
        eprintln!("gen_corpus: --pages, --terms and --topics must be at least 1");
        return ExitCode::from(2);
    }
    let mut rng = Rng(args.seed);
    let glossary = make_glossary(&mut rng, args.terms);
    let titles = make_titles(&mut rng, args.pages, &glossary);
    let topic_names = make_topics(args.topics);
    let articles: Vec<Article> = (0..args.pages)
        .map(|i| make_article(&mut rng, i, args.pages, &glossary, &titles, &topic_names))
        .collect();
    let words: usize = articles.iter().map(|a| a.body.split_whitespace().count()).sum();
    if let Err(e) = write_plainleaf(&args.out, &articles, &glossary) {
        eprintln!("gen_corpus: cannot write {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    if let Some(hugo) = &args.hugo {
        if let Err(e) = write_hugo(hugo, &articles, &glossary) {
            eprintln!("gen_corpus: cannot write {}: {e}", hugo.display());
            return ExitCode::FAILURE;
        }
    }
    println!(
        "wrote {} articles ({} body words, {} per article on average) and {} glossary terms to {}{}",
        articles.len(),
        words,
        words / articles.len(),
        glossary.len(),
        args.out.display(),
        args.hugo.as_ref().map(|h| format!(" and a Hugo twin to {}", h.display())).unwrap_or_default()
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_hugo_relative_links() {
        assert_eq!(hugo_links("See [a](@/page-00042.md). [b](@/x"), "See [a](../page-00042/). [b](@/x");
    }

    #[test]
    fn same_seed_same_text() {
        let make = || {
            let mut rng = Rng(7);
            let glossary = make_glossary(&mut rng, 50);
            let titles = make_titles(&mut rng, 3, &glossary);
            make_article(&mut rng, 0, 3, &glossary, &titles).body
        };
        assert_eq!(make(), make());
    }
}
