//! The A–Z index: every article by its title, plus one "X — see Title" line for each of its
//! other names (`also_known_as`), sorted together and grouped by first letter.

use serde::Serialize;

use crate::article::Article;

/// Where the A–Z page is written.
pub const AZ_PATH: &str = "a-z/index.html";

/// One line of the A–Z list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AzEntry {
    /// What the line is sorted and shown by (a title, or an other name).
    pub label: String,
    /// The article's title (for "see" lines, the page the name leads to).
    pub title: String,
    /// The article's URL relative to the A–Z page's root.
    pub url: String,
    /// Whether `label` is an other name, shown as "label — see title".
    pub see: bool,
}

/// The lines under one letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AzLetter {
    /// `A`..`Z`, or `#` for names starting with a digit or another script.
    pub letter: String,
    /// The element id the jump links point at.
    pub id: String,
    /// Lines, alphabetical.
    pub entries: Vec<AzEntry>,
}

/// The letter id (`az-a`, ..., `az-other`) a name is listed under.
pub fn letter_id(label: &str) -> String {
    match sort_key(label).chars().next() {
        Some(c) if c.is_ascii_alphabetic() => format!("az-{}", c.to_ascii_lowercase()),
        _ => "az-other".to_string(),
    }
}

/// Where one letter's page is written when the list is split by letter.
pub fn letter_path(id: &str) -> String {
    format!("a-z/{}/index.html", id.trim_start_matches("az-"))
}

fn sort_key(label: &str) -> String {
    super::search::fold(label).chars().filter(|c| c.is_alphanumeric() || *c == ' ').collect()
}

/// Group the articles (titles and other names) by letter; URLs are prefixed with `root`.
pub fn az_letters(articles: &[Article], root: &str) -> Vec<AzLetter> {
    let mut entries: Vec<AzEntry> = Vec::new();
    for article in articles {
        let url = format!("{root}{}", crate::article::article_url(&article.slug));
        entries.push(AzEntry {
            label: article.title.clone(),
            title: article.title.clone(),
            url: url.clone(),
            see: false,
        });
        let mut seen = vec![article.title.to_lowercase()];
        for name in &article.also_known_as {
            let name = name.trim();
            if name.is_empty() || seen.contains(&name.to_lowercase()) {
                continue;
            }
            seen.push(name.to_lowercase());
            entries.push(AzEntry {
                label: name.to_string(),
                title: article.title.clone(),
                url: url.clone(),
                see: true,
            });
        }
    }
    // The key folds the label: computed once per entry, not per comparison, and it gives the
    // entry's letter too. The sort is stable, like the title order the articles come in.
    let mut keyed: Vec<(String, AzEntry)> = entries.into_iter().map(|e| (sort_key(&e.label), e)).collect();
    keyed.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then(a.see.cmp(&b.see)).then_with(|| a.title.cmp(&b.title)));
    let mut letters: Vec<AzLetter> = Vec::new();
    for (key, entry) in keyed {
        let first = key.chars().next().unwrap_or('#');
        let letter = if first.is_ascii_alphabetic() {
            first.to_ascii_uppercase().to_string()
        } else {
            "#".to_string()
        };
        if letters.last().map(|l| l.letter != letter).unwrap_or(true) {
            let id = if letter == "#" {
                "az-other".to_string()
            } else {
                format!("az-{}", letter.to_ascii_lowercase())
            };
            letters.push(AzLetter { letter, id, entries: Vec::new() });
        }
        if let Some(last) = letters.last_mut() {
            last.entries.push(entry);
        }
    }
    // Names starting with a digit or another script sort first by code point; list them last.
    letters.sort_by_key(|l| l.letter == "#");
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, slug: &str, also: &[&str]) -> Article {
        Article {
            also_known_as: also.iter().map(|s| s.to_string()).collect(),
            ..Article::sample(title, slug)
        }
    }

    #[test]
    fn alternative_names_sort_among_titles() {
        let articles = vec![
            article("Gene therapy", "gene-therapy", &["Genetic therapy", "gene therapy", "Ácido test"]),
            article("Bone marrow transplant", "bmt", &["Stem cell transplant", "HSCT", "2nd opinion"]),
        ];
        let letters = az_letters(&articles, "../");
        let shown: Vec<(String, Vec<String>)> =
            letters
                .iter()
                .map(|l| {
                    (
                        l.letter.clone(),
                        l.entries
                            .iter()
                            .map(|e| {
                                if e.see {
                                    format!("{} — see {}", e.label, e.title)
                                } else {
                                    e.label.clone()
                                }
                            })
                            .collect(),
                    )
                })
                .collect();
        assert_eq!(
            shown,
            vec![
                ("A".to_string(), vec!["Ácido test — see Gene therapy".to_string()]),
                ("B".to_string(), vec!["Bone marrow transplant".to_string()]),
                (
                    "G".to_string(),
                    vec!["Gene therapy".to_string(), "Genetic therapy — see Gene therapy".to_string()]
                ),
                ("H".to_string(), vec!["HSCT — see Bone marrow transplant".to_string()]),
                ("S".to_string(), vec!["Stem cell transplant — see Bone marrow transplant".to_string()]),
                ("#".to_string(), vec!["2nd opinion — see Bone marrow transplant".to_string()]),
            ]
        );
        assert_eq!(letters[0].id, "az-a");
        assert_eq!(letters[0].entries[0].url, "../gene-therapy/index.html");
    }
}
