//! Callouts and "when to get help" cards on the real binary: every kind renders as a card
//! with its heading, hidden prefix and decorative icon, in a page body and in a seed's `fill:`
//! text, and the emergency number comes from `site.yaml`.

mod common;

use common::*;

/// Every callout kind, with and without a heading.
pub const EVERY_KIND: &str = "## Cards

> [!EMERGENCY]
> Call 911 now if:
> - you have chest pain

> [!URGENT] Call your care team today if:
> - you have a fever

> [!NON-URGENT] Talk with your care team soon if:
> - you feel more tired than usual

> [!WARNING] Do not stop your medicine on your own.

> [!NOTE]
> Bring your medicine list to each visit.
";

#[test]
fn every_kind_renders_as_a_card_in_the_body_and_in_a_fill() {
    let site = bundled_site();
    let path = site.path().join("content/gene-therapy-basics.md");
    let text = std::fs::read_to_string(&path).unwrap();
    // A fill may be Markdown: a callout there is a card too.
    let text = text.replacen(
        "  \"Benefits include:\":\n",
        "  \"Benefits include:\": |\n    > [!DO]\n    > - Ask what the benefits are for you.\n\n    > [!DONT]\n    > - Do not expect a cure.\n  \"Old benefits:\":\n",
        1,
    );
    std::fs::write(&path, text).unwrap();
    std::fs::write(
        site.path().join("content/cards.md"),
        format!("---\ntitle: Cards\nget_help: {{ urgent: [you have a fever] }}\n---\nSome words.\n\n{EVERY_KIND}\n> [!TIP]\n> Keep a diary.\n\n> [!IMPORTANT]\n> Take it daily.\n\n> [!CAUTION]\n> It can make you sleepy.\n"),
    )
    .unwrap();
    let out = build(site.path(), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("cards.md:21:1: this page has 8 callouts; more than 4"), "{err}");
    let basics = std::fs::read_to_string(site.path().join("public/gene-therapy-basics/index.html")).unwrap();
    assert!(basics.contains("<li>Ask what the benefits are for you.</li>"), "{basics}");
    let html = std::fs::read_to_string(site.path().join("public/cards/index.html")).unwrap();
    let html = format!("{html}{basics}");
    for kind in
        ["emergency", "urgent", "non-urgent", "warning", "note", "tip", "important", "caution", "do", "dont"]
    {
        assert!(
            html.contains(&format!("<div class=\"callout callout-{kind}\">")),
            "no {kind} card in:\n{html}"
        );
    }
    assert!(
        html.contains("<h3 class=\"callout-heading\"><span class=\"visually-hidden callout-prefix\">Immediate action required: </span><span class=\"callout-icon\" aria-hidden=\"true\">!</span> Call 911 now if:</h3>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"callout-icon\" aria-hidden=\"true\">i</span> Note</h3>"), "{html}");
    // The get_help card sits after the text.
    let get_help = html.find("<section class=\"get-help\"").expect("a get-help section");
    assert!(get_help > html.find("callout-caution").unwrap(), "get-help comes after the text");
    assert!(html[get_help..].contains("Urgent advice: </span>"), "{html}");
}

#[test]
fn the_emergency_number_follows_the_site_language() {
    let site = bundled_site();
    english_only(site.path());
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let yaml: String =
        yaml.lines().filter(|l| !l.starts_with("emergency_number")).map(|l| format!("{l}\n")).collect();
    std::fs::write(site.path().join("site.yaml"), yaml.replace("language: en\n", "language: en-GB\n"))
        .unwrap();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(site.path().join("public/gene-therapy-basics/index.html")).unwrap();
    assert!(html.contains("Call 999 now if:"), "{html}");
}

/// A PNG of `w` x `h` pixels, all one colour.
fn png(w: u32, h: u32, shade: u8) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(w, h, image::Rgb([shade, 90, 160]))
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

/// An image-heavy page builds the second time from the cache: no picture is resized again.
/// (The timing with 20 photos of 4,000 x 3,000 px is in docs/callouts.md; this checks the
/// mechanism, not the clock.)
#[test]
fn a_second_build_takes_resized_pictures_from_the_cache() {
    let site = bundled_site();
    let root = site.path();
    let mut body = String::from("---\ntitle: Many pictures\n---\nSome words.\n\n");
    for i in 0..20u8 {
        // 4,000 px wide like a phone photo, but short, so the test stays quick.
        std::fs::write(root.join(format!("content/images/photo-{i}.png")), png(4000, 40, i)).unwrap();
        body.push_str(&format!("![A blue strip, number {i}](images/photo-{i}.png \"Strip {i}\")\n\n"));
    }
    std::fs::write(root.join("content/pictures.md"), body).unwrap();
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let cache = root.join(".plainleaf-cache/images");
    let cached = |dir: &std::path::Path| -> Vec<(String, std::time::SystemTime)> {
        let mut all: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| {
                (e.file_name().to_string_lossy().into_owned(), e.metadata().unwrap().modified().unwrap())
            })
            .collect();
        all.sort();
        all
    };
    let first = cached(&cache);
    // Each picture in 480, 800 and 1200 px (its own 4,000 px are never sent to a phone).
    assert_eq!(first.len(), 20 * 3, "{first:#?}");

    // Mark one cached file: only a build that takes it from the cache publishes the mark.
    let (marked, _) = first.iter().find(|(name, _)| name.contains("-480x")).unwrap();
    let mark = png(480, 5, 255);
    std::fs::write(cache.join(marked), &mark).unwrap();
    let first = cached(&cache);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(cached(&cache), first, "the second build wrote nothing to the cache (resized nothing)");
    assert_eq!(
        std::fs::read(root.join("public/img").join(marked)).unwrap(),
        mark,
        "{marked} came from the cache"
    );
}

#[test]
fn remote_images_are_left_as_they_are_and_listed_by_check_links() {
    let site = bundled_site();
    std::fs::write(
        site.path().join("content/remote.md"),
        "---\ntitle: Remote picture\n---\nSome words.\n\n![A nurse checks a blood pressure cuff](https://pictures.example.org/cuff.jpg \"Checking the cuff\")\n\nRead [the leaflet](https://leaflets.example.org/bp.html).\n",
    )
    .unwrap();
    let root = site.path().to_str().unwrap();
    let out = plainleaf(&["check", "--root", root, "--links", "--allow-stale"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(listed.contains("remote/index.html -> https://pictures.example.org/cuff.jpg"), "{listed}");
    assert!(listed.contains("remote/index.html -> https://leaflets.example.org/bp.html"), "{listed}");

    assert!(build(site.path(), &[]).status.success());
    let html = std::fs::read_to_string(site.path().join("public/remote/index.html")).unwrap();
    // Not fetched, not resized: the address is kept, with no srcset of resized copies.
    assert!(html.contains("src=\"https://pictures.example.org/cuff.jpg\""), "{html}");
    assert!(html.contains("<figcaption>Checking the cuff</figcaption>"), "{html}");
    assert!(!html.contains("cuff-480"), "{html}");
}
