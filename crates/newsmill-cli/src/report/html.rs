//! The page: one self-contained HTML file (inline CSS and JS, SVG charts
//! drawn here), every chart beside a table of its numbers, every table
//! sortable and filterable, no network.

use std::fmt::Write as _;

use super::RunInfo;
use super::aggregate::{Aggregate, TopK, civil_from_days};

/// Rows shown per table (the page stays small whatever the batch).
pub(crate) const ROWS: usize = 100;

/// Escape text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

fn pct(n: u64, d: u64) -> String {
    if d == 0 {
        "–".into()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / d as f64)
    }
}

/// A table cell: shown text (already HTML) and a sort key.
struct Cell {
    html: String,
    sort: Option<f64>,
}

fn t(s: &str) -> Cell {
    Cell {
        html: esc(s),
        sort: None,
    }
}

fn h(html: String) -> Cell {
    Cell { html, sort: None }
}

fn n(v: u64) -> Cell {
    Cell {
        html: v.to_string(),
        sort: Some(v as f64),
    }
}

fn f(v: f64, digits: usize) -> Cell {
    Cell {
        html: format!("{v:.digits$}"),
        sort: Some(v),
    }
}

/// A sortable, filterable table.
fn table(out: &mut String, id: &str, caption: &str, head: &[&str], rows: Vec<Vec<Cell>>) {
    let _ = write!(
        out,
        "<div class=\"tbl\"><input class=\"filter\" type=\"search\" placeholder=\"filter\" aria-label=\"filter {cap}\" data-for=\"{id}\"><table id=\"{id}\" class=\"data\" data-rows=\"{rows}\"><caption>{cap}</caption><thead><tr>",
        cap = esc(caption),
        rows = rows.len()
    );
    for c in head {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(c));
    }
    out.push_str("</tr></thead><tbody>");
    if rows.is_empty() {
        let _ = write!(
            out,
            "<tr class=\"none\"><td colspan=\"{}\">none</td></tr>",
            head.len()
        );
    }
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            match c.sort {
                Some(v) => {
                    let _ = write!(out, "<td data-v=\"{v}\" class=\"num\">{}</td>", c.html);
                }
                None => {
                    let _ = write!(out, "<td>{}</td>", c.html);
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}

/// Horizontal bars, one per (label, value).
fn bars(out: &mut String, title: &str, data: &[(String, f64)]) {
    let max = data.iter().map(|d| d.1).fold(0.0, f64::max);
    let row = 18.0;
    let height = row * data.len().max(1) as f64 + 4.0;
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-label=\"{t}\" viewBox=\"0 0 420 {height}\" width=\"420\" height=\"{height}\"><title>{t}</title>",
        t = esc(title)
    );
    for (i, (label, v)) in data.iter().enumerate() {
        let y = i as f64 * row + 2.0;
        let w = if max > 0.0 { 240.0 * v / max } else { 0.0 };
        let short: String = label.chars().take(22).collect();
        let _ = write!(
            out,
            "<text x=\"148\" y=\"{ty}\" text-anchor=\"end\">{l}</text><rect x=\"152\" y=\"{y}\" width=\"{w:.1}\" height=\"{bh}\"><title>{full}: {v}</title></rect><text x=\"{tx:.1}\" y=\"{ty}\">{v}</text>",
            ty = y + 12.0,
            l = esc(&short),
            full = esc(label),
            bh = row - 4.0,
            tx = 156.0 + w,
        );
    }
    out.push_str("</svg>");
}

/// Bin day counts: by day up to 120 days, else by month, else by year.
fn bin_days(days: &std::collections::BTreeMap<i32, u64>) -> (String, Vec<(String, u64)>) {
    let (Some((&lo, _)), Some((&hi, _))) = (days.first_key_value(), days.last_key_value()) else {
        return ("day".into(), Vec::new());
    };
    if hi - lo <= 120 {
        let v = (lo..=hi)
            .map(|d| (civil_from_days(d), days.get(&d).copied().unwrap_or(0)))
            .collect();
        return ("day".into(), v);
    }
    let span_years = (hi - lo) / 365;
    let unit = if span_years <= 15 { 7 } else { 4 }; // prefix length: YYYY-MM or YYYY
    let mut out: Vec<(String, u64)> = Vec::new();
    for (&d, &c) in days {
        let key = civil_from_days(d)[..unit].to_string();
        match out.last_mut() {
            Some((k, n)) if *k == key => *n += c,
            _ => out.push((key, c)),
        }
    }
    ((if unit == 7 { "month" } else { "year" }).into(), out)
}

/// Vertical bars over time.
fn columns(out: &mut String, title: &str, data: &[(String, u64)]) {
    let max = data.iter().map(|d| d.1).max().unwrap_or(0).max(1) as f64;
    let w = (600.0 / data.len().max(1) as f64).clamp(2.0, 30.0);
    let width = w * data.len().max(1) as f64 + 60.0;
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-label=\"{t}\" viewBox=\"0 0 {width} 170\" width=\"{width}\" height=\"170\"><title>{t}</title><text x=\"2\" y=\"12\">{max}</text><line x1=\"40\" y1=\"150\" x2=\"{width}\" y2=\"150\" class=\"axis\"/>",
        t = esc(title)
    );
    for (i, (k, v)) in data.iter().enumerate() {
        let bh = 135.0 * *v as f64 / max;
        let x = 40.0 + i as f64 * w;
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bw:.1}\" height=\"{bh:.1}\"><title>{k}: {v}</title></rect>",
            y = 150.0 - bh,
            bw = (w - 1.0).max(1.0),
            k = esc(k)
        );
    }
    if let (Some(a), Some(b)) = (data.first(), data.last()) {
        let _ = write!(
            out,
            "<text x=\"40\" y=\"165\">{}</text><text x=\"{}\" y=\"165\" text-anchor=\"end\">{}</text>",
            esc(&a.0),
            width - 2.0,
            esc(&b.0)
        );
    }
    out.push_str("</svg>");
}

/// A sparkline of an entity's articles over the batch's date range.
fn sparkline(days: &std::collections::BTreeMap<i32, u32>, lo: i32, hi: i32) -> String {
    const BINS: usize = 30;
    if days.is_empty() || hi < lo {
        return String::new();
    }
    let span = (hi - lo + 1) as f64;
    let mut bins = [0u32; BINS];
    for (&d, &c) in days {
        let i = (((d - lo) as f64 / span) * BINS as f64) as usize;
        bins[i.min(BINS - 1)] += c;
    }
    let max = f64::from(*bins.iter().max().unwrap_or(&1)).max(1.0);
    let pts: Vec<String> = bins
        .iter()
        .enumerate()
        .map(|(i, &c)| format!("{},{:.1}", i * 3, 15.0 - 14.0 * f64::from(c) / max))
        .collect();
    format!(
        "<svg class=\"spark\" role=\"img\" aria-label=\"articles over time\" viewBox=\"0 0 90 16\" width=\"90\" height=\"16\"><polyline points=\"{}\"/></svg>",
        pts.join(" ")
    )
}

fn note_exact<V: Default>(t: &TopK<V>, what: &str) -> String {
    if t.exact() {
        format!(
            "<p class=\"note\" data-exact=\"true\">Exact: every {what} of the batch was counted.</p>"
        )
    } else {
        format!(
            "<p class=\"note\" data-exact=\"false\">Approximate: the batch has more {what}s than the report keeps in memory; {} rarely seen ones were dropped along the way, so a figure may be short by at most {:.1}, and a {what} near the bottom of the list may be missing.</p>",
            t.dropped, t.floor
        )
    }
}

fn figure(name: &str, value: impl std::fmt::Display) -> String {
    format!("<b data-figure=\"{name}\">{value}</b>")
}

const STYLE: &str = r#"
body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em;color:#222}
h1{font-size:1.6em}h2{border-bottom:2px solid #36c;margin-top:1.6em}
nav a{margin-right:1em}
.pair{display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start}
.chart rect{fill:#36c}.chart text{font-size:11px;fill:#333}.chart .axis{stroke:#999}
.spark polyline{fill:none;stroke:#36c;stroke-width:1.2}
table.data{border-collapse:collapse;margin:.3em 0 1em}
table.data caption{text-align:left;font-weight:600}
table.data th,table.data td{border-bottom:1px solid #ddd;padding:2px 8px;vertical-align:top;text-align:left}
table.data th{cursor:pointer;background:#f3f5fa;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.filter{display:block;margin-top:.5em}
.note{color:#555;font-size:.9em}
.kv td:first-child{font-weight:600}
q{font-style:italic}
small{color:#666}
@media print{.filter,nav{display:none}h2{break-before:auto}table,svg{break-inside:avoid}body{max-width:none}}
"#;

const SCRIPT: &str = r#"
(function(){
var root=document.documentElement;
function fail(m){root.setAttribute('data-js-errors',String(Number(root.getAttribute('data-js-errors')||0)+1));root.setAttribute('data-js-last-error',String(m));}
window.addEventListener('error',function(e){fail(e.message);});
var ce=console.error;console.error=function(){fail(Array.prototype.join.call(arguments,' '));ce.apply(console,arguments);};
document.addEventListener('DOMContentLoaded',function(){
 document.querySelectorAll('table.data').forEach(function(t){
  var ths=t.tHead.rows[0].cells;
  Array.prototype.forEach.call(ths,function(th,i){
   th.tabIndex=0;
   function sort(){
    var asc=th.getAttribute('aria-sort')!=='ascending';
    Array.prototype.forEach.call(ths,function(o){o.removeAttribute('aria-sort');});
    th.setAttribute('aria-sort',asc?'ascending':'descending');
    var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows).filter(function(r){return !r.classList.contains('none');});
    rows.sort(function(x,y){
     var a=x.cells[i],c=y.cells[i];if(!a||!c)return 0;
     var va=a.getAttribute('data-v'),vc=c.getAttribute('data-v'),r;
     if(va!==null&&vc!==null){r=Number(va)-Number(vc);}else{r=a.textContent.localeCompare(c.textContent);}
     return asc?r:-r;});
    rows.forEach(function(r){b.appendChild(r);});
   }
   th.addEventListener('click',sort);
   th.addEventListener('keydown',function(e){if(e.key==='Enter')sort();});
  });
 });
 document.querySelectorAll('input.filter').forEach(function(inp){
  var t=document.getElementById(inp.getAttribute('data-for'));
  inp.addEventListener('input',function(){
   var q=inp.value.toLowerCase(),shown=0;
   Array.prototype.forEach.call(t.tBodies[0].rows,function(r){var ok=r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!ok;if(ok)shown++;});
   t.setAttribute('data-shown',String(shown));
  });
 });
 root.setAttribute('data-js-ready','1');
});
})();
"#;

/// Render the page.
pub(crate) fn render(agg: &Aggregate, inputs: &[String], run: Option<&RunInfo>) -> String {
    let mut o = String::with_capacity(256 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html><html lang=\"en\" data-js-errors=\"0\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>newsmill report: {} articles</title><style>{STYLE}</style><script>{SCRIPT}</script></head><body>",
        agg.articles
    );
    let _ = write!(
        o,
        "<h1>newsmill report</h1><p>Records: {}. Written by newsmill {}.</p><nav><a href=\"#batch\">Batch</a><a href=\"#entities\">People, organisations, places</a><a href=\"#quotes\">Who said what</a><a href=\"#timeline\">Timeline</a><a href=\"#keyphrases\">Keyphrases</a><a href=\"#duplicates\">Near-duplicates</a><a href=\"#cost\">Cost</a></nav>",
        esc(&inputs.join(", ")),
        env!("CARGO_PKG_VERSION")
    );
    batch(&mut o, agg, run);
    entities(&mut o, agg);
    quotes(&mut o, agg);
    timeline(&mut o, agg);
    keyphrases(&mut o, agg);
    duplicates(&mut o, agg);
    cost(&mut o, run);
    o.push_str("</body></html>\n");
    o
}

fn batch(o: &mut String, a: &Aggregate, run: Option<&RunInfo>) {
    o.push_str("<section id=\"batch\"><h2>The batch</h2>");
    let _ = write!(
        o,
        "<p>{} articles: {} ok, {} with warnings, {} errors{}; {} MB of text. All figures in this section are exact.</p>",
        figure("articles", a.articles),
        figure("ok", a.ok),
        figure("warnings", a.warning),
        figure("errors", a.error),
        if a.other_status > 0 {
            format!(
                ", {} with an unknown status",
                figure("other-status", a.other_status)
            )
        } else {
            String::new()
        },
        format_args!("{:.1}", a.bytes as f64 / 1e6),
    );
    if a.unreadable > 0 {
        let _ = write!(
            o,
            "<p>{} lines were not records and are not counted above.</p>",
            figure("unreadable", a.unreadable)
        );
        let rows = a
            .unreadable_examples
            .iter()
            .map(|(at, m)| vec![t(at), t(m)])
            .collect();
        table(
            o,
            "unreadable",
            "Lines that are not records (examples)",
            &["where", "why"],
            rows,
        );
    }
    if let Some(r) = run {
        let _ = write!(
            o,
            "<p>This run: {} in {:.2} s, {} articles/s, {:.1} MB/s on {} threads.</p>",
            figure("run-articles", r.articles),
            r.seconds,
            figure(
                "articles-per-second",
                format!("{:.0}", r.articles_per_second())
            ),
            r.bytes as f64 / 1e6 / r.seconds.max(1e-9),
            r.threads
        );
    } else {
        o.push_str("<p class=\"note\">Throughput is unknown: these records were read from a file (<code>newsmill process --report</code> records it).</p>");
    }
    o.push_str("<div class=\"pair\">");
    let status = vec![
        ("ok".to_string(), a.ok as f64),
        ("warning".to_string(), a.warning as f64),
        ("error".to_string(), a.error as f64),
    ];
    bars(o, "Articles by status", &status);
    table(
        o,
        "status",
        "Articles by status",
        &["status", "articles", "share"],
        [("ok", a.ok), ("warning", a.warning), ("error", a.error)]
            .iter()
            .map(|(s, c)| vec![t(s), n(*c), t(&pct(*c, a.articles))])
            .collect(),
    );
    o.push_str("</div><div class=\"pair\">");
    let mut langs: Vec<(&String, &u64)> = a.languages.iter().collect();
    langs.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
    let lang_data: Vec<(String, f64)> = langs
        .iter()
        .take(15)
        .map(|(k, v)| ((*k).clone(), **v as f64))
        .collect();
    bars(o, "Articles by language", &lang_data);
    let mut rows: Vec<Vec<Cell>> = langs
        .iter()
        .take(ROWS)
        .map(|(k, v)| vec![t(k), n(**v), t(&pct(**v, a.articles))])
        .collect();
    if a.no_language > 0 {
        rows.push(vec![
            t("(none)"),
            n(a.no_language),
            t(&pct(a.no_language, a.articles)),
        ]);
    }
    table(
        o,
        "languages",
        "Articles by language",
        &["language", "articles", "share"],
        rows,
    );
    o.push_str("</div><div class=\"pair\">");
    let src = a.sources.top(ROWS);
    let src_data: Vec<(String, f64)> = src
        .iter()
        .take(15)
        .map(|(k, c)| (k.to_string(), c.weight))
        .collect();
    bars(o, "Articles by source", &src_data);
    table(
        o,
        "sources",
        "Articles by source (site name, URL host, or directory)",
        &["source", "articles", "share"],
        src.iter()
            .map(|(k, c)| vec![t(k), n(c.count), t(&pct(c.count, a.articles))])
            .collect(),
    );
    o.push_str("</div>");
    o.push_str(&note_exact(&a.sources, "source"));
    for (id, title, map) in [
        ("errors", "Errors by code, with examples", &a.errors),
        (
            "warnings-by-code",
            "Warnings by code, with examples",
            &a.warnings,
        ),
    ] {
        let rows = map
            .iter()
            .map(|(code, c)| {
                let ex = c
                    .examples
                    .iter()
                    .map(|(id, m)| format!("<code>{}</code>: {}", esc(id), esc(m)))
                    .collect::<Vec<_>>()
                    .join("<br>");
                vec![t(code), n(c.count), h(ex)]
            })
            .collect();
        table(
            o,
            id,
            title,
            &["code (stage)", "count", "examples (id: message)"],
            rows,
        );
    }
    if !a.skipped.is_empty() {
        let rows = a.skipped.iter().map(|(k, v)| vec![t(k), n(*v)]).collect();
        table(
            o,
            "skipped",
            "Extractors skipped, by reason",
            &["extractor: reason", "articles"],
            rows,
        );
    }
    o.push_str("</section>");
}

fn entities(o: &mut String, a: &Aggregate) {
    o.push_str("<section id=\"entities\"><h2>People, organisations and places</h2>");
    let _ = write!(
        o,
        "<p>{} entity mentions (exact). Ranked by salience-weighted frequency: the sum over articles of the entity's salience in the article (1 = the article's main entity).</p>",
        figure("entity-mentions", a.entity_mentions)
    );
    let (lo, hi) = (
        a.published.first_key_value().map_or(0, |x| *x.0),
        a.published.last_key_value().map_or(-1, |x| *x.0),
    );
    for (label, title) in [
        ("PER", "People"),
        ("ORG", "Organisations"),
        ("LOC", "Places"),
        ("", "All entities"),
    ] {
        let top: Vec<_> = a
            .entities
            .top(usize::MAX)
            .into_iter()
            .filter(|(_, c)| label.is_empty() || c.data.label == label)
            .take(if label.is_empty() { ROWS } else { 25 })
            .collect();
        if !label.is_empty() {
            o.push_str("<div class=\"pair\">");
            let data: Vec<(String, f64)> = top
                .iter()
                .take(12)
                .map(|(_, c)| (c.data.name.clone(), (c.weight * 10.0).round() / 10.0))
                .collect();
            bars(o, &format!("{title}: salience-weighted frequency"), &data);
        }
        let rows = top
            .iter()
            .map(|(_, c)| {
                let ex = c
                    .data
                    .examples
                    .iter()
                    .map(|e| format!("<code>{}</code> {}", esc(&e.id), esc(&e.title)))
                    .collect::<Vec<_>>()
                    .join("<br>");
                vec![
                    t(&c.data.name),
                    t(&c.data.label),
                    f(c.weight, 2),
                    n(c.count),
                    h(sparkline(&c.data.days, lo, hi)),
                    h(ex),
                ]
            })
            .collect();
        let id = if label.is_empty() {
            "entities-all".to_string()
        } else {
            format!("entities-{}", label.to_lowercase())
        };
        table(
            o,
            &id,
            title,
            &[
                "name",
                "type",
                "weighted",
                "articles",
                "over time",
                "in articles (id, title)",
            ],
            rows,
        );
        if !label.is_empty() {
            o.push_str("</div>");
        }
    }
    o.push_str(&note_exact(&a.entities, "entity"));
    if a.published.is_empty() {
        o.push_str(
            "<p class=\"note\">No article has a publication date, so there are no sparklines.</p>",
        );
    }
    o.push_str("</section>");
}

fn quotes(o: &mut String, a: &Aggregate) {
    o.push_str("<section id=\"quotes\"><h2>Who said what</h2>");
    let _ = write!(
        o,
        "<p>{} quotations (exact), {} of them with no speaker found.</p><div class=\"pair\">",
        figure("quotes", a.quotes),
        figure("quotes-no-speaker", a.quotes_no_speaker)
    );
    let top = a.speakers.top(ROWS);
    let data: Vec<(String, f64)> = top
        .iter()
        .take(12)
        .map(|(k, c)| (k.to_string(), c.weight))
        .collect();
    bars(o, "Most quoted speakers", &data);
    let rows = top
        .iter()
        .map(|(k, c)| {
            let qs = c
                .data
                .quotes
                .iter()
                .map(|(id, q)| format!("<q>{}</q> <small>{}</small>", esc(q), esc(id)))
                .collect::<Vec<_>>()
                .join("<br>");
            let mut about: Vec<(&String, &u32)> = c.data.about.iter().collect();
            about.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
            let about = about
                .iter()
                .take(6)
                .map(|(k, v)| format!("{} ({v})", esc(k)))
                .collect::<Vec<_>>()
                .join(", ");
            vec![t(k), n(c.count), n(c.data.articles), h(qs), h(about)]
        })
        .collect();
    table(
        o,
        "speakers",
        "Most quoted speakers",
        &[
            "speaker",
            "quotations",
            "articles",
            "a few quotations",
            "talks about",
        ],
        rows,
    );
    o.push_str("</div>");
    o.push_str(&note_exact(&a.speakers, "speaker"));
    o.push_str("</section>");
}

fn timeline(o: &mut String, a: &Aggregate) {
    o.push_str("<section id=\"timeline\"><h2>Timeline</h2>");
    let dated: u64 = a.published.values().sum();
    let _ = write!(
        o,
        "<p>{} of {} articles have a publication date (exact){}.</p>",
        figure("dated-articles", dated),
        a.articles,
        if a.published_unparsed > 0 {
            format!(
                "; {} more have one that is not an ISO date",
                a.published_unparsed
            )
        } else {
            String::new()
        }
    );
    for (id, title, days) in [
        ("published", "Articles per publication date", &a.published),
        (
            "mentioned",
            "Dates the articles talk about (day-precise `dates` values)",
            &a.mentioned,
        ),
    ] {
        let (unit, bins) = bin_days(days);
        if bins.is_empty() {
            let _ = write!(
                o,
                "<h3>{}</h3><p class=\"note\" id=\"{id}-none\">No dates.</p>",
                esc(title)
            );
            continue;
        }
        let _ = write!(
            o,
            "<h3>{} (per {unit})</h3><div class=\"pair\">",
            esc(title)
        );
        columns(o, title, &bins);
        let rows = bins.iter().map(|(k, v)| vec![t(k), n(*v)]).collect();
        table(o, id, title, &[&unit, "count"], rows);
        o.push_str("</div>");
    }
    let mentioned: u64 = a.mentioned.values().sum();
    let _ = write!(
        o,
        "<p>{} day-precise dates mentioned in the text (exact).</p>",
        figure("dates-mentioned", mentioned)
    );
    o.push_str("</section>");
}

fn keyphrases(o: &mut String, a: &Aggregate) {
    o.push_str(
        "<section id=\"keyphrases\"><h2>Keyphrases across the batch</h2><div class=\"pair\">",
    );
    let top = a.keyphrases.top(ROWS);
    let data: Vec<(String, f64)> = top
        .iter()
        .take(15)
        .map(|(_, c)| (c.data.clone(), c.weight))
        .collect();
    bars(o, "Keyphrases by articles", &data);
    let rows = top
        .iter()
        .map(|(_, c)| vec![t(&c.data), n(c.count), t(&pct(c.count, a.articles))])
        .collect();
    table(
        o,
        "keyphrase-table",
        "Keyphrases: articles that have each",
        &["keyphrase", "articles", "share"],
        rows,
    );
    o.push_str("</div>");
    o.push_str(&note_exact(&a.keyphrases, "keyphrase"));
    o.push_str("</section>");
}

fn duplicates(o: &mut String, a: &Aggregate) {
    o.push_str("<section id=\"duplicates\"><h2>Near-duplicate clusters</h2>");
    let _ = write!(
        o,
        "<p>{} articles name an earlier copy (exact), in {} clusters. A cluster is the first copy seen (by id) and the articles that name it; largest first. Records carry near-duplicates only with <code>newsmill process --dedup</code>.</p>",
        figure("duplicates", a.duplicates),
        figure("clusters", a.clusters.len())
    );
    let rows = a
        .clusters
        .top(ROWS)
        .iter()
        .map(|(first, c)| {
            let m = c
                .data
                .members
                .iter()
                .map(|e| format!("<code>{}</code> {}", esc(&e.id), esc(&e.title)))
                .collect::<Vec<_>>()
                .join("<br>");
            vec![t(first), n(c.count + 1), f(c.data.min_similarity, 2), h(m)]
        })
        .collect();
    table(
        o,
        "clusters",
        "Clusters, largest first",
        &[
            "first copy",
            "articles",
            "lowest similarity",
            "copies (id, title)",
        ],
        rows,
    );
    o.push_str(&note_exact(&a.clusters, "cluster"));
    o.push_str("</section>");
}

fn cost(o: &mut String, run: Option<&RunInfo>) {
    o.push_str("<section id=\"cost\"><h2>Cost per extractor</h2>");
    match run.filter(|r| !r.stages.is_empty()) {
        None => o.push_str("<p class=\"note\">The run was not timed: <code>newsmill process --report</code> times each stage.</p>"),
        Some(r) => {
            let total: f64 = r.stages.iter().map(|s| s.1).sum::<f64>().max(1e-12);
            let data: Vec<(String, f64)> = r.stages.iter().map(|s| (s.0.clone(), (s.1 * 1000.0).round() / 1000.0)).collect();
            o.push_str("<div class=\"pair\">");
            bars(o, "Seconds per stage (summed over threads)", &data);
            let rows = r
                .stages
                .iter()
                .map(|(name, secs, ex)| {
                    vec![
                        t(name),
                        t(if *ex { "extractor" } else { "stage" }),
                        f(*secs, 3),
                        f(secs * 1e6 / r.articles.max(1) as f64, 1),
                        t(&format!("{:.1}%", 100.0 * secs / total)),
                    ]
                })
                .collect();
            table(o, "cost-table", "Time per stage", &["stage", "kind", "seconds", "µs per article", "share"], rows);
            o.push_str("</div>");
        }
    }
    o.push_str("</section>");
}
