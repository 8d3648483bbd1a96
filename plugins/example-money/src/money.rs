//! Finding money amounts ("$1.13bn", "£600m", "300 million euros", "Rs 40
//! crore", "20p", "$5-6bn") in news text.
//!
//! A hand-written scanner over the bytes of the text: it jumps from one
//! candidate position (an ASCII digit, `$`, the lead byte of `£ € ¥ ₹ ...`, or
//! an upper-case letter that may start `US$`, `Rs` or an ISO code) to the
//! next, so plain prose is skipped at the cost of one table look-up per byte.
//! No regex, no allocation beyond the output vector, no panics.
//!
//! # What is recognised
//!
//! * A currency *prefix* then a number: symbols `$ £ € ¥ ₹ ₽ ₩ ₪ ₺ ₦ ₱`,
//!   dollar prefixes `US$ A$ AU$ C$ CA$ NZ$ HK$ S$ SG$ NT$ MX$ $US` and `R$`
//!   (BRL), `Rs`/`Rs.` (INR) and upper-case ISO 4217 codes (`USD 5m`). One
//!   space (also no-break or thin space) may separate prefix and number.
//! * A number then a currency *suffix*: an ISO code (`5m USD`), a symbol
//!   (`5€`, `5 €`), a currency word (`300 million euros`, `30 Swiss francs`,
//!   `2.5 million yen`, `100 yuan`, `1,000 rupees`, `10,000 pounds`), the
//!   sub-units `cents` (USD), `euro cents` (EUR), `pence` and an attached
//!   `p` (GBP): `20p` is 0.2 GBP. Currency words are matched in lower case
//!   only (so `Pounds` the surname is never money); an optional nationality
//!   before the word picks the currency (`Australian dollars` is AUD,
//!   `Pakistani rupees` PKR).
//! * Numbers: digits, thousands separators in groups of three
//!   (`1,200,000`), decimals (`1.5`). Something like `1.2.3` or `1,5` is not
//!   a number, so it is not money either.
//! * Scales, attached or after one space: `k`/`K` and `thousand` (1e3), `m`,
//!   `mn`, `mln`, `million` (1e6; upper-case `M` only attached), `b`/`B`
//!   (attached only), `bn`, `bln`, `billion` (1e9), `tn`, `trn`, `trillion`
//!   (1e12), `lakh` (1e5) and `crore` (1e7).
//!
//! Every amount is normalised to a plain number in the main unit:
//! `$1.13bn` gives `1130000000.0`, `50 cents` gives `0.5`.
//!
//! ```
//! use newsmill_example_money::money::find_money;
//!
//! let text = "Shares fell 20p; the bid was worth £1.2bn (A$3m more).";
//! let spans: Vec<&str> = find_money(text).iter().map(|m| &text[m.start..m.end]).collect();
//! assert_eq!(spans, ["20p", "£1.2bn", "A$3m"]);
//! ```
//!
//! # Decisions
//!
//! * **Ranges.** `$5-6bn`, `£19–£29`, `11-14 euros` (hyphen or en dash, no
//!   spaces) give *one* [`Money`] spanning the whole range, with the lower
//!   bound in [`Money::amount`] and the upper bound in [`Money::amount_max`].
//!   A scale written only on the upper bound also applies to the lower one
//!   (`$5-6bn` is 5bn to 6bn) unless that would put the lower bound above the
//!   upper one. A range whose lower bound is above its upper bound, or whose
//!   first number has a scale the second lacks (`$5bn-6`), is not a range:
//!   only the first amount is kept. `$1.64 to $47.10` is *not* merged ("rose
//!   $1.64 to $47.10" is a change and a level, not a range): two amounts.
//! * **"pounds".** `pounds`/`pound` is GBP when a scale precedes it
//!   (`5 million pounds`) or `sterling` follows (`pounds sterling`, included
//!   in the span). Otherwise it is weight, not money, when the word after it
//!   is `of`, `per`, `heavier`, `lighter`, `overweight` or `underweight`,
//!   when a metric conversion follows (`700 pounds (320kg)`), or when the
//!   word before the number is a weighing verb (`weighs`, `lost`, `gained`,
//!   `shed`, ...). `pound for pound` has no number and is never money.
//! * `euro`/`dollar`/`pound(s)` followed by a hyphen (`5 euro-zone`,
//!   `10 pound-note`) or `euro` followed by `zone`/`area` is not money; `won`
//!   (KRW) needs a scale (`100 trillion won`), since "won" is also a verb;
//!   bare `francs` is CHF; `¥` is JPY; bare `pesos` and `lira` are not money
//!   (too many currencies share the name; `Mexican pesos`, `Turkish lira`
//!   are).
//! * `480p`, `720p`, `1080p` and the like are video resolutions, not pence.
//! * Numbers written in words (`a million dollars`, `five pounds`) are not
//!   recognised, nor is a currency name before the number (`Australian
//!   dollars 648m`).
//! * Thousands written once for a range are not distributed: `$50-100,000`
//!   is 50 to 100,000 as written.
//! * Amounts that do not fit in an `f64` (`$` followed by 400 digits) are
//!   skipped; very long numbers that do fit keep their first 19 significant
//!   digits.

/// One amount found in the text.
///
/// ```
/// use newsmill_example_money::money::{find_money, Money};
///
/// let text = "a £600m deal";
/// let found = find_money(text);
/// assert_eq!(
///     found,
///     vec![Money { start: 2, end: 8, amount: 6e8, amount_max: None, currency: "GBP" }]
/// );
/// assert_eq!(&text[found[0].start..found[0].end], "£600m");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Money {
    /// Byte offset of the first byte of the expression (a char boundary).
    pub start: usize,
    /// Byte offset just past the expression (a char boundary).
    pub end: usize,
    /// The amount in the main unit of the currency, scales applied
    /// (`$1.13bn` is `1130000000.0`, `20p` is `0.2`); for a range, the lower
    /// bound.
    pub amount: f64,
    /// For a range (`$5-6bn`), the upper bound; `None` for a single amount.
    pub amount_max: Option<f64>,
    /// The ISO 4217 code of the currency, such as `"USD"`.
    pub currency: &'static str,
}

/// Find every money amount in `text`: byte offsets, in text order, never
/// overlapping.
///
/// ```
/// use newsmill_example_money::find_money;
///
/// let text = "It paid $1.13bn (£600m) and 300 million euros.";
/// let found: Vec<(&str, f64, &str)> = find_money(text)
///     .iter()
///     .map(|m| (&text[m.start..m.end], m.amount, m.currency))
///     .collect();
/// assert_eq!(
///     found,
///     [
///         ("$1.13bn", 1.13e9, "USD"),
///         ("£600m", 6e8, "GBP"),
///         ("300 million euros", 3e8, "EUR"),
///     ]
/// );
/// ```
#[must_use]
pub fn find_money(text: &str) -> Vec<Money> {
    let mut out = Vec::new();
    find_money_into(text, &mut out);
    out
}

/// Append every money amount in `text` to `out` (same results as
/// [`find_money`]); allocates nothing besides growing `out`, so a caller can
/// reuse one vector across many articles.
///
/// ```
/// use newsmill_example_money::money::find_money_into;
///
/// let mut out = Vec::with_capacity(8);
/// for text in ["Shares rose 20p.", "It cost $5-6bn."] {
///     out.clear();
///     find_money_into(text, &mut out);
///     assert_eq!(out.len(), 1);
/// }
/// assert_eq!(out[0].amount, 5e9);
/// assert_eq!(out[0].amount_max, Some(6e9));
/// ```
pub fn find_money_into(text: &str, out: &mut Vec<Money>) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if !CANDIDATE[usize::from(c)] {
            i += 1;
            continue;
        }
        match try_at(text, i) {
            Step::Found(m) => {
                i = m.end.max(i + 1);
                out.push(m);
            }
            Step::Skip(j) => i = j.max(i + 1),
        }
    }
}

// ---------------------------------------------------------------------------
// Tables

/// Bytes at which a money expression may start.
const CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_digit() || b.is_ascii_uppercase() || b == b'$' || b == 0xC2 || b == 0xE2;
        c += 1;
    }
    t
};

/// Single-character currency symbols, usable before or after the number.
const SYMBOLS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₽", "RUB"),
    ("₩", "KRW"),
    ("₪", "ILS"),
    ("₺", "TRY"),
    ("₦", "NGN"),
    ("₱", "PHP"),
];

/// Multi-character prefixes (must start a word), tried before ISO codes.
const PREFIXES: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("AU$", "AUD"),
    ("A$", "AUD"),
    ("CA$", "CAD"),
    ("C$", "CAD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("SG$", "SGD"),
    ("S$", "SGD"),
    ("NT$", "TWD"),
    ("MX$", "MXN"),
    ("R$", "BRL"),
    ("Rs.", "INR"),
    ("Rs", "INR"),
];

/// ISO 4217 codes recognised before (`USD 5m`) or after (`5m USD`) a number.
const ISO_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "CHF", "RUB", "AUD", "CAD", "NZD", "HKD", "SGD",
    "BRL", "KRW", "SEK", "NOK", "DKK", "ZAR", "MXN", "TRY", "PLN", "TWD", "PKR", "ARS", "PHP",
    "ILS", "THB", "IDR", "MYR", "SAR", "AED", "NGN", "EGP", "CZK", "HUF", "CNH", "KES", "VND",
];

/// A scale word: text, power of ten, may follow a space, may be capitalised.
struct Scale {
    word: &'static str,
    exp: i64,
    spaced: bool,
    capital: bool,
}

const fn scale(word: &'static str, exp: i64, spaced: bool, capital: bool) -> Scale {
    Scale {
        word,
        exp,
        spaced,
        capital,
    }
}

const SCALES: &[Scale] = &[
    scale("thousand", 3, true, true),
    scale("million", 6, true, true),
    scale("billion", 9, true, true),
    scale("trillion", 12, true, true),
    scale("crores", 7, true, true),
    scale("crore", 7, true, true),
    scale("lakhs", 5, true, true),
    scale("lakh", 5, true, true),
    scale("mln", 6, true, false),
    scale("mn", 6, true, false),
    scale("m", 6, true, false),
    scale("M", 6, false, false),
    scale("bln", 9, true, false),
    scale("bn", 9, true, false),
    scale("b", 9, false, false),
    scale("B", 9, false, false),
    scale("trn", 12, true, false),
    scale("tn", 12, true, false),
    scale("k", 3, false, false),
    scale("K", 3, false, false),
];

/// What a currency word means.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// An ordinary currency word.
    Plain,
    /// `pound`/`pounds`: also a unit of weight.
    Pound,
    /// Singular `euro`/`dollar`/`pound`: not before a hyphen.
    Singular,
    /// `euro`: as `Singular`, and not before `zone`/`area`.
    Euro,
    /// `won`: only after a scale.
    NeedsScale,
}

/// A currency word after the number: text, code, power of ten of its unit
/// (-2 for cents), kind.
struct Word {
    word: &'static str,
    code: &'static str,
    exp: i64,
    kind: Kind,
}

const fn word(word: &'static str, code: &'static str, exp: i64, kind: Kind) -> Word {
    Word {
        word,
        code,
        exp,
        kind,
    }
}

/// Currency words without a nationality.
const WORDS: &[Word] = &[
    word("dollars", "USD", 0, Kind::Plain),
    word("dollar", "USD", 0, Kind::Singular),
    word("euro cents", "EUR", -2, Kind::Plain),
    word("euros", "EUR", 0, Kind::Plain),
    word("euro", "EUR", 0, Kind::Euro),
    word("pounds", "GBP", 0, Kind::Pound),
    word("pound", "GBP", 0, Kind::Pound),
    word("pence", "GBP", -2, Kind::Plain),
    word("penny", "GBP", -2, Kind::Plain),
    word("cents", "USD", -2, Kind::Plain),
    word("cent", "USD", -2, Kind::Plain),
    word("yen", "JPY", 0, Kind::Plain),
    word("yuan", "CNY", 0, Kind::Plain),
    word("renminbi", "CNY", 0, Kind::Plain),
    word("rupees", "INR", 0, Kind::Plain),
    word("rupee", "INR", 0, Kind::Plain),
    word("francs", "CHF", 0, Kind::Plain),
    word("franc", "CHF", 0, Kind::Plain),
    word("roubles", "RUB", 0, Kind::Plain),
    word("rouble", "RUB", 0, Kind::Plain),
    word("rubles", "RUB", 0, Kind::Plain),
    word("ruble", "RUB", 0, Kind::Plain),
    word("rand", "ZAR", 0, Kind::Plain),
    word("reais", "BRL", 0, Kind::Plain),
    word("kronor", "SEK", 0, Kind::Plain),
    word("won", "KRW", 0, Kind::NeedsScale),
];

/// Families of currency words that a nationality qualifies.
const DOLLARS: &[&str] = &["dollars", "dollar"];
const FRANCS: &[&str] = &["francs", "franc"];
const RUPEES: &[&str] = &["rupees", "rupee"];
const ROUBLES: &[&str] = &["roubles", "rouble", "rubles", "ruble"];
const PESOS: &[&str] = &["pesos", "peso"];
const KRONOR: &[&str] = &["kronor", "krona"];
const KRONER: &[&str] = &["kroner", "krone"];
const LIRA: &[&str] = &["lira", "liras", "lire"];
const REAIS: &[&str] = &["reais", "real"];
const YUAN: &[&str] = &["yuan", "renminbi"];
const YEN: &[&str] = &["yen"];
const RAND: &[&str] = &["rand"];
const WON: &[&str] = &["won"];

/// Nationality (possibly two words), the words it qualifies, the currency.
const QUALIFIED: &[(&str, &[&str], &str)] = &[
    ("US", DOLLARS, "USD"),
    ("U.S.", DOLLARS, "USD"),
    ("American", DOLLARS, "USD"),
    ("Australian", DOLLARS, "AUD"),
    ("Canadian", DOLLARS, "CAD"),
    ("New Zealand", DOLLARS, "NZD"),
    ("Hong Kong", DOLLARS, "HKD"),
    ("Singapore", DOLLARS, "SGD"),
    ("Taiwan", DOLLARS, "TWD"),
    ("Taiwanese", DOLLARS, "TWD"),
    ("Swiss", FRANCS, "CHF"),
    ("Indian", RUPEES, "INR"),
    ("Pakistani", RUPEES, "PKR"),
    ("Sri Lankan", RUPEES, "LKR"),
    ("Nepalese", RUPEES, "NPR"),
    ("Russian", ROUBLES, "RUB"),
    ("Chinese", YUAN, "CNY"),
    ("Japanese", YEN, "JPY"),
    ("Mexican", PESOS, "MXN"),
    ("Argentine", PESOS, "ARS"),
    ("Argentinian", PESOS, "ARS"),
    ("Philippine", PESOS, "PHP"),
    ("Chilean", PESOS, "CLP"),
    ("Colombian", PESOS, "COP"),
    ("Swedish", KRONOR, "SEK"),
    ("Norwegian", KRONER, "NOK"),
    ("Danish", KRONER, "DKK"),
    ("Turkish", LIRA, "TRY"),
    ("Brazilian", REAIS, "BRL"),
    ("South African", RAND, "ZAR"),
    ("South Korean", WON, "KRW"),
    ("Korean", WON, "KRW"),
];

/// Words after "pounds" that make it a weight.
const WEIGHT_AFTER: &[&str] = &[
    "of",
    "per",
    "heavier",
    "lighter",
    "overweight",
    "underweight",
];

/// Words before the number that make "pounds" a weight.
const WEIGHT_BEFORE: &[&str] = &[
    "weigh", "weighs", "weighed", "weighing", "weight", "lose", "loses", "lost", "losing", "gain",
    "gains", "gained", "gaining", "shed", "sheds", "shedding", "heavier", "lighter",
];

/// Vertical video resolutions: `1080p` is not 10.80 GBP.
const RESOLUTIONS: &[u64] = &[144, 240, 360, 480, 576, 720, 1080, 1440, 2160, 4320];

// ---------------------------------------------------------------------------
// Scanner

enum Step {
    Found(Money),
    /// Nothing here; resume the scan at this byte offset.
    Skip(usize),
}

/// A parsed number: `mant * 10^exp`, as written (no scale).
#[derive(Clone, Copy)]
struct Num {
    end: usize,
    mant: u64,
    exp: i64,
    /// Significant digits kept in `mant` (at most 19).
    sig: u32,
    /// Digits only: no separator, no decimal point.
    plain: bool,
    /// Malformed (`1.2.3`, `1,5`): not a number; `end` is past the junk.
    bad: bool,
}

impl Num {
    fn push(&mut self, d: u8, frac: bool) {
        if self.sig < 19 {
            self.mant = self.mant * 10 + u64::from(d);
            if self.mant != 0 {
                self.sig += 1;
            }
            if frac {
                self.exp = self.exp.saturating_sub(1);
            }
        } else if !frac {
            self.exp = self.exp.saturating_add(1);
        }
    }
}

fn byte(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

fn is_digit(b: &[u8], i: usize) -> bool {
    byte(b, i).is_ascii_digit()
}

fn starts(b: &[u8], i: usize, pat: &str) -> bool {
    b.get(i..).is_some_and(|s| s.starts_with(pat.as_bytes()))
}

/// Is the character starting at `i` a letter or digit?
fn alnum_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(c) if c.is_ascii() => c.is_ascii_alphanumeric(),
        Some(_) => text
            .get(i..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_alphanumeric),
    }
}

/// Is the character ending at `i` a letter or digit?
fn alnum_before(text: &str, i: usize) -> bool {
    match i.checked_sub(1).and_then(|j| text.as_bytes().get(j)) {
        None => false,
        Some(c) if c.is_ascii() => c.is_ascii_alphanumeric(),
        Some(_) => text
            .get(..i)
            .and_then(|s| s.chars().next_back())
            .is_some_and(char::is_alphanumeric),
    }
}

/// Byte length of one space character at `i` (0 if none).
fn space_at(b: &[u8], i: usize) -> usize {
    match byte(b, i) {
        b' ' | b'\t' | b'\n' | b'\r' => 1,
        0xC2 if byte(b, i + 1) == 0xA0 => 2,
        0xE2 if byte(b, i + 1) == 0x80 && matches!(byte(b, i + 2), 0x87 | 0x89 | 0xAF) => 3,
        _ => 0,
    }
}

/// `w` at `i`, ending a word; returns its end.
fn word_at(text: &str, i: usize, w: &str) -> Option<usize> {
    (starts(text.as_bytes(), i, w) && !alnum_at(text, i + w.len())).then_some(i + w.len())
}

/// `w` at `i` in lower case or with a capital first letter, ending a word.
fn word_at_capital(text: &str, i: usize, w: &str) -> Option<usize> {
    let b = text.as_bytes();
    let rest = w.get(1..)?;
    let first = *w.as_bytes().first()?;
    (byte(b, i).to_ascii_lowercase() == first
        && starts(b, i + 1, rest)
        && !alnum_at(text, i + w.len()))
    .then_some(i + w.len())
}

/// Byte offset of the dash (hyphen or en dash) at `i` and its end.
fn dash_at(b: &[u8], i: usize) -> Option<usize> {
    if byte(b, i) == b'-' {
        Some(i + 1)
    } else if starts(b, i, "\u{2013}") {
        Some(i + 3)
    } else {
        None
    }
}

fn scan_number(b: &[u8], i: usize) -> Option<Num> {
    if !is_digit(b, i) {
        return None;
    }
    let mut n = Num {
        end: i,
        mant: 0,
        exp: 0,
        sig: 0,
        plain: true,
        bad: false,
    };
    let mut j = i;
    while is_digit(b, j) {
        n.push(byte(b, j) - b'0', false);
        j += 1;
    }
    if j - i <= 3 {
        while byte(b, j) == b','
            && is_digit(b, j + 1)
            && is_digit(b, j + 2)
            && is_digit(b, j + 3)
            && !is_digit(b, j + 4)
        {
            for k in j + 1..j + 4 {
                n.push(byte(b, k) - b'0', false);
            }
            n.plain = false;
            j += 4;
        }
    }
    if byte(b, j) == b'.' && is_digit(b, j + 1) {
        n.plain = false;
        j += 1;
        while is_digit(b, j) {
            n.push(byte(b, j) - b'0', true);
            j += 1;
        }
    }
    n.end = j;
    if matches!(byte(b, j), b'.' | b',') && is_digit(b, j + 1) {
        // "1.2.3", "1,5", "1,2345": a version, a list or a European decimal.
        n.bad = true;
        while is_digit(b, j) || matches!(byte(b, j), b'.' | b',') && is_digit(b, j + 1) {
            j += 1;
        }
        n.end = j;
    }
    Some(n)
}

/// A scale at `i` (attached, or after one space when allowed): its end and
/// power of ten.
fn scan_scale(text: &str, i: usize) -> Option<(usize, i64)> {
    let b = text.as_bytes();
    let sp = space_at(b, i);
    if !byte(b, i).is_ascii_alphabetic() && !byte(b, i + sp).is_ascii_alphabetic() {
        return None;
    }
    for s in SCALES {
        let found = |at: usize| {
            let end = if s.capital {
                word_at_capital(text, at, s.word)
            } else {
                word_at(text, at, s.word)
            };
            end.filter(|&e| byte(b, e) != b'&')
        };
        if let Some(end) = found(i) {
            return Some((end, s.exp));
        }
        let spaced = if sp > 0 && s.spaced {
            found(i + sp)
        } else {
            None
        };
        if let Some(end) = spaced {
            return Some((end, s.exp));
        }
    }
    None
}

fn pow10(e: i64) -> f64 {
    const TABLE: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    if e > 400 {
        return f64::INFINITY;
    }
    let mut e = e.max(0);
    let mut v = 1.0;
    while e > 22 {
        v *= 1e22;
        e -= 22;
    }
    let idx = usize::try_from(e).unwrap_or(0);
    v * TABLE.get(idx).copied().unwrap_or(1.0)
}

/// `mant * 10^exp`, correctly rounded when `mant < 2^53` and `|exp| <= 22`.
fn value(mant: u64, exp: i64) -> f64 {
    // u64 -> f64 is a rounding conversion by definition.
    #[allow(clippy::cast_precision_loss)]
    let m = mant as f64;
    if mant == 0 {
        0.0
    } else if exp >= 0 {
        m * pow10(exp)
    } else {
        m / pow10(exp.saturating_neg())
    }
}

/// The number part of an expression: one number, or a range, each with an
/// optional scale.
struct Amount {
    /// End of the whole amount.
    end: usize,
    low: (u64, i64),
    high: Option<(u64, i64)>,
    /// A scale was written somewhere in the amount.
    scaled: bool,
    /// A single plain integer with no scale (for `1080p`).
    plain: Option<u64>,
}

/// Number, optional scale, optional range. `prefix`, if given, may repeat
/// after the dash (`$6.0-$6.5`).
fn scan_amount(text: &str, i: usize, prefix: Option<&str>) -> Result<Amount, usize> {
    let b = text.as_bytes();
    let Some(n1) = scan_number(b, i) else {
        return Err(i + 1);
    };
    if n1.bad {
        return Err(n1.end);
    }
    let (first_end, s1) = match scan_scale(text, n1.end) {
        Some((e, s)) => (e, Some(s)),
        None => (n1.end, None),
    };
    let mut amount = Amount {
        end: first_end,
        low: (n1.mant, n1.exp.saturating_add(s1.unwrap_or(0))),
        high: None,
        scaled: s1.is_some(),
        plain: (n1.plain && s1.is_none()).then_some(n1.mant),
    };
    // Range?
    let Some(mut j) = dash_at(b, first_end) else {
        return Ok(amount);
    };
    if prefix.is_some_and(|p| starts(b, j, p)) {
        j += prefix.map_or(0, str::len);
    }
    let Some(n2) = scan_number(b, j).filter(|n| !n.bad) else {
        return Ok(amount);
    };
    let (end, s2) = match scan_scale(text, n2.end) {
        Some((e, s)) => (e, Some(s)),
        None => (n2.end, None),
    };
    let high = (n2.mant, n2.exp.saturating_add(s2.unwrap_or(0)));
    let high_v = value(high.0, high.1);
    let mut low = amount.low;
    match (s1, s2) {
        (Some(_), None) => return Ok(amount),
        (None, Some(s)) => {
            let scaled = (n1.mant, n1.exp.saturating_add(s));
            if value(scaled.0, scaled.1) <= high_v {
                low = scaled;
            }
        }
        _ => {}
    }
    if value(low.0, low.1) > high_v {
        return Ok(amount);
    }
    amount.low = low;
    amount.high = Some(high);
    amount.end = end;
    amount.scaled |= s2.is_some();
    amount.plain = None;
    Ok(amount)
}

/// Turn an amount into a `Money`, applying the unit's power of ten (-2 for
/// cents); `None` if it does not fit an `f64`.
fn money(
    start: usize,
    end: usize,
    a: &Amount,
    unit_exp: i64,
    currency: &'static str,
) -> Option<Money> {
    let amount = value(a.low.0, a.low.1.saturating_add(unit_exp));
    let amount_max = a.high.map(|(m, e)| value(m, e.saturating_add(unit_exp)));
    (amount.is_finite() && amount_max.is_none_or(f64::is_finite)).then_some(Money {
        start,
        end,
        amount,
        amount_max,
        currency,
    })
}

fn try_at(text: &str, i: usize) -> Step {
    let b = text.as_bytes();
    let c = byte(b, i);
    if c.is_ascii_digit() {
        return try_number_first(text, i);
    }
    // A prefix: symbol, dollar prefix, Rs, ISO code.
    let mut found: Option<(usize, &'static str, &'static str)> = None;
    if c == b'$' && starts(b, i, "$US") && !byte(b, i + 3).is_ascii_alphabetic() {
        found = Some((i + 3, "USD", "$US"));
    }
    if found.is_none() {
        found = SYMBOLS
            .iter()
            .find(|(s, _)| starts(b, i, s))
            .map(|&(s, code)| (i + s.len(), code, s));
    }
    if found.is_none() && c.is_ascii_uppercase() {
        if alnum_before(text, i) {
            return Step::Skip(i + 1);
        }
        found = PREFIXES
            .iter()
            .find(|(p, _)| starts(b, i, p))
            .map(|&(p, code)| (i + p.len(), code, p))
            .or_else(|| {
                ISO_CODES
                    .iter()
                    .find(|code| starts(b, i, code) && !byte(b, i + 3).is_ascii_alphabetic())
                    .map(|&code| (i + 3, code, code))
            });
    }
    let Some((after, currency, prefix)) = found else {
        return Step::Skip(i + 1);
    };
    let at = after + space_at(b, after);
    if !is_digit(b, at) {
        return Step::Skip(after);
    }
    match scan_amount(text, at, Some(prefix)) {
        Err(skip) => Step::Skip(skip),
        Ok(a) => {
            if alnum_at(text, a.end) {
                return Step::Skip(a.end);
            }
            match money(i, a.end, &a, 0, currency) {
                Some(m) => Step::Found(m),
                None => Step::Skip(a.end),
            }
        }
    }
}

/// An expression that starts with its number ("300 million euros").
fn try_number_first(text: &str, i: usize) -> Step {
    let b = text.as_bytes();
    // Skip the whole digit run if it is glued to a word ("A380", "G8") or
    // follows a decimal point.
    if alnum_before(text, i)
        || (i > 0 && matches!(byte(b, i - 1), b'.' | b',') && is_digit(b, i.wrapping_sub(2)))
    {
        let mut j = i;
        while is_digit(b, j) {
            j += 1;
        }
        return Step::Skip(j);
    }
    let a = match scan_amount(text, i, None) {
        Ok(a) => a,
        Err(skip) => return Step::Skip(skip),
    };
    let suffix = scan_suffix(text, i, &a);
    let skip = scan_number(b, i).map_or(i + 1, |n| n.end);
    match suffix {
        Some((end, currency, unit_exp)) => match money(i, end, &a, unit_exp, currency) {
            Some(m) => Step::Found(m),
            None => Step::Skip(end),
        },
        None => Step::Skip(skip),
    }
}

/// The currency after the amount `a` (which starts at `start`): end,
/// currency, power of ten of the unit.
fn scan_suffix(text: &str, start: usize, a: &Amount) -> Option<(usize, &'static str, i64)> {
    let b = text.as_bytes();
    let at = a.end;
    // "20p": pence, attached.
    if byte(b, at) == b'p' && !a.scaled && !alnum_at(text, at + 1) {
        if a.plain.is_some_and(|v| RESOLUTIONS.contains(&v)) {
            return None;
        }
        return Some((at + 1, "GBP", -2));
    }
    let sp = space_at(b, at);
    let may_start = |c: u8| c.is_ascii_alphabetic() || c == b'$' || c >= 0x80;
    if !may_start(byte(b, at)) && !may_start(byte(b, at + sp)) {
        return None;
    }
    // "5€", "5 €" (but not "5 $6").
    for &(s, code) in SYMBOLS {
        for k in [at, at + sp] {
            if starts(b, k, s) {
                let e = k + s.len();
                if !is_digit(b, e + space_at(b, e)) {
                    return Some((e, code, 0));
                }
            }
        }
    }
    for k in [at, at + sp] {
        // "5m USD".
        if let Some(&code) = ISO_CODES
            .iter()
            .find(|code| word_at(text, k, code).is_some())
        {
            return Some((k + 3, code, 0));
        }
        // "30 Swiss francs", "5 million Australian dollars".
        for &(q, family, code) in QUALIFIED {
            let Some(qe) = word_at(text, k, q) else {
                continue;
            };
            let w = qe + space_at(b, qe);
            let found = if w > qe {
                family.iter().find_map(|f| word_at(text, w, f))
            } else {
                None
            };
            if let Some(e) = found {
                if family == WON && !a.scaled {
                    return None;
                }
                return Some((e, code, 0));
            }
        }
        for wd in WORDS {
            let Some(e) = word_at(text, k, wd.word) else {
                continue;
            };
            let ok = match wd.kind {
                Kind::Plain => true,
                Kind::NeedsScale => a.scaled,
                Kind::Singular => byte(b, e) != b'-',
                Kind::Euro => {
                    let n = e + space_at(b, e);
                    byte(b, e) != b'-'
                        && word_at(text, n, "zone").is_none()
                        && word_at(text, n, "area").is_none()
                }
                Kind::Pound => {
                    return pounds(text, start, e, a.scaled);
                }
            };
            return ok.then_some((e, wd.code, wd.exp));
        }
    }
    None
}

/// `pounds` ending at `e`, in an expression starting at `start`: GBP or
/// weight (see the module documentation).
fn pounds(text: &str, start: usize, e: usize, scaled: bool) -> Option<(usize, &'static str, i64)> {
    let b = text.as_bytes();
    let n = e + space_at(b, e);
    if let Some(se) = word_at(text, n, "sterling") {
        return Some((se, "GBP", 0));
    }
    if byte(b, e) == b'-' {
        return None;
    }
    if scaled {
        return Some((e, "GBP", 0));
    }
    if WEIGHT_AFTER.iter().any(|w| word_at(text, n, w).is_some()) {
        return None;
    }
    // "700 pounds (320kg)".
    if byte(b, n) == b'(' {
        let mut j = n + 1;
        while is_digit(b, j) || matches!(byte(b, j), b'.' | b',') {
            j += 1;
        }
        j += space_at(b, j);
        if j > n + 1 && (starts(b, j, "kg") || starts(b, j, "kilo")) {
            return None;
        }
    }
    // "weighs 200 pounds", "lost 20 pounds".
    if start >= 1 && matches!(byte(b, start - 1), b' ' | b'\t' | b'\n') {
        let k = start - 1;
        let mut w = k;
        while w > 0 && byte(b, w - 1).is_ascii_alphabetic() {
            w -= 1;
        }
        let prev = b.get(w..k).unwrap_or_default();
        if WEIGHT_BEFORE
            .iter()
            .any(|x| prev.eq_ignore_ascii_case(x.as_bytes()))
        {
            return None;
        }
    }
    Some((e, "GBP", 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a user sees: the span's text, the amount, the upper bound, the
    /// currency.
    fn seen(text: &str) -> Vec<(&str, f64, Option<f64>, &'static str)> {
        find_money(text)
            .into_iter()
            .map(|m| (&text[m.start..m.end], m.amount, m.amount_max, m.currency))
            .collect()
    }

    /// The single amount in `text`, as (span, amount, currency).
    fn one(text: &str) -> (&str, f64, &'static str) {
        let got = seen(text);
        assert_eq!(got.len(), 1, "{text:?} gave {got:?}");
        assert_eq!(got[0].2, None, "{text:?} gave a range");
        (got[0].0, got[0].1, got[0].3)
    }

    fn none(text: &str) {
        assert_eq!(seen(text), vec![], "{text:?}");
    }

    #[test]
    fn symbols_with_scales() {
        assert_eq!(
            one("raised $1.13bn last year"),
            ("$1.13bn", 1_130_000_000.0, "USD")
        );
        assert_eq!(one("a £600m deal"), ("£600m", 600_000_000.0, "GBP"));
        assert_eq!(one("worth $639m."), ("$639m", 639_000_000.0, "USD"));
        assert_eq!(
            one("profits of $11.1bn,"),
            ("$11.1bn", 11_100_000_000.0, "USD")
        );
        assert_eq!(one("only €5"), ("€5", 5.0, "EUR"));
        assert_eq!(
            one("about €5.2 billion in"),
            ("€5.2 billion", 5_200_000_000.0, "EUR")
        );
        assert_eq!(one("cost ¥300 each"), ("¥300", 300.0, "JPY"));
        assert_eq!(one("₹40 crore for"), ("₹40 crore", 400_000_000.0, "INR"));
        assert_eq!(one("₹5 lakh"), ("₹5 lakh", 500_000.0, "INR"));
        assert_eq!(one("a $2 trillion package"), ("$2 trillion", 2e12, "USD"));
        assert_eq!(one("£35bn"), ("£35bn", 35e9, "GBP"));
        assert_eq!(one("$5m"), ("$5m", 5e6, "USD"));
        assert_eq!(one("$5mn"), ("$5mn", 5e6, "USD"));
        assert_eq!(one("$5 m for"), ("$5 m", 5e6, "USD"));
        assert_eq!(one("$5M"), ("$5M", 5e6, "USD"));
        assert_eq!(one("$5B"), ("$5B", 5e9, "USD"));
        assert_eq!(one("$5k"), ("$5k", 5e3, "USD"));
        assert_eq!(one("$5 thousand"), ("$5 thousand", 5e3, "USD"));
        assert_eq!(one("$1.1tn"), ("$1.1tn", 1.1e12, "USD"));
        assert_eq!(one("fees of $550,000."), ("$550,000", 550_000.0, "USD"));
        assert_eq!(one("$1,200,000"), ("$1,200,000", 1_200_000.0, "USD"));
        assert_eq!(one("costs $1.5"), ("$1.5", 1.5, "USD"));
        assert_eq!(one("up to $16bn."), ("$16bn", 16e9, "USD"));
        assert_eq!(one("€ 5"), ("€ 5", 5.0, "EUR"));
        assert_eq!(one("£2.50 a leg"), ("£2.50", 2.5, "GBP"));
        assert_eq!(one("$0"), ("$0", 0.0, "USD"));
        assert_eq!(one("a £20bn-a-year"), ("£20bn", 20e9, "GBP"));
        assert_eq!(one("the $5bn's"), ("$5bn", 5e9, "USD"));
        assert_eq!(one("₽100"), ("₽100", 100.0, "RUB"));
    }

    #[test]
    fn dollar_prefixes() {
        assert_eq!(one("more than US$370m (x)"), ("US$370m", 370e6, "USD"));
        assert_eq!(one("US$5"), ("US$5", 5.0, "USD"));
        assert_eq!(one("the company at A$3m"), ("A$3m", 3e6, "AUD"));
        assert_eq!(one("A$4.67."), ("A$4.67", 4.67, "AUD"));
        assert_eq!(one("C$10"), ("C$10", 10.0, "CAD"));
        assert_eq!(one("NZ$2bn"), ("NZ$2bn", 2e9, "NZD"));
        assert_eq!(one("was HK$327m"), ("HK$327m", 327e6, "HKD"));
        assert_eq!(one("S$5"), ("S$5", 5.0, "SGD"));
        assert_eq!(one("R$100"), ("R$100", 100.0, "BRL"));
        assert_eq!(one("$US5m"), ("$US5m", 5e6, "USD"));
        assert_eq!(one("Rs 500"), ("Rs 500", 500.0, "INR"));
        assert_eq!(one("Rs.500"), ("Rs.500", 500.0, "INR"));
        assert_eq!(one("Rs 40 crore"), ("Rs 40 crore", 4e8, "INR"));
    }

    #[test]
    fn iso_codes() {
        assert_eq!(one("USD 5m"), ("USD 5m", 5e6, "USD"));
        assert_eq!(one("EUR 300"), ("EUR 300", 300.0, "EUR"));
        assert_eq!(one("GBP 1.2bn"), ("GBP 1.2bn", 1.2e9, "GBP"));
        assert_eq!(one("USD5m"), ("USD5m", 5e6, "USD"));
        assert_eq!(one("5m USD"), ("5m USD", 5e6, "USD"));
        assert_eq!(one("300 EUR."), ("300 EUR", 300.0, "EUR"));
        assert_eq!(one("5 million CHF"), ("5 million CHF", 5e6, "CHF"));
    }

    #[test]
    fn currency_words() {
        assert_eq!(
            one("spent 300 million euros"),
            ("300 million euros", 3e8, "EUR")
        );
        assert_eq!(
            one("some 5 billion dollars"),
            ("5 billion dollars", 5e9, "USD")
        );
        assert_eq!(
            one("pay 10,000 pounds in fines"),
            ("10,000 pounds", 10_000.0, "GBP")
        );
        assert_eq!(one("fell 65 cents to"), ("65 cents", 0.65, "USD"));
        assert_eq!(one("50 cents"), ("50 cents", 0.5, "USD"));
        assert_eq!(one("for 20p"), ("20p", 0.2, "GBP"));
        assert_eq!(one("it is 60p.\""), ("60p", 0.6, "GBP"));
        assert_eq!(one("up 8.5p, or"), ("8.5p", 0.085, "GBP"));
        assert_eq!(one("16.75 pence"), ("16.75 pence", 0.1675, "GBP"));
        assert_eq!(one("2.5 million yen"), ("2.5 million yen", 2.5e6, "JPY"));
        assert_eq!(one("497bn yen (x)"), ("497bn yen", 497e9, "JPY"));
        assert_eq!(one("100 yuan"), ("100 yuan", 100.0, "CNY"));
        assert_eq!(one("1,000 rupees"), ("1,000 rupees", 1000.0, "INR"));
        assert_eq!(one("30 Swiss francs"), ("30 Swiss francs", 30.0, "CHF"));
        assert_eq!(one("1bn Swiss francs (x"), ("1bn Swiss francs", 1e9, "CHF"));
        assert_eq!(one("261bn roubles,"), ("261bn roubles", 261e9, "RUB"));
        assert_eq!(one("50 rubles"), ("50 rubles", 50.0, "RUB"));
        assert_eq!(one("40 crore rupees"), ("40 crore rupees", 4e8, "INR"));
        assert_eq!(
            one("5 million Australian dollars"),
            ("5 million Australian dollars", 5e6, "AUD")
        );
        assert_eq!(
            one("10 Hong Kong dollars"),
            ("10 Hong Kong dollars", 10.0, "HKD")
        );
        assert_eq!(
            one("9 Pakistani rupees"),
            ("9 Pakistani rupees", 9.0, "PKR")
        );
        assert_eq!(one("100 trillion won ("), ("100 trillion won", 1e14, "KRW"));
        assert_eq!(
            one("5 million pounds sterling"),
            ("5 million pounds sterling", 5e6, "GBP")
        );
        assert_eq!(one("5 euro"), ("5 euro", 5.0, "EUR"));
        assert_eq!(one("1 dollar"), ("1 dollar", 1.0, "USD"));
        assert_eq!(one("to 40 euro cents,"), ("40 euro cents", 0.4, "EUR"));
        assert_eq!(
            one("rose to 57.85 Swiss francs in"),
            ("57.85 Swiss francs", 57.85, "CHF")
        );
        assert_eq!(one("of 10.8bn kronor"), ("10.8bn kronor", 10.8e9, "SEK"));
        assert_eq!(
            one("1.90 Canadian dollars"),
            ("1.90 Canadian dollars", 1.9, "CAD")
        );
        assert_eq!(one("1 U.S. dollar"), ("1 U.S. dollar", 1.0, "USD"));
        assert_eq!(one("5 €"), ("5 €", 5.0, "EUR"));
        assert_eq!(one("5€ each"), ("5€", 5.0, "EUR"));
        assert_eq!(
            one("5\u{a0}million\u{a0}euros"),
            ("5\u{a0}million\u{a0}euros", 5e6, "EUR")
        );
    }

    #[test]
    fn pounds_money_or_weight() {
        assert_eq!(one("10,000 pounds"), ("10,000 pounds", 10_000.0, "GBP"));
        assert_eq!(
            one("200 pounds sterling"),
            ("200 pounds sterling", 200.0, "GBP")
        );
        assert_eq!(
            one("5 million pounds of public money"),
            ("5 million pounds", 5e6, "GBP")
        );
        none("700 pounds (320kg). A");
        none("500 pounds of explosives");
        none("she lost 20 pounds");
        none("it weighs 200 pounds");
        none("10 pounds heavier");
        none("pound for pound the best");
        none("Ezra Pounds 1920");
        none("bought 12 Pounds");
    }

    #[test]
    fn ranges() {
        assert_eq!(seen("$5-6bn"), vec![("$5-6bn", 5e9, Some(6e9), "USD")]);
        assert_eq!(
            seen("$10-25m to make"),
            vec![("$10-25m", 10e6, Some(25e6), "USD")]
        );
        assert_eq!(
            seen("payout of $6.0-$6.5 per"),
            vec![("$6.0-$6.5", 6.0, Some(6.5), "USD")]
        );
        assert_eq!(
            seen("$2-$3.8 trillion"),
            vec![("$2-$3.8 trillion", 2e12, Some(3.8e12), "USD")]
        );
        assert_eq!(
            seen("the $40-40.25 range"),
            vec![("$40-40.25", 40.0, Some(40.25), "USD")]
        );
        assert_eq!(
            seen("£19\u{2013}£29"),
            vec![("£19\u{2013}£29", 19.0, Some(29.0), "GBP")]
        );
        assert_eq!(
            seen("£500m-1bn"),
            vec![("£500m-1bn", 5e8, Some(1e9), "GBP")]
        );
        assert_eq!(
            seen("for 11-14 euros a share"),
            vec![("11-14 euros", 11.0, Some(14.0), "EUR")]
        );
        assert_eq!(
            seen("5-6 million euros"),
            vec![("5-6 million euros", 5e6, Some(6e6), "EUR")]
        );
        assert_eq!(
            seen("$50-100,000."),
            vec![("$50-100,000", 50.0, Some(100_000.0), "USD")]
        );
        // Not ranges.
        assert_eq!(
            seen("$500-6bn"),
            vec![("$500-6bn", 500.0, Some(6e9), "USD")]
        );
        assert_eq!(seen("$6-5"), vec![("$6", 6.0, None, "USD")]);
        assert_eq!(seen("$5bn-6 x"), vec![("$5bn", 5e9, None, "USD")]);
        assert_eq!(seen("$5m-a-year"), vec![("$5m", 5e6, None, "USD")]);
        assert_eq!(
            seen("rose $1.64 to $47.10"),
            vec![("$1.64", 1.64, None, "USD"), ("$47.10", 47.1, None, "USD")]
        );
    }

    #[test]
    fn not_money() {
        none("5 million people");
        none("$");
        none("$ alone");
        none("in 2015");
        none("the dollar fell");
        none("the euro zone");
        none("16 euro zone countries");
        none("12 euro-zone members");
        none("M&S");
        assert_eq!(one("a £5 M&S voucher"), ("£5", 5.0, "GBP"));
        none("A380 million");
        none("the 1080p screen and 720p");
        none("20pc of");
        none("5 per cent");
        none("we won 5 games, 3 won");
        none("5 real people");
        none("100 pesos");
        none("$1.2.3");
        none("€1,5 million");
        none("$5x");
        none("version 1.5.2 dollars");
        none("3 Pounds");
        none("USDA 5");
        none("xUSD 5");
    }

    #[test]
    fn bbc_phrases() {
        assert_eq!(
            seen("rose 56% to 1.16bn euros ($1.5bn; £800m), and"),
            vec![
                ("1.16bn euros", 1.16e9, None, "EUR"),
                ("$1.5bn", 1.5e9, None, "USD"),
                ("£800m", 8e8, None, "GBP"),
            ]
        );
        assert_eq!(
            seen("fell from 97p ($1.87) to 44p"),
            vec![
                ("97p", 0.97, None, "GBP"),
                ("$1.87", 1.87, None, "USD"),
                ("44p", 0.44, None, "GBP")
            ]
        );
        assert_eq!(
            seen("8.16 million euros (about US$10.6 million)"),
            vec![
                ("8.16 million euros", 8.16e6, None, "EUR"),
                ("US$10.6 million", 10.6e6, None, "USD"),
            ]
        );
        assert_eq!(
            seen("sales of $32bn (£16.7bn; 24.1bn euros)"),
            vec![
                ("$32bn", 32e9, None, "USD"),
                ("£16.7bn", 16.7e9, None, "GBP"),
                ("24.1bn euros", 24.1e9, None, "EUR"),
            ]
        );
        assert_eq!(
            seen("between £190m and £265m annually"),
            vec![
                ("£190m", 1.9e8, None, "GBP"),
                ("£265m", 2.65e8, None, "GBP")
            ]
        );
    }

    #[test]
    fn offsets_and_order() {
        let text = "Café owner paid €5 — then £6m, then 7 yen.";
        let got = find_money(text);
        assert_eq!(got.len(), 3);
        for w in got.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for m in &got {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        assert_eq!(&text[got[0].start..got[0].end], "€5");
        let mut out = vec![Money {
            start: 0,
            end: 0,
            amount: 1.0,
            amount_max: None,
            currency: "XXX",
        }];
        find_money_into(text, &mut out);
        assert_eq!(out.len(), 4);
        assert_eq!(out[1..], got[..]);
    }

    #[test]
    fn garbage_does_not_panic() {
        for text in [
            "",
            "$$$",
            "$.",
            "$1.2.3",
            "$,",
            "£",
            "€",
            "\u{20ac}\u{a0}",
            "US$",
            "Rs",
            "Rs.",
            "5-",
            "$5-",
            "$5-$",
            "$5–",
            "1,",
            "1,00",
            "1.",
            "pounds",
            "5 pounds (",
            "5 pounds (1",
            "\u{a0}5\u{a0}",
            "ééé5€€€",
            "𝟓 $𝟓 ₹₹",
            "\u{2013}\u{2013}5\u{2013}",
            "A$",
            "NZ$x",
            "$US",
            "USD",
            "EUR EUR 5 5 EUR",
        ] {
            for m in find_money(text) {
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                assert!(m.start < m.end && m.end <= text.len());
            }
        }
        // Every prefix and suffix of a mixed string.
        let mixed = "£5m–6m, ₹40 crore $1,2 US$3.5bn 10 pounds (4kg) 20p € 5 ¥";
        for (i, _) in mixed.char_indices() {
            let _ = find_money(&mixed[i..]);
            let _ = find_money(&mixed[..i]);
        }
    }

    /// Random strings over a money-heavy alphabet: offsets stay on char
    /// boundaries, in order, non-overlapping; amounts stay finite.
    #[test]
    fn random_strings_keep_invariants() {
        let pieces = [
            "$", "£", "€", "₹", "¥", "US", "A$", "Rs", "USD", "EUR", "1", "5", "0", "99", ".", ",",
            "-", "\u{2013}", " ", "\u{a0}", "m", "bn", "k", "M", "million", " crore", "p", "pence",
            " pounds", " euros", " of", "(3kg)", "sterling", "é", "🙂", "won", "zone", "\n",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut out = Vec::new();
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let k = usize::try_from(seed >> 33).unwrap() % pieces.len();
                text.push_str(pieces[k]);
            }
            out.clear();
            find_money_into(&text, &mut out);
            let mut last = 0;
            for m in &out {
                assert!(
                    last <= m.start && m.start < m.end && m.end <= text.len(),
                    "{text:?}"
                );
                assert!(
                    text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
                    "{text:?}"
                );
                assert!(m.amount.is_finite() && m.amount >= 0.0, "{text:?}");
                if let Some(max) = m.amount_max {
                    assert!(max.is_finite() && max >= m.amount, "{text:?}");
                }
                last = m.end;
            }
        }
    }

    #[test]
    fn huge_numbers() {
        let got = seen("$99999999999999999999999bn");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "$99999999999999999999999bn");
        assert!(got[0].1.is_finite() && (got[0].1 / 1e32 - 1.0).abs() < 1e-9);
        let long = format!("${}bn", "9".repeat(500));
        assert_eq!(seen(&long), vec![]);
        let tiny = format!("$0.{}1", "0".repeat(500));
        assert!(seen(&tiny).iter().all(|m| m.1.is_finite()));
        let digits = "1".repeat(100_000);
        assert_eq!(seen(&digits), vec![]);
    }
}
