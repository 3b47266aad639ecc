//! Pieces of JSON Schema the settings types name in their `#[schemars(...)]` attributes. A
//! leaf module (it uses nothing else of plainleaf), so every settings module can use it while
//! [`crate::schema`], which reads all of them, stays above them.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

/// The `pattern` of text that may not be blank: `#[schemars(inner(pattern(crate::schema_parts::NOT_BLANK)))]`
/// on a list of strings whose empty items the build rejects. Unlike other patterns it still lets
/// a number through, as the build reads `- 911` as the text "911".
pub const NOT_BLANK: &str = r"\S";

/// The schema of a date written `YYYY-MM-DD` (what `jiff::civil::Date` reads), for fields
/// whose Rust type has no schema of its own: `#[schemars(with = "crate::schema_parts::IsoDate")]`.
pub struct IsoDate;

impl JsonSchema for IsoDate {
    fn schema_name() -> Cow<'static, str> {
        "IsoDate".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "examples": ["2026-12-04"]
        })
    }
}

/// The schema of a `bool` that may only be `false` (a `fill:` that drops its gap line).
pub struct FalseOnly;

impl JsonSchema for FalseOnly {
    fn schema_name() -> Cow<'static, str> {
        "FalseOnly".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": false })
    }
}
