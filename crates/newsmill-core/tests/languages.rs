//! Tokens and sentences beyond English, on paragraphs written for these
//! tests in German, French, Spanish, Russian, Chinese and Japanese.

use newsmill_core::{Span, Token, TokenKind, sentences::split, tokenize::tokenize};

fn toks(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize(text, Span::new(0, text.len() as u32), &mut out);
    out
}

fn words(text: &str) -> Vec<&str> {
    toks(text).iter().map(|t| t.text(text)).collect()
}

fn quotes(text: &str) -> Vec<&str> {
    toks(text)
        .iter()
        .filter(|t| t.kind == TokenKind::QUOTE)
        .map(|t| t.text(text))
        .collect()
}

fn sents(text: &str) -> Vec<&str> {
    let t = toks(text);
    let mut out = Vec::new();
    split(text, &t, 0, &mut out);
    out.iter().map(|s| s.span().slice(text)).collect()
}

const DE: &str = "Der Bundestag hat am Donnerstag über das Klimagesetz abgestimmt. „Das ist ein guter Tag“, sagte die Ministerin. Die Opposition war dagegen! Wer zahlt?";
const FR: &str = "Le maire de Lyon a présenté son budget le 12 mars 2024. « C'est un budget juste », a déclaré le maire. L'opposition l'a critiqué.";
const ES: &str = "El Gobierno aprobó el presupuesto el 3 de marzo de 2024. «Es un buen día», dijo la ministra. ¿Quién pagará? ¡Nadie lo sabe!";
const RU: &str = "Правительство утвердило бюджет в среду. «Это хороший день», — сказал министр. Оппозиция была против.";
const ZH: &str = "北京大学今天发布了新的报告。报告指出，经济增长放缓！你怎么看？";
const JA: &str =
    "東京都は今日、新しい計画を発表した。「これは大切な一歩だ」と知事は述べた。反対意見もある。";

#[test]
fn german_tokens_and_sentences() {
    let w = words(DE);
    assert_eq!(&w[..4], ["Der", "Bundestag", "hat", "am"]);
    assert!(w.contains(&"Klimagesetz"));
    assert_eq!(quotes(DE), ["„", "“"]);
    assert_eq!(
        sents(DE),
        [
            "Der Bundestag hat am Donnerstag über das Klimagesetz abgestimmt.",
            "„Das ist ein guter Tag“, sagte die Ministerin.",
            "Die Opposition war dagegen!",
            "Wer zahlt?",
        ]
    );
}

#[test]
fn german_ordinal_date_does_not_end_a_sentence() {
    let text = "Die Wahl findet am 3. März 2024 statt. Danach wird gezählt.";
    assert_eq!(
        sents(text),
        [
            "Die Wahl findet am 3. März 2024 statt.",
            "Danach wird gezählt."
        ]
    );
    let text = "„Wir gehen.“ Dann schwieg er.";
    assert_eq!(sents(text), ["„Wir gehen.“", "Dann schwieg er."]);
}

#[test]
fn french_tokens_and_sentences() {
    let w = words(FR);
    assert!(w.contains(&"présenté"));
    assert!(w.contains(&"déclaré"));
    assert_eq!(quotes(FR), ["«", "»"]);
    assert_eq!(
        sents(FR),
        [
            "Le maire de Lyon a présenté son budget le 12 mars 2024.",
            "« C'est un budget juste », a déclaré le maire.",
            "L'opposition l'a critiqué.",
        ]
    );
}

#[test]
fn spanish_tokens_and_sentences() {
    let w = words(ES);
    assert!(w.contains(&"¿"));
    assert!(w.contains(&"¡"));
    assert_eq!(quotes(ES), ["«", "»"]);
    assert_eq!(
        sents(ES),
        [
            "El Gobierno aprobó el presupuesto el 3 de marzo de 2024.",
            "«Es un buen día», dijo la ministra.",
            "¿Quién pagará?",
            "¡Nadie lo sabe!",
        ]
    );
}

#[test]
fn russian_tokens_and_sentences() {
    let w = words(RU);
    assert_eq!(&w[..4], ["Правительство", "утвердило", "бюджет", "в"]);
    assert!(w.contains(&"—"));
    assert_eq!(quotes(RU), ["«", "»"]);
    assert_eq!(
        sents(RU),
        [
            "Правительство утвердило бюджет в среду.",
            "«Это хороший день», — сказал министр.",
            "Оппозиция была против.",
        ]
    );
}

#[test]
fn chinese_sentences_end_at_full_width_stops() {
    assert_eq!(
        sents(ZH),
        [
            "北京大学今天发布了新的报告。",
            "报告指出，经济增长放缓！",
            "你怎么看？"
        ]
    );
    // Every ideograph is in a token, no token crosses a stop.
    let t = toks(ZH);
    assert!(
        t.iter()
            .any(|t| t.text(ZH) == "。" && t.kind == TokenKind::PUNCT)
    );
}

#[cfg(feature = "segment")]
#[test]
fn unspaced_scripts_are_split_into_words() {
    assert_eq!(
        words("北京大学的学生今天参加了考试。"),
        [
            "北京", "大学", "的", "学生", "今天", "参加", "了", "考试", "。"
        ]
    );
    assert_eq!(
        words("東京都は今日、新しい計画を発表した。"),
        [
            "東京",
            "都",
            "は",
            "今日",
            "、",
            "新しい",
            "計画",
            "を",
            "発表",
            "した",
            "。"
        ]
    );
    // Latin, digits and kana side by side: each its own word.
    assert_eq!(
        words("iPhoneを2024年に"),
        ["iPhone", "を", "2024", "年", "に"]
    );
    assert_eq!(words("ภาษาไทยง่ายนิดเดียว"), ["ภาษา", "ไทย", "ง่าย", "นิดเดียว"]);
}

#[test]
fn japanese_sentences_and_corner_quotes() {
    assert_eq!(quotes(JA), ["「", "」"]);
    assert_eq!(
        sents(JA),
        [
            "東京都は今日、新しい計画を発表した。",
            "「これは大切な一歩だ」と知事は述べた。",
            "反対意見もある。",
        ]
    );
    let text = "「行きます。」彼は言った。";
    assert_eq!(sents(text), ["「行きます。」", "彼は言った。"]);
}

#[test]
fn single_low_quotes_are_quote_tokens() {
    assert_eq!(quotes("Er sagte: ‚Nein‘."), ["‚", "‘"]);
}
