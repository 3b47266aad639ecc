//! The static code resolver: pages found by medical code, for links from the patient record.
//!
//! - `codes/index.json`: code system, code and language -> page addresses (schema in
//!   `docs/codes-index.schema.json`), for partners and scripts.
//! - `codes/<system>/<code>/index.html`: a page per code linking to its pages in each language.
//! - `codes/infobutton/index.html`: reads HL7 Infobutton query parameters
//!   (`mainSearchCriteria.v.c`, `mainSearchCriteria.v.cs`, `informationRecipient.languageCode.c`)
//!   and sends the reader to the page in their language, or says there is no page yet. The
//!   index is embedded in the page, as a browser opening it from `file://` cannot fetch JSON.
//!
//! Every address is relative, so the resolver works at a domain root, under a path prefix and
//! from a folder.

use std::collections::BTreeMap;

use serde::Serialize;

use super::sitemap::xml_escape as esc;
use super::OutputFile;
use crate::article::Article;
use crate::codes::CodeSystem;
use crate::config::SiteConfig;

/// The folder every resolver file lives in.
pub const CODES_DIR: &str = "codes";
/// The index's path inside the output folder.
pub const INDEX_PATH: &str = "codes/index.json";
/// The Infobutton resolver's path inside the output folder.
pub const INFOBUTTON_PATH: &str = "codes/infobutton/index.html";
/// The version of the index's format (the schema's `version`).
pub const INDEX_VERSION: u32 = 1;

/// `codes/index.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeIndex {
    /// Format version ([`INDEX_VERSION`]).
    pub version: u32,
    /// The site's title.
    pub site: String,
    /// The site's language: the one offered when a page is not in the reader's.
    pub default_language: String,
    /// The code systems the index can hold, by key.
    pub systems: BTreeMap<&'static str, SystemInfo>,
    /// Every code some page carries, by system and then code.
    pub codes: Vec<CodeEntry>,
}

/// A code system as the index describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SystemInfo {
    /// Its name for people.
    pub name: &'static str,
    /// The HL7 object identifier Infobutton requests name it by.
    pub oid: &'static str,
}

/// One code and the pages about it, by language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeEntry {
    /// The system's key (`icd10cm`, `snomed`, `rxnorm`, `loinc`).
    pub system: &'static str,
    /// The code as written on the pages.
    pub code: String,
    /// The code's own page (`codes/icd10cm/E11.9/index.html`).
    pub url: String,
    /// Language -> the pages in it, by title.
    pub pages: BTreeMap<String, Vec<PageLink>>,
}

/// A page's title and address (relative to the site root).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageLink {
    /// The page's title.
    pub title: String,
    /// Its address relative to the site root.
    pub url: String,
}

/// A code's page, relative to the site root.
pub fn code_page_path(system: CodeSystem, code: &str) -> String {
    format!("{CODES_DIR}/{}/{code}/index.html", system.key())
}

impl CodeIndex {
    /// The index of `articles` (in title order), each in its language.
    pub fn new(config: &SiteConfig, articles: &[Article]) -> CodeIndex {
        let mut codes: BTreeMap<(CodeSystem, String), BTreeMap<String, Vec<PageLink>>> = BTreeMap::new();
        for a in articles {
            let language = crate::article::page_language(a, config);
            for (system, code) in a.codes.iter() {
                let pages =
                    codes.entry((system, code.to_string())).or_default().entry(language.clone()).or_default();
                let url = crate::article::article_url(&a.slug);
                if !pages.iter().any(|p| p.url == url) {
                    pages.push(PageLink { title: a.title.clone(), url });
                }
            }
        }
        CodeIndex {
            version: INDEX_VERSION,
            site: config.title.clone(),
            default_language: config.language.clone(),
            systems: CodeSystem::ALL
                .iter()
                .map(|s| (s.key(), SystemInfo { name: s.name(), oid: s.oid() }))
                .collect(),
            codes: codes
                .into_iter()
                .map(|((system, code), pages)| CodeEntry {
                    system: system.key(),
                    url: code_page_path(system, &code),
                    code,
                    pages,
                })
                .collect(),
        }
    }
}

/// Every resolver file: the index, a page per code and the Infobutton page.
pub fn code_files(config: &SiteConfig, articles: &[Article]) -> Vec<OutputFile> {
    let index = CodeIndex::new(config, articles);
    let mut files = Vec::with_capacity(index.codes.len() + 2);
    let json = serde_json::to_string_pretty(&index).unwrap_or_default();
    files.push(OutputFile { path: INDEX_PATH.into(), bytes: format!("{json}\n").into_bytes() });
    for entry in &index.codes {
        files.push(OutputFile { path: entry.url.clone(), bytes: code_page(config, entry).into_bytes() });
    }
    files.push(OutputFile {
        path: INFOBUTTON_PATH.into(),
        bytes: infobutton_page(config, &index).into_bytes(),
    });
    files
}

/// A language's own name, for the languages a health site most often offers.
pub fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "es" => "Español",
        "fr" => "Français",
        "pt" => "Português",
        "de" => "Deutsch",
        "it" => "Italiano",
        "zh" => "中文",
        "vi" => "Tiếng Việt",
        "ar" => "العربية",
        "ko" => "한국어",
        "ru" => "Русский",
        "pl" => "Polski",
        "ga" => "Gaeilge",
        "cy" => "Cymraeg",
        other => other,
    }
}

/// `../` per folder of `path`: the way back to the site root (the renderer's rule; the
/// output stage cannot call the renderer).
fn up_to_root(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn system_of(key: &str) -> CodeSystem {
    CodeSystem::ALL.into_iter().find(|s| s.key() == key).unwrap_or(CodeSystem::Icd10cm)
}

fn head(config: &SiteConfig, title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n",
        esc(&config.language),
        esc(title)
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;font-size:1.125rem;line-height:1.5;margin:0;color:#1a1a1a;background:#fff}\
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem}a{color:#0b3d91}a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}\
li{margin:.4rem 0}";

fn code_page(config: &SiteConfig, entry: &CodeEntry) -> String {
    let system = system_of(entry.system);
    let title = format!("{} {} | {}", system.name(), entry.code, config.title);
    let root = up_to_root(&entry.url);
    let mut html = head(config, &title);
    html.push_str(&format!(
        "<body>\n<main>\n<h1>Pages about {} code {}</h1>\n",
        esc(system.name()),
        esc(&entry.code)
    ));
    // The site's own language first, then the others by code.
    let mut languages: Vec<&String> = entry.pages.keys().collect();
    languages.sort_by_key(|l| (**l != config.language, (*l).clone()));
    for language in languages {
        let lang = esc(language);
        html.push_str(&format!(
            "<section lang=\"{lang}\">\n<h2>{}</h2>\n<ul>\n",
            esc(language_name(language))
        ));
        for page in &entry.pages[language] {
            html.push_str(&format!(
                "<li><a href=\"{root}{}\">{}</a></li>\n",
                esc(&page.url),
                esc(&page.title)
            ));
        }
        html.push_str("</ul>\n</section>\n");
    }
    html.push_str(&format!(
        "<p><a href=\"{root}index.html\">Go to the home page of {}</a></p>\n</main>\n</body>\n</html>\n",
        esc(&config.title)
    ));
    html
}

fn infobutton_page(config: &SiteConfig, index: &CodeIndex) -> String {
    let root = up_to_root(INFOBUTTON_PATH);
    let mut html = head(config, &format!("Finding your page | {}", config.title));
    html.push_str(&format!(
        "<body>\n<main>\n<h1 id=\"heading\">Finding your page</h1>\n\
         <p id=\"message\">This page looks up the health topic your record links to.</p>\n\
         <ul id=\"choices\" hidden></ul>\n\
         <p><a id=\"home\" href=\"{root}index.html\">Go to the home page of {}</a></p>\n\
         <noscript><p>This page needs JavaScript to find the page for a code. Use the home page link instead.</p></noscript>\n\
         </main>\n<script type=\"application/json\" id=\"code-index\">{}</script>\n\
         <script type=\"application/json\" id=\"fallback-text\">{}</script>\n\
         <script>var ROOT = \"{root}\";{RESOLVER}</script>\n</body>\n</html>\n",
        esc(&config.title),
        super::jsonld::script_safe_json(index),
        super::jsonld::script_safe_json(&fallback_text(config)),
    ));
    html
}

/// "No page for this code yet" in the languages the resolver can say it in: the built-in
/// English and Spanish, keyed by language.
fn fallback_text(config: &SiteConfig) -> BTreeMap<&'static str, BTreeMap<&'static str, String>> {
    let site = &config.title;
    let mut text = BTreeMap::new();
    text.insert(
        "en",
        BTreeMap::from([
            ("heading", "No page for this code yet".to_string()),
            ("message", format!("{site} does not have a page about this health topic yet. You can look for it from the home page.")),
            ("choose", "Pages about this health topic".to_string()),
            ("home", format!("Go to the home page of {site}")),
        ]),
    );
    text.insert(
        "es",
        BTreeMap::from([
            ("heading", "Todavía no hay una página para este código".to_string()),
            ("message", format!("{site} todavía no tiene una página sobre este tema de salud. Puede buscarlo desde la página de inicio.")),
            ("choose", "Páginas sobre este tema de salud".to_string()),
            ("home", format!("Ir a la página de inicio de {site}")),
        ]),
    );
    text
}

/// The resolver: find the code in the embedded index and go to its page in the reader's
/// language (else the site's, else any), list the pages when there are several, or say so.
const RESOLVER: &str = r#"
(function () {
  "use strict";
  var index = JSON.parse(document.getElementById("code-index").textContent);
  var text = JSON.parse(document.getElementById("fallback-text").textContent);
  var three = { eng: "en", spa: "es", fra: "fr", fre: "fr", por: "pt", deu: "de", ger: "de", ita: "it", zho: "zh", chi: "zh", vie: "vi", ara: "ar", kor: "ko", rus: "ru", pol: "pl" };
  var params = {};
  new URLSearchParams(window.location.search).forEach(function (value, key) {
    params[key.toLowerCase()] = value.trim();
  });
  function param(name) { return params[name.toLowerCase()] || ""; }
  function norm(system, code) {
    code = code.toUpperCase();
    return system === "icd10cm" ? code.replace(/\./g, "") : code;
  }
  var wanted = param("mainSearchCriteria.v.c");
  var oid = param("mainSearchCriteria.v.cs").replace(/^urn:oid:/i, "");
  var language = param("informationRecipient.languageCode.c").toLowerCase().split(/[-_]/)[0];
  language = three[language] || language || index.default_language;
  var systems = Object.keys(index.systems).filter(function (key) {
    return !oid || index.systems[key].oid === oid;
  });
  var entry = null;
  index.codes.forEach(function (e) {
    if (!entry && wanted && systems.indexOf(e.system) !== -1 && norm(e.system, e.code) === norm(e.system, wanted)) {
      entry = e;
    }
  });
  var pages = [];
  var shownLanguage = language;
  if (entry) {
    var order = [language, index.default_language].concat(Object.keys(entry.pages));
    for (var i = 0; i < order.length && !pages.length; i += 1) {
      if (entry.pages[order[i]]) {
        pages = entry.pages[order[i]];
        shownLanguage = order[i];
      }
    }
  }
  if (pages.length === 1) {
    window.location.replace(ROOT + pages[0].url);
    return;
  }
  var say = text[shownLanguage] || text[index.default_language] || text.en;
  document.documentElement.lang = text[shownLanguage] ? shownLanguage : (text[index.default_language] ? index.default_language : "en");
  var heading = document.getElementById("heading");
  var message = document.getElementById("message");
  document.getElementById("home").textContent = say.home;
  if (pages.length > 1) {
    heading.textContent = say.choose;
    message.hidden = true;
    var list = document.getElementById("choices");
    pages.forEach(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = ROOT + page.url;
      link.textContent = page.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = false;
  } else {
    heading.textContent = say.heading;
    message.textContent = say.message;
  }
  document.title = heading.textContent + " | " + index.site;
}());
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        SiteConfig::parse("title: Clinic & Co\n", "site.yaml".as_ref()).unwrap()
    }

    fn article(title: &str, icd: &[&str], snomed: &[&str]) -> Article {
        let mut a = Article::sample(title, &crate::slug::slugify(title));
        a.codes.icd10cm = icd.iter().map(|s| s.to_string()).collect();
        a.codes.snomed = snomed.iter().map(|s| s.to_string()).collect();
        a
    }

    #[test]
    fn the_index_groups_pages_by_code_and_language() {
        let articles =
            [article("Diabetes", &["E11.9"], &["44054006"]), article("Diabetes diet", &["E11.9"], &[])];
        let index = CodeIndex::new(&config(), &articles);
        assert_eq!(index.codes.len(), 2);
        let e11 = &index.codes[0];
        assert_eq!((e11.system, e11.code.as_str()), ("icd10cm", "E11.9"));
        assert_eq!(e11.url, "codes/icd10cm/E11.9/index.html");
        let urls: Vec<&str> = e11.pages["en"].iter().map(|p| p.url.as_str()).collect();
        assert_eq!(urls, ["diabetes/index.html", "diabetes-diet/index.html"]);
        assert_eq!(index.systems["snomed"].oid, "2.16.840.1.113883.6.96");
    }

    #[test]
    fn files_link_relatively_and_embed_the_index_safely() {
        let articles = [article("A </script> title", &["E11.9"], &[])];
        let files = code_files(&config(), &articles);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, [INDEX_PATH, "codes/icd10cm/E11.9/index.html", INFOBUTTON_PATH]);
        let page = String::from_utf8(files[1].bytes.clone()).unwrap();
        assert!(page.contains("href=\"../../../a-script-title/index.html\""), "{page}");
        assert!(page.contains("A &lt;/script&gt; title"));
        let resolver = String::from_utf8(files[2].bytes.clone()).unwrap();
        assert_eq!(resolver.matches("</script>").count(), 3, "the title cannot close the data script");
        assert!(resolver.contains("var ROOT = \"../../\""));
    }
}
