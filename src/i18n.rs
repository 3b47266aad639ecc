//! Theme strings in every language: each label, button, aria-label and date format a theme
//! shows comes from `i18n/<language>.yaml` (the theme's, overridden key by key by a child
//! theme's and then by the site's own `i18n/` folder), looked up in templates with
//! `t(key="...")`. A key a template uses that no file defines is an error naming the template
//! line; a key missing from one language is a warning naming the file (English is shown).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{did_you_mean, Diagnostic, Location};

/// The language whose strings stand in for a missing one: every built-in theme has it complete.
pub const FALLBACK_LANGUAGE: &str = "en";

/// Theme strings the code looks up itself, not a template: the language switcher's (in the
/// language it offers, not the page's) and the callout cards' labels (the Markdown pass).
pub const RENDERER_KEYS: &[&str] = &[
    "language.name",
    "language.not_yet",
    "language.home",
    // The Markdown pass words callout cards ([`crate::markdown::callout::Kind::key`]).
    "callout.emergency",
    "callout.urgent",
    "callout.non-urgent",
    "callout.warning",
    "callout.note",
    "callout.tip",
    "callout.important",
    "callout.caution",
    "callout.do",
    "callout.dont",
];

/// The folder (in a theme, and in a site) holding the translation files.
pub const I18N_DIR: &str = "i18n";

/// One language's strings: key -> text, each remembered with the file that gave it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Strings {
    /// The texts, by dotted key (`review.title`; list items as `date.months.1`).
    pub texts: BTreeMap<String, String>,
    /// The file each key came from, for messages.
    pub files: BTreeMap<String, PathBuf>,
}

/// Every language's theme strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Translations {
    /// By language code, lower case (`en`, `es`, `pt-br`).
    pub languages: BTreeMap<String, Strings>,
}

impl Translations {
    /// Merge one translation file's keys over what earlier layers gave (the later file wins).
    pub fn add_file(&mut self, language: &str, path: &Path, text: &str) -> Result<(), Diagnostic> {
        let flat = parse_file(text, path)?;
        let strings = self.languages.entry(language.to_ascii_lowercase()).or_default();
        for (key, value) in flat {
            strings.files.insert(key.clone(), path.to_path_buf());
            strings.texts.insert(key, value);
        }
        Ok(())
    }

    /// The language actually used for `language`: itself, its primary subtag (`es` for
    /// `es-MX`), or English.
    pub fn resolve<'a>(&'a self, language: &'a str) -> &'a str {
        let lower = language.to_ascii_lowercase();
        if let Some((code, _)) = self.languages.get_key_value(&lower) {
            return code;
        }
        let primary = lower.split(['-', '_']).next().unwrap_or_default();
        match self.languages.get_key_value(primary) {
            Some((code, _)) => code,
            None => FALLBACK_LANGUAGE,
        }
    }

    /// The text of `key` in `language`, falling back to English when that language lacks it.
    pub fn get(&self, language: &str, key: &str) -> Option<&str> {
        let lang = self.resolve(language);
        self.languages
            .get(lang)
            .and_then(|s| s.texts.get(key))
            .or_else(|| self.languages.get(FALLBACK_LANGUAGE).and_then(|s| s.texts.get(key)))
            .map(String::as_str)
    }

    /// The text for `key` with a count: `key.one` for 1 and `key.other` otherwise (the rule
    /// of English and Spanish), or `key` itself when it has no plural forms.
    pub fn get_counted(&self, language: &str, key: &str, count: Option<f64>) -> Option<&str> {
        if let Some(n) = count {
            let form = if n == 1.0 { "one" } else { "other" };
            if let Some(text) = self.get(language, &format!("{key}.{form}")) {
                return Some(text);
            }
        }
        self.get(language, key)
    }

    /// Whether any language defines `key` (or its plural forms).
    pub fn knows(&self, key: &str) -> bool {
        self.languages.values().any(|s| {
            s.texts.contains_key(key)
                || s.texts.contains_key(&format!("{key}.one"))
                || s.texts.contains_key(&format!("{key}.other"))
        })
    }

    /// Every key any language defines.
    pub fn all_keys(&self) -> BTreeSet<&str> {
        self.languages.values().flat_map(|s| s.texts.keys().map(String::as_str)).collect()
    }

    /// A date in the language's own words: "4 December 2023", "4 de diciembre de 2023".
    pub fn date(&self, language: &str, d: jiff::civil::Date) -> String {
        let month = self
            .get(language, &format!("date.months.{}", d.month()))
            .map(str::to_string)
            .unwrap_or_else(|| d.strftime("%B").to_string());
        let format = self.get(language, "date.format").unwrap_or("{day} {month} {year}");
        fill(format, &[("day", d.day().to_string()), ("month", month), ("year", d.year().to_string())])
    }

    /// Warnings for each language that lacks a key another language has (naming the file
    /// to add it to), and for each language with no file at all among `wanted`.
    pub fn gaps(&self, wanted: &[String]) -> Vec<Diagnostic> {
        let all = self.all_keys();
        let mut out = Vec::new();
        for (lang, strings) in &self.languages {
            let missing: Vec<&str> =
                all.iter().copied().filter(|k| !strings.texts.contains_key(*k)).collect();
            if missing.is_empty() {
                continue;
            }
            let file = strings
                .files
                .values()
                .last()
                .cloned()
                .unwrap_or_else(|| PathBuf::from(format!("{I18N_DIR}/{lang}.yaml")));
            let shown: Vec<&str> = missing.iter().take(8).copied().collect();
            let more = if missing.len() > shown.len() {
                format!(" and {} more", missing.len() - shown.len())
            } else {
                String::new()
            };
            out.push(
                Diagnostic::warning(
                    Some(Location::file(&file)),
                    format!(
                        "the `{lang}` theme strings have no {}: {}{more}",
                        if missing.len() == 1 { "key" } else { "keys" },
                        shown.join(", ")
                    ),
                )
                .with_hint(format!(
                    "add them to {} (pages show the English text until then)",
                    file.display()
                )),
            );
        }
        for lang in wanted {
            if self.resolve(lang) == FALLBACK_LANGUAGE
                && !lang.to_ascii_lowercase().starts_with(FALLBACK_LANGUAGE)
            {
                out.push(
                    Diagnostic::warning(
                        Some(Location::file(crate::load::SITE_FILE)),
                        format!("the theme has no strings in `{lang}`: its labels and buttons are shown in English"),
                    )
                    .with_hint(format!(
                        "copy the theme's {I18N_DIR}/{FALLBACK_LANGUAGE}.yaml to {I18N_DIR}/{lang}.yaml in the site folder and translate it"
                    )),
                );
            }
        }
        out
    }
}

/// The language of a translation file's path inside a theme or site (`i18n/es.yaml` -> `es`).
pub fn language_of(rel: &Path) -> Option<String> {
    let mut parts = rel.iter();
    if parts.next()? != I18N_DIR {
        return None;
    }
    let file = Path::new(parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let ext = file.extension()?.to_str()?;
    if ext != "yaml" && ext != "yml" {
        return None;
    }
    let lang = file.file_stem()?.to_str()?;
    (!lang.is_empty() && !crate::load::is_editor_temp(lang)).then(|| lang.to_ascii_lowercase())
}

/// Replace each `{name}` in `text` with its value; other braces stay as they are.
pub fn fill(text: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter().find(|(n, _)| *n == name).map(|(_, v)| (close, v))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A translation file as flat dotted keys: nested maps join with `.`, list items are numbered
/// from 1 (`date.months.1`), and every leaf must be text.
pub fn parse_file(text: &str, path: &Path) -> Result<BTreeMap<String, String>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| crate::error::yaml::yaml_diagnostic(&e, path, 0, &[]))?;
    let mut out = BTreeMap::new();
    if value.is_null() {
        return Ok(out);
    }
    flatten("", &value, path, &mut out)?;
    Ok(out)
}

fn flatten(
    prefix: &str,
    value: &serde_yaml::Value,
    path: &Path,
    out: &mut BTreeMap<String, String>,
) -> Result<(), Diagnostic> {
    use serde_yaml::Value;
    let join = |k: &str| if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") };
    match value {
        Value::Mapping(map) => {
            for (k, v) in map {
                let key = match k {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    _ => {
                        return Err(Diagnostic::error(
                            Some(Location::file(path)),
                            format!("a key under `{prefix}` is not a word"),
                        )
                        .with_hint("write keys as words, like `title: Glossary`"))
                    }
                };
                flatten(&join(&key), v, path, out)?;
            }
        }
        Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(&join(&(i + 1).to_string()), v, path, out)?;
            }
        }
        Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        Value::Number(n) => {
            out.insert(prefix.to_string(), n.to_string());
        }
        Value::Bool(b) => {
            out.insert(prefix.to_string(), b.to_string());
        }
        _ => {
            return Err(Diagnostic::error(Some(Location::file(path)), format!("`{prefix}` has no text"))
                .with_hint("give every key a text, in quotes if it starts with a symbol"));
        }
    }
    Ok(())
}

/// A key a template asks for with `t(key="...")`, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyUse {
    /// The key.
    pub key: String,
    /// 1-based line in the template.
    pub line: usize,
    /// 1-based column of the key's first character.
    pub column: usize,
}

/// Every literal key a template's `t(key="...")` calls name (the renderer checks the rest).
pub fn keys_in_template(text: &str) -> Vec<KeyUse> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(at) = line[from..].find("t(key=") {
            let start = from + at;
            from = start + 6;
            // `t(` must start a name: `list(key=` or `get(key=` are other functions.
            let before = line[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let rest = &line[from..];
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'' || *c == '`') else {
                continue;
            };
            if let Some(end) = rest[1..].find(quote) {
                out.push(KeyUse { key: rest[1..1 + end].to_string(), line: n + 1, column: from + 2 });
            }
        }
    }
    out
}

/// Errors for template keys no translation file defines, with the nearest known key.
pub fn unknown_keys(translations: &Translations, template: &str, path: &Path) -> Vec<Diagnostic> {
    let known = translations.all_keys();
    let bases: BTreeSet<String> = known
        .iter()
        .map(|k| k.strip_suffix(".one").or_else(|| k.strip_suffix(".other")).unwrap_or(k).to_string())
        .collect();
    let refs: Vec<&str> = bases.iter().map(String::as_str).collect();
    keys_in_template(template)
        .into_iter()
        .filter(|u| !translations.knows(&u.key))
        .map(|u| {
            let hint = match did_you_mean(&u.key, &refs) {
                Some(s) => format!("did you mean `{s}`? Or add `{}` to the theme's or the site's {I18N_DIR}/{FALLBACK_LANGUAGE}.yaml", u.key),
                None => format!("add `{}` to the site's {I18N_DIR}/{FALLBACK_LANGUAGE}.yaml (and each other language's file)", u.key),
            };
            Diagnostic::error(
                Some(Location::at(path, u.line, Some(u.column))),
                format!("the template uses the theme string `{}`, which no {I18N_DIR}/ file defines", u.key),
            )
            .with_hint(hint)
        })
        .collect()
}

/// Register `t(key=..., count=..., name=value...)` on a tera instance: the text of `key` in
/// the page's language (the context's `lang`, else `default_language`), with each `{name}`
/// replaced by the argument's value (escaped unless it is marked safe).
pub fn register(tera: &mut tera::Tera, translations: Arc<Translations>, default_language: String) {
    tera.register_function("t", move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<tera::Value> {
        let key: String = kwargs.must_get("key")?;
        let lang: String = state.get::<String>("lang")?.unwrap_or_else(|| default_language.clone());
        // A count that is not a number (`count="{count}"`, for a script to fill in) takes the
        // `other` form.
        let count = kwargs.get::<tera::Value>("count")?.map(|v| v.as_f64().unwrap_or(f64::NAN));
        let Some(text) = translations.get_counted(&lang, &key, count) else {
            return Err(tera::Error::message(format!(
                "the theme string `{key}` is not in any {I18N_DIR}/ file (add it to {I18N_DIR}/{FALLBACK_LANGUAGE}.yaml)"
            )));
        };
        let escaped_text = if state.autoescaping_enabled() { state.escape(text)? } else { text.to_string() };
        let mut args: Vec<(&str, String)> = Vec::new();
        for (name, value) in kwargs.iter() {
            let Some(name) = name.as_str() else { continue };
            if name == "key" {
                continue;
            }
            args.push((name, state.escape_if_needed(value)?));
        }
        // Escaping turned nothing in `{name}` into entities, so the placeholders still match.
        Ok(tera::Value::safe_string(&fill(&escaped_text, &args)))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Translations {
        let mut t = Translations::default();
        t.add_file(
            "en",
            Path::new("i18n/en.yaml"),
            "nav:\n  home: Home\npages:\n  one: \"{count} page\"\n  other: \"{count} pages\"\ndate:\n  format: \"{day} {month} {year}\"\n  months: [January, February, March, April, May, June, July, August, September, October, November, December]\n",
        )
        .unwrap();
        t.add_file(
            "es",
            Path::new("i18n/es.yaml"),
            "nav:\n  home: Inicio\ndate:\n  format: \"{day} de {month} de {year}\"\n  months: [enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, noviembre, diciembre]\n",
        )
        .unwrap();
        t
    }

    #[test]
    fn languages_resolve_by_primary_subtag_then_english() {
        let t = sample();
        assert_eq!(t.get("es-MX", "nav.home"), Some("Inicio"));
        assert_eq!(t.get("fr", "nav.home"), Some("Home"));
        assert_eq!(t.get("es", "pages.one"), Some("{count} page"), "a missing key falls back to English");
        assert_eq!(t.get_counted("en", "pages", Some(1.0)), Some("{count} page"));
        assert_eq!(t.get_counted("en", "pages", Some(3.0)), Some("{count} pages"));
    }

    #[test]
    fn dates_in_each_language() {
        let t = sample();
        let d = jiff::civil::date(2023, 12, 4);
        assert_eq!(t.date("en", d), "4 December 2023");
        assert_eq!(t.date("es", d), "4 de diciembre de 2023");
    }

    #[test]
    fn gaps_name_the_file_and_key() {
        let t = sample();
        let gaps = t.gaps(&["en".into(), "es".into(), "de".into()]);
        assert_eq!(gaps.len(), 2, "{gaps:?}");
        assert!(gaps[0].message.contains("pages.one"), "{}", gaps[0].message);
        assert_eq!(gaps[0].location.as_ref().unwrap().path, Path::new("i18n/es.yaml"));
        assert!(gaps[1].message.contains("`de`"));
    }

    #[test]
    fn template_keys_are_found_with_their_place() {
        let uses =
            keys_in_template("<a>{{ t(key=\"nav.home\") }}</a>\n  {{ list(key='x') }} {{t(key='b.c', n=1)}}");
        let keys: Vec<(&str, usize, usize)> =
            uses.iter().map(|u| (u.key.as_str(), u.line, u.column)).collect();
        assert_eq!(keys, vec![("nav.home", 1, 14), ("b.c", 2, 32)]);
        let t = sample();
        let errors =
            unknown_keys(&t, "{{ t(key=\"nav.hom\") }} {{ t(key=\"pages\", count=2) }}", Path::new("x.html"));
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("`nav.hom`"));
        assert!(errors[0].hint.as_deref().unwrap().contains("nav.home"));
    }

    #[test]
    fn fill_replaces_known_names_only() {
        assert_eq!(fill("{a} and {b} {c", &[("a", "1".into()), ("b", "2".into())]), "1 and 2 {c");
    }

    #[test]
    fn the_function_escapes_text_and_plain_arguments() {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        let mut t = sample();
        t.add_file("en", Path::new("i18n/en.yaml"), "x: \"A & {name}\"\n").unwrap();
        register(&mut tera, Arc::new(t), "en".into());
        tera.add_raw_template("p.html", "{{ t(key=\"x\", name=\"<b>\") }}|{{ t(key=\"x\", name=\"<b>\" | safe) }}|{{ t(key=\"nav.home\") }}|{{ t(key=\"pages\", count=1) }}")
            .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("lang", "es");
        let out = tera.render("p.html", &ctx).unwrap();
        assert_eq!(out, "A &amp; &lt;b&gt;|A &amp; <b>|Inicio|1 page");
        tera.add_raw_template("bad.html", "\n{{ t(key=\"nope\") }}").unwrap();
        let err = tera.render("bad.html", &ctx).unwrap_err();
        assert!(format!("{err:?}").contains("nope"));
    }
}
