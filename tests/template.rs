//! The plugin template as a user takes it (plugins/template/README.md):
//! copied to a folder outside the repository, renamed, pointed at the SDK,
//! built with cargo, then loaded by newsmill, which lists it and runs it.

use std::path::Path;
use std::process::Command;

use crate::common::{cdylib, newsmill, records, run_with_stdin, succeed};

#[test]
fn a_copy_of_the_template_builds_outside_the_repository_and_loads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let crate_dir = dir.path().join("ticker");
    std::fs::create_dir_all(crate_dir.join("src")).unwrap();

    // cp -r newsmill/plugins/template ticker
    let template = root.join("plugins/template");
    std::fs::copy(template.join("src/lib.rs"), crate_dir.join("src/lib.rs")).unwrap();
    // Cargo.toml: the package's name, and newsmill-sdk from the checkout.
    let manifest = std::fs::read_to_string(template.join("Cargo.toml")).unwrap();
    let sdk = root.join("crates/newsmill-sdk");
    let edited = manifest
        .replace("name = \"newsmill-plugin-template\"", "name = \"ticker\"")
        .replace(
            "path = \"../../crates/newsmill-sdk\"",
            &format!("path = {:?}", sdk.display().to_string()),
        );
    assert_ne!(edited, manifest, "the template's Cargo.toml changed shape");
    assert!(edited.contains("name = \"ticker\"") && !edited.contains("../../"));
    assert!(
        !edited.contains(".workspace") && !edited.contains("workspace = true"),
        "a copy must build outside the workspace"
    );
    std::fs::write(crate_dir.join("Cargo.toml"), edited).unwrap();
    // The dependency versions newsmill was tested with (optional step).
    std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();

    // cargo build (a target directory of its own, kept between runs).
    let target = root.join("target/template-test");
    let build = Command::new(env!("CARGO"))
        .args(["build", "--quiet"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "the copied template does not build:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let lib = cdylib::library(&target.join("debug"), "ticker");
    assert!(lib.exists(), "{} was not built", lib.display());

    // newsmill extractors --plugin target/debug/libticker.so
    let listed = succeed(newsmill().args(["extractors", "--plugin"]).arg(&lib));
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.lines().any(|l| l.starts_with("ticker ")), "{listed}");

    // newsmill process --plugin ...: the record carries the tickers.
    let text = "Chip deal\n\nIntel (Nasdaq: INTC) rose after IBM (NYSE: IBM) bought the unit.";
    let lib_arg = lib.to_str().unwrap();
    let out = run_with_stdin(
        &[
            "process",
            "--format",
            "text",
            "-",
            "--plugin",
            lib_arg,
            "--extractors",
            "none",
        ],
        text.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out.stdout);
    let found: Vec<(String, String)> = recs[0]["ticker"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["text"].as_str().unwrap().to_string(),
                a["exchange"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("INTC".to_string(), "Nasdaq".to_string()),
            ("IBM".to_string(), "NYSE".to_string())
        ]
    );
}
