//! `plainleaf cms decap`: a web editor for staff who never open a terminal. Writes
//! `static/admin/` (so the built site serves it at `admin/`) with Decap CMS's `config.yml`,
//! generated from the same page and glossary schemas editors use, and a local copy of the
//! CMS itself, so nothing is fetched from elsewhere when staff open it.

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::error::{Diagnostic, Failed, Location};
use crate::schema::SchemaKind;

/// Where the admin page goes, under the site root.
pub const ADMIN_DIR: &str = "static/admin";

/// Where images uploaded through the CMS go (under the site root), and their address on the site.
pub const MEDIA_FOLDER: &str = "static/images";

/// The address of [`MEDIA_FOLDER`] in the built site.
pub const PUBLIC_FOLDER: &str = "/images";

/// What `cms decap` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecapSetup {
    /// Files written (config.yml, index.html, the CMS's own files).
    pub written: Vec<PathBuf>,
    /// Whether the CMS's script was copied; `false` when no copy was found (see [`Diagnostic`]s).
    pub copied_cms: bool,
    /// Set when the glossary was rewritten under `terms:` (same entries), for the CMS to edit it.
    pub glossary_moved_under_terms: Option<PathBuf>,
    /// Warnings for the user (e.g. where to get the CMS's files).
    pub warnings: Vec<Diagnostic>,
}

/// The Decap CMS page that loads the local copy of the CMS.
const INDEX_HTML: &str = r#"<!doctype html>
<!-- Written by `plainleaf cms decap`. Decap CMS reads config.yml beside this page. -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Edit the health library</title>
</head>
<body>
<script src="decap-cms.js"></script>
</body>
</html>
"#;

/// Set up Decap CMS in the site at `root`, copying the CMS from `from` (the `decap-cms`
/// package folder, or its `dist/`), or from `ROOT/node_modules/decap-cms` when not given.
pub fn setup_decap(root: &Path, from: Option<&Path>) -> Result<DecapSetup, Failed> {
    if !root.join(crate::load::SITE_FILE).is_file() {
        return Err(crate::pipeline::stages::not_a_site(root).into());
    }
    let mut setup = DecapSetup::default();
    let admin = root.join(ADMIN_DIR);
    std::fs::create_dir_all(&admin).map_err(|e| io(&admin, e))?;
    std::fs::create_dir_all(root.join(MEDIA_FOLDER)).map_err(|e| io(&root.join(MEDIA_FOLDER), e))?;
    let config = admin.join("config.yml");
    std::fs::write(&config, decap_config()).map_err(|e| io(&config, e))?;
    let index = admin.join("index.html");
    std::fs::write(&index, INDEX_HTML).map_err(|e| io(&index, e))?;
    setup.written.extend([config, index]);

    let default_from = root.join("node_modules").join("decap-cms");
    match find_dist(from.unwrap_or(&default_from)) {
        Some(dist) => {
            setup.written.extend(copy_cms(&dist, &admin)?);
            setup.copied_cms = true;
        }
        None => {
            let (at, what) = match from {
                Some(p) => (p.to_path_buf(), "has no decap-cms.js (nor dist/decap-cms.js)"),
                None => (default_from, "is missing, so the admin page has no CMS to load yet"),
            };
            let diagnostic =
                Diagnostic::warning(Some(Location::file(&at)), format!("the decap-cms package {what}"))
                    .with_hint(format!(
                "in {} run `npm install decap-cms`, then `plainleaf cms decap` again (or give --from FOLDER)",
                root.display()
            ));
            // A folder the user named that holds no CMS is a mistake, not a note.
            if from.is_some() {
                return Err(Diagnostic { severity: crate::error::Severity::Error, ..diagnostic }.into());
            }
            setup.warnings.push(diagnostic);
        }
    }

    let glossary = root.join(crate::load::CONTENT_DIR).join("glossary.yaml");
    if glossary.is_file() {
        let text = std::fs::read_to_string(&glossary).map_err(|e| io(&glossary, e))?;
        if !crate::glossary::written_under_terms(&text) && !text.trim().is_empty() {
            let moved = under_terms(&text);
            let rel = Path::new(crate::load::CONTENT_DIR).join("glossary.yaml");
            let same = |t: &str| crate::glossary::Glossary::parse(t, &rel).ok().map(|(g, _)| g.entries);
            // Only a rewrite that reads back as the very same entries is written.
            if same(&text).is_some() && same(&text) == same(&moved) {
                std::fs::write(&glossary, moved).map_err(|e| io(&glossary, e))?;
                setup.glossary_moved_under_terms = Some(glossary);
            } else {
                setup.warnings.push(
                    Diagnostic::warning(
                        Some(Location::file(&glossary)),
                        "the CMS cannot edit this glossary: it is not a list plainleaf can read",
                    )
                    .with_hint(
                        "fix the errors `plainleaf build` shows, then run `plainleaf cms decap` again",
                    ),
                );
            }
        }
    }
    Ok(setup)
}

/// The glossary's text with its list moved under `terms:`: leading comments stay on top,
/// every other line is indented two spaces.
fn under_terms(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next_if(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("terms:\n");
    for line in lines {
        if !line.is_empty() {
            out.push_str("  ");
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn io(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Some(Location::file(path)), format!("cannot write: {}", crate::load::io_reason(&e)))
}

/// The folder holding `decap-cms.js`: `from` itself or its `dist/`.
fn find_dist(from: &Path) -> Option<PathBuf> {
    [from.join("dist"), from.to_path_buf()].into_iter().find(|d| d.join("decap-cms.js").is_file())
}

/// Copy the CMS's script, the chunks it loads on demand, its WebAssembly and licence notice
/// (not the source maps, which are most of the package's size).
fn copy_cms(dist: &Path, admin: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut written = Vec::new();
    let entries = std::fs::read_dir(dist).map_err(|e| io(dist, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let wanted = name == "decap-cms.js"
            || name.ends_with(".decap-cms.js")
            || name == "decap-cms.js.LICENSE.txt"
            || name.ends_with(".wasm");
        if wanted && entry.path().is_file() {
            let to = admin.join(&name);
            std::fs::copy(entry.path(), &to).map_err(|e| io(&to, e))?;
            written.push(to);
        }
    }
    written.sort();
    Ok(written)
}

/// Decap CMS's `config.yml`: the page collection's fields from the page schema, the glossary's
/// from the glossary schema.
pub fn decap_config() -> String {
    let page = SchemaKind::Page.schema();
    let glossary = SchemaKind::Glossary.schema();
    let (mut page_fields, page_skipped) = fields_of(&page, &page, crate::content::page::PAGE_KEYS);
    // A page made in the CMS has no seed to take its title from, and the CMS names files by it.
    for f in &mut page_fields {
        if f["name"] == "title" {
            f["required"] = json!(true);
        }
    }
    page_fields.push(json!({"name": "body", "label": "Body", "widget": "markdown", "required": false,
        "hint": "The page's own Markdown, added to the seed's text (or the whole page when there is no seed)."}));
    let entry = glossary.pointer("/definitions/GlossaryEntry").cloned().unwrap_or(Value::Null);
    let (entry_fields, _) = fields_of(&entry, &glossary, crate::glossary::ENTRY_KEYS);
    let config = json!({
        "backend": {"name": "git-gateway", "branch": "main"},
        "local_backend": true,
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "collections": [
            {
                "name": "pages",
                "label": "Pages",
                "label_singular": "Page",
                "folder": crate::load::CONTENT_DIR,
                "extension": "md",
                "format": "frontmatter",
                "create": true,
                "identifier_field": "title",
                "slug": "{{slug}}",
                "summary": "{{title}}",
                "fields": page_fields,
            },
            {
                "name": "glossary",
                "label": "Glossary",
                "files": [{
                    "name": "glossary",
                    "label": "Glossary",
                    "file": format!("{}/glossary.yaml", crate::load::CONTENT_DIR),
                    "fields": [{
                        "name": "terms",
                        "label": "Terms",
                        "label_singular": "term",
                        "widget": "list",
                        "summary": "{{fields.term}}",
                        "fields": entry_fields,
                    }],
                }],
            },
        ],
    });
    let mut text = String::from(
        "# Written by `plainleaf cms decap` from plainleaf's page and glossary schemas: run it again\n\
         # after upgrading plainleaf rather than editing the fields here. Change `backend` to the\n\
         # git host your site lives on (see docs/cms.md).\n",
    );
    if !page_skipped.is_empty() {
        text.push_str(&format!(
            "# Not editable in the CMS (kept as written; edit them in a text editor): {}\n",
            page_skipped.join(", ")
        ));
    }
    text.push_str(&serde_yaml::to_string(&config).unwrap_or_default());
    text
}

/// The Decap fields for an object schema's properties in the order of `order` (the keys as
/// the docs list them; the others after, required ones first), and the names of those no
/// Decap widget can edit (maps such as `fill:`); `root` holds the `definitions` `$ref`s use.
fn fields_of(object: &Value, root: &Value, order: &[&str]) -> (Vec<Value>, Vec<String>) {
    let required: Vec<&str> = object["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut fields = Vec::new();
    let mut skipped = Vec::new();
    let mut properties: Vec<(&String, &Value)> =
        object["properties"].as_object().into_iter().flatten().collect();
    properties.sort_by_key(|(name, _)| {
        (order.iter().position(|k| k == name).unwrap_or(order.len()), !required.contains(&name.as_str()))
    });
    for (name, schema) in properties {
        match field(name, schema, required.contains(&name.as_str()), root) {
            Some(f) => fields.push(f),
            None => skipped.push(name.clone()),
        }
    }
    (fields, skipped)
}

/// Follow a `$ref` and drop the `null` of an optional value.
fn resolve<'a>(schema: &'a Value, root: &'a Value) -> &'a Value {
    if let Some(name) = schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/definitions/")) {
        return resolve(&root["definitions"][name], root);
    }
    if let Some([one]) = schema["allOf"].as_array().map(Vec::as_slice) {
        return resolve(one, root);
    }
    if let Some(options) = schema["anyOf"].as_array() {
        let real: Vec<&Value> = options.iter().filter(|o| o["type"] != "null").collect();
        if let [one] = real.as_slice() {
            return resolve(one, root);
        }
    }
    schema
}

/// The schema's type, ignoring `null` (`["string", "null"]` is a string).
fn type_of(schema: &Value) -> Option<&str> {
    match &schema["type"] {
        Value::String(t) => Some(t),
        Value::Array(types) => types.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

/// The choices of an enum schema (`enum`, or `oneOf` of `const`s).
fn choices(schema: &Value) -> Option<Vec<Value>> {
    if let Some(values) = schema["enum"].as_array() {
        return Some(values.clone());
    }
    let options = schema["oneOf"].as_array()?;
    options.iter().map(|o| o.get("const").cloned()).collect()
}

/// One Decap field for a property, or `None` when no widget fits.
fn field(name: &str, schema: &Value, required: bool, root: &Value) -> Option<Value> {
    let description = schema["description"].as_str().map(str::to_string);
    let resolved = resolve(schema, root);
    let description = description.or_else(|| resolved["description"].as_str().map(str::to_string));
    let mut f = Map::new();
    f.insert("name".into(), name.into());
    f.insert("label".into(), label(name).into());
    f.insert("required".into(), required.into());
    if let Some(d) = description {
        f.insert("hint".into(), d.into());
    }
    if let Some(options) = choices(resolved) {
        f.insert("widget".into(), "select".into());
        f.insert("options".into(), options.into());
    } else {
        match type_of(resolved)? {
            "string" if resolved["format"] == "date" => {
                f.insert("widget".into(), "datetime".into());
                f.insert("format".into(), "YYYY-MM-DD".into());
                f.insert("date_format".into(), "YYYY-MM-DD".into());
                f.insert("time_format".into(), false.into());
                f.insert("picker_utc".into(), true.into());
            }
            "string" if crate::content::raw_html::MARKDOWN_FIELDS.contains(&name) => {
                f.insert("widget".into(), "text".into());
            }
            "string" => {
                f.insert("widget".into(), "string".into());
            }
            "boolean" => {
                f.insert("widget".into(), "boolean".into());
            }
            "number" | "integer" => {
                f.insert("widget".into(), "number".into());
                let value_type = if type_of(resolved) == Some("integer") { "int" } else { "float" };
                f.insert("value_type".into(), value_type.into());
            }
            "array" => {
                let items = resolve(&resolved["items"], root);
                f.insert("widget".into(), "list".into());
                match type_of(items)? {
                    "string" => {
                        f.insert(
                            "field".into(),
                            json!({"name": "item", "label": label(name), "widget": "string"}),
                        );
                    }
                    "object" => {
                        let (fields, skipped) = fields_of(items, root, &[]);
                        if !skipped.is_empty() {
                            return None;
                        }
                        f.insert("fields".into(), fields.into());
                    }
                    _ => return None,
                }
            }
            "object" if resolved["properties"].is_object() => {
                let (mut fields, skipped) = fields_of(resolved, root, &[]);
                if !skipped.is_empty() {
                    return None;
                }
                if !required {
                    // Decap checks an object's required fields even when the object is left
                    // out (a page that is not a translation has no `translation:`), and then
                    // refuses to publish; the build still checks them when it is there.
                    for field in &mut fields {
                        field["required"] = false.into();
                    }
                }
                f.insert("widget".into(), "object".into());
                f.insert("fields".into(), fields.into());
            }
            _ => return None,
        }
    }
    if let Some(default) = resolved.get("default").or_else(|| schema.get("default")) {
        if !default.is_null() && (type_of(resolved) == Some("boolean") || choices(resolved).is_some()) {
            f.insert("default".into(), default.clone());
        }
    }
    Some(Value::Object(f))
}

/// `key_points` as a form label: "Key points".
fn label(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
        config["collections"].as_array().and_then(|c| c.iter().find(|c| c["name"] == name)).unwrap()
    }

    #[test]
    fn config_has_every_page_field_and_the_glossary() {
        let config: Value = serde_yaml::from_str(&decap_config()).unwrap();
        let pages = collection(&config, "pages");
        let names: Vec<&str> =
            pages["fields"].as_array().unwrap().iter().filter_map(|f| f["name"].as_str()).collect();
        for wanted in [
            "title",
            "summary",
            "key_points",
            "actions",
            "questions_to_ask",
            "topics",
            "reviewed",
            "seed",
            "body",
        ] {
            assert!(names.contains(&wanted), "{wanted} missing from {names:?}");
        }
        let reviewed = pages["fields"].as_array().unwrap().iter().find(|f| f["name"] == "reviewed").unwrap();
        assert_eq!(reviewed["widget"], "object");
        assert_eq!(reviewed["fields"][0]["widget"], "datetime");
        assert_eq!(reviewed["fields"][0]["format"], "YYYY-MM-DD");
        let position =
            pages["fields"].as_array().unwrap().iter().find(|f| f["name"] == "body_position").unwrap();
        assert_eq!(position["options"], json!(["before", "after"]));
        assert_eq!(names[..3], ["title", "seed", "slug"], "fields keep the documented order");
        let glossary = collection(&config, "glossary");
        let terms = &glossary["files"][0]["fields"][0];
        assert_eq!(terms["name"], "terms");
        assert!(terms["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "plain" && f["required"] == true));
    }

    #[test]
    fn a_list_glossary_moves_under_terms_keeping_its_comments() {
        let moved = under_terms("# words\n- term: a\n  plain: b\n\n- term: c\n  plain: d\n");
        assert_eq!(moved, "# words\nterms:\n  - term: a\n    plain: b\n\n  - term: c\n    plain: d\n");
        assert!(crate::glossary::written_under_terms(&moved));
    }
}
