//! The search index: a prebuilt inverted index (word stem -> documents with a field weight),
//! written as scripts, not JSON, because browsers block `fetch()` from `file://` but do load
//! `<script src>`, so search works from a USB stick too. `search/index.js` holds the documents
//! and the list of shards; the postings are split into shards by the first two letters of the
//! stem (`search/th.js`), which `search.js` loads only for the words being searched. A reader
//! downloads a few small files, not one index of 13 MB on a 10,000-page site, and an edit
//! rewrites only the shards whose words it touched. `search.js` in the theme folds and stems
//! the query with the same rules (see [`TextRules`], [`fold`], [`stem`] and [`shard_key`]) and
//! matches stems by prefix. Each language has its own index ([`SearchIndex::for_language`]);
//! `index.js` names its language, so `search.js` stems the query the same way.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::article::Article;
use crate::glossary::Glossary;
use crate::plain::readability::ProseKind;

/// The folder of the index inside the output folder.
pub const SEARCH_DIR: &str = "search";

/// The documents and the shard list, inside the output folder.
pub const SEARCH_INDEX_PATH: &str = "search/index.js";

/// Format version, bumped when `search.js` must change with the index (3: `index.js` names
/// the index's language).
pub const SEARCH_INDEX_VERSION: u32 = 3;

/// The shard a stem's postings are written in: its first two characters when they are ASCII
/// letters or digits (the second `_` when it is not), else `u` and the first character's
/// code point in hex. Shard names are always safe file names. `search.js` has the same rule.
pub fn shard_key(stem: &str) -> String {
    let mut chars = stem.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphanumeric() => {
            let second = chars.next().filter(char::is_ascii_alphanumeric).unwrap_or('_');
            format!("{c}{second}")
        }
        Some(c) => format!("u{:x}", c as u32),
        None => "_".to_string(),
    }
}

/// Where a shard is written.
fn shard_path(key: &str) -> String {
    format!("{SEARCH_DIR}/{key}.js")
}

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

/// English words too common to be worth a posting; the query side ignores them too.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "has", "have", "in", "is", "it",
    "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with", "you", "your",
];

/// Spanish words too common to be worth a posting, folded (articles, prepositions,
/// conjunctions, pronouns, the commonest forms of "ser", "estar" and "haber").
const STOP_WORDS_ES: &[&str] = &[
    "a", "al", "ante", "como", "con", "contra", "cual", "cuando", "de", "del", "desde", "donde", "e", "el",
    "ella", "ellas", "ellos", "en", "entre", "es", "esa", "esas", "ese", "eso", "esos", "esta", "estan",
    "estas", "este", "esto", "estos", "fue", "ha", "han", "hay", "hasta", "la", "las", "le", "les", "lo",
    "los", "mas", "me", "mi", "mis", "muy", "ni", "no", "nos", "o", "para", "pero", "por", "porque", "que",
    "se", "si", "sin", "sobre", "son", "su", "sus", "te", "tambien", "tu", "tus", "u", "un", "una", "unas",
    "uno", "unos", "usted", "ustedes", "y", "ya", "yo",
];

/// How one language's index folds, stems and drops words; `search.js` picks the same rules
/// from the language named in `index.js`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRules {
    /// [`fold`], [`stem`] and English stop words: every language but Spanish, as before
    /// languages had their own rules.
    English,
    /// [`fold_es`] (`ñ` kept), the Spanish stemmer ([`super::stem_es`]) and Spanish stop words.
    Spanish,
}

impl TextRules {
    /// The rules for a language tag: Spanish for `es` and `es-*`, else English.
    pub fn for_language(language: &str) -> TextRules {
        if crate::plain::readability_es::is_spanish(language) {
            TextRules::Spanish
        } else {
            TextRules::English
        }
    }

    /// Lowercase and fold accents.
    pub fn fold(self, text: &str) -> String {
        match self {
            TextRules::English => fold(text),
            TextRules::Spanish => fold_es(text),
        }
    }

    /// The stem of one folded word.
    pub fn stem(self, word: &str) -> String {
        match self {
            TextRules::English => stem(word),
            TextRules::Spanish => super::stem_es::stem(word),
        }
    }

    /// Whether a folded word is too common to index.
    pub fn is_stop_word(self, word: &str) -> bool {
        match self {
            TextRules::English => STOP_WORDS.contains(&word),
            TextRules::Spanish => STOP_WORDS_ES.contains(&word),
        }
    }

    /// The stems of a text: folded, split at anything not a letter or digit, stop words dropped.
    pub fn tokens(self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_stem(self, text, |s| out.push(s.to_string()));
        out
    }
}

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

/// One document's stems with their best weight (aHash: these maps are hashed millions of
/// times on a large site, and the keys are our own text, so no DoS-resistant hash is needed).
type Stems = ahash::AHashMap<String, u8>;

/// The stems of one text added to a document's stem map, keeping the best weight.
fn add_stems(rules: TextRules, stems: &mut Stems, text: &str, weight: u8) {
    // Allocates only for a stem the document has not had yet.
    for_each_stem(rules, text, |stem| match stems.get_mut(stem) {
        Some(w) => *w = (*w).max(weight),
        None => {
            stems.insert(stem.to_string(), weight);
        }
    });
}

/// Every stem of one article with the best weight it has there.
fn article_stems(rules: TextRules, article: &Article, glossary: &Glossary) -> Stems {
    let mut stems = Stems::default();
    add_stems(rules, &mut stems, &article.title, weight::TITLE);
    for name in &article.also_known_as {
        add_stems(rules, &mut stems, name, weight::TITLE);
    }
    for entry in &article.toc {
        add_stems(rules, &mut stems, &entry.text, weight::HEADING_OR_TERM);
    }
    for &term in &article.terms_used {
        if let Some(entry) = glossary.entries.get(term) {
            // Synonyms are indexed too, so "haematopoietic" finds a page that says "hematopoietic".
            for phrase in entry.all_phrases() {
                add_stems(rules, &mut stems, phrase, weight::HEADING_OR_TERM);
            }
        }
    }
    if let Some(summary) = &article.summary {
        add_stems(rules, &mut stems, summary, weight::SUMMARY);
    }
    for point in &article.key_points_html {
        add_stems(rules, &mut stems, &strip_tags(point), weight::SUMMARY);
    }
    for block in article.prose_blocks().iter() {
        let w = if block.kind == ProseKind::Heading { weight::HEADING_OR_TERM } else { weight::BODY };
        add_stems(rules, &mut stems, &block.text, w);
    }
    stems
}

/// Add document `doc`'s stems to the posting lists. Documents are added in order, so every
/// list comes out sorted by document.
fn add_postings(lists: &mut ahash::AHashMap<String, Vec<(u32, u8)>>, doc: u32, stems: &Stems) {
    for (stem, &w) in stems {
        match lists.get_mut(stem.as_str()) {
            Some(list) => list.push((doc, w)),
            None => {
                lists.insert(stem.clone(), vec![(doc, w)]);
            }
        }
    }
}

/// One document of the index with what an edit needs to update it in place.
#[derive(Debug, Clone)]
struct DocEntry {
    doc: SearchDoc,
    /// `[title, url, summary, kind]` as it is written in the index.
    json: String,
    stems: Stems,
}

/// One stem's documents and the JSON written for them.
#[derive(Debug, Clone, Default)]
struct Posting {
    /// (document, best weight), documents ascending.
    list: Vec<(u32, u8)>,
    /// `"stem":[doc,weight,...]` as it is written in the index.
    json: String,
}

/// The search index: documents (articles by slug, then glossary entries) and an inverted
/// index from stem to documents. The written JSON of each document and each stem's list is
/// kept, so the live site re-serializes only what an edit touched ([`SearchIndex::update_article`])
/// and the full build and the live site write the same bytes.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// The language tag written in `index.js`.
    language: String,
    rules: TextRules,
    docs: Vec<DocEntry>,
    postings: BTreeMap<String, Posting>,
    /// Shard key -> its stems.
    shards: BTreeMap<String, BTreeSet<String>>,
    article_docs: HashMap<String, u32>,
    /// Parts changed by [`SearchIndex::update_article`] and not yet written.
    dirty: Dirty,
}

/// What changed since the files were last taken.
#[derive(Debug, Clone, Default)]
struct Dirty {
    index: bool,
    shards: BTreeSet<String>,
}

/// Files of the index to write, and files no longer made.
#[derive(Debug, Clone, Default)]
pub struct IndexFiles {
    /// Files to write.
    pub files: Vec<super::OutputFile>,
    /// Paths (inside the output) of shards that are now empty.
    pub removed: Vec<String>,
}

impl SearchIndex {
    /// Index the articles and the glossary with the English rules (the default language).
    pub fn new(articles: &[Article], glossary: &Glossary) -> SearchIndex {
        SearchIndex::for_language("en", articles, glossary)
    }

    /// Index one language's articles and glossary with that language's [`TextRules`];
    /// `index.js` names the language. Documents are ordered by slug, not title, so a title
    /// edit leaves every other document's number (and posting list) as it was. The files'
    /// paths and the documents' URLs are relative to the language's root folder.
    pub fn for_language(language: &str, articles: &[Article], glossary: &Glossary) -> SearchIndex {
        Self::build(language, articles, glossary, true)
    }

    /// [`SearchIndex::for_language`] for a build that only writes the index: each document's
    /// stems are dropped once they are in the postings (on a 100,000-page site they would hold
    /// about 1.5 GB), so [`SearchIndex::update_article`] cannot be used on it.
    pub fn for_one_build(language: &str, articles: &[Article], glossary: &Glossary) -> SearchIndex {
        Self::build(language, articles, glossary, false)
    }

    fn build(language: &str, articles: &[Article], glossary: &Glossary, keep_stems: bool) -> SearchIndex {
        use rayon::prelude::*;
        let rules = TextRules::for_language(language);
        let mut by_slug: Vec<&Article> = articles.iter().collect();
        by_slug.sort_by(|a, b| a.slug.cmp(&b.slug));
        // In chunks, so that without `keep_stems` only one chunk's stems are held at a time.
        let mut docs: Vec<DocEntry> = Vec::with_capacity(by_slug.len() + glossary.entries.len());
        let mut lists: ahash::AHashMap<String, Vec<(u32, u8)>> = ahash::AHashMap::new();
        for chunk in by_slug.chunks(1024) {
            let entries: Vec<DocEntry> = chunk
                .par_iter()
                .map(|a| DocEntry::new(article_doc(a), article_stems(rules, a, glossary)))
                .collect();
            for mut entry in entries {
                add_postings(&mut lists, docs.len() as u32, &entry.stems);
                if !keep_stems {
                    entry.stems = Stems::default();
                }
                docs.push(entry);
            }
        }
        for (i, entry) in glossary.entries.iter().enumerate() {
            let slug = glossary.slugs.get(i).cloned().unwrap_or_else(|| crate::slug::slugify(&entry.term));
            let doc = SearchDoc {
                title: entry.term.clone(),
                url: format!("glossary/index.html#{slug}"),
                summary: entry.plain.clone(),
                kind: "g",
            };
            let mut stems = Stems::default();
            add_stems(rules, &mut stems, &entry.term, weight::TITLE);
            for also in &entry.also {
                add_stems(rules, &mut stems, also, weight::HEADING_OR_TERM);
            }
            add_stems(rules, &mut stems, &entry.plain, weight::BODY);
            let mut entry = DocEntry::new(doc, stems);
            add_postings(&mut lists, docs.len() as u32, &entry.stems);
            if !keep_stems {
                entry.stems = Stems::default();
            }
            docs.push(entry);
        }
        let mut postings: BTreeMap<String, Posting> =
            lists.into_iter().map(|(stem, list)| (stem, Posting { list, json: String::new() })).collect();
        postings.par_iter_mut().for_each(|(stem, posting)| posting.json = posting_json(stem, &posting.list));
        let mut shards: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for stem in postings.keys() {
            shards.entry(shard_key(stem)).or_default().insert(stem.clone());
        }
        let article_docs = by_slug.iter().enumerate().map(|(d, a)| (a.slug.clone(), d as u32)).collect();
        SearchIndex {
            language: language.to_string(),
            rules,
            docs,
            postings,
            shards,
            article_docs,
            dirty: Dirty::default(),
        }
    }

    /// Put an edited article (same slug) in place of its old version; returns whether the
    /// written index changes ([`SearchIndex::changed_files`] then has the files). An article
    /// the index does not have is left out (a new page needs a full rebuild anyway).
    pub fn update_article(&mut self, article: &Article, glossary: &Glossary) -> bool {
        let Some(&d) = self.article_docs.get(&article.slug) else { return false };
        let entry = &mut self.docs[d as usize];
        let mut changed = false;
        let doc = article_doc(article);
        if doc != entry.doc {
            *entry =
                DocEntry { stems: std::mem::take(&mut entry.stems), ..DocEntry::new(doc, Stems::default()) };
            self.dirty.index = true;
            changed = true;
        }
        let stems = article_stems(self.rules, article, glossary);
        let old = std::mem::replace(&mut entry.stems, stems);
        let new = &self.docs[d as usize].stems;
        let mut touched: Vec<&str> = Vec::new();
        for (stem, &w) in new {
            if old.get(stem) != Some(&w) {
                let posting = self.postings.entry(stem.clone()).or_default();
                match posting.list.binary_search_by_key(&d, |&(doc, _)| doc) {
                    Ok(i) => posting.list[i].1 = w,
                    Err(i) => posting.list.insert(i, (d, w)),
                }
                let key = shard_key(stem);
                let shard = self.shards.entry(key.clone()).or_default();
                if shard.insert(stem.clone()) && shard.len() == 1 {
                    self.dirty.index = true;
                }
                self.dirty.shards.insert(key);
                touched.push(stem);
            }
        }
        for stem in old.keys().filter(|s| !new.contains_key(*s)) {
            if let Some(posting) = self.postings.get_mut(stem) {
                if let Ok(i) = posting.list.binary_search_by_key(&d, |&(doc, _)| doc) {
                    posting.list.remove(i);
                }
                let key = shard_key(stem);
                if posting.list.is_empty() {
                    self.postings.remove(stem);
                    if let Some(shard) = self.shards.get_mut(&key) {
                        shard.remove(stem);
                        if shard.is_empty() {
                            self.shards.remove(&key);
                            self.dirty.index = true;
                        }
                    }
                } else {
                    touched.push(stem);
                }
                self.dirty.shards.insert(key);
            }
            changed = true;
        }
        for stem in &touched {
            if let Some(posting) = self.postings.get_mut(*stem) {
                posting.json = posting_json(stem, &posting.list);
            }
        }
        changed || !touched.is_empty()
    }

    /// Every file of the index.
    pub fn files(&self) -> Vec<super::OutputFile> {
        use rayon::prelude::*;
        let mut files = vec![self.index_file()];
        let keys: Vec<&String> = self.shards.keys().collect();
        files.par_extend(keys.par_iter().filter_map(|key| self.shard_file(key)));
        files
    }

    /// The files [`SearchIndex::update_article`] changed since the last call, and shards that
    /// are gone.
    pub fn changed_files(&mut self) -> IndexFiles {
        let dirty = std::mem::take(&mut self.dirty);
        let mut out = IndexFiles::default();
        if dirty.index {
            out.files.push(self.index_file());
        }
        for key in &dirty.shards {
            match self.shard_file(key) {
                Some(file) => out.files.push(file),
                None => out.removed.push(shard_path(key)),
            }
        }
        out
    }

    /// `search/index.js`:
    /// `{"v":3,"lang":"es","docs":[[title,url,summary,kind],...],"shards":[key,...]}` assigned
    /// to `window.PLAINLEAF_SEARCH`, with `<`, `>` and `&` escaped so no text can end the script.
    fn index_file(&self) -> super::OutputFile {
        let size = self.docs.iter().map(|e| e.json.len() + 1).sum::<usize>() + self.shards.len() * 5;
        let mut out = String::with_capacity(size + 64);
        out.push_str("window.PLAINLEAF_SEARCH = {\"v\":");
        out.push_str(&SEARCH_INDEX_VERSION.to_string());
        out.push_str(",\"lang\":");
        out.push_str(&super::jsonld::script_safe_json(&self.language));
        out.push_str(",\"docs\":[");
        for (i, entry) in self.docs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&entry.json);
        }
        out.push_str("],\"shards\":[");
        for (i, key) in self.shards.keys().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('"');
            out.push_str(key);
            out.push('"');
        }
        out.push_str("]};\n");
        super::OutputFile { path: SEARCH_INDEX_PATH.into(), bytes: out.into_bytes() }
    }

    /// `search/KEY.js`: `window.PLAINLEAF_SEARCH_SHARD("KEY", {"stem":[doc,weight,...],...})`;
    /// None when no stem is left in the shard.
    fn shard_file(&self, key: &str) -> Option<super::OutputFile> {
        let stems = self.shards.get(key).filter(|s| !s.is_empty())?;
        let mut out = format!("window.PLAINLEAF_SEARCH_SHARD(\"{key}\",{{");
        for (i, stem) in stems.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if let Some(posting) = self.postings.get(stem) {
                out.push_str(&posting.json);
            }
        }
        out.push_str("});\n");
        Some(super::OutputFile { path: shard_path(key), bytes: out.into_bytes() })
    }

    /// The documents, by number.
    pub fn docs(&self) -> impl Iterator<Item = &SearchDoc> {
        self.docs.iter().map(|e| &e.doc)
    }

    /// The (document, weight) list of one stem.
    pub fn postings(&self, stem: &str) -> Option<&[(u32, u8)]> {
        self.postings.get(stem).map(|p| &p.list[..])
    }

    /// The stems that find `doc`, for tests and reports.
    pub fn stems_of(&self, doc: u32) -> Vec<&str> {
        let mut stems: Vec<&str> = self
            .docs
            .get(doc as usize)
            .map(|e| e.stems.keys().map(String::as_str).collect())
            .unwrap_or_default();
        stems.sort_unstable();
        stems
    }
}

/// A site's search: one [`SearchIndex`] per language, each written in its language's folder
/// (`search/` for the main language, `es/search/` for Spanish).
#[derive(Debug, Clone, Default)]
pub struct SiteSearch {
    /// (language, its output folder, its index), in `languages:` order.
    indexes: Vec<(String, String, SearchIndex)>,
}

impl SiteSearch {
    /// Index every language of the site; with `keep_stems` (the live preview) each index can
    /// take [`SiteSearch::update_article`] later, else it is built as
    /// [`SearchIndex::for_one_build`] builds, to write once.
    pub fn for_site(
        config: &crate::config::SiteConfig,
        articles: &[Article],
        glossary: &Glossary,
        glossaries: &BTreeMap<String, Glossary>,
        keep_stems: bool,
    ) -> SiteSearch {
        let indexes = config
            .languages
            .iter()
            .map(|language| {
                let own = crate::article::language_slice(articles, language);
                let glossary = glossaries.get(language).unwrap_or(glossary);
                let index = SearchIndex::build(language, own, glossary, keep_stems);
                (language.clone(), config.language_prefix(language), index)
            })
            .collect();
        SiteSearch { indexes }
    }

    /// Every file of every language's index, at its path in the output.
    pub fn files(&self) -> Vec<super::OutputFile> {
        self.indexes
            .iter()
            .flat_map(|(_, prefix, index)| index.files().into_iter().map(move |f| in_folder(prefix, f)))
            .collect()
    }

    /// Put an edited article in its language's index (see [`SearchIndex::update_article`]).
    pub fn update_article(&mut self, article: &Article, glossary: &Glossary) -> bool {
        self.indexes
            .iter_mut()
            .find(|(language, _, _)| *language == article.language)
            .is_some_and(|(_, _, index)| index.update_article(article, glossary))
    }

    /// The files every index changed since the last call, at their paths in the output.
    pub fn changed_files(&mut self) -> IndexFiles {
        let mut out = IndexFiles::default();
        for (_, prefix, index) in &mut self.indexes {
            let changed = index.changed_files();
            out.files.extend(changed.files.into_iter().map(|f| in_folder(prefix, f)));
            out.removed.extend(changed.removed.into_iter().map(|p| format!("{prefix}{p}")));
        }
        out
    }
}

fn in_folder(prefix: &str, file: super::OutputFile) -> super::OutputFile {
    if prefix.is_empty() {
        file
    } else {
        super::OutputFile { path: format!("{prefix}{}", file.path), ..file }
    }
}

impl DocEntry {
    fn new(doc: SearchDoc, stems: Stems) -> DocEntry {
        let json = super::jsonld::script_safe_json(&[&doc.title, &doc.url, &doc.summary, doc.kind]);
        DocEntry { doc, json, stems }
    }
}

fn article_doc(article: &Article) -> SearchDoc {
    // A page of another language has its language folder in its slug (`es/terapia-genica`);
    // the index lives in that folder and its addresses are relative to it.
    let folder = format!("{}/", article.language);
    let slug = article.slug.strip_prefix(folder.as_str()).unwrap_or(&article.slug);
    SearchDoc {
        title: article.title.clone(),
        url: crate::article::article_url(slug),
        summary: article.summary.clone().unwrap_or_default(),
        kind: "a",
    }
}

fn posting_json(stem: &str, list: &[(u32, u8)]) -> String {
    use std::fmt::Write as _;
    let mut out = super::jsonld::script_safe_json(stem);
    out.push_str(":[");
    for (i, (doc, w)) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{doc},{w}");
    }
    out.push(']');
    out
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

/// [`fold`] for Spanish: the same, except that `ñ` stays `ñ` ("año" is not "ano").
pub fn fold_es(text: &str) -> String {
    if !text.contains(['ñ', 'Ñ']) {
        return fold(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split(['ñ', 'Ñ']).enumerate() {
        if i > 0 {
            out.push('ñ');
        }
        out.push_str(&fold(part));
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
fn for_each_stem(rules: TextRules, text: &str, mut f: impl FnMut(&str)) {
    let folded = rules.fold(text);
    let mut buffer = String::new();
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || rules.is_stop_word(word) {
            continue;
        }
        match rules {
            TextRules::English => {
                stem_into(word, &mut buffer);
                f(&buffer);
            }
            TextRules::Spanish => f(&super::stem_es::stem(word)),
        }
    }
}

/// The stems of an English text: folded, split at anything not a letter or digit, stop words
/// dropped ([`TextRules::tokens`] for another language).
pub fn tokens(text: &str) -> Vec<String> {
    TextRules::English.tokens(text)
}

/// Visible text of a small HTML fragment (tags dropped, the common entities decoded).
pub fn strip_tags(html: &str) -> String {
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
        let index = SearchIndex::new(&articles, &g);
        let stems = index.stems_of(0);
        assert!(stems.contains(&"haematopoietic"), "{stems:?}");
        assert!(stems.contains(&"hsc"), "{stems:?}");
        assert_eq!(index.docs().nth(1).unwrap().url, format!("glossary/index.html#{}", g.slugs[0]));
        assert_eq!(index.docs().nth(1).unwrap().kind, "g");
        // A page that does not use the term is not found by its synonym.
        let other = SearchIndex::new(&[article("Vaccines", "vaccines", "Shots.", vec![])], &g);
        assert!(!other.stems_of(0).contains(&"haematopoietic"));
    }

    #[test]
    fn spanish_rules_keep_enye_and_find_words_typed_without_accents() {
        let es = TextRules::for_language("es-US");
        assert_eq!(es, TextRules::Spanish);
        assert_eq!(TextRules::for_language("en"), TextRules::English);
        assert_eq!(TextRules::for_language("fr"), TextRules::English);
        assert_eq!(fold_es("AÑO Pingüino Célula"), "año pinguino celula");
        assert_eq!(fold("año"), "ano", "the English rules fold ñ as before");
        assert_eq!(es.tokens("¿Qué es la cirugía? Las cirugías"), ["cirugi", "cirugi"]);
        assert_eq!(es.tokens("cirugia celula"), es.tokens("Cirugía CÉLULA"));
        assert_ne!(es.tokens("año"), es.tokens("ano"));
        assert!(es.is_stop_word("usted") && !TextRules::English.is_stop_word("usted"));
    }

    #[test]
    fn a_spanish_index_names_its_language_and_stems_in_spanish() {
        let articles = vec![article("Las células madre", "celulas", "Los niños toman vacunas.", vec![])];
        let index = SearchIndex::for_language("es", &articles, &Glossary::default());
        let stems = index.stems_of(0);
        assert!(stems.contains(&"celul") && stems.contains(&"niñ") && stems.contains(&"vacun"), "{stems:?}");
        assert!(!stems.contains(&"las") && !stems.contains(&"los"), "{stems:?}");
        let main = script_json(&texts(&index.files())[SEARCH_INDEX_PATH]);
        assert_eq!(main["lang"], "es");
        let english = script_json(
            &texts(&SearchIndex::new(&articles, &Glossary::default()).files())[SEARCH_INDEX_PATH],
        );
        assert_eq!(english["lang"], "en");
    }

    #[test]
    fn updating_a_spanish_article_keeps_the_spanish_rules() {
        let g = Glossary::default();
        let mut articles = vec![
            article("Análisis de sangre", "analisis", "Le sacan sangre de una vena.", vec![]),
            article("Vacunas", "vacunas", "Las vacunas enseñan al cuerpo.", vec![]),
        ];
        let mut index = SearchIndex::for_language("es", &articles, &g);
        let mut written = texts(&index.files());
        articles[1] = article("Vacunación", "vacunas", "Los niños reciben vacunaciones.", vec![]);
        assert!(index.update_article(&articles[1], &g));
        let changed = index.changed_files();
        for path in &changed.removed {
            written.remove(path);
        }
        written.extend(texts(&changed.files));
        assert_eq!(written, texts(&SearchIndex::for_language("es", &articles, &g).files()));
        assert!(index.postings("niñ").is_some() && index.postings("vacun").is_some());
    }

    #[test]
    fn one_build_index_writes_the_same_files_from_packed_articles() {
        let g = glossary();
        // More than one chunk of articles, in an order unlike the slug order.
        let articles: Vec<Article> = (0..2500)
            .map(|i| {
                let body = format!("Blood cells number {} grow in marrow {}.", i % 37, i % 11);
                article(&format!("Page {}", (i * 7919) % 2500), &format!("p{i}"), &body, vec![i % 2])
            })
            .collect();
        let mut packed = articles.clone();
        packed.iter_mut().for_each(Article::pack);
        assert!(packed.iter().all(|a| a.prose.is_empty()), "packing moves the prose out");
        let lean = SearchIndex::for_one_build("en", &packed, &g);
        assert_eq!(texts(&lean.files()), texts(&SearchIndex::new(&articles, &g).files()));
        assert!(lean.stems_of(0).is_empty(), "its stems were dropped");
    }

    #[test]
    fn title_outweighs_body() {
        let index =
            SearchIndex::new(&[article("Gene therapy", "g", "gene gene gene", vec![])], &Glossary::default());
        assert_eq!(index.postings("gene"), Some(&[(0, weight::TITLE)][..]));
    }

    /// The index's files as text, by path.
    fn texts(files: &[crate::output::OutputFile]) -> BTreeMap<String, String> {
        files.iter().map(|f| (f.path.clone(), String::from_utf8(f.bytes.clone()).expect("utf-8"))).collect()
    }

    /// The JSON passed to a script's global: `window.X = {...};` or `window.X("key",{...});`.
    fn script_json(text: &str) -> serde_json::Value {
        let start = text.find('{').expect("an object");
        let end = text.rfind('}').expect("an object");
        serde_json::from_str(&text[start..=end]).expect("valid JSON")
    }

    #[test]
    fn shard_keys_are_two_letters_or_a_code_point() {
        assert_eq!(shard_key("therapy"), "th");
        assert_eq!(shard_key("2023"), "20");
        assert_eq!(shard_key("x"), "x_");
        assert_eq!(shard_key("aщ"), "a_");
        assert_eq!(shard_key("щит"), "u449");
    }

    #[test]
    fn scripts_set_their_globals_and_cannot_close_a_script_tag() {
        let index = SearchIndex::new(&[article("A </script> title", "a", "x", vec![])], &Glossary::default());
        let files = texts(&index.files());
        let main = &files[SEARCH_INDEX_PATH];
        assert!(main.starts_with("window.PLAINLEAF_SEARCH = {"));
        assert!(files.values().all(|t| !t.contains("</script>")));
        let value = script_json(main);
        assert_eq!(value["v"], SEARCH_INDEX_VERSION);
        assert_eq!(value["docs"][0][0], "A </script> title");
        let shards: Vec<&str> =
            value["shards"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
        // "About A </script> title" and "x": stems about, script, title, x ("a" is a stop word).
        assert_eq!(shards, ["ab", "sc", "ti", "x_"]);
        for key in shards {
            let shard = &files[&format!("search/{key}.js")];
            assert!(shard.starts_with(&format!("window.PLAINLEAF_SEARCH_SHARD(\"{key}\",{{")), "{shard}");
            assert!(script_json(shard).as_object().is_some_and(|o| !o.is_empty()));
        }
    }

    #[test]
    fn updating_an_article_writes_what_a_fresh_index_writes() {
        let g = glossary();
        let mut articles = vec![
            article("Blood tests", "blood", "Blood is taken from a vein.", vec![]),
            article("Stem cell transplant", "transplant", "New blood cells grow. Zygotes.", vec![0]),
            article("Vaccines", "vaccines", "Shots teach the body.", vec![]),
        ];
        let mut index = SearchIndex::new(&articles, &g);
        let mut written = texts(&index.files());
        // Title, body (stems gone, new and reweighted; a whole shard gone) and terms change.
        articles[1] = article("Zebra transplant", "transplant", "Vaccines and shots grow.", vec![]);
        assert!(index.update_article(&articles[1], &g));
        let changed = index.changed_files();
        assert!(changed.removed.contains(&"search/zy.js".to_string()), "{:?}", changed.removed);
        assert!(changed.files.len() < written.len(), "only some files are written again");
        for path in &changed.removed {
            written.remove(path);
        }
        written.extend(texts(&changed.files));
        assert_eq!(written, texts(&SearchIndex::new(&articles, &g).files()));
        assert!(index.postings("new").is_none(), "a stem no page has any more is dropped");
        assert!(!index.update_article(&articles[1], &g), "an unchanged article changes nothing");
        let nothing = index.changed_files();
        assert!(nothing.files.is_empty() && nothing.removed.is_empty());
    }
}
