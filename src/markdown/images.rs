//! Images in Markdown: `![alt](images/x.jpg "Caption")` becomes a `<figure>` with a caption,
//! resized at build time to a few widths (`srcset`, `width`/`height`, `loading="lazy"`),
//! with its alt text checked. Resized files are cached by content hash outside the output, so
//! a rebuild reads them back instead of decoding and resizing again.
//!
//! A relative path is relative to the page's file; a path starting with `/` names a file in
//! the site's `static/`. Remote images are left as they are (`check --links` lists them).
//! `![decorative](path)` declares an image that carries no information (`alt=""`).

use std::path::{Path, PathBuf};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::error::Severity;
use crate::markdown::callout::Problem;

/// The widths images are resized to (never wider than the original).
pub const WIDTHS: &[u32] = &[480, 800, 1200];

/// The alt text that declares an image decorative.
pub const DECORATIVE: &str = "decorative";

/// Alt text longer than this is a description, not alt text.
pub const MAX_ALT: usize = 150;

/// Where the output keeps resized images.
pub const OUTPUT_DIR: &str = "img";

/// The cache folder, inside the site folder (next to `public/`, never inside it).
pub const CACHE_DIR: &str = ".plainleaf-cache/images";

/// Whether a file name is a picture the build reads for `![alt](...)` (PNG, JPEG or SVG).
pub fn is_picture(name: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "svg")
}

/// A resized image for the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFile {
    /// Path inside the output folder, with `/` separators.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What resolving a page's images needs.
#[derive(Debug, Clone)]
pub struct ImageContext {
    /// The site folder.
    pub site_root: PathBuf,
    /// The page's folder (for relative paths), absolute.
    pub page_dir: PathBuf,
}

/// What [`transform`] made and found.
#[derive(Debug, Clone, Default)]
pub struct Images {
    /// Resized files to write into the output.
    pub files: Vec<ImageFile>,
    /// Images that were found (local, remote, decorative): the page has a visual.
    pub count: usize,
    /// Missing alt text, bad files, alt-text lint.
    pub problems: Vec<Problem>,
}

/// Replace image events by `<img>` (or `<figure>`, for an image alone in its paragraph with a
/// title) markup; `root` is the relative prefix from the page to the output root.
pub fn transform<'e>(
    events: Vec<Event<'e>>,
    offsets: Vec<usize>,
    ctx: Option<&ImageContext>,
    root: &str,
) -> (Vec<Event<'e>>, Vec<usize>, Images) {
    let mut images = Images::default();
    if !events.iter().any(|e| matches!(e, Event::Start(Tag::Image { .. }))) {
        return (events, offsets, images);
    }
    let mut out = Vec::with_capacity(events.len());
    let mut out_offsets = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Image { dest_url, title, .. }) = &events[i] else {
            out.push(events[i].clone());
            out_offsets.push(offsets.get(i).copied().unwrap_or(0));
            i += 1;
            continue;
        };
        let offset = offsets.get(i).copied().unwrap_or(0);
        let end = (i..events.len())
            .find(|&k| matches!(events[k], Event::End(TagEnd::Image)))
            .unwrap_or(events.len());
        let alt = super::plain_text(&events[i + 1..end]);
        let alone = matches!(out.last(), Some(Event::Start(Tag::Paragraph)))
            && matches!(events.get(end + 1), Some(Event::End(TagEnd::Paragraph)));
        images.count += 1;
        let img = image_html(dest_url, &alt, title, offset, ctx, root, &mut images);
        let caption = title.trim();
        if alone {
            out.pop();
            out_offsets.pop();
            let figure = if caption.is_empty() {
                format!("<figure>{img}</figure>\n")
            } else {
                format!("<figure>{img}<figcaption>{}</figcaption></figure>\n", escape(caption))
            };
            out.push(Event::Html(CowStr::from(figure)));
            i = end + 2;
        } else {
            out.push(Event::InlineHtml(CowStr::from(img)));
            i = end + 1;
        }
        out_offsets.push(offset);
    }
    (out, out_offsets, images)
}

/// The `<img>` for one image, its problems pushed to `images`.
fn image_html(
    dest: &str,
    alt: &str,
    title: &str,
    offset: usize,
    ctx: Option<&ImageContext>,
    root: &str,
    images: &mut Images,
) -> String {
    let decorative = alt.trim() == DECORATIVE;
    let alt = if decorative { "" } else { alt.trim() };
    let mut problem = |severity, message: String, hint: &str| {
        images.problems.push(Problem { severity, offset, message, hint: hint.to_string() })
    };
    if alt.is_empty() && !decorative {
        problem(
            Severity::Error,
            format!("the image {dest} has no alt text"),
            "say what the picture shows in a few words, like ![A nurse gives a vaccine in the upper arm](...); \
             if it only decorates, write ![decorative](...)",
        );
    }
    if !alt.is_empty() {
        for (message, hint) in alt_lint(alt, dest, title) {
            problem(Severity::Warning, message, hint);
        }
    }
    let remote = dest.starts_with("http://") || dest.starts_with("https://") || dest.starts_with("//");
    let attrs = format!("alt=\"{}\" loading=\"lazy\" decoding=\"async\"", escape(alt));
    if remote || dest.starts_with("data:") {
        return format!("<img src=\"{}\" {attrs}>", escape(dest));
    }
    let Some(ctx) = ctx else { return format!("<img src=\"{}\" {attrs}>", escape(dest)) };
    let file = if let Some(rest) = dest.strip_prefix('/') {
        ctx.site_root.join("static").join(rest)
    } else {
        ctx.page_dir.join(dest)
    };
    let shown = file.strip_prefix(&ctx.site_root).unwrap_or(&file).display().to_string();
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            let why = if e.kind() == std::io::ErrorKind::NotFound {
                "it does not exist".to_string()
            } else {
                e.to_string()
            };
            problem(
                Severity::Error,
                format!("the image {shown} cannot be read: {why}"),
                "a relative path is relative to the page's file (images/x.jpg next to the page); \
                 a path starting with / names a file in static/",
            );
            return String::new();
        }
    };
    match resized(&bytes, &file, &ctx.site_root) {
        Ok(set) => {
            let (w, h) = set.largest;
            let src = set.files.last().map(|(f, _)| format!("{root}{}", f.path)).unwrap_or_default();
            // A drawing (SVG) is sharp at any width: one file, no srcset.
            let srcset = if src.ends_with(".svg") {
                String::new()
            } else {
                let each: Vec<String> =
                    set.files.iter().map(|(f, width)| format!("{root}{} {width}w", f.path)).collect();
                format!(" srcset=\"{}\" sizes=\"(max-width: 45rem) 100vw, 45rem\"", each.join(", "))
            };
            let out = format!("<img src=\"{src}\"{srcset} width=\"{w}\" height=\"{h}\" {attrs}>");
            images.files.extend(set.files.into_iter().map(|(f, _)| f));
            out
        }
        Err(why) => {
            problem(
                Severity::Error,
                format!("the image {shown} cannot be used: {why}"),
                "save it again as a PNG or JPEG file (or SVG), or choose another picture",
            );
            String::new()
        }
    }
}

/// Alt-text problems: the file name, "image of", too long, the same as the caption.
fn alt_lint(alt: &str, dest: &str, title: &str) -> Vec<(String, &'static str)> {
    let mut found = Vec::new();
    let lower = alt.to_lowercase();
    let name = dest.rsplit('/').next().unwrap_or(dest).to_lowercase();
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    if lower == name || lower == stem || lower.replace(' ', "-") == stem || lower.replace(' ', "_") == stem {
        found.push((
            format!("the alt text of {dest} is its file name"),
            "say what the picture shows, for someone who cannot see it",
        ));
    }
    for opener in
        ["image of", "picture of", "photo of", "a picture of", "an image of", "a photo of", "graphic of"]
    {
        if lower.starts_with(opener) {
            found.push((
                format!("the alt text of {dest} starts with {opener:?}"),
                "screen readers already say it is an image: start with what it shows",
            ));
            break;
        }
    }
    if alt.chars().count() > MAX_ALT {
        found.push((
            format!("the alt text of {dest} has {} characters; keep it under {MAX_ALT}", alt.chars().count()),
            "say the main thing the picture shows; put the details in the caption or the text",
        ));
    }
    if !title.trim().is_empty() && title.trim().eq_ignore_ascii_case(alt) {
        found.push((
            format!("the alt text of {dest} is the same as its caption"),
            "a screen reader would say it twice: let the alt text say what the picture shows, the caption why it matters",
        ));
    }
    found
}

/// The resized versions of one image and the size of the largest.
struct Resized {
    files: Vec<(ImageFile, u32)>,
    largest: (u32, u32),
}

/// The image at `path` (its `bytes`) in each width of [`WIDTHS`] it reaches (SVG as it is),
/// from the cache when the same bytes were resized before.
fn resized(bytes: &[u8], path: &Path, site_root: &Path) -> Result<Resized, String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let hash = format!("{:016x}", content_hash(bytes));
    if ext == "svg" {
        if !String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).contains("<svg") {
            return Err("it is not an SVG file".into());
        }
        let (w, h) = svg_size(bytes).unwrap_or((800, 600));
        let file = ImageFile { path: format!("{OUTPUT_DIR}/{hash}.svg"), bytes: bytes.to_vec() };
        return Ok(Resized { files: vec![(file, w)], largest: (w, h) });
    }
    let cache = site_root.join(CACHE_DIR);
    let out_ext = if ext == "png" { "png" } else { "jpg" };
    if let Some(hit) = from_cache(&cache, &hash, out_ext) {
        return Ok(hit);
    }
    let format = match image::guess_format(bytes) {
        Ok(f @ (image::ImageFormat::Png | image::ImageFormat::Jpeg)) => f,
        // A GIF or WebP is not damaged: say what it is, so the fix (save as PNG) is plain.
        Ok(other) => {
            let kind =
                other.extensions_str().first().map_or_else(|| format!("{other:?}"), |e| e.to_uppercase());
            return Err(format!("it is not a PNG or JPEG image (it is {kind})"));
        }
        Err(_) => return Err("it is not a PNG or JPEG image".to_string()),
    };
    let picture = image::load_from_memory_with_format(bytes, format).map_err(|e| {
        format!("it is damaged ({})", e.to_string().split_whitespace().collect::<Vec<_>>().join(" "))
    })?;
    let (w0, h0) = (picture.width(), picture.height());
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < w0).collect();
    if widths.len() < WIDTHS.len() {
        widths.push(w0);
    }
    let mut files = Vec::new();
    let mut largest = (w0, h0);
    for w in widths {
        let h = ((h0 as u64 * w as u64) / w0.max(1) as u64).max(1) as u32;
        let small = if w == w0 {
            picture.clone()
        } else {
            picture.resize_exact(w, h, image::imageops::FilterType::Triangle)
        };
        let mut encoded = std::io::Cursor::new(Vec::new());
        let result = if out_ext == "png" {
            small.write_to(&mut encoded, image::ImageFormat::Png)
        } else {
            small.to_rgb8().write_to(&mut encoded, image::ImageFormat::Jpeg)
        };
        result.map_err(|e| format!("it could not be resized ({e})"))?;
        let name = format!("{hash}-{w}x{h}.{out_ext}");
        // The cache is an optimisation: a read-only site folder still builds.
        if std::fs::create_dir_all(&cache).is_ok() {
            let _ = std::fs::write(cache.join(&name), encoded.get_ref());
        }
        files.push((ImageFile { path: format!("{OUTPUT_DIR}/{name}"), bytes: encoded.into_inner() }, w));
        largest = (w, h);
    }
    Ok(Resized { files, largest })
}

/// Every cached width of the image with this hash, or None when there is none.
fn from_cache(cache: &Path, hash: &str, ext: &str) -> Option<Resized> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(cache).ok()?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(size) = name.strip_prefix(hash).and_then(|r| r.strip_prefix('-')) else { continue };
        let Some(size) = size.strip_suffix(&format!(".{ext}")) else { continue };
        let Some((w, h)) = size.split_once('x') else { continue };
        let (Ok(w), Ok(h)) = (w.parse::<u32>(), h.parse::<u32>()) else { continue };
        let bytes = std::fs::read(entry.path()).ok()?;
        found.push((w, h, ImageFile { path: format!("{OUTPUT_DIR}/{name}"), bytes }));
    }
    found.sort_by_key(|(w, _, _)| *w);
    let &(w, h, _) = found.last()?;
    Some(Resized { files: found.into_iter().map(|(w, _, f)| (f, w)).collect(), largest: (w, h) })
}

/// `width` and `height` of an SVG's root element, when given in plain numbers.
fn svg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let tag = &text[text.find("<svg")?..];
    let tag = &tag[..tag.find('>')?];
    let attr = |name: &str| -> Option<u32> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let value: String = tag[at..].chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        value.parse::<f64>().ok().map(|v| v.round() as u32)
    };
    Some((attr("width")?, attr("height")?))
}

/// A stable 64-bit content hash for cache and output names (no new dependency, and the same
/// on every machine and version, unlike a hasher with random keys). Four FNV-style lanes over
/// 8-byte words: one byte at a time, hashing 20 photos of 4,000 px (600 MB of PNG) took
/// 0.8 s of a cached rebuild; four independent lanes keep the multiplier busy.
fn content_hash(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut lanes: [u64; 4] =
        [0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9ce4_cbf2_2325_8422, 0x2325_8422_9ce4_cbf2];
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        for (lane, word) in lanes.iter_mut().zip(chunk.chunks_exact(8)) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            *lane = (*lane ^ u64::from_le_bytes(w)).wrapping_mul(PRIME).rotate_left(29);
        }
    }
    let mut h = lanes.iter().fold(0u64, |h, &lane| (h ^ lane).wrapping_mul(PRIME));
    for &b in chunks.remainder() {
        h ^= b as u64;
        h = h.wrapping_mul(PRIME);
    }
    h ^ (bytes.len() as u64).rotate_left(32)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    super::escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_hash_sees_every_byte() {
        let base: Vec<u8> = (0..100u8).collect();
        let mut seen = std::collections::HashSet::from([content_hash(&base)]);
        for at in [0, 7, 8, 31, 32, 63, 99] {
            let mut changed = base.clone();
            changed[at] ^= 1;
            assert!(seen.insert(content_hash(&changed)), "a change at byte {at} went unseen");
        }
        assert!(seen.insert(content_hash(&base[..99])), "the length counts");
    }
    use pulldown_cmark::Parser;

    fn run(source: &str, ctx: Option<&ImageContext>) -> (String, Images) {
        let (events, offsets): (Vec<_>, Vec<_>) = Parser::new_ext(source, crate::markdown::options())
            .into_offset_iter()
            .map(|(e, r)| (e, r.start))
            .unzip();
        let (events, _, images) = transform(events, offsets, ctx, "../");
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        (html, images)
    }

    #[test]
    fn alone_with_a_title_is_a_figure_and_remote_is_left_alone() {
        let (html, images) =
            run("![A nurse with a patient](https://example.org/n.jpg \"At the clinic\")\n", None);
        assert_eq!(
            html,
            "<figure><img src=\"https://example.org/n.jpg\" alt=\"A nurse with a patient\" loading=\"lazy\" decoding=\"async\"><figcaption>At the clinic</figcaption></figure>\n"
        );
        assert!(images.problems.is_empty());
        let (html, _) = run("Text ![decorative](https://example.org/d.png) more.\n", None);
        assert!(html.contains("<p>Text <img src=\"https://example.org/d.png\" alt=\"\""), "{html}");
    }

    #[test]
    fn alt_text_is_required_and_checked() {
        let (_, images) = run("Words.\n\n![](https://x.org/a.png)\n", None);
        assert_eq!(images.problems[0].offset, 8);
        assert_eq!(images.problems[0].severity, Severity::Error);
        let lints = |alt: &str, title: &str| alt_lint(alt, "images/knee-x-ray.png", title).len();
        assert_eq!(lints("knee-x-ray.png", ""), 1);
        assert_eq!(lints("knee x ray", ""), 1);
        assert_eq!(lints("Image of a knee", ""), 1);
        assert_eq!(lints(&"long ".repeat(40), ""), 1);
        assert_eq!(lints("A knee joint", "a knee joint"), 1);
        assert_eq!(lints("The knee joint seen from the front", "Where the pain starts"), 0);
    }

    #[test]
    fn local_images_are_resized_cached_and_reported_when_missing_or_damaged() {
        let site = tempfile::tempdir().unwrap();
        let content = site.path().join("content/images");
        std::fs::create_dir_all(&content).unwrap();
        let picture = image::RgbImage::from_fn(1000, 500, |x, _| image::Rgb([(x % 256) as u8, 80, 120]));
        picture.save(content.join("band.png")).unwrap();
        std::fs::write(content.join("bad.jpg"), b"not a picture").unwrap();
        let ctx =
            ImageContext { site_root: site.path().to_path_buf(), page_dir: site.path().join("content") };
        let (html, images) = run("![A colour band](images/band.png)\n", Some(&ctx));
        assert!(html.contains("width=\"1000\" height=\"500\""), "{html}");
        assert!(html.contains("480w, ../img/"), "{html}");
        assert_eq!(images.files.len(), 3);
        assert_eq!(std::fs::read_dir(site.path().join(CACHE_DIR)).unwrap().count(), 3);
        let (again, _) = run("![A colour band](images/band.png)\n", Some(&ctx));
        assert_eq!(again, html, "the cached files give the same markup");
        let (_, images) = run("![A lost one](images/gone.png) ![A bad one](images/bad.jpg)\n", Some(&ctx));
        let messages: Vec<_> = images.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the image content/images/gone.png cannot be read: it does not exist",
                "the image content/images/bad.jpg cannot be used: it is not a PNG or JPEG image"
            ]
        );
    }
}
