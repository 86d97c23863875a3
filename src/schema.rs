//! JSON Schemas of the source files, generated from the Rust types, for editors and open data.

use crate::model::source::{PageSource, ProcedureSource, SiteSource, UnitSource};

/// The source files that have a schema, by the name `congkhai schema <name>` takes.
pub const NAMES: [&str; 4] = ["site", "units", "procedure", "page"];

/// Pretty JSON Schema of one source file.
pub fn schema_json(name: &str) -> Option<String> {
    let schema = match name {
        "site" => schemars::schema_for!(SiteSource),
        "units" => {
            let mut schema = schemars::schema_for!(Vec<UnitSource>);
            schema.insert("title".into(), "content/units.yaml".into());
            schema.insert("description".into(), "Danh sách cơ quan, đơn vị; mỗi mục là một đơn vị.".into());
            schema
        }
        "procedure" => schemars::schema_for!(ProcedureSource),
        "page" => schemars::schema_for!(PageSource),
        _ => return None,
    };
    serde_json::to_string_pretty(&schema).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_described_in_vietnamese() {
        let procedure = schema_json("procedure").unwrap();
        assert!(procedure.contains("Mã thủ tục quốc gia"));
        assert!(procedure.contains("\"additionalProperties\": false"));
        let value: serde_json::Value = serde_json::from_str(&procedure).unwrap();
        for (key, property) in value["properties"].as_object().unwrap() {
            assert!(property.get("description").is_some(), "key `{key}` has no description");
        }
        for name in NAMES {
            assert!(schema_json(name).is_some());
        }
    }
}
