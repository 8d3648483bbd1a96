//! Page metadata: title, publication date, authors, canonical URL, site
//! name, language and description, from `<meta>`, OpenGraph, JSON-LD,
//! `<link>`, `<time>` and the document itself.

use dom_query::Document;
use serde_json::Value;

/// What the page says about itself, before choosing among sources.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    /// The JSON-LD `articleBody`, when the page carries one.
    pub article_body: Option<String>,
}

/// `<meta>` values by lower-cased key (`property`, `name`, `itemprop` or
/// `http-equiv`), first occurrence wins.
#[derive(Default)]
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }
}

/// Fields of the page's JSON-LD article object (`NewsArticle`,
/// `BlogPosting`, ...), and its `WebSite`/`Organization` name.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    language: Option<String>,
    url: Option<String>,
    body: Option<String>,
    description: Option<String>,
}

pub(crate) fn extract(doc: &Document) -> Meta {
    let mut tags = MetaTags::default();
    for m in doc.select("meta").nodes() {
        let Some(content) = m.attr("content") else {
            continue;
        };
        for a in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = m.attr(a) {
                tags.0
                    .push((k.trim().to_ascii_lowercase(), content.to_string()));
            }
        }
    }
    let mut ld = JsonLd::default();
    for s in doc.select("script[type=\"application/ld+json\"]").nodes() {
        let raw = s.text();
        if let Ok(v) = serde_json::from_str::<Value>(raw.trim()) {
            read_json_ld(&v, &mut ld, 0);
        }
    }
    // Sources by reliability: JSON-LD, then OpenGraph, then other <meta>
    // (og:site_name often names a section: "U.S.").
    let site_name = ld
        .publisher
        .clone()
        .or_else(|| tags.get("og:site_name").map(str::to_string))
        .or_else(|| tags.get("application-name").map(str::to_string))
        .map(|s| clean(&s))
        .filter(|s| !s.is_empty());
    let doc_title = doc
        .select("title")
        .nodes()
        .first()
        .map(|t| clean(&t.text()));
    let h1 = doc.select("h1").nodes().first().map(|t| clean(&t.text()));
    let title = ld
        .headline
        .clone()
        .or_else(|| tags.get("og:title").map(str::to_string))
        .or_else(|| tags.get("twitter:title").map(str::to_string))
        .map(|t| strip_site(&clean(&t), site_name.as_deref()))
        .or_else(|| {
            doc_title
                .as_deref()
                .map(|t| strip_site(t, site_name.as_deref()))
        })
        .filter(|t| !t.is_empty())
        .or(h1.filter(|t| !t.is_empty()));
    let published = ld
        .published
        .clone()
        .or_else(|| {
            [
                "article:published_time",
                "datepublished",
                "og:published_time",
                "publishdate",
                "pubdate",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
            ]
            .iter()
            .find_map(|k| tags.get(k).map(str::to_string))
        })
        .or_else(|| {
            doc.select("[itemprop=\"datePublished\"]")
                .nodes()
                .iter()
                .find_map(|n| {
                    n.attr("content")
                        .or_else(|| n.attr("datetime"))
                        .map(|v| v.to_string())
                        .or_else(|| Some(clean(&n.text())))
                        .filter(|v| !v.trim().is_empty())
                })
        })
        .or_else(|| {
            doc.select("time[datetime]")
                .nodes()
                .first()
                .and_then(|t| t.attr("datetime"))
                .map(|d| d.trim().to_string())
        })
        .filter(|d| !d.is_empty());
    let mut authors = ld.authors.clone();
    if authors.is_empty() {
        for k in [
            "author",
            "article:author",
            "sailthru.author",
            "parsely-author",
            "dc.creator",
        ] {
            if let Some(a) = tags.get(k) {
                // Facebook profile URLs are not names.
                if !a.starts_with("http") {
                    push_names(&mut authors, a);
                }
            }
        }
    }
    if authors.is_empty() {
        for n in doc
            .select("[rel=\"author\"], [itemprop=\"author\"] [itemprop=\"name\"], .byline__name, .author-name")
            .nodes()
            .iter()
            .take(4)
        {
            push_names(&mut authors, &n.text());
        }
    }
    authors.retain(|a| a.chars().count() <= 80 && is_person(a, site_name.as_deref()));
    let canonical_url = doc
        .select("link[rel=\"canonical\"]")
        .nodes()
        .first()
        .and_then(|l| l.attr("href"))
        .map(|h| h.trim().to_string())
        .or_else(|| tags.get("og:url").map(str::to_string))
        .or(ld.url.clone())
        .filter(|u| u.starts_with("http"));
    let language = doc
        .select("html")
        .nodes()
        .first()
        .and_then(|h| h.attr("lang").or_else(|| h.attr("xml:lang")))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .or_else(|| ld.language.clone())
        .or_else(|| tags.get("og:locale").map(|l| l.replace('_', "-")))
        .or_else(|| tags.get("content-language").map(str::to_string))
        .or_else(|| tags.get("language").map(str::to_string));
    let description = tags
        .get("description")
        .or_else(|| tags.get("og:description"))
        .map(str::to_string)
        .or(ld.description)
        .map(|d| clean(&d))
        .filter(|d| !d.is_empty());
    Meta {
        title,
        published,
        authors,
        canonical_url,
        site_name,
        language,
        description,
        article_body: ld.body,
    }
}

/// Words that are a site's staff account or a label, not a person.
const NOT_PEOPLE: &[&str] = &[
    "admin",
    "administrator",
    "staff",
    "editor",
    "editors",
    "webmaster",
    "redaction",
    "rédaction",
    "redacción",
    "redaktion",
    "guest",
    "anonymous",
];

/// Academic and professional credentials written after a name.
const CREDENTIALS: &[&str] = &[
    "md", "phd", "ph.d.", "ms", "msc", "ma", "mba", "mph", "rd", "rdn", "rn", "cpt", "jr", "jr.",
];

/// Words of a job title, not a name (English).
const ROLES: &[&str] = &[
    "writer",
    "editor",
    "editor-at-large",
    "correspondent",
    "reporter",
    "staff",
    "contributor",
    "columnist",
];

/// Prefixes of author-box headings ("Sobre Carlos Nadalim", "About the
/// author"), in several languages.
const ABOUT: &[&str] = &[
    "sobre ",
    "about ",
    "über ",
    "à propos",
    "a propos",
    "acerca de",
    "chi è",
    "view all posts",
    "posts by",
    "more by",
];

/// Whether an author string names a person: not a staff account
/// ("admin"), a user handle ("@ann", "jdoe_88"), an address, the
/// publication itself, or an author-box heading ("Sobre ...").
pub(crate) fn is_person(a: &str, site: Option<&str>) -> bool {
    let lower = a.trim().to_lowercase();
    if lower.is_empty()
        || NOT_PEOPLE.contains(&lower.as_str())
        || ABOUT.iter().any(|p| lower.starts_with(p))
        || lower.starts_with('@')
        || lower.contains("://")
        || lower.starts_with("www.")
        || lower.contains('@')
        || site.is_some_and(|s| s.trim().eq_ignore_ascii_case(a.trim()))
    {
        return false;
    }
    // Credentials split off a name ("Ilana Muhlstein, MS, RDN"), job
    // titles ("AP Sports Writer"), web addresses, the publication with a
    // section ("CNN Business" on CNN).
    if CREDENTIALS.contains(&lower.as_str())
        || lower == "by"
        || ROLES.iter().any(|r| {
            lower
                .split_whitespace()
                .any(|w| w.trim_matches(['-', ',']) == *r)
        })
        || [".com", ".net", ".org", ".co.uk"]
            .iter()
            .any(|t| lower.ends_with(t))
        || site.is_some_and(|s| {
            let s = s.trim().to_lowercase();
            !s.is_empty() && lower.starts_with(&format!("{s} "))
        })
    {
        return false;
    }
    // One word of lower case with digits or `_`: a handle, not a name.
    let one_word = !lower.contains(' ');
    let handle_like = a.chars().any(|c| c.is_ascii_digit() || c == '_')
        || (a.chars().all(|c| !c.is_uppercase())
            && a.chars().any(char::is_alphabetic)
            && a.is_ascii());
    !(one_word && handle_like)
}

/// Entities decoded (also ones escaped twice, as in JSON-LD), whitespace
/// collapsed to single spaces, trimmed.
pub(crate) fn clean(s: &str) -> String {
    let decoded = if s.contains('&') {
        html_escape::decode_html_entities(s)
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    let mut out = String::with_capacity(s.len());
    for w in decoded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Split "A, B and C" into names and add the ones not yet present.
fn push_names(out: &mut Vec<String>, s: &str) {
    let s = clean(s);
    let mut s = s.as_str();
    for p in [
        "Analysis by ",
        "Opinion by ",
        "Review by ",
        "Column by ",
        "By ",
        "by ",
    ] {
        s = s.strip_prefix(p).unwrap_or(s);
    }
    for part in s.split([',', ';', '|']).flat_map(|p| p.split(" and ")) {
        let name = part.trim();
        if !name.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(name)) {
            out.push(name.to_string());
        }
    }
}

/// A `<title>` without its site part: "Story - Site" and "Site | Story"
/// give "Story" when `site` names one part, or when one part is short
/// and the other clearly longer.
fn strip_site(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        let parts: Vec<&str> = title.split(sep).collect();
        if parts.len() < 2 {
            continue;
        }
        if let Some(site) = site {
            let kept: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|p| !p.trim().eq_ignore_ascii_case(site))
                .collect();
            if kept.len() < parts.len() && !kept.is_empty() {
                return kept.join(sep).trim().to_string();
            }
        }
        let words = |p: &str| p.split_whitespace().count();
        let last = parts[parts.len() - 1];
        let head = parts[..parts.len() - 1].join(sep);
        if words(last) <= 3 && words(&head) > words(last) + 2 {
            return head.trim().to_string();
        }
        if words(parts[0]) <= 3 {
            let tail = parts[1..].join(sep);
            if words(&tail) > words(parts[0]) + 2 {
                return tail.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(a) => a.iter().find_map(str_of),
        Value::Object(o) => o.get("name").and_then(str_of),
        _ => None,
    }
}

fn is_article_type(v: &Value) -> bool {
    let is = |s: &str| {
        s.ends_with("Article")
            || matches!(s, "BlogPosting" | "Report" | "LiveBlogPosting" | "Posting")
    };
    match v.get("@type") {
        Some(Value::String(s)) => is(s),
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str().is_some_and(is)),
        _ => false,
    }
}

fn read_json_ld(v: &Value, ld: &mut JsonLd, depth: u32) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| read_json_ld(x, ld, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                read_json_ld(g, ld, depth + 1);
            }
            if is_article_type(v) {
                // The first article object that gives a field wins.
                let set = |slot: &mut Option<String>, val: Option<String>| {
                    if slot.is_none() {
                        *slot = val;
                    }
                };
                set(
                    &mut ld.headline,
                    o.get("headline").and_then(str_of).map(|h| clean(&h)),
                );
                set(&mut ld.published, o.get("datePublished").and_then(str_of));
                set(&mut ld.language, o.get("inLanguage").and_then(str_of));
                set(&mut ld.description, o.get("description").and_then(str_of));
                set(&mut ld.body, o.get("articleBody").and_then(str_of));
                set(
                    &mut ld.url,
                    o.get("url").and_then(str_of).or_else(|| {
                        o.get("mainEntityOfPage").and_then(|m| match m {
                            Value::Object(m) => m.get("@id").and_then(str_of),
                            m => str_of(m),
                        })
                    }),
                );
                if let Some(p) = o.get("publisher") {
                    set(&mut ld.publisher, str_of(p));
                }
                if ld.authors.is_empty()
                    && let Some(a) = o.get("author").or_else(|| o.get("creator"))
                {
                    let list: Vec<&Value> = match a {
                        Value::Array(a) => a.iter().collect(),
                        a => vec![a],
                    };
                    for a in list {
                        if let Some(n) = str_of(a)
                            && !n.starts_with("http")
                        {
                            push_names(&mut ld.authors, &n);
                        }
                    }
                }
            }
            if let Some(Value::String(t)) = o.get("@type")
                && (t == "WebSite" || t == "NewsMediaOrganization")
                && ld.publisher.is_none()
            {
                ld.publisher = o.get("name").and_then(str_of);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_and_meta_tags_give_the_metadata() {
        let page = r#"<html lang="en-GB"><head><title>Rates held again - The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta name="description" content="The bank kept its rate at 5%.">
<link rel="canonical" href="https://ledger.example/rates">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Rates held again","datePublished":"2024-03-01T09:30:00Z",
"author":[{"@type":"Person","name":"Ann Smith"},{"@type":"Person","name":"Bo Li"}]}</script>
</head><body><h1>Rates held</h1></body></html>"#;
        let m = extract(&Document::from(page));
        assert_eq!(m.title.as_deref(), Some("Rates held again"));
        assert_eq!(m.published.as_deref(), Some("2024-03-01T09:30:00Z"));
        assert_eq!(m.authors, ["Ann Smith", "Bo Li"]);
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://ledger.example/rates")
        );
        assert_eq!(m.site_name.as_deref(), Some("The Daily Ledger"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
        assert_eq!(
            m.description.as_deref(),
            Some("The bank kept its rate at 5%.")
        );
    }

    #[test]
    fn fallbacks_title_tag_meta_author_and_time() {
        let page = r#"<html><head><title>Ledger | Storm closes the harbour for a week</title>
<meta name="author" content="By Cara Jones and Dev Patel"><meta property="og:locale" content="fr_FR">
</head><body><time datetime="2023-11-05">5 Nov</time></body></html>"#;
        let m = extract(&Document::from(page));
        assert_eq!(
            m.title.as_deref(),
            Some("Storm closes the harbour for a week")
        );
        assert_eq!(m.authors, ["Cara Jones", "Dev Patel"]);
        assert_eq!(m.published.as_deref(), Some("2023-11-05"));
        assert_eq!(m.language.as_deref(), Some("fr-FR"));
    }
}
