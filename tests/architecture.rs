//! The house style's structural rules (STYLE.md), checked on the source: no module cycles
//! among the crate's top-level modules, and the core and the renderers know no pass.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;

/// Each top-level module of `src/` (a file or a folder) and the top-level modules its code
/// (outside `#[cfg(test)]`) names through `crate::`.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = common::manifest_dir().join("src");
    let mut files = Vec::new();
    collect_rs(&src, &mut files);
    let path_use = regex::Regex::new(r"crate::(\w+)").unwrap();
    let group_use = regex::Regex::new(r"use crate::\{([^}]*)\}").unwrap();
    let group_item = regex::Regex::new(r"(?:^|,)\s*(\w+)").unwrap();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative.components().next().unwrap().as_os_str().to_string_lossy();
        let top = top.strip_suffix(".rs").unwrap_or(&top).to_owned();
        if top == "lib" || top == "main" || top == "bin" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let mut named: BTreeSet<String> = path_use.captures_iter(code).map(|c| c[1].to_owned()).collect();
        for group in group_use.captures_iter(code) {
            named.extend(group_item.captures_iter(&group[1]).map(|c| c[1].to_owned()));
        }
        named.remove(&top);
        graph.entry(top).or_default().extend(named);
    }
    // Only edges between modules: `crate::Linter` names the crate's root, not a module.
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for deps in graph.values_mut() {
        deps.retain(|d| modules.contains(d));
    }
    graph
}

fn collect_rs(folder: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rs(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// A cycle through `start`, if there is one: the modules in order.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((module, path)) = stack.pop() {
        for next in &graph[&module] {
            if next == start {
                return Some(path.iter().cloned().chain([start.to_owned()]).collect());
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_module_cycles() {
    let graph = module_graph();
    assert!(graph.len() > 15, "the source was found: {:?}", graph.keys());
    assert!(
        graph["passes"].contains("engine"),
        "edges are found: {:?}",
        graph["passes"]
    );
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(&graph, m))
        .map(|c| c.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.insert("a".into(), ["b".into()].into());
    graph.insert("b".into(), ["c".into()].into());
    graph.insert("c".into(), ["a".into()].into());
    graph.insert("d".into(), ["a".into()].into());
    assert_eq!(cycle_from(&graph, "a").unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(cycle_from(&graph, "d"), None);
}

#[test]
fn the_core_and_the_renderers_know_no_pass() {
    let graph = module_graph();
    for module in ["source", "diagnostic", "render", "formats", "fix", "lang"] {
        assert!(
            !graph[module].contains("passes") && !graph[module].contains("engine"),
            "`{module}` names the lints' code: {:?}",
            graph[module]
        );
    }
    for leaf in ["source", "diagnostic", "lang", "matcher"] {
        assert!(graph[leaf].is_empty(), "`{leaf}` is a leaf: {:?}", graph[leaf]);
    }
}

#[test]
fn the_lints_of_a_large_text_give_the_same_findings_on_one_thread_or_two() {
    use mtlint::formats::Format;
    use mtlint::source::Source;
    use mtlint::{Linter, PARALLEL_TEXT};
    let seed = std::fs::read_to_string(common::manifest_dir().join("tests/corpus/seed-news-fr-en.txt")).unwrap();
    let text = seed.repeat(PARALLEL_TEXT / seed.len() + 2);
    assert!(text.len() >= PARALLEL_TEXT);
    let linter = Linter::default().with_levels(vec![mtlint::diagnostic::Level::Warn; Linter::default().levels().len()]);
    let check = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| linter.check(&Source::new("big.txt", text.clone()), Format::Plain))
    };
    let one = check(1);
    assert!(one.len() > 1000, "the seed repeated has findings: {}", one.len());
    let lints: std::collections::BTreeSet<&str> = one.iter().map(|d| d.lint).collect();
    assert!(
        lints.len() >= 10,
        "findings of many lints, passes and data alike: {lints:?}"
    );
    assert_eq!(one, check(2));
}
