//! The word lists of the finder (the shared ones are in the crate's lexicon).

/// Nouns of saying and believing that take a "that" clause ("the claim
/// that ...", "his warning that ...").
pub(super) const NOUN_THAT: &[&str] = &[
    "accusation",
    "accusations",
    "admission",
    "allegation",
    "allegations",
    "argument",
    "assertion",
    "assurance",
    "belief",
    "claim",
    "claims",
    "complaint",
    "concern",
    "concerns",
    "contention",
    "denial",
    "doubts",
    "expectation",
    "fear",
    "fears",
    "insistence",
    "message",
    "notion",
    "prediction",
    "promise",
    "suggestion",
    "view",
    "warning",
];

/// Words before a noun: a cue word after one is no verb.
pub(super) const NOUN_BEFORE: &[&str] = &[
    "a", "an", "another", "each", "eight", "every", "five", "four", "her", "his", "its", "my",
    "nine", "our", "seven", "six", "ten", "the", "their", "these", "those", "three", "two", "your",
];

/// Determiners that open a noun phrase and never stand alone: articles,
/// possessive determiners ("her" excepted: "made her think") and
/// quantifiers that are never a subject of their own ("several oppose",
/// "another said" have one).
pub(super) const DETERMINERS: &[&str] = &[
    "a", "an", "every", "his", "its", "my", "our", "the", "their", "various", "your",
];

/// Pronouns and relatives that are a subject ("it plans", "who attacks").
pub(super) const SUBJECTS: &[&str] = &["he", "it", "she", "that", "this", "what", "which", "who"];

/// Prepositions: a phrase right after one is its object, not a subject.
pub(super) const PREPOSITIONS: &[&str] = &[
    "about", "after", "against", "amid", "among", "at", "before", "between", "by", "despite",
    "during", "for", "from", "in", "into", "of", "on", "over", "through", "under", "with",
    "without",
];

/// Nouns of stance and intention that take their object with a
/// preposition ("his support for", "her attacks on", "their plan to").
pub(super) const NOUN_PREP: &[&str] = &[
    "attack",
    "attacks",
    "call",
    "calls",
    "comment",
    "comments",
    "commitment",
    "complaint",
    "complaints",
    "concern",
    "concerns",
    "condemnation",
    "criticism",
    "decision",
    "defense",
    "demand",
    "demands",
    "doubts",
    "embrace",
    "endorsement",
    "fears",
    "hopes",
    "objections",
    "opposition",
    "plan",
    "plans",
    "pledge",
    "position",
    "praise",
    "promise",
    "proposal",
    "push",
    "question",
    "questions",
    "refusal",
    "rejection",
    "remarks",
    "skepticism",
    "stance",
    "support",
    "threat",
    "view",
    "views",
    "vow",
    "warning",
    "warnings",
];

/// Prepositions after a noun of `NOUN_PREP`.
pub(super) const NOUN_PREPS: &[&str] = &[
    "about", "against", "for", "of", "on", "to", "toward", "towards",
];

/// Prepositions after which a word that is a plural noun or a verb of
/// stance is the noun ("talks with", "attacks in").
pub(super) const NOUN_NOT_VERB_PREPS: &[&str] = &[
    "after", "amid", "at", "between", "during", "from", "in", "into", "on", "over", "with",
];

/// Stance verbs in -s that are nouns in news far more often than verbs
/// ("peace talks", "held talks about"): the verb reading needs a subject.
pub(super) const NOUN_FIRST: &[&str] = &["talks"];

/// A verb and a preposition that stay a verb together, where the
/// preposition would otherwise make the word a noun ("calls on").
pub(super) const PHRASAL_VERBS: &[(&str, &str)] = &[("calls", "on")];

/// Prepositions before a gerund whose subject is the clause's ("by
/// saying", "while criticizing").
pub(super) const GERUND_PREPOSITIONS: &[&str] = &[
    "about", "after", "before", "by", "for", "in", "of", "on", "upon", "when", "while", "without",
];

pub(super) const POSSESSIVES: &[&str] = &["her", "his", "its", "my", "our", "their", "your"];

/// More verbs of stance and view.
pub(super) const MORE_STANCE: &[&str] = &[
    "assail",
    "assailed",
    "assailing",
    "assails",
    "blast",
    "challenged",
    "challenging",
    "chided",
    "chides",
    "chiding",
    "contradict",
    "contradicted",
    "contradicting",
    "contradicts",
    "downplay",
    "downplayed",
    "downplaying",
    "encourage",
    "encouraged",
    "encourages",
    "encouraging",
    "eviscerated",
    "hailed",
    "hailing",
    "hails",
    "heralded",
    "identified",
    "invoke",
    "invoked",
    "invokes",
    "invoking",
    "knocked",
    "knocking",
    "knocks",
    "liked",
    "listed",
    "named",
    "offered",
    "offering",
    "offers",
    "ordered",
    "outline",
    "outlined",
    "outlines",
    "outlining",
    "preferred",
    "preferring",
    "prohibit",
    "prohibiting",
    "prohibits",
    "recommend",
    "recommended",
    "recommending",
    "recommends",
    "restrict",
    "restricting",
    "ripped",
    "ripping",
    "rips",
    "satirizes",
    "satirizing",
    "savaged",
    "savaging",
    "saw",
    "sees",
    "signed",
    "tackled",
    "tackles",
    "tackling",
    "underplay",
    "underplaying",
    "underplays",
    "unveil",
    "unveiled",
    "unveiling",
    "unveils",
    "vetoed",
    "vetoing",
    "viewed",
    "views",
    "voided",
];

/// Verbs that state a view or a message only with a "that" or "as"
/// complement ("sees the deal as a threat", "posted that ..."), and
/// otherwise see or publish things ("saw profits slump", "posted a loss").
pub(super) const PERCEPTION: &[&str] = &["post", "posted", "posts", "saw", "see", "sees"];

/// Adverbs of hearsay: the rest of the sentence is attributed.
pub(super) const HEARSAY: &[&str] = &["allegedly", "reportedly"];

/// Forms of "ask".
pub(super) const ASKED: &[&str] = &["ask", "asked", "asking", "asks"];

/// Words that open an indirect question ("asked whether ...").
pub(super) const WH: &[&str] = &[
    "about", "how", "if", "what", "when", "where", "whether", "which", "who", "why",
];

/// Words that start an adjunct between a cue and its clause.
pub(super) const ADJUNCT_START: &[&str] = &[
    "after", "at", "before", "during", "earlier", "in", "last", "on", "this", "to", "when", "while",
];

/// Verbs that label: "called it “a disgrace”".
pub(super) const CALLED: &[&str] = &[
    "branded",
    "called",
    "calling",
    "calls",
    "described",
    "describes",
    "describing",
    "dubbed",
    "labeled",
    "labelled",
];
