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
