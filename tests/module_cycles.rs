//! No cycles between the library's top-level modules: each `crate::a::...` path written in a
//! file of module `b` is an edge b -> a, and the graph must have no cycle. A cycle means two
//! modules can only be understood (and changed) together; shared types belong where both
//! sides can see them (see docs/architecture.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The top-level module a file under `src/` belongs to (None for the binary's files).
fn module_of(rel: &str) -> Option<String> {
    if rel == "main.rs" || rel == "lib.rs" || rel.starts_with("cmd/") {
        return None;
    }
    let first = rel.split('/').next()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// Top-level modules named by `crate::` paths in Rust source (comments skipped).
fn crate_paths(source: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in source.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let code = code.split(" //").next().unwrap_or(code);
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            // `plainleaf_crate::` or similar is not ours.
            let before = rest[..at].chars().next_back();
            rest = &rest[at + "crate::".len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                for item in top_level_items(group) {
                    found.insert(item);
                }
            } else {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        }
    }
    found
}

/// The first name of each comma-separated item of a `{...}` group, up to its closing brace.
fn top_level_items(group: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut at_item_start = true;
    let mut name = String::new();
    for c in group.chars() {
        if c.is_alphanumeric() || c == '_' {
            if at_item_start {
                name.push(c);
            }
            continue;
        }
        if !name.is_empty() {
            items.push(std::mem::take(&mut name));
            at_item_start = false;
        }
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => at_item_start = true,
            _ => {}
        }
    }
    items
}

/// The module graph of a source folder.
fn graph_of(src: &Path) -> Graph {
    let mut graph = Graph::new();
    for entry in walkdir::WalkDir::new(src).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).unwrap().to_string_lossy().replace('\\', "/");
        let Some(module) = module_of(&rel) else { continue };
        let text = std::fs::read_to_string(path).unwrap();
        let uses = graph.entry(module.clone()).or_default();
        uses.extend(crate_paths(&text).into_iter().filter(|m| *m != module));
    }
    // Names that are not modules (re-exported items like `crate::Diagnostic`) are not edges.
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for uses in graph.values_mut() {
        uses.retain(|m| modules.contains(m));
    }
    graph
}

/// One cycle of the graph, as the modules along it (first repeated at the end), if any.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &Graph,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[from..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_library_has_no_module_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph_of(&src);
    assert!(graph.contains_key("pipeline") && graph.contains_key("render"), "{graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "module cycle: {}\nmove the shared items where both sides can see them (docs/architecture.md)",
            cycle.join(" -> ")
        );
    }
}

#[test]
fn the_checker_finds_paths_and_cycles() {
    let source =
        "use crate::a::B;\nuse crate::{c::D,e, f::{g, h}};\n// crate::comment\nlet x = crate::i::j();\n";
    let names: Vec<String> = crate_paths(source).into_iter().collect();
    assert_eq!(names, ["a", "c", "e", "f", "i"]);

    let mut graph = Graph::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    graph.entry("c".into()).or_default();
    assert_eq!(find_cycle(&graph), None);
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&graph), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
}
