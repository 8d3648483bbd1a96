//! Exact normalised values, one phenomenon at a time, for an article of
//! Friday 2013-03-22.

#![allow(clippy::unwrap_used)] // test helpers

use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
use newsmill_dates::{Dates, date::Date, recognize};
use newsmill_sdk::{DocView, Extractor, HostSink, Setup};

fn doc(text: &str) -> Doc {
    let article = Article {
        text: text.into(),
        ..Article::default()
    };
    Doc::analyze(article, &AnalyzeOptions::default())
}

/// (text, type, value) of every expression.
fn find_at(text: &str, anchor: Option<Date>) -> Vec<(String, &'static str, String)> {
    let d = doc(text);
    recognize(&d.text, &d.tokens, &d.sentences, anchor)
        .into_iter()
        .map(|t| (d.text[t.start..t.end].to_string(), t.kind.as_str(), t.value))
        .collect()
}

fn find(text: &str) -> Vec<(String, &'static str, String)> {
    find_at(text, Date::new(2013, 3, 22))
}

/// The one expression of `text`: its span text, type and value.
fn one(text: &str) -> (String, &'static str, String) {
    let mut all = find(text);
    assert_eq!(all.len(), 1, "{text:?}: {all:?}");
    all.remove(0)
}

fn check(text: &str, span: &str, kind: &str, value: &str) {
    let (s, k, v) = one(text);
    assert_eq!(
        (s.as_str(), k, v.as_str()),
        (span, kind, value),
        "in {text:?}"
    );
}

#[test]
fn absolute_dates() {
    check(
        "It opened on March 3, 2013.",
        "March 3, 2013",
        "DATE",
        "2013-03-03",
    );
    check(
        "It opened on 3 March 2013.",
        "3 March 2013",
        "DATE",
        "2013-03-03",
    );
    check(
        "It opened on Sept. 30, 1998.",
        "Sept. 30, 1998",
        "DATE",
        "1998-09-30",
    );
    check(
        "Filed 2013-03-22 in Paris.",
        "2013-03-22",
        "DATE",
        "2013-03-22",
    );
    check(
        "Filed on 03/22/2013 in Paris.",
        "03/22/2013",
        "DATE",
        "2013-03-22",
    );
    check("Sales rose in March 2012.", "March 2012", "DATE", "2012-03");
    check("It was built in 2009.", "2009", "DATE", "2009");
    check("Prices soared in the 1990s.", "the 1990s", "DATE", "199");
    check(
        "He was born in nineteen ninety-six.",
        "nineteen ninety-six",
        "DATE",
        "1996",
    );
    check(
        "Fighting resumed on Christmas Day.",
        "Christmas Day",
        "DATE",
        "2012-12-25",
    );
}

#[test]
fn month_and_day_without_a_year() {
    // The past by default, a few months ahead when close.
    check(
        "The deal closed on Jan. 14.",
        "Jan. 14",
        "DATE",
        "2013-01-14",
    );
    check(
        "The dividend is payable May 1.",
        "May 1",
        "DATE",
        "2013-05-01",
    );
    check("Sales fell in November.", "November", "DATE", "2012-11");
    check("Talks will resume in April.", "April", "DATE", "2013-04");
    let (_, _, v) = one("Sales rose in mid-March.");
    assert_eq!(v, "2013-03");
    let t = {
        let d = doc("Sales rose in mid-March.");
        recognize(&d.text, &d.tokens, &d.sentences, Date::new(2013, 3, 22))
    };
    assert_eq!(t[0].modifier, Some("MID"));
}

#[test]
fn weekdays_follow_the_tense() {
    check("Shares fell on Friday.", "Friday", "DATE", "2013-03-22");
    check("Shares fell on Tuesday.", "Tuesday", "DATE", "2013-03-19");
    check(
        "The board will meet on Tuesday.",
        "Tuesday",
        "DATE",
        "2013-03-26",
    );
    check(
        "He resigned last Friday.",
        "last Friday",
        "DATE",
        "2013-03-15",
    );
    check(
        "Voting starts next Monday.",
        "next Monday",
        "DATE",
        "2013-03-25",
    );
}

#[test]
fn seasons_quarters_and_fiscal_periods() {
    check(
        "Sales will rise this summer.",
        "this summer",
        "DATE",
        "2013-SU",
    );
    check(
        "It opened in the summer of 2012.",
        "the summer of 2012",
        "DATE",
        "2012-SU",
    );
    check(
        "Profit rose in the first quarter.",
        "the first quarter",
        "DATE",
        "2013-Q1",
    );
    check(
        "Profit rose in the third quarter of 2012.",
        "the third quarter of 2012",
        "DATE",
        "2012-Q3",
    );
    check(
        "Its third-quarter profit rose.",
        "third-quarter",
        "DATE",
        "2012-Q3",
    );
    check("Sales in fiscal 2012 rose.", "fiscal 2012", "DATE", "2012");
    check(
        "Sales in the first half of 2012 rose.",
        "the first half of 2012",
        "DATE",
        "2012-H1",
    );
}

#[test]
fn relative_expressions() {
    check("He left today.", "today", "DATE", "2013-03-22");
    check("He left yesterday.", "yesterday", "DATE", "2013-03-21");
    check("He leaves tomorrow.", "tomorrow", "DATE", "2013-03-23");
    check("Prices rose last week.", "last week", "DATE", "2013-W11");
    check(
        "Prices will rise next month.",
        "next month",
        "DATE",
        "2013-04",
    );
    check("Prices fell last year.", "last year", "DATE", "2012");
    check("It opened two years ago.", "two years ago", "DATE", "2011");
    check(
        "It opened earlier this year.",
        "earlier this year",
        "DATE",
        "2013",
    );
    check("It was recently sold.", "recently", "DATE", "PAST_REF");
    check("It is now closed.", "now", "DATE", "PRESENT_REF");
    check(
        "It may close in the future.",
        "the future",
        "DATE",
        "FUTURE_REF",
    );
}

#[test]
fn durations() {
    check("It took a month.", "a month", "DURATION", "P1M");
    check("It took three years.", "three years", "DURATION", "P3Y");
    check("It took 10 days.", "10 days", "DURATION", "P10D");
    check("It took 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M");
    check("It took two decades.", "two decades", "DURATION", "P20Y");
    check("They talked for hours.", "hours", "DURATION", "PTXH");
    check(
        "They talked for several weeks.",
        "several weeks",
        "DURATION",
        "PXW",
    );
    check("It signed a 10-year lease.", "10-year", "DURATION", "P10Y");
    check(
        "Sales rose over the past two months.",
        "the past two months",
        "DURATION",
        "P2M",
    );
    check(
        "It lasted nearly two years.",
        "nearly two years",
        "DURATION",
        "P2Y",
    );
    check(
        "Talks resume in the coming weeks.",
        "the coming weeks",
        "DURATION",
        "PXW",
    );
    // Counts are not years, ages are not durations.
    assert!(find("They sent about 2000 troops.").is_empty());
    assert!(find("Mr. Smith, 52 years old, resigned.").is_empty());
}

#[test]
fn the_three_months_to_december() {
    let found = find("Sales rose 5% in the three months to December.");
    assert_eq!(
        found,
        [
            (
                "the three months".to_string(),
                "DURATION",
                "P3M".to_string()
            ),
            ("December".to_string(), "DATE", "2012-12".to_string()),
        ]
    );
}

#[test]
fn times_of_day() {
    check(
        "At 3 p.m. the vote began.",
        "3 p.m.",
        "TIME",
        "2013-03-22T15:00",
    );
    // The sentence's full stop is not part of the time.
    check(
        "The vote began at 3 p.m.",
        "3 p.m",
        "TIME",
        "2013-03-22T15:00",
    );
    check(
        "The vote is at 3 p.m. Friday, he said.",
        "3 p.m. Friday",
        "TIME",
        "2013-03-22T15:00",
    );
    check(
        "The vote was at 10:30 a.m. EST.",
        "10:30 a.m. EST",
        "TIME",
        "2013-03-22T10:30",
    );
    check(
        "He spoke this morning.",
        "this morning",
        "TIME",
        "2013-03-22TMO",
    );
    check("He speaks tonight.", "tonight", "TIME", "2013-03-22TNI");
    check(
        "He spoke last night.",
        "last night",
        "TIME",
        "2013-03-21TNI",
    );
    check("It closed at noon.", "noon", "TIME", "2013-03-22T12:00");
}

#[test]
fn sets() {
    check(
        "The club meets every Monday.",
        "every Monday",
        "SET",
        "XXXX-WXX-1",
    );
    check(
        "The report is published annually.",
        "annually",
        "SET",
        "P1Y",
    );
    check("The paper is printed daily.", "daily", "SET", "P1D");
    check("The fee is $5 a month.", "a month", "SET", "P1M");
    check("The team trains each week.", "each week", "SET", "P1W");
}

#[test]
fn without_an_article_date_relative_values_stay_unresolved() {
    let found = find_at(
        "Shares fell yesterday and last year, and rose on Friday and on March 3.",
        None,
    );
    let values: Vec<&str> = found.iter().map(|(_, _, v)| v.as_str()).collect();
    assert_eq!(values, ["XXXX-XX-XX", "XXXX", "XXXX-WXX-5", "XXXX-03-03"]);
    // Absolute dates need no anchor.
    let found = find_at("It opened on March 3, 2013 for three years.", None);
    let values: Vec<&str> = found.iter().map(|(_, _, v)| v.as_str()).collect();
    assert_eq!(values, ["2013-03-03", "P3Y"]);
}

/// Run the extractor as the pipeline does; (text, label, value, anchor).
fn extract(article: Article) -> Vec<(String, String, String, Option<String>)> {
    let doc = Doc::analyze(article, &AnalyzeOptions::default());
    let mut vocab = Vocab::default();
    let layer = vocab.intern("dates");
    let config = serde_json::json!({});
    let dates = Dates::create(&mut Setup::new(&config, &mut vocab)).unwrap();
    let mut sink = HostSink::new(&doc, layer, vocab.len());
    dates
        .process(&DocView::from_doc(&doc), &mut sink.emitter(&doc.text))
        .unwrap();
    let mut doc = doc;
    sink.append_to(&mut doc);
    let view = DocView::from_doc(&doc);
    let (value, anchor) = (vocab.intern("value"), vocab.intern("anchor"));
    view.layer(layer)
        .map(|(_, a)| {
            let get = |k| {
                view.attr(a, k)
                    .and_then(|at| view.attr_str(at))
                    .map(str::to_string)
            };
            (
                doc.text[a.start as usize..a.end as usize].to_string(),
                vocab.name(a.label).unwrap_or("").to_string(),
                get(value).unwrap_or_default(),
                get(anchor),
            )
        })
        .collect()
}

#[test]
fn extractor_uses_published_then_the_dateline() {
    let found = extract(Article {
        text: "Shares fell on Friday and will rise for a month.".into(),
        published: Some("2013-03-25T08:00:00Z".into()),
        ..Article::default()
    });
    assert_eq!(
        found,
        [
            (
                "Friday".to_string(),
                "DATE".to_string(),
                "2013-03-22".to_string(),
                Some("2013-03-25".to_string())
            ),
            (
                "a month".to_string(),
                "DURATION".to_string(),
                "P1M".to_string(),
                None
            ),
        ]
    );
    // No published date: a CoNLL-style date line gives the anchor.
    let found = extract(Article::from_text(
        "a",
        "Stocks fall\n\nLONDON 1996-12-06\n\nShares fell yesterday.",
    ));
    let last = found.last().unwrap();
    assert_eq!(
        (last.0.as_str(), last.2.as_str()),
        ("yesterday", "1996-12-05")
    );
    // Nothing to anchor on.
    let found = extract(Article::from_text(
        "a",
        "Stocks fall\n\nShares fell yesterday.",
    ));
    assert_eq!(found[0].2, "XXXX-XX-XX");
    assert_eq!(found[0].3, None);
}

#[test]
fn never_panics_on_odd_input() {
    let odd = [
        "",
        "'",
        "the",
        "the end of",
        "2013-13-45 99/99/9999 31/02/2013 Feb. 30 25:99 p.m. 0 a.m.",
        "a a a a a years years ago ago",
        "nineteen nineteen two thousand thousand",
        "every every each per",
        "Monday, Monday, , Friday night night",
        "mid- mid-1 early- 1990s's '0s 9999s",
        "\u{2019}90s — 12–14 days … ½ hours",
        "first-quarter-quarter third- -quarter 5-year-old",
        "Über März 3 2013 日本 2013年",
        "99999999999999999999 days 1e308 years 0.000001 hours",
        "99999999999999999999 years ago 99999999999 decades ago 99999999999 days later",
        "99999999999 centuries ago, 4000000000 weeks before, 12345678901 months ago",
    ];
    for text in odd {
        for anchor in [None, Date::new(1, 1, 1), Date::new(9999, 12, 31)] {
            let _ = find_at(text, anchor);
        }
    }
}
