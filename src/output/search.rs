//! The search index: a prebuilt inverted index (word stem -> documents with a field weight),
//! written as `search-index.js`, a script that sets `window.PLAINLEAF_SEARCH`. A script file,
//! not JSON, because browsers block `fetch()` from `file://` but do load `<script src>`, so
//! search works from a USB stick too. `search.js` in the theme folds and stems the query with
//! the same rules (see [`fold`] and [`stem`]) and matches stems by prefix.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::article::Article;
use crate::glossary::Glossary;
use crate::plain::readability::ProseKind;

/// Where the index is written inside the output folder.
pub const SEARCH_INDEX_PATH: &str = "search-index.js";

/// Format version, bumped when `search.js` must change with the index.
pub const SEARCH_INDEX_VERSION: u32 = 1;

/// How much a word counts by where it appears (the best place wins per document).
pub mod weight {
    /// In the title (or the glossary term itself).
    pub const TITLE: u8 = 8;
    /// In a heading, a glossary term used on the page, or one of its synonyms.
    pub const HEADING_OR_TERM: u8 = 4;
    /// In the summary or key points.
    pub const SUMMARY: u8 = 2;
    /// Anywhere else in the body.
    pub const BODY: u8 = 1;
}

/// Words too common to be worth a posting; the query side ignores them too.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "has", "have", "in", "is", "it",
    "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with", "you", "your",
];

/// One search result: an article or a glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchDoc {
    /// Shown as the result's link text.
    pub title: String,
    /// Site-relative URL; `search.js` prefixes the page's root.
    pub url: String,
    /// One line shown under the title.
    pub summary: String,
    /// `a` for an article, `g` for a glossary entry.
    pub kind: &'static str,
}

/// The whole index before it is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    /// Documents, referred to by position.
    pub docs: Vec<SearchDoc>,
    /// Stem -> (document, best weight) pairs, documents ascending.
    pub postings: BTreeMap<String, Vec<(u32, u8)>>,
}

impl SearchIndex {
    /// The stems that find `doc`, for tests and reports.
    pub fn stems_of(&self, doc: u32) -> Vec<&str> {
        self.postings
            .iter()
            .filter(|(_, list)| list.iter().any(|(d, _)| *d == doc))
            .map(|(k, _)| k.as_str())
            .collect()
    }
}

/// One document's stems with their best weight (aHash: these maps are hashed millions of
/// times on a large site, and the keys are our own text, so no DoS-resistant hash is needed).
type Stems = ahash::AHashMap<String, u8>;

/// The stems of one text added to a document's stem map, keeping the best weight.
fn add_stems(stems: &mut Stems, text: &str, weight: u8) {
    // Allocates only for a stem the document has not had yet.
    for_each_stem(text, |stem| match stems.get_mut(stem) {
        Some(w) => *w = (*w).max(weight),
        None => {
            stems.insert(stem.to_string(), weight);
        }
    });
}

/// Every stem of one article with the best weight it has there.
fn article_stems(article: &Article, glossary: &Glossary) -> Stems {
    let mut stems = Stems::default();
    add_stems(&mut stems, &article.title, weight::TITLE);
    for name in &article.also_known_as {
        add_stems(&mut stems, name, weight::TITLE);
    }
    for entry in &article.toc {
        add_stems(&mut stems, &entry.text, weight::HEADING_OR_TERM);
    }
    for &term in &article.terms_used {
        if let Some(entry) = glossary.entries.get(term) {
            // Synonyms are indexed too, so "haematopoietic" finds a page that says "hematopoietic".
            for phrase in entry.all_phrases() {
                add_stems(&mut stems, phrase, weight::HEADING_OR_TERM);
            }
        }
    }
    if let Some(summary) = &article.summary {
        add_stems(&mut stems, summary, weight::SUMMARY);
    }
    for point in &article.key_points_html {
        add_stems(&mut stems, &strip_tags(point), weight::SUMMARY);
    }
    for block in &article.prose {
        let w = if block.kind == ProseKind::Heading { weight::HEADING_OR_TERM } else { weight::BODY };
        add_stems(&mut stems, &block.text, w);
    }
    stems
}

/// Build the index from the articles (in title order) and the glossary. Each article's
/// stems are found in parallel; postings are then merged in document order, so every
/// posting list is sorted by document without a sort.
pub fn build_index(articles: &[Article], glossary: &Glossary) -> SearchIndex {
    use rayon::prelude::*;
    let per_article: Vec<Stems> = articles.par_iter().map(|a| article_stems(a, glossary)).collect();
    let mut docs = Vec::with_capacity(articles.len() + glossary.entries.len());
    let mut per_doc = per_article;
    for article in articles {
        docs.push(SearchDoc {
            title: article.title.clone(),
            url: crate::article::article_url(&article.slug),
            summary: article.summary.clone().unwrap_or_default(),
            kind: "a",
        });
    }
    for (i, entry) in glossary.entries.iter().enumerate() {
        let slug = glossary.slugs.get(i).cloned().unwrap_or_else(|| crate::slug::slugify(&entry.term));
        docs.push(SearchDoc {
            title: entry.term.clone(),
            url: format!("glossary/index.html#{slug}"),
            summary: entry.plain.clone(),
            kind: "g",
        });
        let mut stems = Stems::default();
        add_stems(&mut stems, &entry.term, weight::TITLE);
        for also in &entry.also {
            add_stems(&mut stems, also, weight::HEADING_OR_TERM);
        }
        add_stems(&mut stems, &entry.plain, weight::BODY);
        per_doc.push(stems);
    }
    let mut postings: ahash::AHashMap<String, Vec<(u32, u8)>> = ahash::AHashMap::new();
    for (doc, stems) in per_doc.into_iter().enumerate() {
        for (stem, w) in stems {
            postings.entry(stem).or_default().push((doc as u32, w));
        }
    }
    SearchIndex { docs, postings: postings.into_iter().collect() }
}

#[derive(Serialize)]
struct IndexFile<'a> {
    v: u32,
    /// `[title, url, summary, kind]` per document: arrays keep the file small.
    docs: Vec<[&'a str; 4]>,
    /// Stem -> flat `[doc, weight, doc, weight, ...]`.
    index: BTreeMap<&'a str, Vec<u32>>,
}

/// The index as the text of `search-index.js`.
pub fn index_script(index: &SearchIndex) -> String {
    let file = IndexFile {
        v: SEARCH_INDEX_VERSION,
        docs: index
            .docs
            .iter()
            .map(|d| [d.title.as_str(), d.url.as_str(), d.summary.as_str(), d.kind])
            .collect(),
        index: index
            .postings
            .iter()
            .map(|(k, list)| (k.as_str(), list.iter().flat_map(|&(d, w)| [d, u32::from(w)]).collect()))
            .collect(),
    };
    // Serialized straight from the structs: a serde_json::Value tree of a large index would
    // cost more memory than the index itself.
    format!("window.PLAINLEAF_SEARCH = {};\n", super::jsonld::script_safe_json(&file))
}

/// Lowercase and fold Latin accents (`é` -> `e`, `æ` -> `ae`), as `search.js` does.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let folded = match ch.to_lowercase().next().unwrap_or(ch) {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'č' | 'ć' | 'ĉ' | 'ċ' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'ė' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => "i",
            'ł' | 'ľ' | 'ĺ' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ř' | 'ŕ' => "r",
            'ß' => "ss",
            'š' | 'ś' | 'ş' => "s",
            'ť' | 'ţ' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
            'ý' | 'ÿ' => "y",
            'ž' | 'ź' | 'ż' => "z",
            lower => {
                out.push(lower);
                continue;
            }
        };
        out.push_str(folded);
    }
    out
}

/// Light English stemming: plural `s`/`es`/`ies`, `ing`, `ed`. Deliberately simple so the
/// JavaScript copy in `search.js` stays identical; prefix matching covers the rest.
pub fn stem(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    stem_into(word, &mut out);
    out
}

/// [`stem`] into a reused buffer. The suffixes are ASCII, so cutting `k` characters off the
/// end is cutting `k` bytes.
fn stem_into(word: &str, out: &mut String) {
    out.clear();
    let n = word.chars().count();
    if n <= 3 {
        out.push_str(word);
        return;
    }
    let cut = |k: usize| &word[..word.len() - k];
    let ends = |suffix: &str| word.ends_with(suffix);
    // "hopp" -> "hop": a doubled final consonant left by -ing/-ed (not vowels, l or s).
    let undouble = |s: &str, out: &mut String| {
        let mut rev = s.chars().rev();
        match (rev.next(), rev.next()) {
            (Some(a), Some(b)) if s.chars().count() >= 4 && a == b && !"aeiouls".contains(a) => {
                out.push_str(&s[..s.len() - a.len_utf8()])
            }
            _ => out.push_str(s),
        }
    };
    if ends("ies") && n > 4 {
        out.push_str(cut(3));
        out.push('y');
    } else if ends("sses") {
        out.push_str(cut(2));
    } else if ends("ing") && n - 3 >= 3 {
        undouble(cut(3), out);
    } else if ends("ed") && n - 2 >= 3 {
        undouble(cut(2), out);
    } else if ends("es") && ["s", "x", "z", "ch", "sh"].iter().any(|s| cut(2).ends_with(s)) {
        out.push_str(cut(2));
    } else if ends("s") && !ends("ss") && !ends("us") && !ends("is") {
        out.push_str(cut(1));
    } else {
        out.push_str(word);
    }
}

/// Call `f` with each stem of a text: folded, split at anything not a letter or digit, stop
/// words dropped; one buffer is reused for all stems.
fn for_each_stem(text: &str, mut f: impl FnMut(&str)) {
    let folded = fold(text);
    let mut buffer = String::new();
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || STOP_WORDS.contains(&word) {
            continue;
        }
        stem_into(word, &mut buffer);
        f(&buffer);
    }
}

/// The stems of a text: folded, split at anything not a letter or digit, stop words dropped.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_stem(text, |s| out.push(s.to_string()));
    out
}

/// Visible text of a small HTML fragment (tags dropped, the common entities decoded).
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::GlossaryEntry;

    fn article(title: &str, slug: &str, body: &str, terms_used: Vec<usize>) -> Article {
        use crate::plain::readability::ProseBlock;
        Article {
            summary: Some(format!("About {title}")),
            terms_used,
            prose: vec![ProseBlock { kind: ProseKind::Paragraph, text: body.into() }],
            ..Article::sample(title, slug)
        }
    }

    fn glossary() -> Glossary {
        Glossary::from_entries(vec![GlossaryEntry {
            term: "hematopoietic stem cells".into(),
            plain: "Cells in the bone marrow that make blood.".into(),
            also: vec!["haematopoietic stem cells".into(), "HSCs".into()],
            more: None,
            see: vec![],
            case_sensitive: None,
        }])
    }

    #[test]
    fn stems_plurals_and_verb_endings() {
        for (word, want) in [
            ("cells", "cell"),
            ("therapies", "therapy"),
            ("boxes", "box"),
            ("changes", "change"),
            ("treated", "treat"),
            ("treating", "treat"),
            ("stopped", "stop"),
            ("virus", "virus"),
            ("disease", "disease"),
            ("gene", "gene"),
            ("class", "class"),
        ] {
            assert_eq!(stem(word), want, "{word}");
        }
    }

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Haematopoïétique ÆSTHETIC"), "haematopoietique aesthetic");
        assert_eq!(tokens("The Cells, and THERAPIES!"), vec!["cell", "therapy"]);
    }

    #[test]
    fn index_contains_glossary_synonyms_of_terms_used() {
        let g = glossary();
        let articles = vec![article("Stem cell transplant", "transplant", "New blood cells grow.", vec![0])];
        let index = build_index(&articles, &g);
        let stems = index.stems_of(0);
        assert!(stems.contains(&"haematopoietic"), "{stems:?}");
        assert!(stems.contains(&"hsc"), "{stems:?}");
        assert_eq!(index.docs[1].url, format!("glossary/index.html#{}", g.slugs[0]));
        assert_eq!(index.docs[1].kind, "g");
        // A page that does not use the term is not found by its synonym.
        let other = build_index(&[article("Vaccines", "vaccines", "Shots.", vec![])], &g);
        assert!(!other.stems_of(0).contains(&"haematopoietic"));
    }

    #[test]
    fn title_outweighs_body() {
        let index =
            build_index(&[article("Gene therapy", "g", "gene gene gene", vec![])], &Glossary::default());
        assert_eq!(index.postings["gene"], vec![(0, weight::TITLE)]);
    }

    #[test]
    fn script_assigns_the_global_and_cannot_close_a_script_tag() {
        let index = build_index(&[article("A </script> title", "a", "x", vec![])], &Glossary::default());
        let script = index_script(&index);
        assert!(script.starts_with("window.PLAINLEAF_SEARCH = {"));
        assert!(!script.contains("</script>"));
        let json = script.trim_start_matches("window.PLAINLEAF_SEARCH = ").trim_end().trim_end_matches(';');
        let value: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
        assert_eq!(value["docs"][0][0], "A </script> title");
    }
}
