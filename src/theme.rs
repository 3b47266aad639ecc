//! Themes: `themes/<name>/` (theme.yaml, templates/, static/) from the site, or built into
//! the binary. The site's own `templates/` win over the theme's by file name, and every theme
//! template is also reachable as `theme/<name>` so an override can extend it and change one block.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};

use crate::error::{did_you_mean, Diagnostic, Failed, Location};

/// The themes shipped inside the binary, so any site can use them without copying.
static BUILTIN_THEMES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// The prefix under which a theme's own templates stay reachable when a site overrides them.
pub const THEME_PREFIX: &str = "theme/";

/// A theme's `theme.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeManifest {
    /// The theme's name.
    pub name: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
    /// Settings the theme accepts, with defaults.
    #[serde(default)]
    pub settings: BTreeMap<String, ThemeSetting>,
    /// A theme this one builds on: its templates and static files are used unless this
    /// theme has a file of the same name (so `contrast` is clinic's pages with its own CSS).
    #[serde(default)]
    pub extends: Option<String>,
}

/// One setting a theme accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThemeSetting {
    /// The value used when the site sets none.
    pub default: serde_json::Value,
    /// What the setting does.
    #[serde(default)]
    pub description: String,
}

/// A file a theme (or the site) ships as-is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Path inside the output folder, with `/` separators.
    pub output_path: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// A loaded theme with its templates compiled.
pub struct Theme {
    /// The manifest.
    pub manifest: ThemeManifest,
    /// Setting values: the theme's defaults overridden by `site.yaml`'s `theme_settings`.
    pub settings: BTreeMap<String, serde_json::Value>,
    /// Compiled templates.
    pub tera: tera::Tera,
    /// Static files to copy (theme's, then the site's own `static/`).
    pub static_files: Vec<StaticFile>,
    /// Where each template came from, for error messages.
    pub origins: BTreeMap<String, PathBuf>,
    /// The theme's strings in every language (its `i18n/` files, then the site's).
    pub translations: std::sync::Arc<crate::i18n::Translations>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme").field("manifest", &self.manifest).finish_non_exhaustive()
    }
}

/// Where a theme's files are read from.
enum Source {
    Disk(PathBuf),
    Builtin(&'static Dir<'static>),
}

/// Names of the themes built into the binary.
pub fn builtin_names() -> Vec<String> {
    BUILTIN_THEMES.dirs().map(|d| d.path().to_string_lossy().into_owned()).collect()
}

/// Write a built-in theme's files into `dest` (used by `plainleaf new`).
pub fn export_builtin(name: &str, dest: &Path) -> std::io::Result<()> {
    let dir = BUILTIN_THEMES.get_dir(name).ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::NotFound, format!("no built-in theme {name}"))
    })?;
    for (rel, bytes) in files_of(dir) {
        let path = dest.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    Ok(())
}

/// Every file under a built-in dir, with its path relative to that dir.
fn files_of(dir: &'static Dir<'static>) -> Vec<(PathBuf, &'static [u8])> {
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for f in d.files() {
            let rel = f.path().strip_prefix(dir.path()).unwrap_or(f.path()).to_path_buf();
            out.push((rel, f.contents()));
        }
        stack.extend(d.dirs());
    }
    out.sort();
    out
}

impl Theme {
    /// Load theme `name` for the site at `root`, with the site's template overrides and settings.
    pub fn load(
        root: &Path,
        name: &str,
        site_settings: &BTreeMap<String, serde_json::Value>,
    ) -> Result<(Theme, Vec<Diagnostic>), Failed> {
        let missing_location = || {
            std::fs::read_to_string(root.join(crate::load::SITE_FILE))
                .map(|text| crate::config::key_location(&text, "theme", Path::new(crate::load::SITE_FILE)))
                .unwrap_or_else(|_| Location::file(crate::load::SITE_FILE))
        };
        // The chain of themes from the base up to `name`; later layers win file by file.
        let mut layers: Vec<(String, ThemeManifest, BTreeMap<PathBuf, Vec<u8>>)> = Vec::new();
        let mut next = Some(name.to_string());
        while let Some(current) = next.take() {
            if layers.iter().any(|(n, _, _)| *n == current) || layers.len() > 8 {
                return Err(Diagnostic::error(
                    Some(Location::file(format!("themes/{current}/theme.yaml"))),
                    format!("the theme `{current}` extends itself through `extends:`"),
                )
                .with_hint("remove the `extends:` line that closes the loop")
                .into());
            }
            let source = match theme_source(root, &current) {
                Some(source) => source,
                None if layers.is_empty() => {
                    return Err(missing_theme(root, &current, Some(missing_location())).into())
                }
                None => {
                    let child = &layers[layers.len() - 1].0;
                    return Err(missing_theme(
                        root,
                        &current,
                        Some(Location::file(format!("themes/{child}/theme.yaml"))),
                    )
                    .into());
                }
            };
            let files = read_theme_files(&source, &current)?;
            let manifest_path = PathBuf::from(format!("themes/{current}/theme.yaml"));
            let manifest: ThemeManifest = match files.get(Path::new("theme.yaml")) {
                Some(bytes) => serde_yaml::from_slice(bytes).map_err(|e| {
                    crate::error::yaml::yaml_diagnostic(
                        &e,
                        &manifest_path,
                        0,
                        &["name", "description", "settings", "extends"],
                    )
                })?,
                None => ThemeManifest {
                    name: current.clone(),
                    description: String::new(),
                    settings: BTreeMap::new(),
                    extends: None,
                },
            };
            next = manifest.extends.clone();
            layers.push((current, manifest, files));
        }
        layers.reverse();
        let mut manifest = layers[layers.len() - 1].1.clone();
        manifest.settings = layers.iter().flat_map(|(_, m, _)| m.settings.clone()).collect();
        let mut files: BTreeMap<PathBuf, (String, Vec<u8>)> = BTreeMap::new();
        // Theme strings merge key by key (a child theme changes only the words it lists);
        // every other file is replaced whole by the child's.
        let mut string_files: Vec<(String, PathBuf, Vec<u8>)> = Vec::new();
        for (layer, _, layer_files) in layers {
            for (rel, bytes) in layer_files {
                if let Some(lang) = crate::i18n::language_of(&rel) {
                    string_files.push((
                        lang,
                        PathBuf::from(format!("themes/{layer}/{}", rel.display())),
                        bytes,
                    ));
                    continue;
                }
                files.insert(rel, (layer.clone(), bytes));
            }
        }
        let (settings, warnings) = merge_settings(&manifest, site_settings);

        let mut templates: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
        let mut static_files = Vec::new();
        let mut translations = crate::i18n::Translations::default();
        for (rel, (layer, bytes)) in &files {
            let rel_str = rel.to_string_lossy().replace('\\', "/");
            let shown = PathBuf::from(format!("themes/{layer}/{rel_str}"));
            if let Some(t) = rel_str.strip_prefix("templates/") {
                let text = String::from_utf8(bytes.clone()).map_err(|_| {
                    Diagnostic::error(Some(Location::file(&shown)), "this template is not UTF-8 text")
                })?;
                templates.insert(format!("{THEME_PREFIX}{t}"), (text.clone(), shown.clone()));
                templates.insert(t.to_string(), (text, shown));
            } else if let Some(s) = rel_str.strip_prefix("static/") {
                static_files.push(StaticFile { output_path: s.to_string(), bytes: bytes.clone() });
            }
        }
        for (lang, path, bytes) in string_files {
            let text = String::from_utf8(bytes)
                .map_err(|_| Diagnostic::error(Some(Location::file(&path)), "this file is not UTF-8 text"))?;
            translations.add_file(&lang, &path, &text)?;
        }
        for (rel, path) in site_files(root, crate::i18n::I18N_DIR)? {
            if let Some(lang) =
                crate::i18n::language_of(Path::new(&format!("{}/{rel}", crate::i18n::I18N_DIR)))
            {
                let text = crate::load::read_text(root, &path)?;
                translations.add_file(&lang, &path, &text)?;
            }
        }
        for (rel, path) in site_files(root, "templates")? {
            let text = crate::load::read_text(root, &path)?;
            templates.insert(rel, (text, path));
        }
        for (rel, path) in site_files(root, "static")? {
            let bytes = std::fs::read(root.join(&path)).map_err(|e| {
                Diagnostic::error(
                    Some(Location::file(&path)),
                    format!("cannot read: {}", crate::load::io_reason(&e)),
                )
            })?;
            static_files.retain(|f| f.output_path != rel);
            static_files.push(StaticFile { output_path: rel, bytes });
        }

        // A key no file defines is found now, in every template, not only on the pages that
        // happen to reach that line.
        let unknown: Vec<Diagnostic> = templates
            .iter()
            .filter(|(name, _)| !name.starts_with(THEME_PREFIX))
            .flat_map(|(_, (text, path))| crate::i18n::unknown_keys(&translations, text, path))
            .collect();
        if !unknown.is_empty() {
            return Err(Failed(unknown));
        }
        let translations = std::sync::Arc::new(translations);
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        crate::i18n::register(&mut tera, translations.clone(), crate::i18n::FALLBACK_LANGUAGE.to_string());
        let origins: BTreeMap<String, PathBuf> =
            templates.iter().map(|(k, (_, p))| (k.clone(), p.clone())).collect();
        tera.add_raw_templates(templates.iter().map(|(k, (text, _))| (k.as_str(), text.as_str())))
            .map_err(|e| template_error(&e, &origins))?;
        Ok((Theme { manifest, settings, tera, static_files, origins, translations }, warnings))
    }

    /// Render a template with a context, mapping errors to the template file and line.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera.render(template, context).map_err(|e| template_error(&e, &self.origins))
    }

    /// Whether the theme (or site) has a template of this name.
    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }
}

/// Where theme `name` is read from: the site's `themes/` folder first, then the built-in ones.
fn theme_source(root: &Path, name: &str) -> Option<Source> {
    let on_disk = root.join("themes").join(name);
    if on_disk.is_dir() {
        Some(Source::Disk(on_disk))
    } else if name.contains(['/', '\\', '.']) {
        None
    } else {
        BUILTIN_THEMES.get_dir(name).map(Source::Builtin)
    }
}

/// Whether theme `name` exists, in the site's `themes/` folder or built in.
pub fn exists(root: &Path, name: &str) -> bool {
    theme_source(root, name).is_some()
}

/// The error for a theme that does not exist, with the closest name and the list of themes.
pub fn missing_theme(root: &Path, name: &str, location: Option<Location>) -> Diagnostic {
    let mut names = builtin_names();
    if let Ok(rd) = std::fs::read_dir(root.join("themes")) {
        names.extend(
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned()),
        );
    }
    names.sort();
    names.dedup();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = match did_you_mean(name, &refs) {
        Some(s) => format!("did you mean `{s}`? The themes you can use are: {}", names.join(", ")),
        None => format!("the themes you can use are: {}", names.join(", ")),
    };
    Diagnostic::error(
        location,
        format!("there is no theme called `{name}` (plainleaf looked in themes/{name}/ and in its built-in themes)"),
    )
    .with_hint(hint)
}

fn read_theme_files(source: &Source, name: &str) -> Result<BTreeMap<PathBuf, Vec<u8>>, Diagnostic> {
    let mut files = BTreeMap::new();
    match source {
        Source::Builtin(dir) => {
            for (rel, bytes) in files_of(dir) {
                files.insert(rel, bytes.to_vec());
            }
        }
        Source::Disk(dir) => {
            for entry in walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    Diagnostic::error(
                        Some(Location::file(format!("themes/{name}"))),
                        format!("cannot read the theme: {e}"),
                    )
                })?;
                if !entry.file_type().is_file()
                    || crate::load::is_editor_temp(&entry.file_name().to_string_lossy())
                {
                    continue;
                }
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_path_buf();
                let bytes = std::fs::read(entry.path()).map_err(|e| {
                    Diagnostic::error(Some(Location::file(entry.path())), format!("cannot read: {e}"))
                })?;
                files.insert(rel, bytes);
            }
        }
    }
    Ok(files)
}

/// Files under a site folder (`templates/`, `static/`): (path inside it, site-relative path).
fn site_files(root: &Path, folder: &str) -> Result<Vec<(String, PathBuf)>, Diagnostic> {
    let dir = root.join(folder);
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(&dir).follow_links(true).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Diagnostic::error(Some(Location::file(folder)), format!("cannot read this folder: {e}"))
        })?;
        if entry.file_type().is_file() && !crate::load::is_editor_temp(&entry.file_name().to_string_lossy()) {
            let rel =
                entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            out.push((rel, crate::error::display_path(root, entry.path())));
        }
    }
    Ok(out)
}

fn merge_settings(
    manifest: &ThemeManifest,
    site: &BTreeMap<String, serde_json::Value>,
) -> (BTreeMap<String, serde_json::Value>, Vec<Diagnostic>) {
    let mut values: BTreeMap<String, serde_json::Value> =
        manifest.settings.iter().map(|(k, s)| (k.clone(), s.default.clone())).collect();
    let mut warnings = Vec::new();
    let known: Vec<&str> = manifest.settings.keys().map(String::as_str).collect();
    for (k, v) in site {
        if !manifest.settings.contains_key(k) {
            let hint = match did_you_mean(k, &known) {
                Some(s) => format!("did you mean `{s}`? This theme accepts: {}", known.join(", ")),
                None => format!("this theme accepts: {}", known.join(", ")),
            };
            warnings.push(
                Diagnostic::warning(
                    Some(Location::file("site.yaml")),
                    format!("theme_settings.{k} is not a setting of the theme `{}`", manifest.name),
                )
                .with_hint(hint),
            );
        }
        values.insert(k.clone(), v.clone());
    }
    (values, warnings)
}

/// A tera error as a diagnostic naming the template file, line and column.
pub fn template_error(e: &tera::Error, origins: &BTreeMap<String, PathBuf>) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let path = origins.get(r.filename()).cloned().unwrap_or_else(|| PathBuf::from(r.filename()));
            let span = r.span();
            let what = if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                "template syntax error"
            } else {
                "template error"
            };
            let said = if r.message().contains("Unexpected end of input") {
                "the template ends while a `{% if %}`, `{% for %}` or `{% block %}` is still open".to_string()
            } else {
                r.message().to_string()
            };
            let mut d = Diagnostic::error(
                Some(Location::at(path, span.start_line, Some(span.start_col + 1))),
                format!("{what}: {said}"),
            );
            let said = r.message().to_lowercase();
            if said.contains("not found") || said.contains("undefined") || said.contains("not defined") {
                d = d.with_hint(
                    "check the name's spelling against the list above; use `{% if name is defined %}` for values a page may not have",
                );
            } else if what == "template syntax error" {
                d = d.with_hint(
                    "check this line and the one before: every `{{` needs `}}`, every `{%` needs `%}`, and every `{% if %}`, `{% for %}` and `{% block %}` needs its `{% end... %}`",
                );
            }
            d
        }
        _ => Diagnostic::error(None, format!("template error: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in theme has every string in every language it ships, and no string that
    /// no template uses (the dates are used by the renderer).
    #[test]
    fn builtin_theme_strings_are_complete_in_every_language() {
        let mut used = std::collections::BTreeSet::new();
        for dir in BUILTIN_THEMES.dirs() {
            for (rel, bytes) in files_of(dir) {
                if rel.starts_with("templates") {
                    let text = String::from_utf8_lossy(bytes);
                    used.extend(crate::i18n::keys_in_template(&text).into_iter().map(|u| u.key));
                }
            }
        }
        let empty = tempfile::tempdir().unwrap();
        for name in builtin_names() {
            let (theme, _) = Theme::load(empty.path(), &name, &BTreeMap::new()).unwrap();
            let t = &theme.translations;
            assert!(t.languages.contains_key("en") && t.languages.contains_key("es"), "{name}");
            assert!(t.gaps(&["en".into(), "es".into()]).is_empty(), "{name}: {:?}", t.gaps(&[]));
            for (_, kind) in crate::markdown::callout::KINDS {
                assert!(crate::i18n::RENDERER_KEYS.contains(&kind.key().as_str()), "{}", kind.key());
                assert!(
                    t.languages["es"].texts.contains_key(&kind.key()),
                    "{name}: es has no {}",
                    kind.key()
                );
            }
            for key in t.all_keys() {
                let base = key.strip_suffix(".one").or_else(|| key.strip_suffix(".other")).unwrap_or(key);
                let by_renderer = crate::i18n::RENDERER_KEYS.contains(&key);
                assert!(
                    key.starts_with("date.") || by_renderer || used.contains(base),
                    "{name}: `{key}` is never used"
                );
            }
        }
    }

    /// A site's `i18n/` file changes only the words it lists; the rest stay the theme's.
    #[test]
    fn a_sites_strings_override_the_themes_key_by_key() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("i18n")).unwrap();
        std::fs::write(site.path().join("i18n/es.yaml"), "nav:\n  home: Portada\n").unwrap();
        let (theme, _) = Theme::load(site.path(), "contrast", &BTreeMap::new()).unwrap();
        assert_eq!(theme.translations.get("es", "nav.home"), Some("Portada"));
        assert_eq!(theme.translations.get("es", "nav.glossary"), Some("Glosario"));
        assert_eq!(theme.translations.get("en", "nav.home"), Some("Home"));
    }
}
