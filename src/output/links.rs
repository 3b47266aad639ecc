//! Link checking at build time: every `href` and `src` in every rendered HTML page must reach
//! a file the build writes (and, with `#anchor`, an element with that `id`), so a site copied
//! to a USB stick has no dead ends. External links are only listed, never fetched.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;

use super::OutputFile;
use crate::error::{Diagnostic, Location};

/// One URL-valued attribute found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlLink {
    /// The element, lowercase (`a`, `link`, `script`, `img`...).
    pub tag: String,
    /// `href` or `src`.
    pub attr: String,
    /// The attribute value with character references decoded.
    pub url: String,
}

/// What a scan of one page found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageScan {
    /// `href` and `src` values in document order.
    pub links: Vec<HtmlLink>,
    /// Every `id` (and `<a name>`) a fragment can point at.
    pub ids: HashSet<String>,
}

/// Scan HTML for `href`/`src` attributes and `id`s. Comments and the insides of `<script>`
/// and `<style>` are skipped (JSON-LD may mention URLs that are not links).
pub fn scan_html(html: &str) -> PageScan {
    let bytes = html.as_bytes();
    let mut scan = PageScan::default();
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        i += offset;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map(|e| i + e + 3).unwrap_or(html.len());
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        if next == b'!' || next == b'?' || next == b'/' {
            i = rest.find('>').map(|e| i + e + 1).unwrap_or(html.len());
            continue;
        }
        if !next.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let (tag, attrs, end) = parse_tag(html, i + 1);
        i = end;
        for (name, value) in &attrs {
            match name.as_str() {
                "href" | "src" => {
                    scan.links.push(HtmlLink { tag: tag.clone(), attr: name.clone(), url: value.clone() })
                }
                "id" => {
                    scan.ids.insert(value.clone());
                }
                "name" if tag == "a" => {
                    scan.ids.insert(value.clone());
                }
                _ => {}
            }
        }
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            i = find_ascii_case_insensitive(&html[i..], &close).map(|e| i + e).unwrap_or(html.len());
        }
    }
    scan
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    (0..h.len().saturating_sub(n.len() - 1)).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// Parse a start tag whose name begins at `start`; returns (name, attributes, index after `>`).
fn parse_tag(html: &str, start: usize) -> (String, Vec<(String, String)>, usize) {
    let b = html.as_bytes();
    let mut i = start;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let tag = html[start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (tag, attrs, b.len());
        }
        if b[i] == b'>' {
            return (tag, attrs, i + 1);
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let quote = b[i];
                let value_start = i + 1;
                let value_end =
                    html[value_start..].find(quote as char).map(|e| value_start + e).unwrap_or(b.len());
                value = decode_entities(&html[value_start..value_end]);
                i = (value_end + 1).min(b.len());
            } else {
                let value_start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = decode_entities(&html[value_start..i]);
            }
        }
        if !name.is_empty() {
            attrs.push((name, value));
        }
    }
}

/// Decode the character references an attribute value may hold.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// How a URL is treated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkKind {
    /// `http(s)://` or protocol-relative `//host`: listed by `check --links`, not checked.
    External,
    /// `mailto:`, `tel:`, `javascript:`, `data:` and other schemes: nothing to check.
    Ignored,
    /// A link inside the site, checked.
    Internal,
}

/// Classify a URL by its scheme.
pub fn link_kind(url: &str) -> LinkKind {
    let url = url.trim();
    if url.starts_with("//") {
        return LinkKind::External;
    }
    let scheme_end = url.find([':', '/', '?', '#']);
    if let Some(end) = scheme_end.filter(|&e| e > 0 && url[e..].starts_with(':')) {
        let scheme = &url[..end];
        if scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
                LinkKind::External
            } else {
                LinkKind::Ignored
            };
        }
    }
    LinkKind::Internal
}

fn percent_decode(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolve a site-internal URL found on `page` to (output path, fragment), or say why not.
pub fn resolve(page: &str, url: &str) -> Result<(String, Option<String>), String> {
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(percent_decode(f))),
        None => (url, None),
    };
    let path_part = before_fragment.split('?').next().unwrap_or_default();
    if path_part.is_empty() {
        return Ok((page.to_string(), fragment));
    }
    if path_part.starts_with('/') {
        return Err("it starts with /, which breaks under a sub-folder and from file://".into());
    }
    let mut parts: Vec<String> = page.split('/').map(str::to_string).collect();
    parts.pop();
    let decoded = percent_decode(path_part);
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("it goes above the site's top folder".into());
                }
            }
            s => parts.push(s.to_string()),
        }
    }
    let mut target = parts.join("/");
    if decoded.ends_with('/') || decoded.ends_with("/.") || decoded == "." || decoded.ends_with("..") {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    Ok((target, fragment))
}

/// Check every internal link of every HTML file against the files the build writes.
/// `base_url` links are checked as internal; `sources` maps an article's output path to its
/// content file so the message names the file to fix.
pub fn check_links(
    files: &[(&str, &[u8])],
    base_url: Option<&str>,
    sources: &HashMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    let mut check = LinkCheck::new(base_url, sources);
    check.add_paths(files.iter().map(|(path, _)| *path));
    // A later file of the same path wins (pages over static files).
    let html: HashMap<&str, &[u8]> =
        files.iter().filter(|(path, _)| path.ends_with(".html")).map(|(p, b)| (*p, *b)).collect();
    let scanned: Vec<PageLinks> =
        html.par_iter().map(|(path, bytes)| check.scan_page(path, &String::from_utf8_lossy(bytes))).collect();
    for page in scanned {
        check.add(page);
    }
    check.finish()
}

/// The site-wide link check, fed page by page as pages are rendered, so a build never needs
/// every page in memory nor a second parse of it: [`LinkCheck::scan_page`] (any thread)
/// checks what it can at once and keeps of the page only its ids (hashed) and the links that
/// point at pages not seen yet; [`LinkCheck::finish`] checks those against the whole site.
/// Each link is looked up once, so the check is linear in the number of links.
pub struct LinkCheck<'a> {
    base_url: Option<&'a str>,
    sources: &'a HashMap<String, PathBuf>,
    /// Every file the site will have, as far as known.
    paths: HashSet<String>,
    /// Hashed ids of each HTML page seen so far, sorted.
    ids: HashMap<String, Vec<u64>>,
    /// Links left for [`LinkCheck::finish`]: (page, position on the page, URL, target, fragment).
    deferred: Vec<(String, usize, String, String, Option<String>)>,
    /// Broken links found so far: (page, position on the page, problem).
    problems: Vec<(String, usize, Diagnostic)>,
}

/// What [`LinkCheck::scan_page`] keeps of one page, for [`LinkCheck::add`].
#[derive(Debug)]
pub struct PageLinks {
    path: String,
    ids: Vec<u64>,
    deferred: Vec<(usize, String, String, Option<String>)>,
    problems: Vec<(usize, Diagnostic)>,
}

/// A page's ids are kept as 64-bit hashes: two ids of one page sharing a hash (about one
/// chance in 10^16 for a page of 500 ids) is the only way a broken anchor could pass.
fn id_hash(id: &str) -> u64 {
    ahash::RandomState::with_seeds(0x5eed, 0x1eaf, 0xc0de, 0xf11e).hash_one(id)
}

/// A link's verdict: fine, broken (and why), or not known until more of the site is seen.
enum Verdict {
    Fine,
    Broken(String),
    Later(String, Option<String>),
}

impl<'a> LinkCheck<'a> {
    /// An empty check; `base_url` links count as internal, `sources` name the files to fix.
    pub fn new(base_url: Option<&'a str>, sources: &'a HashMap<String, PathBuf>) -> Self {
        LinkCheck {
            base_url,
            sources,
            paths: HashSet::new(),
            ids: HashMap::new(),
            deferred: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Files the site has (or will have) that links may point at.
    pub fn add_paths<'p>(&mut self, paths: impl IntoIterator<Item = &'p str>) {
        self.paths.extend(paths.into_iter().map(str::to_string));
    }

    /// Scan one HTML page: its links are checked against what is known now, the rest kept.
    pub fn scan_page(&self, path: &str, html: &str) -> PageLinks {
        let scan = scan_html(html);
        let mut ids: Vec<u64> = scan.ids.iter().map(|id| id_hash(id)).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut page =
            PageLinks { path: path.to_string(), ids: Vec::new(), deferred: Vec::new(), problems: Vec::new() };
        let mut seen = HashSet::new();
        for (at, link) in scan.links.iter().enumerate() {
            if !seen.insert(link.url.as_str()) {
                continue;
            }
            match self.judge(path, &link.url, &ids) {
                Verdict::Fine => {}
                Verdict::Broken(why) => {
                    page.problems.push((at, broken(path, &link.url, &why, self.sources.get(path))))
                }
                Verdict::Later(target, fragment) => {
                    page.deferred.push((at, link.url.clone(), target, fragment))
                }
            }
        }
        page.ids = ids;
        page
    }

    /// Take in what [`LinkCheck::scan_page`] kept of a page.
    pub fn add(&mut self, page: PageLinks) {
        let PageLinks { path, ids, deferred, problems } = page;
        self.problems.extend(problems.into_iter().map(|(at, d)| (path.clone(), at, d)));
        self.deferred.extend(deferred.into_iter().map(|(at, url, t, f)| (path.clone(), at, url, t, f)));
        self.paths.insert(path.clone());
        self.ids.insert(path, ids);
    }

    /// Check the links left over against the whole site: every broken link, by page.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        for (page, at, url, target, fragment) in std::mem::take(&mut self.deferred) {
            if let Some(why) = self.final_problem(&target, fragment.as_deref()) {
                let d = broken(&page, &url, &why, self.sources.get(&page));
                self.problems.push((page, at, d));
            }
        }
        self.problems.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        self.problems.into_iter().map(|(_, _, d)| d).collect()
    }

    fn final_problem(&self, target: &str, fragment: Option<&str>) -> Option<String> {
        if !self.paths.contains(target) {
            return Some(format!("{target} is not in the built site"));
        }
        let f = fragment.filter(|f| !f.is_empty())?;
        match self.ids.get(target) {
            Some(ids) if ids.binary_search(&id_hash(f)).is_err() => {
                Some(format!("{target} has no element with id=\"{f}\""))
            }
            _ => None,
        }
    }

    /// One link on `page`, whose own hashed ids are `own`.
    fn judge(&self, page: &str, url: &str, own: &[u64]) -> Verdict {
        // The 404 page is served at any depth; its links are absolute or root-based by design.
        if page == "404.html" && link_kind(url) == LinkKind::Internal && url.starts_with('/') {
            return Verdict::Fine;
        }
        let resolved = match (self.base_url.and_then(|b| url.strip_prefix(b)), link_kind(url)) {
            (Some(inside), _) => resolve("index.html", inside),
            (None, LinkKind::Internal) => resolve(page, url),
            (None, _) => return Verdict::Fine,
        };
        let (target, fragment) = match resolved {
            Err(why) => return Verdict::Broken(why),
            Ok(found) => found,
        };
        if !self.paths.contains(&target) && target != page {
            return Verdict::Later(target, fragment);
        }
        let Some(f) = fragment.as_deref().filter(|f| !f.is_empty()) else { return Verdict::Fine };
        if !target.ends_with(".html") {
            return Verdict::Fine;
        }
        let ids = if target == page { Some(own) } else { self.ids.get(&target).map(Vec::as_slice) };
        match ids {
            Some(ids) if ids.binary_search(&id_hash(f)).is_ok() => Verdict::Fine,
            Some(_) => Verdict::Broken(format!("{target} has no element with id=\"{f}\"")),
            None => Verdict::Later(target, fragment),
        }
    }
}

/// Links on some pages of a site already checked whole (the `build --watch` rebuilds), and
/// whether a full check is needed: it is when a changed page lost an `id`, which a page
/// that did not change may point at. `pages` are (path, old bytes, new bytes); `read` gives
/// any output file's bytes.
pub fn check_changed_links<'a>(
    pages: &[ChangedPage],
    read: &(dyn Fn(&str) -> Option<&'a [u8]> + Sync),
    base_url: Option<&str>,
    sources: &HashMap<String, PathBuf>,
) -> ChangedLinks {
    let scans: HashMap<&str, PageScan> = pages
        .iter()
        .filter(|(path, _, _)| path.ends_with(".html"))
        .map(|(path, _, bytes)| (*path, scan_html(&String::from_utf8_lossy(bytes))))
        .collect();
    let lost_an_id = pages.iter().any(|(path, old, _)| {
        old.is_some_and(|old| {
            let before = scan_html(&String::from_utf8_lossy(old)).ids;
            scans.get(path).is_some_and(|now| before.iter().any(|id| !now.ids.contains(id)))
        })
    });
    if lost_an_id {
        return ChangedLinks::CheckAll;
    }
    // Ids of unchanged pages, scanned once each (every page links the glossary many times).
    let ids_of_others: std::sync::Mutex<HashMap<String, HashSet<String>>> = Default::default();
    let site = SiteLinks {
        exists: &|path| read(path).is_some(),
        has_id: &|path, id| match scans.get(path) {
            Some(scan) => scan.ids.contains(id),
            None if !path.ends_with(".html") => true,
            None => {
                let Some(bytes) = read(path) else { return true };
                let mut known = ids_of_others.lock().unwrap_or_else(|p| p.into_inner());
                known
                    .entry(path.to_string())
                    .or_insert_with(|| scan_html(&String::from_utf8_lossy(bytes)).ids)
                    .contains(id)
            }
        },
        base_url,
        sources,
    };
    let mut paths: Vec<&&str> = scans.keys().collect();
    paths.sort();
    ChangedLinks::Checked(paths.into_iter().flat_map(|page| site.problems(page, &scans[*page])).collect())
}

/// A page a rebuild changed: its path, its bytes before (None when new) and now.
pub type ChangedPage<'a> = (&'a str, Option<&'a [u8]>, &'a [u8]);

/// What [`check_changed_links`] found.
#[derive(Debug)]
pub enum ChangedLinks {
    /// The broken links on the changed pages (none when empty).
    Checked(Vec<Diagnostic>),
    /// A changed page lost an anchor: check the whole site.
    CheckAll,
}

/// What a page's links are checked against.
struct SiteLinks<'a> {
    exists: &'a (dyn Fn(&str) -> bool + Sync),
    /// Whether the page at a path has an element with an id (true for non-HTML files).
    has_id: &'a (dyn Fn(&str, &str) -> bool + Sync),
    base_url: Option<&'a str>,
    sources: &'a HashMap<String, PathBuf>,
}

impl SiteLinks<'_> {
    /// The broken links of one page, each URL once.
    fn problems(&self, page: &str, scan: &PageScan) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for link in &scan.links {
            if !seen.insert(link.url.as_str()) {
                continue;
            }
            // The 404 page is served at any depth; its links are absolute or root-based by design.
            if page == "404.html" && link_kind(&link.url) == LinkKind::Internal && link.url.starts_with('/') {
                continue;
            }
            let resolved = match (self.base_url.and_then(|b| link.url.strip_prefix(b)), link_kind(&link.url))
            {
                (Some(inside), _) => resolve("index.html", inside),
                (None, LinkKind::Internal) => resolve(page, &link.url),
                (None, _) => continue,
            };
            let why = match resolved {
                Err(why) => Some(why),
                Ok((target, fragment)) => {
                    if !(self.exists)(target.as_str()) {
                        Some(format!("{target} is not in the built site"))
                    } else {
                        match fragment.filter(|f| !f.is_empty()) {
                            Some(f) if !(self.has_id)(target.as_str(), &f) => {
                                Some(format!("{target} has no element with id=\"{f}\""))
                            }
                            _ => None,
                        }
                    }
                }
            };
            if let Some(why) = why {
                problems.push(broken(page, &link.url, &why, self.sources.get(page)));
            }
        }
        problems
    }
}

fn broken(page: &str, url: &str, why: &str, source: Option<&PathBuf>) -> Diagnostic {
    match source {
        Some(content) => Diagnostic::error(
            Some(Location::file(content)),
            format!("broken link {url:?} on page {page}: {why}"),
        )
        .with_hint("fix or remove the link in this file; link to another page with @/its-file.md"),
        None => Diagnostic::error(
            Some(Location::file(page)),
            format!("broken link {url:?} on page {page}: {why}"),
        )
        .with_hint("this link comes from the theme's templates or the site's static/ files"),
    }
}

/// External (`http(s)://`, `//`) links of every HTML page, as (page, URL), in page order,
/// each once per page. `<link>` elements (canonical, feed) are the site's own address, left out.
pub fn external_links(files: &[OutputFile]) -> Vec<(String, String)> {
    let mut html: Vec<&OutputFile> = files.iter().filter(|f| f.path.ends_with(".html")).collect();
    html.sort_by(|a, b| a.path.cmp(&b.path));
    let mut out = Vec::new();
    for file in html {
        let mut seen = HashSet::new();
        for link in scan_html(&String::from_utf8_lossy(&file.bytes)).links {
            if link.tag != "link"
                && link_kind(&link.url) == LinkKind::External
                && seen.insert(link.url.clone())
            {
                out.push((file.path.clone(), link.url));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: html.as_bytes().to_vec() }
    }

    #[test]
    fn scanner_handles_quotes_entities_comments_and_scripts() {
        let scan = scan_html(
            "<!DOCTYPE html><!-- <a href=\"gone.html\"> --><a class=x href='a.html?x=1&amp;y=2'>a</a>\
             <img alt=\"1 > 0\" src=pic.png><p id=\"top\" data-x='\"'>\
             <script type=\"application/ld+json\">{\"href\": \"<a href=no.html>\"}</script><a name=old></a>\
             <A HREF=\"B.html\">",
        );
        let urls: Vec<&str> = scan.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, vec!["a.html?x=1&y=2", "pic.png", "B.html"]);
        assert!(scan.ids.contains("top") && scan.ids.contains("old"));
    }

    #[test]
    fn classifies_schemes() {
        assert_eq!(link_kind("https://x.org"), LinkKind::External);
        assert_eq!(link_kind("//cdn.x.org/a.js"), LinkKind::External);
        for url in ["mailto:a@b.c", "tel:+1", "javascript:void(0)", "data:image/png;base64,AA"] {
            assert_eq!(link_kind(url), LinkKind::Ignored, "{url}");
        }
        assert_eq!(link_kind("../a/index.html"), LinkKind::Internal);
        assert_eq!(link_kind("a/b:c.html"), LinkKind::Internal);
    }

    #[test]
    fn resolves_relative_urls() {
        assert_eq!(resolve("a/index.html", "../b/index.html"), Ok(("b/index.html".into(), None)));
        assert_eq!(resolve("a/index.html", "../b/"), Ok(("b/index.html".into(), None)));
        assert_eq!(resolve("a/index.html", "../"), Ok(("index.html".into(), None)));
        assert_eq!(resolve("a/index.html", "#x"), Ok(("a/index.html".into(), Some("x".into()))));
        assert_eq!(resolve("index.html", "css/s.css?v=2"), Ok(("css/s.css".into(), None)));
        assert!(resolve("index.html", "../x.html").is_err());
        assert!(resolve("index.html", "/x.html").is_err());
    }

    #[test]
    fn finds_broken_links_and_anchors_and_accepts_good_ones() {
        let files = [
            page("index.html", "<a href=\"a/index.html#intro\">ok</a><a href=\"a/\">ok</a><a href=\"css/s.css\">ok</a><a href=\"#top\">top</a><p id=\"top\"></p>"),
            page("a/index.html", "<h2 id=\"intro\"></h2><a href=\"../nope/index.html\">x</a><a href=\"../index.html#missing\">y</a><a href=\"mailto:x@y.z\">m</a><a href=\"https://x.org/\">e</a><a href=\"https://example.org/clinic/a/\">self</a>"),
        ];
        let mut all: Vec<(&str, &[u8])> = files.iter().map(|f| (f.path.as_str(), &f.bytes[..])).collect();
        all.push(("css/s.css", b""));
        let sources = HashMap::from([("a/index.html".to_string(), PathBuf::from("content/a.md"))]);
        let problems = check_links(&all, Some("https://example.org/clinic/"), &sources);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(problems.iter().all(|d| d.is_error()));
        assert!(
            problems[0].message.contains("../nope/index.html")
                && problems[0].message.contains("a/index.html")
        );
        assert_eq!(problems[0].location, Some(Location::file("content/a.md")));
        assert!(problems[1].message.contains("#missing"));
    }

    #[test]
    fn pages_fed_one_by_one_are_checked_like_a_whole_site() {
        let sources = HashMap::new();
        let mut check = LinkCheck::new(None, &sources);
        check.add_paths(["css/s.css"]);
        // The first page links to pages not seen yet (one with a good anchor, one with a bad
        // one, one that never comes) and to its own anchor.
        let first = check.scan_page(
            "a/index.html",
            "<p id=\"me\"></p><a href=\"#me\">1</a><a href=\"../b/index.html#top\">2</a>\
             <a href=\"../b/index.html#gone\">3</a><a href=\"../c/index.html\">4</a><a href=\"../css/s.css\">5</a>\
             <a href=\"/abs.html\">6</a>",
        );
        assert_eq!(first.deferred.len(), 3, "{first:?}");
        assert_eq!(first.problems.len(), 1, "the absolute link is broken at once");
        check.add(first);
        // A later page is checked against what was seen: its own bad anchor at once.
        let second =
            check.scan_page("b/index.html", "<h2 id=\"top\"></h2><a href=\"../a/index.html#nope\">x</a>");
        assert_eq!((second.deferred.len(), second.problems.len()), (0, 1));
        check.add(second);
        let problems: Vec<String> = check.finish().into_iter().map(|d| d.message).collect();
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems.iter().any(|p| p.contains("#gone") && p.contains("no element with id=\"gone\"")));
        assert!(problems.iter().any(|p| p.contains("c/index.html is not in the built site")));
        assert!(problems.iter().any(|p| p.contains("on page b/index.html") && p.contains("#nope")));
        // Sorted by page, then by place on the page.
        assert!(problems[3].contains("on page b/index.html"), "{problems:#?}");
    }

    #[test]
    fn lists_external_links_once_per_page() {
        let files = vec![page(
            "a/index.html",
            "<link rel=canonical href=\"https://e.org/a/\"><a href=\"https://x.org/\">1</a><a href='https://x.org/'>2</a><a href=\"mailto:a@b\">m</a>",
        )];
        assert_eq!(external_links(&files), vec![("a/index.html".to_string(), "https://x.org/".to_string())]);
    }
}
