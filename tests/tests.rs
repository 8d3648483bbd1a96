//! newsmill's end-to-end tests, gathered into one test binary (one link
//! instead of one per file; the layout ripgrep uses). Each module is a file
//! beside this one; `common` holds the helpers they share.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

mod common;

mod dedup;
mod docs;
mod fuzz;
mod html;
mod inputs;
mod language;
mod multilingual;
mod ner;
mod plugins;
mod process;
mod properties;
mod quotes;
mod reliability;
mod report;
mod resume;
mod spark;
mod template;
mod warc;
