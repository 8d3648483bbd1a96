//! Building the extractor pipeline from the command line: built-ins,
//! `--plugin` libraries, NEWSMILL_PLUGIN_PATH, `--config` and `--set`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;

use newsmill_engine::{CORE_LAYERS, PipelineBuilder};
use newsmill_plugin::host::{Factory, Plugin};

use crate::Usage;

/// Options that choose and configure extractors.
#[derive(Debug, Args, Clone, Default)]
pub(crate) struct ExtractorArgs {
    /// Load an extractor from a shared library (repeatable).
    #[arg(long = "plugin", value_name = "LIB")]
    plugins: Vec<PathBuf>,
    /// Extractor configuration: a JSON object keyed by extractor name.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Set one configuration value: NAME.KEY=VALUE (VALUE is JSON, or else a string); repeatable.
    #[arg(long = "set", value_name = "NAME.KEY=VALUE")]
    sets: Vec<String>,
    /// Which built-in extractors run, comma-separated (`none` for none);
    /// default: all. Loaded plugins always run.
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    extractors: Option<Vec<String>>,
}

/// The extractors linked into this binary.
pub(crate) fn builtins() -> Vec<Box<dyn Factory>> {
    use newsmill_plugin::host::Builtin;
    vec![
        Box::new(Builtin::<newsmill_ner::Ner>::new()),
        Box::new(Builtin::<newsmill_entities::Entities>::new()),
        Box::new(Builtin::<newsmill_quotes::Quotes>::new()),
        Box::new(Builtin::<newsmill_entity_list::EntityList>::new()),
        Box::new(Builtin::<newsmill_dates::Dates>::new()),
        Box::new(Builtin::<newsmill_keyphrases::Keyphrases>::new()),
        Box::new(Builtin::<newsmill_stats::StatsExtractor>::new()),
    ]
}

/// A pipeline that cannot be built, as a usage error; when `--extractors`
/// left out the built-ins that provide a missing layer, the message says
/// which to add (with what they need in turn).
pub(crate) fn build_error(e: newsmill_engine::PipelineError, args: &ExtractorArgs) -> Usage {
    let mut message = e.to_string();
    if let (newsmill_engine::PipelineError::Missing { missing, .. }, Some(chosen)) =
        (&e, &args.extractors)
    {
        let all = builtins();
        let chosen: Vec<String> = chosen
            .iter()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty() && n != "none")
            .collect();
        let mut added: Vec<String> = Vec::new();
        let mut need = vec![missing.clone()];
        while let Some(layer) = need.pop() {
            let have = |n: &String| {
                all.iter()
                    .any(|f| &f.info().name == n && f.info().provides.contains(&layer))
            };
            if CORE_LAYERS.contains(&layer.as_str()) || chosen.iter().chain(&added).any(have) {
                continue;
            }
            let Some(f) = all.iter().find(|f| f.info().provides.contains(&layer)) else {
                continue;
            };
            added.push(f.info().name.clone());
            need.extend(f.info().requires.iter().cloned());
        }
        if !added.is_empty() {
            let list: Vec<String> = chosen.iter().chain(&added).cloned().collect();
            message.push_str(&format!(
                "; the built-in {} provides it: --extractors {}",
                added.join(" and "),
                list.join(",")
            ));
        }
    }
    Usage(message)
}

/// Libraries in the NEWSMILL_PLUGIN_PATH directories (`:`-separated).
fn plugin_path_libraries() -> Result<Vec<PathBuf>> {
    let Some(var) = std::env::var_os("NEWSMILL_PLUGIN_PATH") else {
        return Ok(Vec::new());
    };
    let mut libs = Vec::new();
    for dir in std::env::split_paths(&var) {
        if dir.as_os_str().is_empty() {
            continue;
        }
        let entries = std::fs::read_dir(&dir).with_context(|| {
            format!(
                "NEWSMILL_PLUGIN_PATH: cannot read plugin directory {}",
                dir.display()
            )
        })?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e, "so" | "dylib" | "dll"))
            })
            .collect();
        found.sort();
        libs.extend(found);
    }
    Ok(libs)
}

fn load(path: &Path) -> Result<Box<dyn Factory>> {
    let plugin = Plugin::load(path).map_err(|e| Usage(e.to_string()))?;
    Ok(Box::new(plugin))
}

/// The built-ins chosen with `--extractors` (all by default).
fn chosen_builtins(args: &ExtractorArgs) -> Result<Vec<Box<dyn Factory>>> {
    let all = builtins();
    let Some(names) = &args.extractors else {
        return Ok(all);
    };
    let names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty() && *n != "none")
        .collect();
    let known: Vec<String> = all.iter().map(|f| f.info().name.clone()).collect();
    if let Some(bad) = names.iter().find(|n| !known.iter().any(|k| k == *n)) {
        bail!(Usage(format!(
            "--extractors: no built-in extractor {bad:?} (built-ins: {})",
            known.join(", ")
        )));
    }
    Ok(all
        .into_iter()
        .filter(|f| names.contains(&f.info().name.as_str()))
        .collect())
}

/// Every factory: built-ins, then NEWSMILL_PLUGIN_PATH, then `--plugin`.
pub(crate) fn factories(args: &ExtractorArgs) -> Result<Vec<Box<dyn Factory>>> {
    let mut all = chosen_builtins(args)?;
    for p in plugin_path_libraries()? {
        all.push(load(&p)?);
    }
    for p in &args.plugins {
        all.push(load(p)?);
    }
    Ok(all)
}

fn parse_set(s: &str) -> Result<(String, String, serde_json::Value)> {
    let Some((lhs, value)) = s.split_once('=') else {
        bail!(Usage(format!("--set {s:?}: expected NAME.KEY=VALUE")));
    };
    let Some((name, key)) = lhs.split_once('.') else {
        bail!(Usage(format!("--set {s:?}: expected NAME.KEY=VALUE")));
    };
    if name.is_empty() || key.is_empty() {
        bail!(Usage(format!("--set {s:?}: expected NAME.KEY=VALUE")));
    }
    let v = serde_json::from_str(value).unwrap_or_else(|_| serde_json::Value::String(value.into()));
    Ok((name.to_string(), key.to_string(), v))
}

/// The configuration object from `--config` and `--set` (later wins).
pub(crate) fn config(args: &ExtractorArgs) -> Result<serde_json::Map<String, serde_json::Value>> {
    let mut map = match &args.config {
        None => serde_json::Map::new(),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Usage(format!("cannot read --config {}: {e}", p.display())))?;
            match serde_json::from_str::<serde_json::Value>(&text)
                .map_err(|e| Usage(format!("--config {}: not JSON: {e}", p.display())))?
            {
                serde_json::Value::Object(m) => m,
                _ => bail!(Usage(format!(
                    "--config {}: must be a JSON object keyed by extractor name",
                    p.display()
                ))),
            }
        }
    };
    for s in &args.sets {
        let (name, key, value) = parse_set(s)?;
        let entry = map
            .entry(name.clone())
            .or_insert_with(|| serde_json::Value::Object(Default::default()));
        match entry {
            serde_json::Value::Object(o) => {
                o.insert(key, value);
            }
            _ => bail!(Usage(format!(
                "--set {s:?}: the configuration of {name:?} is not an object"
            ))),
        }
    }
    Ok(map)
}

/// A pipeline builder with every extractor and its configuration; errors
/// are usage errors (exit 2), found before any input is read.
pub(crate) fn builder(args: &ExtractorArgs) -> Result<PipelineBuilder> {
    let mut b = newsmill_engine::Pipeline::builder().config(config(args)?);
    for f in factories(args)? {
        b = b.extractor(f);
    }
    Ok(b)
}

/// `newsmill extractors`: what would run, in order, with versions.
pub(crate) fn list(args: &ExtractorArgs) -> Result<std::process::ExitCode> {
    let pipeline = builder(args)?.build().map_err(|e| build_error(e, args))?;
    println!("core stages (always run): {}", CORE_LAYERS.join(", "));
    let infos: Vec<_> = pipeline.extractors().collect();
    if infos.is_empty() {
        println!("no extractors (load one with --plugin LIB or NEWSMILL_PLUGIN_PATH)");
    }
    for i in infos {
        println!(
            "{:<16} {:<10} requires {:<26} provides {:<12} languages {:<11} sdk {:<8} {}{}",
            i.name,
            i.version,
            i.requires
                .iter()
                .cloned()
                .chain(i.uses.iter().map(|u| format!("{u}?")))
                .collect::<Vec<_>>()
                .join(","),
            i.provides.join(","),
            i.languages.join(","),
            i.sdk_version,
            i.origin,
            if i.description.is_empty() {
                String::new()
            } else {
                format!("  — {}", i.description)
            }
        );
    }
    Ok(std::process::ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_values_are_json_or_strings() {
        let args = ExtractorArgs {
            sets: vec![
                "money.min=5".into(),
                "money.currency=USD".into(),
                "ner.model=models/x.bin".into(),
                "money.flags=[1,2]".into(),
            ],
            ..ExtractorArgs::default()
        };
        let c = config(&args).unwrap();
        assert_eq!(c["money"]["min"], 5);
        assert_eq!(c["money"]["currency"], "USD");
        assert_eq!(c["money"]["flags"][1], 2);
        assert_eq!(c["ner"]["model"], "models/x.bin");
        assert!(parse_set("nodot=1").is_err());
        assert!(parse_set("a.b").is_err());
    }
}
