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
    let scans: HashMap<&str, PageScan> = files
        .par_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (*path, scan_html(&String::from_utf8_lossy(bytes))))
        .collect();
    let existing: HashSet<&str> = files.iter().map(|(path, _)| *path).collect();
    let mut pages: Vec<&&str> = scans.keys().collect();
    pages.sort();
    let site = SiteLinks {
        exists: &|path| existing.contains(path),
        has_id: &|path, id| scans.get(path).is_none_or(|scan| scan.ids.contains(id)),
        base_url,
        sources,
    };
    // Pages are checked in parallel; results stay in page order.
    pages.par_iter().flat_map_iter(|page| site.problems(page, &scans[**page])).collect()
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
    fn lists_external_links_once_per_page() {
        let files = vec![page(
            "a/index.html",
            "<link rel=canonical href=\"https://e.org/a/\"><a href=\"https://x.org/\">1</a><a href='https://x.org/'>2</a><a href=\"mailto:a@b\">m</a>",
        )];
        assert_eq!(external_links(&files), vec![("a/index.html".to_string(), "https://x.org/".to_string())]);
    }
}
