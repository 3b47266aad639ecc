//! Saved web pages (`.html`, `.htm`) as seeds: the main content, as lines the classifier reads.
//!
//! The main content is found by `dom_smoothie`, a Rust port of Mozilla Readability (the engine
//! of Firefox's Reader View). Its result, and the whole page when Readability finds no article,
//! is walked into one line per block (heading, paragraph, list item, table cell, caption) with
//! an explicit stack, so 10,000 levels of nesting cannot overflow the call stack. Scripts,
//! styles, forms, navigation, asides and comments never become lines. Date and byline lines
//! that Readability leaves out (a footer's "Page last reviewed") are taken from the whole page
//! so they are still lifted, never shown.

use std::collections::HashSet;

use dom_query::{Document, NodeRef};

use super::chrome_words::chrome_key;
use super::classify::{Hint, SourceLine};
use super::text::collapse_whitespace;

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "form",
    "nav", "aside", "button", "select", "option", "input", "textarea", "label", "dialog", "menu", "head",
    "video", "audio", "map", "title",
];
/// Elements that are page furniture unless they sit inside the article.
const FURNITURE: &[&str] = &["header", "footer"];
/// Furniture that sits inside the article's own containers, named by the classes wiki and
/// forum software give it: a wiki's "[edit]" links beside its headings and its summary table
/// and links box beside the text; a forum post's signature and its quote of an earlier post;
/// and text only a screen reader hears ("Skip to content", "Information: " before a callout),
/// which labels the page's controls rather than saying anything a reader sees.
const INNER_FURNITURE_SELECTOR: &str = "[class*=editsection], .infobox, .navbox, .signature, .quote, \
     .bbcode_quote, [class*=visually-hidden], [class*=visuallyhidden], .sr-only, .screen-reader-text";
/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert", "menu", "menubar"];
/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "dl",
    "dt",
    "dd",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "body",
    "html",
    "header",
    "footer",
    "br",
];
/// Where Readability puts the article it found, in its pruned copy of the page.
const ARTICLE_ROOT: &str = "#readability-page-1";
/// Readability gives up on pages with more elements than this, and the whole page is walked.
const MAX_ELEMENTS: usize = 200_000;
/// Readability's work grows with the sum of every node's depth (it counts each element's text
/// through all its descendants): past this many node levels in all, a page nested thousands
/// deep would take minutes, so the whole page is walked instead. Real saved pages stay far
/// below it (the largest saved page of the labelled sets sums to about 10,000; a 2 MB article
/// of headings, paragraphs and lists to about 1,000,000).
const READABILITY_BUDGET: usize = 20_000_000;
/// The extraction runs on a thread with this much stack: html5ever and Readability recurse.
const STACK_BYTES: usize = 512 * 1024 * 1024;

/// True when a seed's file name says it is a saved web page.
pub fn is_html_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// True when a seed's bytes are not text: they hold NUL bytes, except a saved web page with a
/// few stray ones (at most one byte in a hundred), which the HTML parser drops as browsers do.
/// A page saved as UTF-16, or a PDF, has far more.
pub fn is_binary(name: &str, bytes: &[u8]) -> bool {
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    nuls > 0 && !(is_html_name(name) && nuls * 100 <= bytes.len())
}

/// The lines of a saved web page: its title first, then the main content's blocks, plus the
/// page's date and byline lines; `outside` gets the page's other lines (what Readability left).
pub fn html_lines(html: &str) -> (Vec<SourceLine>, Vec<SourceLine>) {
    let owned = html.to_string();
    let run = move || extract(&owned);
    let worker = std::thread::Builder::new().stack_size(STACK_BYTES).spawn(run);
    match worker.map(|handle| handle.join()) {
        Ok(Ok(lines)) => lines,
        // A panic inside the parser: the page gives no lines, and the caller reports an empty seed.
        _ => (Vec::new(), Vec::new()),
    }
}

fn extract(html: &str) -> (Vec<SourceLine>, Vec<SourceLine>) {
    // Too deep to build a tree from in reasonable time: read tag by tag instead.
    if super::html_flat::nesting_depth(html, super::html_flat::MAX_TREE_DEPTH)
        >= super::html_flat::MAX_TREE_DEPTH
    {
        return (super::html_flat::flat_lines(html), Vec::new());
    }
    let locate = Locator::new(html);
    // One parse: the whole page is walked first, then the same tree is handed to Readability,
    // which prunes it down to the article in place.
    let page = Document::from(html);
    // Readability drops class names from what it keeps, so these go before it runs.
    page.select(INNER_FURNITURE_SELECTOR).remove();
    // The whole page with its header and footer: a footer's "Page last reviewed" is lifted.
    let whole = walk(&page.root(), &locate, true);
    let footer = footer_lines(&page, &locate);
    let title = page_title(&page, &locate);
    let posts = repeated_posts(&page, &locate);
    let config = dom_smoothie::Config { max_elements_to_parse: MAX_ELEMENTS, ..Default::default() };
    let affordable = depth_sum_within(&page.root(), READABILITY_BUDGET);
    let main = affordable
        .then(|| dom_smoothie::Readability::with_document(page, None, Some(config)).ok())
        .flatten()
        .and_then(|mut reader| {
            let article = reader.parse().ok().filter(|a| !a.text_content.trim().is_empty())?;
            // Readability leaves its article under this id in its own tree: walked as it is,
            // not serialized and parsed again.
            let content = reader.doc.select(ARTICLE_ROOT);
            Some(match content.nodes().first() {
                Some(root) => walk(root, &locate, true),
                None => walk(&Document::from(article.content.to_string()).root(), &locate, true),
            })
        })
        .unwrap_or_else(|| whole.clone());
    let main = restore_pruned(&whole, main, title.as_ref());
    let main = add_sibling_posts(main, posts);
    // A line ending in ":" that the whole page follows with a link: Readability may have pruned
    // the links (a list dense with them), but the line still introduced navigation.
    let before_links: HashSet<String> = whole
        .windows(2)
        .filter(|w| w[0].text.ends_with(':') && w[1].linked)
        .map(|w| chrome_key(&w[0].text))
        .collect();
    let mut main = main;
    for line in &mut main {
        line.next_linked = line.text.ends_with(':') && before_links.contains(&chrome_key(&line.text));
    }
    let in_main: HashSet<String> = main.iter().map(|l| chrome_key(&l.text)).collect();
    let mut lines: Vec<SourceLine> = Vec::new();
    if let Some(title) = title {
        lines.push(title);
    }
    lines.extend(main);
    let mut outside = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for line in whole.into_iter().chain(footer) {
        if in_main.contains(&chrome_key(&line.text))
            || lines.first().is_some_and(|t| t.text == line.text)
            || !seen.insert(chrome_key(&line.text))
        {
            continue;
        }
        let region = super::dates::Region::Us;
        let fact = super::lift::date_line(&line.text, region).is_some() || super::lift::is_byline(&line.text);
        if fact {
            lines.push(SourceLine { hint: Hint::Plain, linked: false, ..line });
        } else {
            outside.push(line);
        }
    }
    lines.sort_by_key(|l| l.number);
    (lines, outside)
}

/// Readability sometimes prunes blocks of the article it keeps: a heading it scores as too
/// short (an accordion's question, a heading over a single paragraph), or the standfirst and
/// lead image between the `<h1>` and the text. Two kinds of block of the whole page are put
/// back in their place, and the classifier then judges them like any other line: a heading
/// whose next block is in the article (it heads kept text), and, between the title and the
/// article's first block, a paragraph of sentences or an image's caption. Nothing else comes
/// back: Readability prunes promotions, page headers and link lists for good reason.
fn restore_pruned(
    whole: &[SourceLine],
    mut main: Vec<SourceLine>,
    title: Option<&SourceLine>,
) -> Vec<SourceLine> {
    let kept: HashSet<String> = main.iter().map(|l| chrome_key(&l.text)).collect();
    if kept.is_empty() {
        return main;
    }
    let title_key = title.map(|t| chrome_key(&t.text));
    let keys: Vec<String> = whole.iter().map(|l| chrome_key(&l.text)).collect();
    let in_article = |k: usize| kept.contains(&keys[k]);
    let is_title = |k: usize| title_key.as_deref() == Some(keys[k].as_str());
    let first_kept = (0..whole.len()).find(|&k| in_article(k) && !is_title(k));
    let title_at = (0..whole.len()).find(|&k| is_title(k));
    let mut restored = Vec::new();
    for (k, line) in whole.iter().enumerate() {
        if in_article(k) || is_title(k) || line.linked {
            continue;
        }
        let heads_kept = line.hint == Hint::Heading && k + 1 < whole.len() && in_article(k + 1);
        let lead = title_at.is_some_and(|t| t < k) && first_kept.is_some_and(|f| k < f);
        let sentences = {
            let f = super::features::Features::of(&line.text);
            f.ends_sentence && f.words >= 8
        };
        let lead_block = lead
            && (line.hint == Hint::Cell
                || (matches!(line.hint, Hint::Heading | Hint::Paragraph) && sentences));
        if heads_kept || lead_block {
            restored.push(line.clone());
        }
    }
    if !restored.is_empty() {
        main.extend(restored);
        main.sort_by_key(|l| l.number);
    }
    main
}

/// The lines of the page's footer landmarks (`role="contentinfo"`), which the walk skips as
/// furniture: a wiki's "This page was last edited on…" lives there, and dates are lifted from
/// them like any line outside the article.
fn footer_lines(page: &Document, locate: &Locator) -> Vec<SourceLine> {
    let mut lines = Vec::new();
    for footer in page.select("[role=contentinfo]").nodes() {
        for child in footer.children().into_iter().filter(|c| c.is_element()) {
            lines.extend(walk(&child, locate, true));
        }
    }
    lines
}

/// Fewest words of a sentence that makes a block a post's text rather than its furniture.
const POST_PROSE_MIN_WORDS: usize = 12;

/// Groups of sibling elements built alike (same tag, same first class, same id once its
/// digits are dropped) that each hold a paragraph of prose: the posts of a forum thread or the
/// answers of a Q&A page, each group as the lines of its members.
fn repeated_posts(page: &Document, locate: &Locator) -> Vec<Vec<Post>> {
    let elements = page.select("*");
    if elements.length() > MAX_ELEMENTS {
        return Vec::new();
    }
    let mut candidates: Vec<(usize, Vec<NodeRef>)> = Vec::new();
    for parent in elements.nodes() {
        let children: Vec<NodeRef> = parent.children().into_iter().filter(|c| c.is_element()).collect();
        if children.len() < 2 {
            continue;
        }
        let mut by_shape: Vec<(String, Vec<NodeRef>)> = Vec::new();
        for child in children {
            if is_skipped(&child) {
                continue;
            }
            let shape = post_shape(&child);
            match by_shape.iter_mut().find(|(s, _)| *s == shape) {
                Some((_, members)) => members.push(child),
                None => by_shape.push((shape, vec![child])),
            }
        }
        for (_, members) in
            by_shape.into_iter().filter(|(shape, m)| m.len() >= 2 && shape.contains(['.', '#']))
        {
            // A cheap look first (the members' text as a whole); only the few largest groups
            // are walked into lines below.
            let texts: Vec<String> = members.iter().map(|m| m.text().to_string()).collect();
            let with_prose = texts
                .iter()
                .filter(|t| {
                    t.split_whitespace().count() >= POST_PROSE_MIN_WORDS && t.contains(['.', '?', '!'])
                })
                .count();
            if with_prose >= 2 {
                candidates.push((texts.iter().map(String::len).sum(), members));
            }
        }
    }
    // Each group is read from the top of the page once (its members in document order), so the
    // work stays linear in the page however many groups it has.
    candidates.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    candidates.truncate(MAX_POST_GROUPS);
    let mut groups = Vec::new();
    for (_, members) in candidates {
        locate.rewind();
        let lines: Vec<Post> = members.iter().map(|m| (numbered_id(m), walk_on(m, locate, true))).collect();
        let has_prose = |(_, ls): &Post| {
            ls.iter().any(|l| {
                let f = super::features::Features::of(&l.text);
                f.ends_sentence && f.words >= POST_PROSE_MIN_WORDS
            })
        };
        if lines.iter().filter(|ls| has_prose(ls)).count() >= 2 {
            groups.push(lines);
        }
    }
    groups
}

/// Most groups of alike siblings read as possible posts (the largest by text).
const MAX_POST_GROUPS: usize = 8;

/// One post of a thread: whether its id is numbered, and its lines.
type Post = (bool, Vec<SourceLine>);

/// The element's id has digits in it ("post1201", "comment-88").
fn numbered_id(node: &NodeRef) -> bool {
    node.attr("id").is_some_and(|i| i.chars().any(|c| c.is_ascii_digit()))
}

/// An element's tag, first class and id without digits: "table#post", "div.answer".
fn post_shape(node: &NodeRef) -> String {
    let class = node.attr("class").map(|c| c.split_whitespace().next().unwrap_or("").to_ascii_lowercase());
    let id = node.attr("id").map(|i| i.chars().filter(|c| !c.is_ascii_digit()).collect::<String>());
    let mut shape = name_of(node);
    if let Some(class) = class.filter(|c| !c.is_empty()) {
        shape.push('.');
        shape.push_str(&class);
    }
    if let Some(id) = id.filter(|i| !i.is_empty()) {
        shape.push('#');
        shape.push_str(&id);
    }
    shape
}

/// Readability keeps the one post or answer that scores best; the others built the same way
/// beside it are the thread's, so their lines join the article (the classifier still drops
/// their user names, counters and buttons). A blog's comments are built differently from its
/// article, so they stay out.
fn add_sibling_posts(mut main: Vec<SourceLine>, groups: Vec<Vec<Post>>) -> Vec<SourceLine> {
    let kept: HashSet<String> = main.iter().map(|l| chrome_key(&l.text)).collect();
    let mut added: HashSet<String> = HashSet::new();
    let mut extra = Vec::new();
    for members in groups {
        let holds_article = |ls: &Vec<SourceLine>| {
            ls.iter().any(|l| {
                super::features::Features::of(&l.text).words >= POST_PROSE_MIN_WORDS
                    && kept.contains(&chrome_key(&l.text))
            })
        };
        // Exactly one, or any number when every member carries a numbered id ("post1201",
        // "comment-88"), as a thread's entries do: an article whose sections are built alike
        // already spans several, and what Readability left out beside them it left out for a
        // reason.
        let held = members.iter().filter(|m| holds_article(&m.1)).count();
        let numbered = members.iter().all(|m| m.0);
        // Pages of one guide saved together open alike (the guide's running header); posts open
        // with different names.
        let openings: HashSet<String> =
            members.iter().filter_map(|m| m.1.first()).map(|l| chrome_key(&l.text)).collect();
        let pages_of_one_guide = openings.len() < members.len();
        if held == 0 || (held > 1 && !numbered) || pages_of_one_guide {
            continue;
        }
        for line in members.into_iter().flat_map(|m| m.1) {
            let key = chrome_key(&line.text);
            if !kept.contains(&key) && added.insert(key) {
                extra.push(line);
            }
        }
    }
    if !extra.is_empty() {
        main.extend(extra);
        main.sort_by_key(|l| l.number);
    }
    main
}

/// True when the depths of all the page's nodes add up to at most `budget` (see
/// [`READABILITY_BUDGET`]); stops counting as soon as they pass it.
fn depth_sum_within(root: &NodeRef, budget: usize) -> bool {
    let mut sum = 0usize;
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        sum += depth;
        if sum > budget {
            return false;
        }
        stack.extend(node.children_it(false).map(|child| (child, depth + 1)));
    }
    true
}

/// The page's `<h1>` outside navigation, or its `<title>` when it has none.
fn page_title(page: &Document, locate: &Locator) -> Option<SourceLine> {
    for h1 in page.select("h1").nodes() {
        if has_furniture_ancestor(h1) {
            continue;
        }
        let text = collapse_whitespace(&visible_text(h1));
        if !text.is_empty() {
            locate.rewind();
            return Some(SourceLine {
                number: locate.line_of(&text),
                text,
                hint: Hint::Title,
                linked: false,
                next_linked: false,
            });
        }
    }
    let title = page.select("title").nodes().first().map(|t| collapse_whitespace(&t.text()))?;
    // An unclosed `<title>` swallows the page's markup as its text: that is no title.
    if looks_like_markup(&title) {
        return None;
    }
    locate.rewind();
    (!title.is_empty()).then(|| SourceLine {
        number: locate.line_of(&title),
        text: title,
        hint: Hint::Title,
        linked: false,
        next_linked: false,
    })
}

/// The text a reader sees in an element: a `<script>` or `<style>` inside a heading is not part
/// of it, and an image counts as its alt text.
fn visible_text(node: &NodeRef) -> String {
    let mut text = String::new();
    let mut stack = vec![*node];
    while let Some(n) = stack.pop() {
        if n.is_text() {
            text.push_str(&n.text());
        } else if n.is_element() && !is_skipped(&n) {
            if name_of(&n) == "img" {
                if let Some(alt) = n.attr("alt") {
                    text.push(' ');
                    text.push_str(&alt);
                    text.push(' ');
                }
            }
            stack.extend(n.children().into_iter().rev());
        }
    }
    text
}

/// Text holding a tag (`<p`, `</`, `<!--`): markup read as text, as in an unclosed `<title>`.
fn looks_like_markup(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

fn has_furniture_ancestor(node: &NodeRef) -> bool {
    node.ancestors_it(None).any(|a| is_skipped(&a))
}

fn name_of(node: &NodeRef) -> String {
    node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default()
}

/// Elements never read: scripts, forms, navigation, hidden and furniture-role elements.
fn is_skipped(node: &NodeRef) -> bool {
    let name = name_of(node);
    if name == "form" && wraps_the_page(node) {
        return false;
    }
    if SKIPPED.contains(&name.as_str()) {
        return true;
    }
    let role = node.attr("role").map(|r| r.to_ascii_lowercase()).unwrap_or_default();
    FURNITURE_ROLES.contains(&role.as_str())
        || node.has_attr("hidden")
        || node.attr("aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// A `<form>` around the page's heading or main content is the layout of a web-forms site
/// (ASP.NET wraps the whole page in one), not a form to fill in.
fn wraps_the_page(form: &NodeRef) -> bool {
    form.descendants_it().any(|d| d.is_element() && matches!(name_of(&d).as_str(), "h1" | "main" | "article"))
}

/// A `<button>` that opens and closes a panel of the page (`aria-expanded`, `aria-controls`):
/// an accordion's question or a section's title.
fn is_disclosure_toggle(node: &NodeRef) -> bool {
    node.is_element()
        && name_of(node) == "button"
        && (node.has_attr("aria-expanded") || node.has_attr("aria-controls"))
}

/// One step of the walk: go into a node, or leave an element.
enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave {
        /// The element was a block: its text ends here.
        block: bool,
        /// The element was an `<article>` or `<main>`.
        article: bool,
        /// The element was a link to another page.
        link: bool,
        /// The element was `<b>` or `<strong>`.
        bold: bool,
    },
}

/// Walks a document into lines; `in_article` says the document is Readability's article, where
/// `<header>` and `<footer>` hold the article's own text.
fn walk(root: &NodeRef, locate: &Locator, in_article: bool) -> Vec<SourceLine> {
    // Each walk reads the page from its top: the article's lines are searched from the start of
    // the file again after the whole page was walked.
    locate.rewind();
    walk_on(root, locate, in_article)
}

/// [`walk`] without going back to the top of the page: the next of several elements read in
/// document order.
fn walk_on(root: &NodeRef, locate: &Locator, in_article: bool) -> Vec<SourceLine> {
    let mut lines = Vec::new();
    let mut buffer = Buffer::default();
    let mut hints: Vec<Hint> = vec![Hint::Plain];
    let mut article_depth = 0usize;
    let mut link_depth = 0usize;
    let mut bold_depth = 0usize;
    let mut stack = vec![Step::Enter(*root)];
    // The block so far is only an image's alt text: a caption, read as a paragraph, never as
    // a heading.
    let mut alt_only = false;
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Leave { block, article, link, bold } => {
                if block {
                    let hint = hints.last().copied().unwrap_or(Hint::Plain);
                    flush(&mut buffer, caption_hint(hint, alt_only), locate, &mut lines);
                    alt_only = false;
                    hints.pop();
                }
                article_depth -= usize::from(article);
                link_depth -= usize::from(link);
                bold_depth -= usize::from(bold);
                continue;
            }
            Step::Enter(node) => node,
        };
        if node.is_text() {
            // No space added: "<b>Face</b>: has" reads "Face: has", as a browser shows it.
            let text = node.text();
            alt_only &= text.trim().is_empty();
            buffer.push(&text, link_depth > 0, bold_depth > 0);
            continue;
        }
        if !node.is_element() && !node.is_document() && !node.is_fragment() {
            continue; // comments, doctypes
        }
        let name = name_of(&node);
        // An accordion's toggle (`<h3><button aria-expanded>Who should get it?</button></h3>`)
        // is the heading of the panel it opens: the only button whose text is article text.
        let toggle = is_disclosure_toggle(&node);
        if node.is_element() && is_skipped(&node) && !toggle {
            continue;
        }
        if FURNITURE.contains(&name.as_str()) && !in_article && article_depth == 0 {
            continue;
        }
        if name == "img" {
            if let Some(alt) = node.attr("alt").filter(|a| !a.trim().is_empty()) {
                alt_only = buffer.text.trim().is_empty();
                buffer.push(&format!(" {alt} "), link_depth > 0, false);
            }
            continue;
        }
        let article = name == "article" || name == "main";
        article_depth += usize::from(article);
        // A link to another page; "#section" links jump within this one.
        let link = name == "a"
            && node.attr("href").is_some_and(|h| !h.trim().is_empty() && !h.trim().starts_with('#'));
        link_depth += usize::from(link);
        let bold = name == "b" || name == "strong";
        bold_depth += usize::from(bold);
        let block = BLOCKS.contains(&name.as_str()) || toggle;
        if block {
            let hint = hints.last().copied().unwrap_or(Hint::Plain);
            flush(&mut buffer, caption_hint(hint, alt_only), locate, &mut lines);
            alt_only = false;
            let hint = if toggle {
                Hint::Heading
            } else {
                block_hint(&name, &node, hints.last().copied().unwrap_or(Hint::Plain))
            };
            hints.push(hint);
        }
        if block || article || link || bold {
            stack.push(Step::Leave { block, article, link, bold });
        }
        let children = node.children();
        stack.extend(children.into_iter().rev().map(Step::Enter));
    }
    flush(&mut buffer, Hint::Plain, locate, &mut lines);
    lines
}

/// A block that holds only an image's alt text is a caption, whatever element held it.
fn caption_hint(hint: Hint, alt_only: bool) -> Hint {
    if alt_only && hint == Hint::Plain {
        Hint::Cell
    } else {
        hint
    }
}

/// What a block element says its text is.
fn block_hint(name: &str, node: &NodeRef, outer: Hint) -> Hint {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Hint::Heading,
        "li" => {
            let ordered = node.parent().is_some_and(|p| name_of(&p) == "ol");
            Hint::Item { ordered }
        }
        // A disclosure's `<summary>` names what opening it shows: the heading of its text.
        "summary" => Hint::Heading,
        "p" | "blockquote" | "pre" | "dd" | "dt" | "address" => Hint::Paragraph,
        "td" | "th" | "caption" | "figcaption" => Hint::Cell,
        // A `<div>` inside a list item or cell still belongs to it.
        _ => match outer {
            Hint::Item { .. } | Hint::Cell | Hint::Paragraph => outer,
            _ => Hint::Plain,
        },
    }
}

/// The text of the block being read, and how much of it sits inside links.
#[derive(Default)]
struct Buffer {
    text: String,
    /// Letters and digits in all.
    chars: usize,
    /// Letters and digits inside links to other pages.
    link_chars: usize,
    /// Letters and digits in bold.
    bold_chars: usize,
}

impl Buffer {
    fn push(&mut self, text: &str, in_link: bool, in_bold: bool) {
        let n = text.chars().filter(|c| c.is_alphanumeric()).count();
        self.chars += n;
        if in_link {
            self.link_chars += n;
        }
        if in_bold {
            self.bold_chars += n;
        }
        self.text.push_str(text);
    }
}

/// Blocks whose letters are nearly all link text are links (Readability's link density, per block).
const LINKED_SHARE: f64 = 0.9;

fn flush(buffer: &mut Buffer, hint: Hint, locate: &Locator, lines: &mut Vec<SourceLine>) {
    let text = collapse_whitespace(&buffer.text);
    let linked = buffer.chars > 0 && buffer.link_chars as f64 >= LINKED_SHARE * buffer.chars as f64;
    // A paragraph all in bold is how older pages wrote a heading (`<p><b>What is it?</b>`): its
    // shape and neighbours decide, as for a line of a text seed.
    let all_bold = buffer.chars > 0 && buffer.bold_chars == buffer.chars;
    let hint = if hint == Hint::Paragraph && all_bold { Hint::Plain } else { hint };
    *buffer = Buffer::default();
    if text.is_empty() {
        return;
    }
    lines.push(SourceLine { number: locate.line_of(&text), text, hint, linked, next_linked: false });
}

/// Finds the source line of a block's text, searching forward from the last block found, so
/// `--explain` can point into the saved page. The numbers never go back within one walk: the
/// lines are put in order by them, and a block whose word is not found (split by markup,
/// written as an entity) must not jump to an earlier line and scramble the article's order.
struct Locator {
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    lower: String,
    cursor: std::cell::Cell<usize>,
}

impl Locator {
    fn new(html: &str) -> Locator {
        let starts = std::iter::once(0).chain(html.match_indices('\n').map(|(i, _)| i + 1)).collect();
        // ASCII lowercase keeps byte offsets equal to the original's.
        Locator { starts, lower: html.to_ascii_lowercase(), cursor: std::cell::Cell::new(0) }
    }

    /// Searches from the top of the page again.
    fn rewind(&self) {
        self.cursor.set(0);
    }

    fn line_of(&self, text: &str) -> usize {
        let probe: String = text
            .split_whitespace()
            .find(|w| w.len() >= 4 && w.chars().all(|c| c.is_alphanumeric()))
            .or_else(|| text.split_whitespace().next())
            .unwrap_or("")
            .to_ascii_lowercase();
        let from = self.cursor.get().min(self.lower.len());
        let found = self.lower.get(from..).and_then(|rest| rest.find(&probe)).map(|i| from + i);
        let offset = match found {
            Some(at) => {
                self.cursor.set(at);
                at
            }
            None => from,
        };
        self.starts.partition_point(|&s| s <= offset).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[SourceLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn scripts_styles_forms_and_navigation_never_become_lines() {
        let html = "<html><head><title>Asthma | Site</title><style>p{}</style></head><body>\
            <nav><a>Home</a></nav><script>var x = 'hidden:';</script><!-- a comment -->\
            <form><input value=x><label>Search</label></form><aside>Ad text</aside>\
            <main><h1>What is asthma?</h1><p>Asthma affects the airways.</p>\
            <ul><li>cough</li><li>wheeze <img src=\"w.png\" alt=\"a child wheezing\"></li></ul></main></body></html>";
        let (lines, _) = html_lines(html);
        let got = texts(&lines);
        assert_eq!(got[0], "What is asthma?");
        assert!(got.contains(&"Asthma affects the airways."), "{got:?}");
        assert!(got.contains(&"wheeze a child wheezing"), "{got:?}");
        for bad in ["var x", "Home", "Search", "Ad text", "a comment", "p{}"] {
            assert!(!got.iter().any(|t| t.contains(bad)), "{bad} leaked: {got:?}");
        }
        assert_eq!(lines[0].hint, Hint::Title);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}<p>Deep text here.</p>{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        let (lines, _) = html_lines(&html);
        assert!(texts(&lines).contains(&"Deep text here."), "{lines:?}");
    }

    #[test]
    fn the_article_keeps_its_order_when_its_words_appear_earlier_on_the_page() {
        // The page's <title> and menu use the words the article's blocks start with: the
        // blocks must still come out in the order the page shows them.
        let html = "<html><head><title>Stroke signs | Example Charity</title></head>\n<body>\n\
            <nav><a>Stroke help</a> <a>Types of stroke</a></nav>\n<main>\n<h1>Stroke signs</h1>\n\
            <p>A stroke is a medical emergency and needs help straight away, every time.</p>\n\
            <h2>Types of stroke</h2>\n<p>Strokes caused by a clot are the most common kind.</p>\n\
            <ul><li>Stroke caused by a clot</li><li>Stroke caused by bleeding</li></ul>\n\
            <p>Stroke &amp; recovery: most people improve over the first months after it.</p>\n</main></body></html>";
        let (lines, _) = html_lines(html);
        let got = texts(&lines);
        let order = [
            "A stroke is a medical emergency and needs help straight away, every time.",
            "Types of stroke",
            "Strokes caused by a clot are the most common kind.",
            "Stroke caused by a clot",
            "Stroke caused by bleeding",
            "Stroke & recovery: most people improve over the first months after it.",
        ];
        let at: Vec<usize> = order
            .iter()
            .map(|t| got.iter().position(|g| g == t).unwrap_or_else(|| panic!("{t}: {got:?}")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "out of order: {got:?}");
    }

    #[test]
    fn line_numbers_point_into_the_page() {
        let html = "<html>\n<body>\n<h1>Title here</h1>\n<p>First paragraph text.</p>\n</body></html>";
        let (lines, _) = html_lines(html);
        // The title, the same `<h1>` inside the article (the classifier lifts it as the title's copy),
        // and the paragraph.
        assert_eq!(lines.iter().map(|l| l.number).collect::<Vec<_>>(), vec![3, 3, 4], "{lines:?}");
    }
}
