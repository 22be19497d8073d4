//! Writes the bindings' generated files from the core's one definition of the surface:
//! models and enums (their JSON Schemas, from the core's serde types via schemars), the
//! endpoint table (`onespan_sign::for_each_service!`), the client options and the error
//! kinds; and the C header from `bindings-c`'s exported functions (cbindgen).
//!
//! `cargo run -p onespan-sign-codegen` (what `make codegen` runs) writes them;
//! `-- --check` writes nothing and fails, naming each file, when one differs (CI's drift
//! check).

mod c_header;
mod python;
mod schema;
mod typescript;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A table type as written in the table, without the spaces `stringify!` adds.
pub(crate) fn normalise(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Doc comment lines (each `///` line, with its leading space) as one text.
pub(crate) fn doc_block(lines: &[&str]) -> String {
    schema::clean_doc(&lines.join("\n"))
}

fn outputs(root: &Path) -> Vec<(PathBuf, String)> {
    let schemas = schema::read(&onespan_sign::surface::describe::schemas());
    let py = root.join("bindings-python/python/onespan_sign");
    let node = root.join("bindings-node");
    vec![
        (py.join("models.py"), python::models(&schemas)),
        (py.join("errors.py"), python::errors()),
        (py.join("_native.pyi"), python::native_stub(&schemas)),
        (node.join("models.d.ts"), typescript::models_dts(&schemas)),
        (node.join("enums.js"), typescript::enums_js(&schemas)),
        (
            node.join("services.d.ts"),
            typescript::services_dts(&schemas),
        ),
        (node.join("errors.js"), typescript::errors_js()),
        (node.join("errors.d.ts"), typescript::errors_dts()),
        (
            node.join("webhook_event.js"),
            typescript::webhook_event_cjs(),
        ),
        (
            root.join("bindings-wasm/webhook_event.js"),
            typescript::webhook_event_esm(),
        ),
        (
            root.join("bindings-wasm/webhook.d.ts"),
            typescript::webhook_dts(&schemas),
        ),
        (
            root.join("bindings-c/include/onespan_sign.h"),
            c_header::header(&root.join("bindings-c")),
        ),
    ]
}

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut stale = Vec::new();
    for (path, text) in outputs(&root) {
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == text {
            continue;
        }
        if check {
            stale.push(path);
        } else if let Err(e) = std::fs::write(&path, text) {
            eprintln!("codegen: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        } else {
            println!("codegen: wrote {}", path.display());
        }
    }
    if stale.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!("codegen: these generated files differ from the core's definitions; run `make codegen` and commit:");
    for p in stale {
        eprintln!("  {}", p.display());
    }
    ExitCode::FAILURE
}
