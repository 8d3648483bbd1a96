//! Tests of the structure analysis.

use super::*;

fn kinds(t: &str, s: &Structure) -> Vec<(String, String)> {
    s.paragraphs
        .iter()
        .map(|p| (p.kind.name().to_string(), p.span().slice(t).to_string()))
        .collect()
}

fn run(t: &str) -> Structure {
    let s = analyze(t, &StructureOptions::default());
    check_invariants(t, &s);
    s
}

fn check_invariants(t: &str, s: &Structure) {
    let mut last = 0u32;
    for p in &s.paragraphs {
        assert!(p.start < p.end, "empty paragraph {p:?}");
        assert!(p.start >= last, "overlap {p:?}");
        assert!(t.is_char_boundary(p.start as usize));
        assert!(t.is_char_boundary(p.end as usize));
        let txt = p.span().slice(t);
        assert_eq!(txt.trim_matches(is_ws), txt, "untrimmed {txt:?}");
        assert_eq!(p.reserved, [0; 3]);
        if p.kind == ParagraphKind::REPEAT {
            assert!((p.repeat_of as usize) < s.paragraphs.len());
        } else {
            assert_eq!(p.repeat_of, u32::MAX);
        }
        last = p.end;
    }
    if let Some(d) = s.dateline {
        assert!(t.is_char_boundary(d.start as usize) && t.is_char_boundary(d.end as usize));
        assert!(
            s.paragraphs
                .iter()
                .any(|p| p.start == d.start && d.end <= p.end),
            "dateline outside a paragraph"
        );
    }
}

fn dl(p: &str) -> Option<&str> {
    find_dateline(p).map(|n| &p[..n])
}

#[test]
fn datelines_found() {
    assert_eq!(dl("Moscow: Pavel Durov, the founder"), Some("Moscow"));
    assert_eq!(dl("Washington (AFP) – The US"), Some("Washington (AFP)"));
    assert_eq!(
        dl("LONDON (Reuters) - Shares fell"),
        Some("LONDON (Reuters)")
    );
    assert_eq!(
        dl("NEW YORK, March 3 (Reuters) - Stocks"),
        Some("NEW YORK, March 3 (Reuters)")
    );
    assert_eq!(dl("BRUSSELS 1996-08-22"), Some("BRUSSELS 1996-08-22"));
    assert_eq!(dl("WASHINGTON — Sen. Bernie Sanders"), Some("WASHINGTON"));
    assert_eq!(dl("PARIS, Jan 5 - France said"), Some("PARIS, Jan 5"));
    assert_eq!(
        dl("CAMBRIDGE, Mass., Dec. 11 (UPI) — Harvard"),
        Some("CAMBRIDGE, Mass., Dec. 11 (UPI)")
    );
    assert_eq!(dl("NAIROBI, Kenya (AP) _"), Some("NAIROBI, Kenya (AP)"));
    assert_eq!(dl("HAVANA (AP) --"), Some("HAVANA (AP)"));
    assert_eq!(dl("Dec 29 (Reuters) - Oil rose"), Some("Dec 29 (Reuters)"));
    assert_eq!(dl("CHARLESTON, S.C.\u{a0}— The"), Some("CHARLESTON, S.C."));
    assert_eq!(dl("ST. LOUIS — A jury"), Some("ST. LOUIS"));
    assert_eq!(
        dl("DES MOINES, Iowa, Aug. 10 (UPI) — X"),
        Some("DES MOINES, Iowa, Aug. 10 (UPI)")
    );
    assert_eq!(
        dl("MILWAUKEE, Wisconsin 1996-08-29"),
        Some("MILWAUKEE, Wisconsin 1996-08-29")
    );
    assert_eq!(
        dl("DUBAI, United Arab Emirates — Dubai's carrier"),
        Some("DUBAI, United Arab Emirates")
    );
    assert_eq!(dl("ROME—The Italian government"), Some("ROME"));
    assert_eq!(
        dl("PORTLAND, Ore. - Peter Santilli"),
        Some("PORTLAND, Ore.")
    );
}

#[test]
fn sentence_starts_are_not_datelines() {
    for p in [
        "However, the company said it would appeal.",
        "In a statement: the ministry denied it.",
        "UPDATE: This story has been updated.",
        "Editor’s Note: The following is part 3.",
        "JAKE TAPPER: Do you think so?",
        "TRUMP: We will win.",
        "Grandkids: they grow up fast.",
        "Q: What did you see?",
        "The U.S. Supreme Court - which has",
        "IOWA POLLS NOT NECESSARILY WRONG, JUST TOO EARLY - Mark Blumenthal",
        "Rep. Trey Gowdy (R-S.C.):\"I have not heard\"",
        "Bernie Sanders — the senator from Vermont — said",
        "Sanders’ appeal among millennial progressives — ",
        "WASHINGTON",
        "Total Dead: 192",
        "",
        "A",
    ] {
        assert_eq!(dl(p), None, "{p}");
    }
}

#[test]
fn separator_end() {
    let t = "LONDON (Reuters) - Shares fell";
    assert_eq!(
        &t[..dateline_separator_end(t, 16, t.len())],
        "LONDON (Reuters) -"
    );
    let t = "NAIROBI, Kenya (AP) _";
    assert_eq!(dateline_separator_end(t, 19, t.len()), t.len());
    let t = "BRUSSELS 1996-08-22\nThe";
    assert_eq!(dateline_separator_end(t, 19, 19), 19);
    let t = "ROME—The";
    assert_eq!(dateline_separator_end(t, 4, t.len()), 7);
    assert_eq!(dateline_separator_end("ab", 5, 9), 2);
}

#[test]
fn blank_line_paragraphs_title_dateline_boilerplate() {
    let t = "  Storm hits coast\r\n\r\nMIAMI (AP) — A storm hit the coast on Monday.\r\n\r\n\tIt rained.\u{a0}\r\n\r\nAdvertisement\r\n\r\nOfficials said more rain was due.\r\n\r\nShare this article\r\n© 2024 Example News. All rights reserved.";
    let s = run(t);
    assert_eq!(
        kinds(t, &s),
        [
            ("title", "Storm hits coast"),
            ("body", "MIAMI (AP) — A storm hit the coast on Monday."),
            ("body", "It rained."),
            ("boilerplate", "Advertisement"),
            ("body", "Officials said more rain was due."),
            ("boilerplate", "Share this article"),
            ("boilerplate", "© 2024 Example News. All rights reserved."),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(s.dateline.map(|d| d.slice(t)), Some("MIAMI (AP)"));
    assert_eq!(s.subtitle, None);
}

#[test]
fn title_is_the_first_line_whatever_it_says() {
    let t = "Correction\n\nThe paper corrected its report on Friday.";
    let s = run(t);
    assert_eq!(s.title, Some(0));
    assert_eq!(s.paragraphs[0].kind, ParagraphKind::TITLE);
    let s = analyze(
        t,
        &StructureOptions {
            first_line_is_title: false,
            ..StructureOptions::default()
        },
    );
    assert_eq!(s.title, None);
    assert_eq!(s.paragraphs[0].kind, ParagraphKind::BOILERPLATE);
}

#[test]
fn glued_trailing_navigation() {
    let t = "Storm hits\n\nThe storm hit the coast on Monday.\n\nOfficials said more rain was due.Recent News";
    let s = run(t);
    let k = kinds(t, &s);
    assert_eq!(k.len(), 4);
    assert_eq!(
        k[2],
        ("body".into(), "Officials said more rain was due.".into())
    );
    assert_eq!(k[3], ("boilerplate".into(), "Recent News".into()));
    let t = "Storm hits\n\nOfficials said more rain was due. Advertisement";
    assert_eq!(kinds(t, &run(t))[2].1, "Advertisement");
    // Not inside a sentence.
    let t = "Storm hits\n\nThey want to Read more";
    assert_eq!(run(t).paragraphs.len(), 2);
}

#[test]
fn crawler_single_newlines() {
    let t = "Council backs new bridge\nThe city council voted on Tuesday to fund a new bridge over the river, ending a decade of debate.\nThe bridge will cost $40m.\nConstruction starts next year, the mayor said.\nRead more: Council budget explained\nFollow us on Twitter @examplenews";
    let s = run(t);
    let k = kinds(t, &s);
    assert_eq!(k.len(), 6);
    assert_eq!(k[0].0, "title");
    assert_eq!(k[2], ("body".into(), "The bridge will cost $40m.".into()));
    assert_eq!(k[4].0, "boilerplate");
    assert_eq!(k[5].0, "boilerplate");
}

#[test]
fn hard_wrapped_text_is_joined() {
    let t = "Rates held\n\nThe central bank kept its main rate unchanged on Thursday, saying that\ninflation was slowing but remained above its target for the second year\nin a row, and that it would watch wage growth closely.\nOfficials expect prices to ease next spring as energy costs fall back\nfrom their winter highs, the bank said in a statement after the meeting.\n    Markets had expected the decision, and the currency barely moved in\novernight trading after the announcement was made public.\n";
    let s = run(t);
    let k = kinds(t, &s);
    assert_eq!(k.len(), 4, "{k:?}");
    assert_eq!(k[0].1, "Rates held");
    assert!(k[1].1.starts_with("The central bank") && k[1].1.ends_with("wage growth closely."));
    assert!(k[2].1.starts_with("Officials expect") && k[2].1.ends_with("after the meeting."));
    assert!(k[3].1.starts_with("Markets had") && k[3].1.ends_with("made public."));
}

#[test]
fn short_lines_are_not_unwrapped() {
    let t =
        "Figures\n\nKENYA:\nTotal Dead: 192\nAmericans: 12\nInjured: 4,877\nHospitalized: 542\n";
    let s = run(t);
    assert_eq!(s.paragraphs.len(), 6);
}

#[test]
fn standfirst_repeated_in_body_counts_once() {
    let t = "Minister resigns\n\nThe minister said she had lost the confidence of her party.\n\nLondon: The transport minister resigned on Friday. The minister said she had lost the confidence of her party. Her deputy takes over.\n\nMore follows.";
    let s = run(t);
    assert_eq!(s.subtitle, Some(1));
    assert_eq!(s.paragraphs[1].kind, ParagraphKind::REPEAT);
    assert_eq!(s.paragraphs[1].repeat_of, 2);
    assert_eq!(s.dateline.map(|d| d.slice(t)), Some("London"));
}

#[test]
fn standfirst_before_dateline() {
    let t = "Cruz glad to finish fight\n\nAfter a previously amicable rapport, two are now sparring.\n\nMYRTLE BEACH, S.C. - Sen. Ted Cruz continued his attacks on Saturday.";
    let s = run(t);
    assert_eq!(s.subtitle, Some(1));
    assert_eq!(s.paragraphs[1].kind, ParagraphKind::SUBTITLE);
    assert_eq!(s.dateline.map(|d| d.slice(t)), Some("MYRTLE BEACH, S.C."));
    // A byline is not a standfirst.
    let t = "Lamb row\nPeter Blackburn\nBRUSSELS 1996-08-22\nThe European Commission said on Thursday it disagreed.";
    let s = run(t);
    assert_eq!(s.subtitle, None);
    assert_eq!(s.dateline.map(|d| d.slice(t)), Some("BRUSSELS 1996-08-22"));
}

#[test]
fn deck_after_semicolon_title() {
    let t = "'Carson is cratering' while Trump rises on tough talk; \nQuestions on Carson could be openings for Cruz and Rubio.\n\nBen Carson appears to be slipping.";
    let s = run(t);
    assert_eq!(s.subtitle, Some(1));
    let t = "Momentum builds to tax consumption; \nThe Upshot.\n\nABSTRACT.\n\nEconomists are finding agreement that value-added taxes encourage savings.\n\nFULL TEXT.\n\nThe field has attracted attention.";
    let s = run(t);
    assert_eq!(s.subtitle, Some(3));
    assert_eq!(s.paragraphs[2].kind, ParagraphKind::BOILERPLATE);
    assert_eq!(s.paragraphs[4].kind, ParagraphKind::BOILERPLATE);
    assert_eq!(s.paragraphs[1].kind, ParagraphKind::BODY);
}

#[test]
fn no_subtitle_without_cues() {
    let t = "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76% to $1.13bn.\n\nThe firm benefited from sales of high-speed internet connections.";
    let s = run(t);
    assert_eq!(s.subtitle, None);
    assert_eq!(s.dateline, None);
}

#[test]
fn repeated_paragraphs() {
    let t = "Live updates\n\nIt takes 1,237 delegates to win the Republican nomination.\n\nTrump won Nevada.\n\nIt takes 1,237 delegates to win the Republican nomination.\n\n\u{201c}It takes 1,237  delegates to win the Republican nomination\u{201d}\n\nPledged: 781.\n\nPledged: 781.";
    let s = run(t);
    assert_eq!(s.paragraphs[3].kind, ParagraphKind::REPEAT);
    assert_eq!(s.paragraphs[3].repeat_of, 1);
    assert_eq!(s.paragraphs[4].kind, ParagraphKind::REPEAT);
    assert_eq!(s.paragraphs[4].repeat_of, 1);
    assert_eq!(s.paragraphs[6].kind, ParagraphKind::BODY);
    // The body repeating a title given separately.
    let t = "Ad sales boost Time Warner profit\n\nAd sales boost Time Warner profit\n\nQuarterly profits jumped.";
    let s = run(t);
    assert_eq!(s.paragraphs[1].kind, ParagraphKind::REPEAT);
    assert_eq!(s.paragraphs[1].repeat_of, 0);
}

#[test]
fn boilerplate_rules() {
    for b in [
        "Recent News",
        "Advertisement",
        "Read more",
        "Share this article",
        "Related:",
        "Related: Trump wins Nevada",
        "Follow us on Twitter",
        "Follow Pam Key on Twitter @pamkeyNEN.",
        "Sign up for our newsletter",
        "Click here to subscribe.",
        "© 2024 Example Media",
        "Copyright 2016 The Washington Post",
        "All rights reserved.",
        "Image copyright Getty Images",
        "Getty Images",
        "Neilson Barnard via Getty Images.",
        "Photo: Reuters",
        "Listen to this article",
        "This article originally appeared on Example.com.",
        "Tags: politics, elections",
        "___.",
        "* * *",
        "}.",
        "http://ap-gfkpoll.com.",
        "(Reporting by David Bailey; Editing by Cynthia Osterman.)",
        "(h/t Mediaite.)",
        ".facebook-bio {",
        "padding-left: 80px;",
        "ABSTRACT.",
        "Twitter: @Milbank.",
        "<tweet tweet-id=\"769292115914395649\"><tweet/>.",
        "</tweet>",
        "X.",
        "Getty/Instagram.",
        "Robert Galbraith / Reuters.",
        "This story has been updated with additional reactions from members of Congress.",
        "Correction: An earlier version of this article misstated the date.",
        "For more, sign up for the What’s Working newsletter.",
        "For more from Example News, download our app for iOS or Android.",
        "Bryant Rousseau and Caryn Wilson contributed reporting.",
        "Contributing: Nicole Gaudiano.",
        "Also on HuffPost:",
        "From STEALING TIME by A. Writer. Copyright © 2015 by A. Writer. Reprinted by permission.",
    ] {
        assert!(is_boilerplate(b), "{b}");
    }
    for b in [
        "Read my lips, he said, and the crowd roared.",
        "Follow the money, the prosecutor told the jury.",
        "Copyright law is changing fast.",
        "Reporting by the Post found that the agency lied.",
        "Photo editors worked through the night.",
        "He worked for Reuters.",
        "Share prices fell 3% on Monday.",
        "The email was sent on Friday.",
        "Home prices rose again in March.",
        "Related to this, the court said: no.",
        "9:05 p.m.",
        ":",
        "—",
        "3.",
        "Editor’s note: Donald Trump regularly incites political violence.",
        "<b>Sanders</b> leads Clinton in the poll.",
        "The ruling was updated in 2014, the court said. Editor’s note follows.",
        "He said the newsletter was a success.",
        "\"VIDEO: Hillary and Obama all told me it was a video,\" she said.",
    ] {
        assert!(!is_boilerplate(b), "{b}");
    }
}

#[test]
fn odd_inputs_never_panic() {
    let long = "x".repeat(1 << 20);
    let many = "word\n".repeat(50_000);
    let wrapped = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm\n".repeat(500);
    let inputs = [
        "",
        " ",
        "\n\n\r\r\n\t\u{a0}\u{feff}",
        "\u{2028}a\u{2029}b\u{2028}",
        "\x00\x01\x02 a \x1b",
        "\x0cTitle\x0cBody\x0c",
        "é",
        "—:—",
        "(",
        "WASHINGTON (",
        "MOSCOW, ",
        "Dec",
        "Dec 5 (",
        long.as_str(),
        many.as_str(),
        wrapped.as_str(),
        "日本語のテキスト。\n\n東京：首相は述べた。",
        "Title\n\nŞ\u{307}İ (AP) — ok",
    ];
    for t in inputs {
        for title in [true, false] {
            let o = StructureOptions {
                first_line_is_title: title,
                ..StructureOptions::default()
            };
            let s = analyze(t, &o);
            check_invariants(t, &s);
        }
    }
}

proptest::proptest! {
    #[test]
    fn any_text_keeps_the_invariants(
        text in "([A-Za-z0-9 .,:;!?()_\\-—–“”’'@©{}<>/\u{a0}\u{2028}\u{2029}\u{c}\u{0}é日]|\n|\r\n|\r|WASHINGTON|Moscow: |\\(AP\\) — |Advertisement|Follow us on Twitter){0,60}"
    ) {
        for title in [true, false] {
            let o = StructureOptions {
                first_line_is_title: title,
                ..StructureOptions::default()
            };
            check_invariants(&text, &analyze(&text, &o));
        }
    }

    #[test]
    fn wrapped_lines_keep_the_invariants(
        words in proptest::collection::vec("[a-zA-Z]{1,12}[.,]?", 0..300),
        width in 20usize..120,
    ) {
        // Greedy-wrap random words at `width`, with a blank line now and then.
        let mut text = String::new();
        let mut col = 0;
        for (i, w) in words.iter().enumerate() {
            if col > 0 && col + 1 + w.len() > width {
                text.push_str(if i % 37 == 0 { "\n\n" } else { "\n" });
                col = 0;
            } else if col > 0 {
                text.push(' ');
                col += 1;
            }
            text.push_str(w);
            col += w.len();
        }
        check_invariants(&text, &analyze(&text, &StructureOptions::default()));
    }
}

#[test]
fn repeat_table_overflow_is_safe() {
    let mut t = String::from("Title\n\n");
    for i in 0..5000 {
        t.push_str(&format!(
            "Paragraph number {i} says something unique here.\n\n"
        ));
    }
    t.push_str("Paragraph number 17 says something unique here.\n");
    let s = run(&t);
    let last = s.paragraphs.last().map(|p| (p.kind, p.repeat_of));
    assert_eq!(last, Some((ParagraphKind::REPEAT, 18)));
}

fn data_dir() -> std::path::PathBuf {
    std::env::var_os("NEWSMILL_DATA").map_or_else(
        || std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")),
        std::path::PathBuf::from,
    )
}

fn read_data(rel: &str) -> Option<String> {
    let p = data_dir().join(rel);
    match std::fs::read(&p) {
        Ok(b) => Some(String::from_utf8_lossy(&b).into_owned()),
        Err(_) => {
            // Under CI a missing corpus fails rather than skips.
            assert!(
                std::env::var_os("CI").is_none(),
                "{rel} not found at {}: CI must not skip",
                p.display()
            );
            eprintln!("skipping: {rel} not found at {}", p.display());
            None
        }
    }
}

#[test]
fn durov_sample() {
    let Some(t) = read_data("samples/durov-arrest.txt") else {
        return;
    };
    let s = run(&t);
    let k = kinds(&t, &s);
    assert_eq!(k[0].0, "title");
    assert_eq!(
        k[0].1,
        "Russia Claims Telegram Boss Durov’s Independence Led to His Arrest"
    );
    // The standfirst is the Peskov line, repeated later in the body: it
    // stays the subtitle but is counted once, in the body.
    assert_eq!(s.subtitle, Some(1));
    assert!(
        k[1].1
            .starts_with("Kremlin spokesman Dmitry Peskov assured")
    );
    assert_eq!(k[1].0, "repeat");
    let j = s.paragraphs[1].repeat_of as usize;
    assert!(k[j].1.starts_with("Russia has strongly supported Durov"));
    assert_eq!(s.dateline.map(|d| d.slice(&t)), Some("Moscow"));
    assert_eq!(
        k.last().map(|x| (x.0.as_str(), x.1.as_str())),
        Some(("boilerplate", "Recent News"))
    );
    assert_eq!(k.iter().filter(|x| x.0 == "body").count(), 7);
}

#[test]
fn bbc_files() {
    for f in [
        "bbc/business/001.txt",
        "bbc/politics/010.txt",
        "bbc/sport/190.txt",
        "bbc/tech/100.txt",
    ] {
        let Some(t) = read_data(f) else {
            return;
        };
        let s = run(&t);
        assert_eq!(s.title, Some(0), "{f}");
        assert_eq!(s.subtitle, None, "{f}");
        assert_eq!(s.dateline, None, "{f}");
        assert!(
            s.paragraphs
                .iter()
                .all(|p| p.kind != ParagraphKind::BOILERPLATE),
            "{f}"
        );
        let lines = t.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(s.paragraphs.len(), lines, "{f}");
    }
}

#[test]
fn polnear_files() {
    let cases = [
        (
            "polnear/train/text/breitbart_2015-11-16_o-malley-campaign-to-shift-staff.txt",
            Some("DALLAS (AP)"),
        ),
        (
            "polnear/train/text/huff-post_2015-11-15_bernie-sanders-it-is-not-a-radic.txt",
            Some("WASHINGTON"),
        ),
        (
            "polnear/train/text/wash-post_2016-01-17_cruz-glad-to-finish-fight-with-t.txt",
            Some("MYRTLE BEACH, S.C."),
        ),
        (
            "polnear/train/text/politico_2015-11-24_clinton-s-iowa-dilemma.txt",
            None,
        ),
    ];
    for (f, want) in cases {
        let Some(t) = read_data(f) else {
            return;
        };
        let s = run(&t);
        assert_eq!(s.dateline.map(|d| d.slice(&t)), want, "{f}");
        assert_eq!(s.title, Some(0));
    }
    let f = "polnear/train/text/wash-post_2016-01-17_cruz-glad-to-finish-fight-with-t.txt";
    if let Some(t) = read_data(f) {
        let s = run(&t);
        let sub = s.subtitle.map(|i| s.paragraphs[i].span().slice(&t));
        assert_eq!(
            sub,
            Some("After a previously amicable rapport, two are now sparring.")
        );
    }
}

#[test]
fn a_standfirst_repeated_as_a_whole_paragraph_marks_the_later_copy() {
    let text = "Harbour barrier approved\n\n\
                The project will protect 40,000 homes, officials say, but fishermen worry.\n\n\
                PORTSMOUTH (Newsmill) - The council voted on Tuesday to approve the barrier.\n\n\
                The project will protect 40,000 homes, officials say, but fishermen worry.\n\n\
                Work begins next spring.";
    let s = analyze(text, &StructureOptions::default());
    let kinds: Vec<ParagraphKind> = s.paragraphs.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ParagraphKind::TITLE,
            ParagraphKind::SUBTITLE,
            ParagraphKind::BODY,
            ParagraphKind::REPEAT,
            ParagraphKind::BODY
        ]
    );
    assert_eq!(s.paragraphs[3].repeat_of, 1);
    assert_eq!(s.subtitle, Some(1));
}
