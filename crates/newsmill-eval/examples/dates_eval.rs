//! Evaluate the `dates` extractor on TimeML gold data:
//! `cargo run --release -p newsmill-eval --example dates_eval -- ../shared/data/timeml [--errors]`.

use std::path::PathBuf;
use std::process::ExitCode;

use newsmill_eval::timeml;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/data/timeml".into()),
    );
    let errors = args.any(|a| a == "--errors");
    let docs = match timeml::read_dir(&dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let preds = match timeml::predict(&docs) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if errors {
        for (d, ps) in docs.iter().zip(&preds) {
            let dct = d.dct.as_deref().unwrap_or("-");
            let mut hit = vec![false; d.timexes.len()];
            for (p, g) in timeml::align(d, ps) {
                let ptext = d.text.get(p.start..p.end).unwrap_or("?");
                match g {
                    None => println!(
                        "FP\t{}\t{dct}\t{ptext:?}\t{:?}\t{}",
                        d.name, p.kind, p.value
                    ),
                    Some(g) => {
                        if let Some(i) = d.timexes.iter().position(|x| std::ptr::eq(x, g)) {
                            hit[i] = true;
                        }
                        let gtext = d.text.get(g.start..g.end).unwrap_or("?");
                        let span = if (p.start, p.end) == (g.start, g.end) {
                            ""
                        } else {
                            "SPAN"
                        };
                        if p.value != g.value || p.kind != g.kind || !span.is_empty() {
                            println!(
                                "MIS\t{}\t{dct}\t{ptext:?}\t{gtext:?}\t{:?}/{:?}\t{} / {}\t{span}",
                                d.name, p.kind, g.kind, p.value, g.value
                            );
                        }
                    }
                }
            }
            for (g, h) in d.timexes.iter().zip(hit) {
                if !h {
                    let gtext = d.text.get(g.start..g.end).unwrap_or("?");
                    println!(
                        "FN\t{}\t{dct}\t{gtext:?}\t{:?}\t{}",
                        d.name, g.kind, g.value
                    );
                }
            }
        }
    }
    println!("{}", timeml::score(&docs, &preds).table());
    ExitCode::SUCCESS
}
