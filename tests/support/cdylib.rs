//! Building plugin crates as shared libraries for tests and benches: cargo
//! does not build a dependency's `cdylib` for them, so this runs
//! `cargo build -p ...`. Under cargo-nextest (which holds no build lock
//! while tests run) it builds into the workspace's own target directory, so
//! the dependencies the test build compiled are reused (seconds instead of
//! a minute and a half from scratch); elsewhere (`cargo test` holds the
//! lock) into a target directory of its own.

use std::path::{Path, PathBuf};

/// Build `crates` (package names) into `target/<subdir>` with the release
/// profile or not, and return the directory holding the libraries.
pub fn build_plugins(subdir: &str, release: bool, crates: &[&str]) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared =
        std::env::var_os("NEXTEST").is_some() && std::env::var_os("CARGO_TARGET_DIR").is_none();
    let target = if shared {
        root.join("target")
    } else {
        root.join("target").join(subdir)
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut args = vec!["build", "--quiet"];
    if release {
        args.push("--release");
    }
    for name in crates {
        args.extend(["-p", name]);
    }
    let status = std::process::Command::new(cargo)
        .current_dir(&root)
        .args(&args)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .expect("run cargo build for the plugins");
    assert!(
        status.success(),
        "building the plugin libraries {crates:?} failed"
    );
    target.join(if release { "release" } else { "debug" })
}

/// The file name of library `name` (crate name with underscores) in `dir`.
pub fn library(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(
        "{}{name}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ))
}
