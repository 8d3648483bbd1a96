//! Prints newsmill's F1@10 on KPCrowd and, with `--predictions FILE.jsonl`,
//! that of another system's output scored by the same code.
//!
//! ```sh
//! cargo run --release -p newsmill-eval --example keyphrases_eval -- ../shared/data/kpcrowd
//! cargo run --release -p newsmill-eval --example keyphrases_eval -- ../shared/data/kpcrowd --predictions yake.jsonl
//! ```
//! `--set KEY=VALUE` (repeatable) passes extractor configuration; `--dump
//! FILE.jsonl` writes newsmill's phrases in the `--predictions` format.

use std::path::PathBuf;
use std::process::ExitCode;

use newsmill_eval::kpcrowd;

fn main() -> ExitCode {
    let mut dir = None;
    let mut predictions = None;
    let mut dump = None;
    let mut top = 10usize;
    let mut config = serde_json::Map::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--predictions" => predictions = args.next().map(PathBuf::from),
            "--dump" => dump = args.next().map(PathBuf::from),
            "--top" => top = args.next().and_then(|v| v.parse().ok()).unwrap_or(top),
            "--set" => {
                if let Some((k, v)) = args.next().as_deref().and_then(|kv| kv.split_once('=')) {
                    let v = serde_json::from_str(v).unwrap_or(serde_json::json!(v));
                    config.insert(k.to_string(), v);
                }
            }
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!(
            "usage: eval KPCROWD_DIR [--top N] [--set KEY=VALUE]... [--predictions FILE.jsonl]"
        );
        return ExitCode::from(2);
    };
    let config = serde_json::Value::Object(config);
    if let Some(path) = dump {
        // Our phrases as JSON Lines, in the --predictions format.
        let written = kpcrowd::load(&dir).and_then(|docs| {
            let mut c = config.clone();
            if let Some(o) = c.as_object_mut() {
                o.insert("top".into(), serde_json::json!(top));
            }
            let pred = kpcrowd::predict(&docs, &c)?;
            let mut s = String::new();
            for (d, p) in docs.iter().zip(pred) {
                s.push_str(&serde_json::json!({"id": d.id, "keyphrases": p}).to_string());
                s.push('\n');
            }
            std::fs::write(&path, s).map_err(|source| kpcrowd::Error::Io {
                path: path.clone(),
                source,
            })
        });
        if let Err(e) = written {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    let started = std::time::Instant::now();
    match kpcrowd::evaluate_with(&dir, top, &config) {
        Ok(r) => print!("{}", r.table()),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    eprintln!("({:.2} s)", started.elapsed().as_secs_f64());
    if let Some(p) = predictions {
        let result = kpcrowd::read_predictions(&p)
            .and_then(|pred| kpcrowd::evaluate_predictions(&dir, &pred, top));
        match result {
            Ok(mut r) => {
                r.system = format!("predictions {}", p.display());
                print!("{}", r.table());
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
