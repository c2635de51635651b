//! The layering rule of docs/ARCHITECTURE.md, checked on the sources: the core (services,
//! domain, policy, db, jobs, search, email, auth) never reaches into the HTTP edge.

use std::path::{Path, PathBuf};

/// Modules of the core, relative to the crate root.
const CORE: &[&str] = &[
    "src/services",
    "src/domain",
    "src/db",
    "src/jobs",
    "src/search",
    "src/email",
    "src/auth",
    "src/policy.rs",
];

/// Names that belong to the edge: the web framework, and the edge's own modules and types.
const EDGE_WORDS: &[&str] = &[
    "axum",
    "AppError",
    "AppResult",
    "AppState",
    "CurrentAccount",
];
const EDGE_MODULES: &[&str] = &["extract", "state", "error", "routes", "web"];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_owned());
        return;
    }
    for entry in std::fs::read_dir(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())) {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The source without comments (line comments and doc comments), so prose may name the
/// edge.
fn code_of(source: &str) -> String {
    source
        .lines()
        .map(|l| l.split_once("//").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n")
}

fn words(code: &str) -> impl Iterator<Item = &str> {
    code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Top-level paths named by `use crate::…` declarations, including each item of a
/// `use crate::{a::x, b, …}` group: `["a", "b", …]`.
fn crate_imports(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
                if depth == 1 && c == ',' {
                    found.push(std::mem::take(&mut item));
                } else {
                    item.push(c);
                }
            }
            found.push(item);
        } else {
            found.push(rest.chars().take_while(|c| *c != ';').collect());
        }
    }
    found
        .iter()
        .map(|i| i.trim().split("::").next().unwrap_or("").trim().to_owned())
        .filter(|i| !i.is_empty())
        .collect()
}

#[test]
fn core_never_imports_http() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for module in CORE {
        rust_files(&root.join(module), &mut files);
    }
    assert!(files.len() > 30, "the core was not found: {files:?}");
    let mut offences = Vec::new();
    for file in &files {
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let name = file.strip_prefix(root).unwrap().display().to_string();
        for w in words(&code).filter(|w| EDGE_WORDS.contains(w)) {
            offences.push(format!("{name}: names {w}"));
        }
        for m in crate_imports(&code)
            .into_iter()
            .filter(|m| EDGE_MODULES.contains(&m.as_str()))
        {
            offences.push(format!("{name}: imports crate::{m}"));
        }
    }
    offences.dedup();
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

#[test]
fn the_import_check_sees_grouped_and_plain_imports() {
    let code = "use crate::{\n    db::Db,\n    extract::{CurrentAccount, Page},\n};\nuse crate::state::AppState;";
    assert_eq!(crate_imports(code), ["db", "extract", "state"]);
    assert!(words("let x: axum::Json<u8>;").any(|w| w == "axum"));
    assert!(!code_of("// see axum\nlet a = 1;").contains("axum"));
}
