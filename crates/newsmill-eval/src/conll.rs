//! CoNLL-2003 reader: documents with gold tokens, sentences and tags, and
//! the running text rebuilt from them the way newswire prints it.

use crate::EvalError;
use newsmill_core::Span;

/// One gold token with its columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConllToken {
    /// The word as in the file.
    pub word: String,
    /// Part-of-speech tag.
    pub pos: String,
    /// Chunk tag.
    pub chunk: String,
    /// NER tag (IOB1 in the original files).
    pub ner: String,
    /// Byte span of the word in the rebuilt text.
    pub span: Span,
}

/// One document: rebuilt text, tokens, and sentences as token ranges.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConllDoc {
    /// Rebuilt running text.
    pub text: String,
    /// Gold tokens, with spans into `text`.
    pub tokens: Vec<ConllToken>,
    /// Sentences as half-open token index ranges.
    pub sentences: Vec<(usize, usize)>,
}

/// Read every document of a CoNLL-2003 file.
///
/// Text is rebuilt with newswire spacing: no space before `, . ; : ! ? ) %`
/// and clitics (`'s`, `n't`, ...), none after `( $` and opening quotes.
/// A sentence that ends in `. ! ?` (possibly followed by a closing quote or
/// bracket) is followed by a space; any other (headlines, bylines,
/// datelines, table rows) by a line break, as in the wire copy.
///
/// ```no_run
/// let docs = newsmill_eval::conll::read_file("../shared/data/conll2003/eng.testa").unwrap();
/// assert_eq!(docs.len(), 216);
/// ```
pub fn read_file(path: &str) -> Result<Vec<ConllDoc>, EvalError> {
    let data = std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: path.to_string(),
        source,
    })?;
    parse(&data, path)
}

/// Parse CoNLL-2003 text (see [`read_file`]); `path` names it in errors.
///
/// ```
/// let docs = newsmill_eval::conll::parse(
///     "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nit PRP I-NP O\n. . O O\n\nPeter NNP I-NP I-PER\n", "x").unwrap();
/// assert_eq!(docs[0].text, "EU rejects it.\nPeter\n");
/// assert_eq!(docs[0].sentences, vec![(0, 4), (4, 5)]);
/// ```
pub fn parse(data: &str, path: &str) -> Result<Vec<ConllDoc>, EvalError> {
    let mut docs = Vec::new();
    let mut doc: Option<ConllDoc> = None;
    let mut sent: Vec<[String; 4]> = Vec::new();
    for (i, line) in data.lines().enumerate() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            if let Some(mut d) = doc.take() {
                flush(&mut d, &mut sent);
                docs.push(d);
            }
            doc = Some(ConllDoc::default());
            continue;
        }
        if line.is_empty() {
            if let Some(d) = doc.as_mut() {
                flush(d, &mut sent);
            }
            continue;
        }
        let cols: Vec<&str> = line.split(' ').collect();
        if cols.len() < 4 {
            return Err(EvalError::Format {
                path: path.to_string(),
                line: i + 1,
                message: format!("expected 4 columns, found {}", cols.len()),
            });
        }
        if doc.is_none() {
            doc = Some(ConllDoc::default());
        }
        sent.push([cols[0], cols[1], cols[2], cols[cols.len() - 1]].map(str::to_string));
    }
    if let Some(mut d) = doc.take() {
        flush(&mut d, &mut sent);
        docs.push(d);
    }
    Ok(docs)
}

fn no_space_before(w: &str) -> bool {
    matches!(
        w,
        "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "..."
    ) || is_clitic(w)
}

fn is_clitic(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    matches!(
        l.as_str(),
        "'s" | "n't" | "'re" | "'ve" | "'ll" | "'d" | "'m"
    )
}

fn no_space_after(w: &str) -> bool {
    matches!(w, "(" | "[" | "{" | "$" | "US$" | "C$" | "A$" | "#")
}

fn ends_sentence(words: &[[String; 4]]) -> bool {
    for w in words.iter().rev() {
        match w[0].as_str() {
            "\"" | "'" | ")" | "''" => continue,
            "." | "!" | "?" | "..." => return true,
            _ => return false,
        }
    }
    false
}

fn flush(doc: &mut ConllDoc, sent: &mut Vec<[String; 4]>) {
    if sent.is_empty() {
        return;
    }
    let first = doc.tokens.len();
    let mut quote_open = false;
    let mut prev: Option<String> = None;
    for cols in sent.iter() {
        let w = cols[0].as_str();
        let is_quote = w == "\"";
        let closing_quote = is_quote && quote_open;
        let space = match prev.as_deref() {
            None => false,
            Some(p) => {
                let after_open = no_space_after(p) || (p == "\"" && quote_open);
                let plural_possessive = w == "'" && (p.ends_with('s') || p.ends_with('S'));
                !(after_open || no_space_before(w) || closing_quote || plural_possessive)
            }
        };
        if is_quote {
            quote_open = !quote_open;
        }
        if space {
            doc.text.push(' ');
        }
        let start = doc.text.len() as u32;
        doc.text.push_str(w);
        let [word, pos, chunk, ner] = cols.clone();
        doc.tokens.push(ConllToken {
            word,
            pos,
            chunk,
            ner,
            span: Span::new(start, doc.text.len() as u32),
        });
        prev = Some(w.to_string());
    }
    // The headline (a document's first sentence) is a line of its own in
    // wire copy, whatever it ends with.
    let headline = first == 0;
    doc.text.push(if ends_sentence(sent) && !headline {
        ' '
    } else {
        '\n'
    });
    doc.sentences.push((first, doc.tokens.len()));
    sent.clear();
}
