//! The real binary on the bundled site: every page is built, every link resolves from
//! `file://` and under a sub-path, no seed boilerplate reaches the output.

mod common;

use common::*;

const ARTICLES: [&str; 5] = [
    "gene-therapy-autoimmune-diseases",
    "gene-therapy-basics",
    "gene-therapy-inherited-immune-deficiencies",
    "gene-therapy-rare-diseases-review",
    "regenerative-medicine-autoimmune-conditions",
];

#[test]
fn bundled_site_builds_every_page() {
    let site = bundled_site();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Six English pages and five Spanish ones.
    assert!(stdout.contains("11 articles"), "{stdout}");
    let public = site.path().join("public");
    // A Spanish page shows its INFLESZ score, not an English grade.
    let spanish = std::fs::read_to_string(public.join("es/terapia-genica-que-es/index.html")).unwrap();
    assert!(
        spanish.contains("Facilidad de lectura: ") && spanish.contains(" de 100 (INFLESZ), "),
        "{spanish}"
    );
    assert!(!spanish.contains("Nivel de lectura: grado"), "{spanish}");
    for page in ["index.html", "404.html", "glossary/index.html"] {
        assert!(public.join(page).is_file(), "{page} missing");
    }
    for slug in ARTICLES {
        assert!(public.join(slug).join("index.html").is_file(), "{slug} missing");
    }
    let topics = files_under(&public.join("topics"));
    assert!(topics.len() >= 3, "topic pages: {topics:?}");
}

#[test]
fn every_link_resolves_from_file_urls_and_sub_paths() {
    let site = bundled_site();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.path().join("public");
    let mut checked = 0;
    for file in files_under(&public).iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(public.join(file)).unwrap();
        let dir = std::path::Path::new(file).parent().unwrap().to_path_buf();
        for link in links_in(&html) {
            if link.starts_with("http://") || link.starts_with("https://") || link.starts_with("mailto:") {
                continue;
            }
            // Root-relative links break under a sub-path such as /clinic/.
            assert!(!link.starts_with('/'), "{file}: root-relative link {link}");
            let path = link.split('#').next().unwrap();
            if path.is_empty() {
                continue;
            }
            // From file:// a link to a folder shows a listing, so links must name the file.
            assert!(!path.ends_with('/'), "{file}: link to a folder {link}");
            let target = public.join(&dir).join(path);
            assert!(target.is_file(), "{file}: broken link {link}");
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn no_seed_boilerplate_reaches_the_output() {
    let site = bundled_site();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = site.path().join("public");
    let boilerplate = [
        "Advertisement",
        "Advertising on our site",
        "Post a new comment",
        "You might also like",
        "Texas Children",
        "The opinions expressed here",
        "Learn more about our editorial process",
        "A note from Cleveland Clinic",
        "Editor in Chief",
    ];
    for slug in ARTICLES {
        let html = std::fs::read_to_string(public.join(slug).join("index.html")).unwrap();
        for b in boilerplate {
            assert!(!html.contains(b), "{slug} contains boilerplate {b:?}");
        }
    }
}

#[test]
fn every_gap_is_filled_so_the_build_has_no_gap_warnings() {
    let site = bundled_site();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("gap:"), "{}", stderr(&out));
}

#[test]
fn an_unfilled_gap_is_a_warning_naming_seed_file_and_line() {
    let site = bundled_site();
    let page = site.path().join("content/gene-therapy-basics.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let without = text.replacen("\"Benefits include:\":", "\"Not a gap anymore:\":", 1);
    assert_ne!(text, without);
    std::fs::write(&page, without).unwrap();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("warning: seeds/003_6c4427eec06df93d.txt:16"), "{err}");
    assert!(err.contains("Benefits include:"), "{err}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = bundled_site();
    assert!(build(site.path(), &[]).status.success());
    let public = site.path().join("public");
    let before = files_under(&public);
    let index = std::fs::read(public.join("index.html")).unwrap();
    std::fs::write(site.path().join("content/broken.md"), "---\ntitle: [oops\n---\n").unwrap();
    let out = build(site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("content/broken.md:2"), "{}", stderr(&out));
    assert_eq!(files_under(&public), before);
    assert_eq!(std::fs::read(public.join("index.html")).unwrap(), index);
}

#[test]
fn usage_errors_exit_2_and_help_works_everywhere() {
    assert_eq!(plainleaf(&["build", "--no-such-flag"]).status.code(), Some(2));
    for cmd in [vec!["--help"], vec!["build", "--help"], vec!["new", "--help"], vec!["import", "--help"]] {
        let out = plainleaf(&cmd);
        assert!(out.status.success(), "{cmd:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"), "{cmd:?}");
    }
}

#[test]
fn new_creates_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-site");
    let out = plainleaf(&["new", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = build(&site, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.join("public/welcome-to-your-health-library/index.html").is_file()
            || site.join("public/welcome/index.html").is_file()
    );
    // A second `new` into the same folder refuses instead of overwriting.
    let again = plainleaf(&["new", site.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn import_writes_a_skeleton_with_gaps_and_lifted_facts() {
    let site = bundled_site();
    std::fs::remove_file(site.path().join("content/gene-therapy-basics.md")).unwrap();
    // Its translation would name a page that is gone.
    std::fs::remove_file(site.path().join("content/es/gene-therapy-basics.md")).unwrap();
    let seed = site.path().join("seeds/003_6c4427eec06df93d.txt");
    let out = plainleaf(&["import", "--root", site.path().to_str().unwrap(), seed.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = String::from_utf8_lossy(&out.stdout);
    let path = written.trim().strip_prefix("wrote ").unwrap().split(" (").next().unwrap().to_string();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("seed: \"003_6c4427eec06df93d.txt\""), "{text}");
    assert!(text.contains("2023-12-04"), "{text}");
    assert!(text.contains("\"Benefits include:\""), "{text}");
    assert!(text.contains("\"Risks may include:\""), "{text}");
    // The skeleton is a draft: the site still builds.
    assert!(build(site.path(), &[]).status.success());
}

/// The bundled site's own `templates/partials/footer.html` wins over the theme's, on every
/// page and with either theme, and keeps what the theme's footer shows.
#[test]
fn the_sites_own_footer_override_reaches_every_page() {
    let site = bundled_site();
    assert!(site.path().join("templates/partials/footer.html").is_file());
    for theme in ["clinic", "contrast"] {
        let out = build(site.path(), &["--theme", theme]);
        assert!(out.status.success(), "{}", stderr(&out));
        let public = site.path().join("public");
        // The code resolver's pages are bare pages that send an EHR's reader on: no footer.
        for file in files_under(&public).iter().filter(|f| f.ends_with(".html") && !f.starts_with("codes/")) {
            let html = std::fs::read_to_string(public.join(file)).unwrap();
            let footer = html.split("<footer").nth(1).unwrap_or_else(|| panic!("{theme} {file}: no footer"));
            assert!(
                footer.contains("class=\"footer-contact screen-only\""),
                "{theme} {file}: no contact block"
            );
            assert!(footer.contains("555-555-0100"), "{theme} {file}: no phone number");
            assert!(footer.contains("It is not medical advice"), "{theme} {file}: the disclaimer stays");
        }
    }
}
