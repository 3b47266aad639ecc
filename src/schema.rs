//! JSON Schemas for plainleaf's YAML files (`site.yaml`, a page's front-matter,
//! `glossary.yaml`, `theme.yaml`), derived from the very types the build reads them into, so
//! what an editor flags as you type and what the build rejects cannot drift apart.
//!
//! A settings type takes part by deriving `schemars::JsonSchema` beside its serde derives; its
//! doc comments become the descriptions and its serde defaults the schema's defaults. A field
//! whose type has no schema of its own (a `jiff` date) names a stand-in from
//! [`crate::schema_parts`], e.g. `#[schemars(with = "crate::schema_parts::IsoDate")]`.

use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;

use crate::error::{Diagnostic, Location};

/// The folder (under the site root) that `plainleaf schema`, `new` and the modelines use.
pub const DEFAULT_DIR: &str = "schemas";

/// One of the YAML files plainleaf reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// `site.yaml`.
    Site,
    /// The front-matter of a page in `content/`.
    Page,
    /// `content/glossary.yaml`.
    Glossary,
    /// A theme's `theme.yaml`.
    Theme,
}

impl SchemaKind {
    /// Every kind, in the order the files are written and listed.
    pub const ALL: [SchemaKind; 4] =
        [SchemaKind::Site, SchemaKind::Page, SchemaKind::Glossary, SchemaKind::Theme];

    /// The schema's file name, e.g. `site.schema.json`.
    pub fn file_name(self) -> &'static str {
        match self {
            SchemaKind::Site => "site.schema.json",
            SchemaKind::Page => "page.schema.json",
            SchemaKind::Glossary => "glossary.schema.json",
            SchemaKind::Theme => "theme.schema.json",
        }
    }

    /// The schema as JSON (draft-07: the version every editor's YAML support reads).
    pub fn schema(self) -> serde_json::Value {
        let generator = SchemaSettings::draft07().into_generator();
        let (mut schema, title, description) = match self {
            SchemaKind::Site => (
                generator.into_root_schema_for::<crate::config::SiteConfig>(),
                "plainleaf site.yaml",
                "The site's settings: one site.yaml in the site folder.",
            ),
            SchemaKind::Page => (
                generator.into_root_schema_for::<crate::content::page::FrontMatter>(),
                "plainleaf page front-matter",
                "The YAML between the two --- lines at the top of a page in content/.",
            ),
            SchemaKind::Glossary => (
                generator.into_root_schema_for::<Option<crate::glossary::GlossaryFile>>(),
                "plainleaf glossary.yaml",
                "The glossary: a list of entries (or the same list under `terms:`), each a medical word and its plain explanation.",
            ),
            SchemaKind::Theme => (
                generator.into_root_schema_for::<crate::theme::ThemeManifest>(),
                "plainleaf theme.yaml",
                "A theme's manifest: its name, what it is for, and the settings it accepts.",
            ),
        };
        schema.insert("title".into(), title.into());
        schema.insert("description".into(), description.into());
        let mut value = schema.to_value();
        scalars_read_as_text(&mut value);
        value
    }

    /// The `# yaml-language-server: $schema=...` line for a file at `file` (relative to the
    /// site root), pointing at the schema in [`DEFAULT_DIR`] by a relative path.
    pub fn modeline(self, file: &Path) -> String {
        let depth = file.components().count().saturating_sub(1);
        format!("# yaml-language-server: $schema={}{DEFAULT_DIR}/{}", "../".repeat(depth), self.file_name())
    }
}

/// Write every schema into `dir` (made when missing), replacing older copies: they are
/// generated files. Returns the paths written.
pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let io = |path: &Path, e: std::io::Error| {
        Diagnostic::error(Some(Location::file(path)), format!("cannot write: {}", crate::load::io_reason(&e)))
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let mut written = Vec::new();
    for kind in SchemaKind::ALL {
        let path = dir.join(kind.file_name());
        let mut text = serde_json::to_string_pretty(&kind.schema()).unwrap_or_default();
        text.push('\n');
        std::fs::write(&path, text).map_err(|e| io(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// The build reads a plain YAML number or `true` where it wants text (`title: 1984` is the
/// title "1984"), so a free-text schema accepts them too; text with a format, a pattern or a
/// fixed set of values stays text only, as the build rejects a number there. So does text that
/// is one choice of several (`fill:`'s list, text or `false`): serde tries each choice on the
/// value as YAML typed it, so there a number is not text.
fn scalars_read_as_text(schema: &mut serde_json::Value) {
    use serde_json::Value;
    match schema {
        Value::Object(map) => {
            let choices = map.get("anyOf").and_then(Value::as_array);
            if choices.is_some_and(|c| c.iter().filter(|o| o["type"] != "null").count() > 1) {
                return;
            }
            let constrained = ["format", "enum", "const"].iter().any(|k| map.contains_key(*k))
                || map.get("pattern").is_some_and(|p| p != crate::schema_parts::NOT_BLANK);
            let text_types = ["string", "number", "boolean"].map(Value::from);
            match map.get_mut("type") {
                Some(Value::String(t)) if t == "string" && !constrained => {
                    map.insert("type".into(), Value::Array(text_types.to_vec()));
                }
                Some(Value::Array(types)) if types.contains(&"string".into()) && !constrained => {
                    for t in text_types {
                        if !types.contains(&t) {
                            types.push(t);
                        }
                    }
                }
                _ => {}
            }
            map.values_mut().for_each(scalars_read_as_text);
        }
        Value::Array(items) => items.iter_mut().for_each(scalars_read_as_text),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modelines_point_up_to_the_site_root() {
        assert_eq!(
            SchemaKind::Site.modeline(Path::new("site.yaml")),
            "# yaml-language-server: $schema=schemas/site.schema.json"
        );
        assert_eq!(
            SchemaKind::Theme.modeline(Path::new("themes/clinic/theme.yaml")),
            "# yaml-language-server: $schema=../../schemas/theme.schema.json"
        );
    }

    #[test]
    fn page_schema_has_the_fields_descriptions_and_date_format() {
        let page = SchemaKind::Page.schema();
        let props = &page["properties"];
        assert_eq!(page["additionalProperties"], false);
        assert!(props["summary"]["description"].as_str().unwrap_or("").contains("plain sentences"));
        assert_eq!(props["published"]["format"], "date");
        let body_position = serde_json::to_string(&page["definitions"]["BodyPosition"]).unwrap_or_default();
        assert!(body_position.contains("before") && body_position.contains("after"), "{body_position}");
    }

    #[test]
    fn site_schema_has_defaults() {
        let site = SchemaKind::Site.schema();
        assert_eq!(site["properties"]["theme"]["default"], "clinic");
        assert_eq!(site["properties"]["title"]["type"], serde_json::json!(["string", "number", "boolean"]));
        assert_eq!(site["properties"]["reading_grade"]["default"], 8.0);
        assert_eq!(site["required"], serde_json::json!(["title"]));
    }
}
