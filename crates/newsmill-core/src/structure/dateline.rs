//! Datelines: "WASHINGTON (Reuters) -", "Moscow:".

/// Known news agencies, as written inside the brackets.
#[rustfmt::skip]
pub(super) const AGENCIES: &[&str] = &[
    "AP", "AFP", "Reuters", "REUTERS", "UPI", "dpa", "DPA", "Bloomberg", "CNN", "Xinhua",
    "XINHUA", "IANS", "PTI", "ANI", "TASS", "Tass", "EFE", "ANSA", "Kyodo", "Yonhap",
    "Bernama", "BERNAMA", "IRNA", "AA", "Sputnik", "RIA Novosti", "Interfax", "KUNA", "WAM",
    "MENA", "Anadolu", "CNA", "APA", "CP", "AAP", "PA", "BBC", "The Hill", "Reuters Health",
    "HealthDay News", "Business Wire", "PRNewswire", "GLOBE NEWSWIRE", "ABC News",
    "CBS News", "NBC News", "Fox News", "AP Photo",
];

/// Place names accepted with weaker evidence (a `:` separator, or a place
/// in ordinary capitalisation before a dash): news cities and countries.
#[rustfmt::skip]
pub(super) const PLACES: &[&str] = &[
    "Abu Dhabi", "Abuja", "Accra", "Addis Ababa", "Ahmedabad", "Aleppo", "Algiers",
    "Almaty", "Amman", "Amsterdam", "Ankara", "Athens", "Atlanta", "Auckland", "Austin",
    "Baghdad", "Baku", "Baltimore", "Bangalore", "Bengaluru", "Bangkok", "Barcelona",
    "Beijing", "Beirut", "Belfast", "Belgrade", "Berlin", "Bern", "Bogota", "Boston",
    "Brasilia", "Bratislava", "Brussels", "Bucharest", "Budapest", "Buenos Aires", "Cairo",
    "Calcutta", "Canberra", "Cape Town", "Caracas", "Chennai", "Chicago", "Colombo",
    "Copenhagen", "Dakar", "Dallas", "Damascus", "Dar es Salaam", "Davos", "Delhi",
    "Denver", "Detroit", "Dhaka", "Doha", "Dubai", "Dublin", "Durban", "Edinburgh",
    "Frankfurt", "Gaza", "Geneva", "Glasgow", "Guangzhou", "Hanoi", "Harare", "Havana",
    "Helsinki", "Ho Chi Minh City", "Hong Kong", "Honolulu", "Houston", "Hyderabad",
    "Islamabad", "Istanbul", "Jakarta", "Jeddah", "Jerusalem", "Johannesburg", "Kabul",
    "Kampala", "Karachi", "Kathmandu", "Khartoum", "Kiev", "Kigali", "Kinshasa", "Kolkata",
    "Kuala Lumpur", "Kuwait City", "Kyiv", "Lagos", "Lahore", "Las Vegas", "Lima", "Lisbon",
    "Ljubljana", "London", "Los Angeles", "Luanda", "Lucknow", "Luxembourg", "Madrid",
    "Managua", "Manila", "Melbourne", "Mexico City", "Miami", "Milan", "Minsk", "Mogadishu",
    "Montreal", "Moscow", "Mumbai", "Munich", "Muscat", "Nairobi", "New Delhi",
    "New Orleans", "New York", "Nicosia", "Oslo", "Ottawa", "Paris", "Peshawar",
    "Philadelphia", "Phnom Penh", "Prague", "Pretoria", "Pyongyang", "Quito", "Rabat",
    "Rangoon", "Riga", "Rio de Janeiro", "Riyadh", "Rome", "San Francisco", "Santiago",
    "Sao Paulo", "Sarajevo", "Seattle", "Seoul", "Shanghai", "Shenzhen", "Singapore",
    "Skopje", "Sofia", "Srinagar", "St. Petersburg", "Stockholm", "Sydney", "Taipei",
    "Tallinn", "Tashkent", "Tbilisi", "Tehran", "Tel Aviv", "The Hague", "Tokyo", "Toronto",
    "Tripoli", "Tunis", "Ulaanbaatar", "Vancouver", "Vatican City", "Vienna", "Vilnius",
    "Warsaw", "Washington", "Wellington", "Yangon", "Yerevan", "Zagreb", "Zurich",
    "Afghanistan", "Algeria", "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan",
    "Bahrain", "Bangladesh", "Belarus", "Belgium", "Bolivia", "Bosnia", "Brazil", "Britain",
    "Bulgaria", "Cambodia", "Cameroon", "Canada", "Chile", "China", "Colombia", "Croatia",
    "Cuba", "Cyprus", "Denmark", "Ecuador", "Egypt", "England", "Estonia", "Ethiopia",
    "Finland", "France", "Georgia", "Germany", "Ghana", "Greece", "Hungary", "Iceland",
    "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Japan", "Jordan",
    "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Latvia", "Lebanon", "Libya", "Lithuania",
    "Malaysia", "Mali", "Mexico", "Moldova", "Mongolia", "Morocco", "Myanmar", "Nepal",
    "Netherlands", "New Zealand", "Nigeria", "North Korea", "Norway", "Oman", "Pakistan",
    "Palestine", "Panama", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania",
    "Russia", "Rwanda", "Saudi Arabia", "Scotland", "Senegal", "Serbia", "Slovakia",
    "Slovenia", "Somalia", "South Africa", "South Korea", "Spain", "Sri Lanka", "Sudan",
    "Sweden", "Switzerland", "Syria", "Taiwan", "Tanzania", "Thailand", "Tunisia", "Turkey",
    "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom", "United States",
    "Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Wales", "Yemen", "Zambia", "Zimbabwe",
];

/// Words that never belong to a dateline place (compared without case).
#[rustfmt::skip]
pub(super) const NOT_PLACE: &[&str] = &[
    "a", "an", "i", "in", "on", "at", "by", "for", "and", "but", "or", "not", "no", "is",
    "are", "was", "were", "be", "it", "he", "she", "we", "they", "you", "this", "that",
    "what", "why", "how", "who", "when", "where", "if", "as", "so", "to", "with", "from",
    "my", "our", "his", "her", "their", "its", "update", "updated", "updates", "note",
    "editor's", "editor’s", "editors", "correction", "corrections", "clarification",
    "breaking", "exclusive", "watch", "video", "photos", "photo", "live", "opinion",
    "analysis", "commentary", "review", "excerpt", "transcript", "warning", "developing",
    "read", "related", "q", "question", "answer", "spoiler", "alert", "flash", "urgent",
    "bulletin", "news", "more", "plus", "also", "source", "sources", "image", "audio",
    "podcast", "interview", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president",
    "senator", "editorial", "letter", "letters", "summary", "abstract", "advertisement",
    "sponsored", "today", "yesterday", "tonight", "here", "there", "now", "then", "first",
    "last", "next", "chapter", "part", "step", "day", "week", "year", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "by",
];

/// Lower-case words allowed inside a place name ("Dar es Salaam").
#[rustfmt::skip]
pub(super) const CONNECTORS: &[&str] = &[
    "de", "del", "della", "da", "das", "do", "dos", "du", "des", "es", "la", "le", "les",
    "el", "al", "of", "on", "upon", "am", "an", "der", "den", "di", "sur", "en", "y",
];

#[rustfmt::skip]
pub(super) const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
];

/// A small cursor over one paragraph.
pub(super) struct Cur<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cur<'a> {
    fn rest(&self) -> &'a str {
        self.s.get(self.i..).unwrap_or("")
    }
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }
    /// Skip one space (or no-break space); true if one was there.
    fn space(&mut self) -> bool {
        match self.peek() {
            Some(c @ (' ' | '\u{a0}' | '\u{202f}')) => {
                self.i += c.len_utf8();
                true
            }
            _ => false,
        }
    }
    fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }
    /// A word: letters with inner `. ' ’ -`, and digits when `digits`.
    fn word(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let mut end = 0;
        for (j, c) in rest.char_indices() {
            if c.is_alphanumeric() || (j > 0 && matches!(c, '.' | '\'' | '’' | '-')) {
                end = j + c.len_utf8();
            } else {
                break;
            }
        }
        if end == 0 {
            return None;
        }
        let w = &rest[..end];
        self.i += end;
        Some(w)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum WordCase {
    Upper,
    Capital,
    Connector,
}

pub(super) fn in_list(list: &[&str], w: &str) -> bool {
    let w = w.trim_end_matches('.');
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

pub(super) fn place_word(w: &str) -> Option<WordCase> {
    let mut letters = 0usize;
    let mut upper = 0usize;
    for c in w.chars() {
        if c.is_numeric() {
            return None;
        }
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
    }
    if letters == 0 {
        return None;
    }
    let first_upper = w.chars().next().is_some_and(char::is_uppercase);
    if !first_upper {
        return in_list(CONNECTORS, w).then_some(WordCase::Connector);
    }
    if in_list(NOT_PLACE, w) {
        return None;
    }
    if letters == 1 && !w.ends_with('.') {
        return None;
    }
    Some(if upper == letters {
        WordCase::Upper
    } else {
        WordCase::Capital
    })
}

/// Parse a run of place words; returns (end, all in capitals, words).
pub(super) fn parse_place(c: &mut Cur<'_>, max_words: usize) -> Option<(usize, bool, usize)> {
    let start = c.i;
    let mut end = c.i;
    let mut words = 0usize;
    let mut all_upper = true;
    loop {
        let save = c.i;
        let Some(w) = c.word() else {
            c.i = save;
            break;
        };
        let Some(kind) = place_word(w) else {
            c.i = save;
            break;
        };
        if kind == WordCase::Connector {
            if words == 0 {
                c.i = save;
                break;
            }
        } else {
            if in_list(MONTHS, w) && words == 0 {
                c.i = save;
                break;
            }
            words += 1;
            all_upper &= kind == WordCase::Upper;
            end = c.i;
        }
        if words > max_words {
            return None;
        }
        let save = c.i;
        if !c.space() {
            break;
        }
        if c.peek().is_none_or(|ch| !ch.is_alphabetic()) {
            c.i = save;
            break;
        }
    }
    c.i = end;
    if words == 0 || end - start > 48 {
        return None;
    }
    Some((end, all_upper, words))
}

pub(super) fn all_digits(w: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
}

/// `1996-08-22`
pub(super) fn iso_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, x)| i == 4 || i == 7 || x.is_ascii_digit())
}

/// A date at the cursor: `Nov. 19`, `March 3, 2016`, `5 Jan`, `1996-08-22`.
pub(super) fn parse_date(c: &mut Cur<'_>) -> bool {
    let save = c.i;
    let Some(w) = c.word() else {
        return false;
    };
    if iso_date(w) {
        return true;
    }
    if in_list(MONTHS, w) {
        if c.space()
            && let Some(d) = c.word()
            && all_digits(d.trim_end_matches(','), 1, 2)
        {
            let after_day = c.i;
            // Optional year.
            let _ = c.eat(",");
            if c.space()
                && let Some(y) = c.word()
                && all_digits(y, 4, 4)
            {
                return true;
            }
            c.i = after_day;
            return true;
        }
        c.i = save;
        return false;
    }
    if all_digits(w, 1, 2)
        && c.space()
        && let Some(m) = c.word()
        && in_list(MONTHS, m)
    {
        return true;
    }
    c.i = save;
    false
}

/// `(AP)`: (end, known agency).
pub(super) fn parse_agency(c: &mut Cur<'_>) -> Option<(usize, bool)> {
    let save = c.i;
    if !c.eat("(") {
        return None;
    }
    let rest = c.rest();
    let close = rest.find(')')?;
    let name = &rest[..close];
    if close == 0 || close > 30 {
        c.i = save;
        return None;
    }
    let known = AGENCIES.contains(&name);
    let generic = name.split(' ').count() <= 3
        && name
            .split(' ')
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && name
            .chars()
            .all(|ch| ch.is_alphabetic() || ch == ' ' || ch == '.');
    if !known && !generic {
        c.i = save;
        return None;
    }
    c.i += close + 1;
    Some((c.i, known))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Sep {
    Dash,
    Colon,
    None,
}

/// After the dateline proper: the separator, or the end of the paragraph.
pub(super) fn parse_sep(c: &mut Cur<'_>) -> Option<Sep> {
    if c.at_end() {
        return Some(Sep::None);
    }
    let spaced = c.space();
    if spaced {
        c.space();
    }
    // The end of the paragraph or of the line: a dateline of its own.
    if matches!(c.peek(), None | Some('\n' | '\r')) {
        return Some(Sep::None);
    }
    let sep = if c.eat("—") || c.eat("–") || (spaced && (c.eat("--") || c.eat("-") || c.eat("_")))
    {
        Sep::Dash
    } else if !spaced && c.eat(":") {
        Sep::Colon
    } else {
        return None;
    };
    // After the separator: white space or the end; a letter or a quote
    // straight after an em/en dash ("ROME—The").
    match c.peek() {
        None => Some(sep),
        Some(ch) if ch.is_whitespace() => Some(sep),
        Some(ch) if sep == Sep::Dash && (ch.is_alphanumeric() || "\"“'‘".contains(ch)) => {
            Some(sep)
        }
        _ => None,
    }
}

/// The byte length of a dateline at the start of paragraph `p`.
pub(super) fn find_dateline(p: &str) -> Option<usize> {
    let first = p.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    let mut c = Cur { s: p, i: 0 };
    let mut end;
    let mut date = false;
    let mut region = false;
    let mut region_strong = false;
    let mut gazetteer = false;
    let mut all_upper = false;
    let mut agency = None;
    if parse_date(&mut c) {
        // "Dec 29 (Reuters) -": a date needs an agency.
        date = true;
        c.space();
        let (e, known) = parse_agency(&mut c)?;
        end = e;
        agency = Some(known);
    } else {
        let (e, upper, _) = parse_place(&mut c, 4)?;
        end = e;
        all_upper = upper;
        let place = &p[..e];
        gazetteer = in_list(PLACES, place);
        // "The ..." starts sentences; "The Hague" is the one place.
        let first_word = place.split([' ', '\u{a0}']).next().unwrap_or("");
        if first_word.eq_ignore_ascii_case("the") && !place.eq_ignore_ascii_case("the hague") {
            return None;
        }
        // ", Region" and ", Date", at most two groups.
        for _ in 0..2 {
            let save = c.i;
            if !c.eat(",") || !c.space() {
                c.i = save;
                break;
            }
            if parse_date(&mut c) {
                date = true;
                end = c.i;
                continue;
            }
            let rs = c.i;
            match parse_place(&mut c, 3) {
                Some((e, _, _)) if !region => {
                    let r = &p[rs..e];
                    region = true;
                    region_strong = r.ends_with('.') || in_list(PLACES, r);
                    end = e;
                }
                _ => {
                    c.i = save;
                    break;
                }
            }
        }
        // " 1996-08-22" (CoNLL).
        let save = c.i;
        if !date && c.space() && parse_date(&mut c) {
            date = true;
            end = c.i;
        } else {
            c.i = save;
        }
        c.space();
        if let Some((e, known)) = parse_agency(&mut c) {
            end = e;
            agency = Some(known);
        }
    }
    let strong = agency == Some(true) || date || gazetteer;
    let mut sc = Cur { s: p, i: end };
    let sep = match parse_sep(&mut sc) {
        Some(s) => s,
        None => {
            // "WASHINGTON (CNN) Donald Trump ...": a known agency and a
            // capitalised word.
            let mut tc = Cur { s: p, i: end };
            if agency == Some(true) && tc.space() && tc.peek().is_some_and(char::is_uppercase) {
                return Some(end);
            }
            return None;
        }
    };
    let ok = match sep {
        Sep::Colon => strong,
        // "Poland - a large member -" is a sentence: a place in ordinary
        // capitalisation needs an agency, a date or a state abbreviation.
        Sep::Dash => agency == Some(true) || date || all_upper || region_strong,
        // A dateline on its own line: "BRUSSELS 1996-08-22", "NAIROBI,
        // Kenya (AP) _" is a dash; a bare place is not enough.
        Sep::None => date || agency == Some(true),
    };
    ok.then_some(end)
}
