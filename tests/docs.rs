//! Every `newsmill` command shown in README.md and docs/*.md parses: the
//! binary accepts its subcommand, options and values (checked by running it
//! with `--help` appended, which exits 0 only when everything before it
//! parsed). A renamed option or subcommand fails here before a user meets it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use crate::common;

use std::path::{Path, PathBuf};

/// Split one shell line into words, keeping quoted strings together; stops
/// at a pipe, a redirection, `&&`, `;` or a comment.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut has = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some('"') if c == '\\' => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            Some(_) => cur.push(c),
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    has = true;
                }
                c if c.is_whitespace() => {
                    if has || !cur.is_empty() {
                        out.push(std::mem::take(&mut cur));
                        has = false;
                    }
                }
                '|' | '>' | '<' | ';' | '&' | '#' if !has && cur.is_empty() => break,
                _ => cur.push(c),
            },
        }
    }
    if has || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The newsmill commands in one Markdown file's code blocks, as argument
/// lists (without the program name), with the line they are on.
fn commands(path: &Path) -> Vec<(usize, Vec<String>)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut found = Vec::new();
    let mut in_block = false;
    let mut joined = String::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            joined.clear();
            continue;
        }
        if !in_block {
            continue;
        }
        // A line ending in a backslash goes on on the next line.
        if let Some(head) = line.strip_suffix('\\') {
            joined.push_str(head);
            joined.push(' ');
            continue;
        }
        joined.push_str(line);
        let line = std::mem::take(&mut joined);
        let mut rest = line.trim_start();
        loop {
            let start = if let Some(r) = rest.strip_prefix("newsmill ") {
                Some(r)
            } else {
                rest.strip_prefix("cargo run --release -- ")
            };
            if let Some(args) = start {
                found.push((n + 1, words(args)));
            }
            // A command may follow a pipe: `cat x | newsmill process -`.
            match rest.find("| newsmill ") {
                Some(i) => rest = &rest[i + 2..],
                None => break,
            }
        }
    }
    found
}

fn doc_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

#[test]
fn shell_words_split_like_a_shell() {
    assert_eq!(
        words(r#"process in.jsonl --set 'a.b=c d' -o "x y" | jq ."#),
        ["process", "in.jsonl", "--set", "a.b=c d", "-o", "x y"]
    );
    assert_eq!(words("process - < one.txt  # comment"), ["process", "-"]);
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("x.md");
    std::fs::write(&md, "```sh\nnewsmill process a \\\n  --pretty\n```\n").unwrap();
    assert_eq!(
        commands(&md),
        [(
            3,
            vec!["process".to_string(), "a".into(), "--pretty".into()]
        )]
    );
}

#[test]
fn every_command_in_the_docs_parses() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in doc_files() {
        for (line, args) in commands(&file) {
            let out = common::newsmill()
                .args(&args)
                .arg("--help")
                .output()
                .unwrap();
            checked += 1;
            if !out.status.success() {
                failures.push(format!(
                    "{}:{line}: newsmill {}\n  {}",
                    file.display(),
                    args.join(" "),
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
        }
    }
    assert!(checked >= 10, "only {checked} commands found in the docs");
    assert!(
        failures.is_empty(),
        "commands in the docs that do not parse:\n{}",
        failures.join("\n")
    );
}
