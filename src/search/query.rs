//! The query language of `vaultnet find` and the search itself.
//!
//! ```text
//! marathon berlin          both words (AND is the default)
//! pets OR dogs             either word; OR binds tighter than AND, so
//! sailing kiel OR lübeck   means sailing AND (kiel OR lübeck)
//! "home cooking"           a phrase
//! -work  NOT work          without the word
//! (a OR b) c               grouping
//! name: aliases: interest: tag: person: text:   one field
//! date:[2026-01-01 TO 2026-06-30]  date:2026-03  date:>=2026-01-01
//! ```
//!
//! A word without a field searches the name, aliases, interests and
//! text, boosted in that order, so the person a word names or describes
//! comes before a passing mention. Words are analysed like the index
//! (English stemming), so `pet` finds `pets`. The parser is hand-written
//! so that a bad query gets an error that says what is wrong and where.

use std::collections::{HashMap, HashSet};
use std::ops::Bound;

use chrono::NaiveDate;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Term, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::documents::{parse_ranges, LineRange};
use super::index::SearchIndex;
use super::schema::{analyzer, date_number, number_date, terms_of, DocKind, Fields};
use super::snippet::{surface_word, Cut, Snippets};
use crate::error::{Error, Result};
use crate::vault::names::{slug_form, NameIndex};

/// Field boosts of a word without a field.
const DEFAULT_FIELDS: [(Target, f32); 4] = [
    (Target::Name, 4.0),
    (Target::Aliases, 4.0),
    (Target::Interest, 2.0),
    (Target::Text, 1.0),
];

/// A field a word is looked for in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Default,
    Name,
    Aliases,
    Interest,
    Tag,
    Person,
    Company,
    Role,
    Location,
    Text,
}

impl Target {
    fn parse(name: &str) -> Option<Target> {
        Some(match name.to_lowercase().as_str() {
            "name" | "names" => Target::Name,
            "alias" | "aliases" => Target::Aliases,
            "interest" | "interests" => Target::Interest,
            "tag" | "tags" => Target::Tag,
            "person" | "people" => Target::Person,
            "company" | "org" => Target::Company,
            "role" | "title" => Target::Role,
            "location" | "city" => Target::Location,
            "text" => Target::Text,
            _ => return None,
        })
    }

    fn field(self, fields: &Fields) -> Field {
        match self {
            Target::Name => fields.name,
            Target::Aliases => fields.aliases,
            Target::Interest => fields.interest,
            Target::Tag => fields.tag,
            Target::Person => fields.person,
            Target::Company => fields.company,
            Target::Role => fields.role,
            Target::Location => fields.location,
            Target::Default | Target::Text => fields.text,
        }
    }
}

const FIELD_LIST: &str =
    "name:, aliases:, interest:, tag:, person:, company:, role:, location:, text:, date:";

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Words { target: Target, text: String },
    Dates(Bound<NaiveDate>, Bound<NaiveDate>),
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

/// A query checked and ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    node: Node,
}

/// Parses a query string; Err says what is wrong and where.
pub fn parse(text: &str) -> Result<Query> {
    // Bounded before anything else: the parser, the query tree and
    // tantivy's query all recurse, and a stack overflow is not an error
    // message (SPEC §6.1).
    if text.len() > MAX_QUERY_BYTES {
        return Err(Error::Query(format!(
            "the query is {} bytes long; the limit is {MAX_QUERY_BYTES}",
            text.len()
        )));
    }
    let tokens = lex(text)?;
    if tokens.is_empty() {
        return Err(Error::Query("the query is empty".into()));
    }
    let mut parser = Parser {
        tokens,
        at: 0,
        depth: 0,
    };
    let node = parser.sequence()?;
    if let Some(token) = parser.tokens.get(parser.at) {
        return Err(Error::Query(match token.kind {
            Tok::Close => format!("`)` at character {} closes no `(`", token.at),
            _ => format!("unexpected `{}` at character {}", token.text, token.at),
        }));
    }
    Ok(Query { node })
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word,
    Phrase,
    /// `field:` glued to what follows.
    Field,
    /// `[a TO b]` or `{a TO b}`, only after `date:`.
    Range,
    Open,
    Close,
    Or,
    And,
    Not,
    /// `-` glued to what follows.
    Minus,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Tok,
    text: String,
    /// 1-based character position, for messages.
    at: usize,
}

fn lex(text: &str) -> Result<Vec<Token>> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let glued = |i: usize| chars.get(i).is_some_and(|c| !c.is_whitespace());
    while i < chars.len() {
        let c = chars[i];
        let at = i + 1;
        let push = |tokens: &mut Vec<Token>, kind: Tok, text: String| {
            tokens.push(Token { kind, text, at });
        };
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                push(&mut tokens, Tok::Open, "(".into());
                i += 1;
            }
            ')' => {
                push(&mut tokens, Tok::Close, ")".into());
                i += 1;
            }
            '"' | '“' | '”' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|c| matches!(c, '"' | '“' | '”'))
                    .ok_or_else(|| {
                        Error::Query(format!(
                            "the quote at character {at} is never closed; add a closing `\"`"
                        ))
                    })?;
                let phrase: String = chars[i + 1..i + 1 + end].iter().collect();
                push(&mut tokens, Tok::Phrase, phrase);
                i += end + 2;
            }
            '-' | '!' if glued(i + 1) && chars[i + 1] != '-' => {
                push(&mut tokens, Tok::Minus, "-".into());
                i += 1;
            }
            '[' | '{'
                if tokens.last().is_some_and(|t: &Token| {
                    t.kind == Tok::Field && t.at + t.text.chars().count() + 1 == at
                }) =>
            {
                let close = if c == '[' { [']', '}'] } else { ['}', ']'] };
                let end = chars[i + 1..]
                    .iter()
                    .position(|c| close.contains(c))
                    .ok_or_else(|| {
                        Error::Query(format!(
                            "the range opened at character {at} is never closed; \
                             write `date:[2026-01-01 TO 2026-06-30]`"
                        ))
                    })?;
                let range: String = chars[i..=i + 1 + end].iter().collect();
                push(&mut tokens, Tok::Range, range);
                i += end + 2;
            }
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !matches!(chars[i], '(' | ')' | '"')
                {
                    i += 1;
                    // `field:` ends the token; what follows is its value.
                    if chars[i - 1] == ':' && i - start > 1 {
                        let name: String = chars[start..i - 1].iter().collect();
                        if name.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
                            break;
                        }
                    }
                }
                let word: String = chars[start..i].iter().collect();
                let kind = match word.as_str() {
                    "OR" | "||" => Tok::Or,
                    "AND" | "&&" => Tok::And,
                    "NOT" => Tok::Not,
                    w if w.len() > 1
                        && w.ends_with(':')
                        && w[..w.len() - 1]
                            .chars()
                            .all(|c| c.is_ascii_alphabetic() || c == '_') =>
                    {
                        Tok::Field
                    }
                    _ => Tok::Word,
                };
                let text = if kind == Tok::Field {
                    word[..word.len() - 1].to_string()
                } else {
                    word
                };
                push(&mut tokens, kind, text);
            }
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    /// Groups and negations open around the token being read.
    depth: usize,
}

/// The longest query taken, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// The deepest nesting of groups and negations taken.
pub const MAX_QUERY_DEPTH: usize = 64;

impl Parser {
    /// Enters a group or a negation opened at character `at`.
    fn deeper(&mut self, at: usize) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_QUERY_DEPTH {
            return Err(Error::Query(format!(
                "the query nests groups or negations more than {MAX_QUERY_DEPTH} deep \
                 (at character {at})"
            )));
        }
        Ok(())
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    /// Clauses joined by AND, up to `)` or the end.
    fn sequence(&mut self) -> Result<Node> {
        let mut clauses = Vec::new();
        while let Some(token) = self.peek() {
            match token.kind {
                Tok::Close => break,
                Tok::And => {
                    let at = token.at;
                    self.at += 1;
                    if clauses.is_empty() || self.peek().is_none_or(|t| t.kind == Tok::Close) {
                        return Err(Error::Query(format!(
                            "`AND` at character {at} needs a word on both sides"
                        )));
                    }
                }
                _ => clauses.push(self.alternatives()?),
            }
        }
        if clauses.is_empty() {
            return Err(Error::Query("the query is empty".into()));
        }
        Ok(if clauses.len() == 1 {
            clauses.remove(0)
        } else {
            Node::And(clauses)
        })
    }

    /// Clauses joined by OR.
    fn alternatives(&mut self) -> Result<Node> {
        let mut options = vec![self.unary()?];
        while let Some(token) = self.peek().filter(|t| t.kind == Tok::Or) {
            let at = token.at;
            self.at += 1;
            if self
                .peek()
                .is_none_or(|t| matches!(t.kind, Tok::Close | Tok::Or | Tok::And))
            {
                return Err(Error::Query(format!(
                    "`OR` at character {at} needs a word on both sides"
                )));
            }
            options.push(self.unary()?);
        }
        Ok(if options.len() == 1 {
            options.remove(0)
        } else {
            Node::Or(options)
        })
    }

    fn unary(&mut self) -> Result<Node> {
        match self.peek().map(|t| (t.kind.clone(), t.at)) {
            Some((Tok::Minus | Tok::Not, at)) => {
                self.at += 1;
                if self
                    .peek()
                    .is_none_or(|t| matches!(t.kind, Tok::Close | Tok::Or | Tok::And))
                {
                    return Err(Error::Query(format!(
                        "`-`/`NOT` at character {at} needs a word after it"
                    )));
                }
                self.deeper(at)?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Node::Not(Box::new(inner)))
            }
            Some((Tok::Or, at)) => Err(Error::Query(format!(
                "`OR` at character {at} needs a word on both sides"
            ))),
            _ => self.primary(Target::Default),
        }
    }

    fn primary(&mut self, target: Target) -> Result<Node> {
        let Some(token) = self.next() else {
            return Err(Error::Query("the query ends too early".into()));
        };
        match token.kind {
            Tok::Word | Tok::Phrase => Ok(Node::Words {
                target,
                text: token.text,
            }),
            Tok::Open => {
                self.deeper(token.at)?;
                let inner = self.sequence_in(target)?;
                self.depth -= 1;
                match self.next() {
                    Some(t) if t.kind == Tok::Close => Ok(inner),
                    _ => Err(Error::Query(format!(
                        "the `(` at character {} is never closed; add a `)`",
                        token.at
                    ))),
                }
            }
            Tok::Field => self.field(&token, target),
            Tok::Close => Err(Error::Query(format!(
                "`)` at character {} closes no `(`",
                token.at
            ))),
            Tok::Range => Err(Error::Query(format!(
                "a range at character {} belongs after `date:`",
                token.at
            ))),
            Tok::Or | Tok::And | Tok::Not | Tok::Minus => Err(Error::Query(format!(
                "unexpected `{}` at character {}",
                token.text, token.at
            ))),
        }
    }

    /// A group inside `field:( … )` takes that field.
    fn sequence_in(&mut self, target: Target) -> Result<Node> {
        if target == Target::Default {
            return self.sequence();
        }
        let node = self.sequence()?;
        Ok(retarget(node, target))
    }

    fn field(&mut self, token: &Token, outer: Target) -> Result<Node> {
        let name = token.text.as_str();
        let glued = self
            .peek()
            .is_some_and(|next| next.at == token.at + name.chars().count() + 1);
        let known = name.eq_ignore_ascii_case("date") || Target::parse(name).is_some();
        if !glued && known {
            return Err(Error::Query(format!(
                "`{name}:` at character {} needs a word, \"phrase\" or (group) right after it",
                token.at
            )));
        }
        if name.eq_ignore_ascii_case("date") {
            let value = self.next().unwrap_or_else(|| token.clone());
            return dates(&value);
        }
        let Some(target) = Target::parse(name) else {
            if !glued {
                // `Re: lunch`: a word that happens to end in a colon.
                return Ok(Node::Words {
                    target: outer,
                    text: name.to_string(),
                });
            }
            return Err(Error::Query(format!(
                "unknown field `{name}:` at character {}; fields are {FIELD_LIST} \
                 (put the word in quotes to search for it as written)",
                token.at
            )));
        };
        if outer != Target::Default && outer != target {
            return Err(Error::Query(format!(
                "`{name}:` at character {} is inside another field's group",
                token.at
            )));
        }
        match self.peek().map(|t| t.kind.clone()) {
            Some(Tok::Word | Tok::Phrase | Tok::Open) => self.primary(target),
            _ => Err(Error::Query(format!(
                "`{name}:` at character {} needs a word, \"phrase\" or (group) right after it",
                token.at
            ))),
        }
    }
}

fn retarget(node: Node, target: Target) -> Node {
    match node {
        Node::Words {
            target: Target::Default,
            text,
        } => Node::Words { target, text },
        Node::And(nodes) => Node::And(nodes.into_iter().map(|n| retarget(n, target)).collect()),
        Node::Or(nodes) => Node::Or(nodes.into_iter().map(|n| retarget(n, target)).collect()),
        Node::Not(node) => Node::Not(Box::new(retarget(*node, target))),
        other => other,
    }
}

/// `date:` values: a day, a month, a year, `>=`/`<` forms, or a range
/// `[a TO b]` (`{}` excludes the ends, `*` leaves one open).
fn dates(token: &Token) -> Result<Node> {
    let text = token.text.trim();
    let usage = "write `date:2026-03-01`, `date:2026-03`, `date:>=2026-01-01` or \
                 `date:[2026-01-01 TO 2026-06-30]`";
    if token.kind == Tok::Range {
        let inclusive_start = text.starts_with('[');
        let inclusive_end = text.ends_with(']');
        let inner = &text[1..text.len() - 1];
        let parts: Vec<&str> = inner.split_whitespace().collect();
        let [from, to_word, to] = parts.as_slice() else {
            return Err(Error::Query(format!(
                "cannot read the date range `{text}` at character {}; {usage}",
                token.at
            )));
        };
        if !to_word.eq_ignore_ascii_case("to") {
            return Err(Error::Query(format!(
                "a date range needs `TO` between its ends (`{text}`); {usage}"
            )));
        }
        let lower = match *from {
            "*" => Bound::Unbounded,
            day => {
                let (first, last) = period(day, usage)?;
                if inclusive_start {
                    Bound::Included(first)
                } else {
                    Bound::Excluded(last)
                }
            }
        };
        let upper = match *to {
            "*" => Bound::Unbounded,
            day => {
                let (first, last) = period(day, usage)?;
                if inclusive_end {
                    Bound::Included(last)
                } else {
                    Bound::Excluded(first)
                }
            }
        };
        if let (Bound::Included(a) | Bound::Excluded(a), Bound::Included(b) | Bound::Excluded(b)) =
            (lower, upper)
        {
            if a > b {
                return Err(Error::Query(format!(
                    "the date range `{text}` ends before it starts"
                )));
            }
        }
        return Ok(Node::Dates(lower, upper));
    }
    if token.kind != Tok::Word {
        return Err(Error::Query(format!(
            "`date:` at character {} needs a date; {usage}",
            token.at
        )));
    }
    for op in [">=", "<=", ">", "<"] {
        if let Some(rest) = text.strip_prefix(op) {
            let (first, last) = period(rest, usage)?;
            let (lower, upper) = match op {
                ">=" => (Bound::Included(first), Bound::Unbounded),
                "<=" => (Bound::Unbounded, Bound::Included(last)),
                ">" => (Bound::Excluded(last), Bound::Unbounded),
                _ => (Bound::Unbounded, Bound::Excluded(first)),
            };
            return Ok(Node::Dates(lower, upper));
        }
    }
    let (first, last) = period(text, usage)?;
    Ok(Node::Dates(Bound::Included(first), Bound::Included(last)))
}

/// The first and last day of `2026-03-01`, `2026-03` or `2026`.
fn period(text: &str, usage: &str) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || {
        Error::Query(format!(
            "`{text}` is not a date (YYYY-MM-DD, YYYY-MM or YYYY); {usage}"
        ))
    };
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
            .ok_or_else(bad)
    };
    let month = |s: &str| number(s, 2).map(i32::unsigned_abs);
    let last_day = |y: i32, m: u32| {
        let next = if m == 12 {
            NaiveDate::from_ymd_opt(y + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(y, m + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).ok_or_else(bad)
    };
    match parts.as_slice() {
        [y, m, d] => {
            let (y, m, d) = (number(y, 4)?, month(m)?, month(d)?);
            let day = NaiveDate::from_ymd_opt(y, m, d)
                .ok_or_else(|| Error::Query(format!("`{text}` is not a real date")))?;
            Ok((day, day))
        }
        [y, m] => {
            let (y, m) = (number(y, 4)?, month(m)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
            Ok((first, last_day(y, m)?))
        }
        [y] => {
            let y = number(y, 4)?;
            Ok((
                NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?,
                last_day(y, 12)?,
            ))
        }
        _ => Err(bad()),
    }
}

/// Turning parsed queries into tantivy queries.
struct Lowering<'a> {
    fields: &'a Fields,
    analyzer: TextAnalyzer,
    /// Analysed words to highlight in snippets.
    highlight: HashSet<String>,
    /// Analysed words searched without a field or in `text:`, for
    /// spelling suggestions.
    plain: Vec<String>,
}

type BoxQuery = Box<dyn tantivy::query::Query>;

impl Lowering<'_> {
    /// None when the node holds nothing searchable (`!!!`).
    fn lower(&mut self, node: &Node, negated: bool) -> Option<BoxQuery> {
        match node {
            Node::Words { target, text } => {
                let terms = terms_of(&mut self.analyzer, text);
                if terms.is_empty() {
                    return None;
                }
                if !negated {
                    self.highlight.extend(terms.iter().cloned());
                    if matches!(target, Target::Default | Target::Text) {
                        self.plain.extend(terms.iter().cloned());
                    }
                }
                if *target == Target::Default {
                    let options = DEFAULT_FIELDS
                        .iter()
                        .map(|(t, boost)| {
                            let query = words_query(t.field(self.fields), &terms);
                            (
                                Occur::Should,
                                Box::new(BoostQuery::new(query, *boost)) as BoxQuery,
                            )
                        })
                        .collect();
                    Some(Box::new(BooleanQuery::new(options)))
                } else {
                    Some(words_query(target.field(self.fields), &terms))
                }
            }
            Node::Dates(lower, upper) => Some(date_query(self.fields.date, *lower, *upper)),
            Node::And(nodes) => {
                let mut clauses = Vec::new();
                for node in nodes {
                    if let Node::Not(inner) = node {
                        if let Some(q) = self.lower(inner, !negated) {
                            clauses.push((Occur::MustNot, q));
                        }
                    } else if let Some(q) = self.lower(node, negated) {
                        clauses.push((Occur::Must, q));
                    }
                }
                conjunction(clauses)
            }
            Node::Or(nodes) => {
                let clauses: Vec<_> = nodes
                    .iter()
                    .filter_map(|n| self.lower(n, negated))
                    .map(|q| (Occur::Should, q))
                    .collect();
                (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as BoxQuery)
            }
            Node::Not(inner) => {
                let q = self.lower(inner, !negated)?;
                conjunction(vec![(Occur::MustNot, q)])
            }
        }
    }
}

/// AND of clauses; a query of exclusions alone excludes from everything.
fn conjunction(mut clauses: Vec<(Occur, BoxQuery)>) -> Option<BoxQuery> {
    if clauses.is_empty() {
        return None;
    }
    if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    if clauses.len() == 1 && clauses[0].0 == Occur::Must {
        return clauses.pop().map(|(_, q)| q);
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// One analysed word is a term; more (a phrase, `close-friend`) are a
/// phrase.
fn words_query(field: Field, terms: &[String]) -> BoxQuery {
    if let [term] = terms {
        Box::new(TermQuery::new(
            Term::from_field_text(field, term),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        Box::new(PhraseQuery::new(
            terms
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect(),
        ))
    }
}

fn date_query(field: Field, lower: Bound<NaiveDate>, upper: Bound<NaiveDate>) -> BoxQuery {
    let term = |d: NaiveDate| Term::from_field_u64(field, date_number(d));
    let map = |b: Bound<NaiveDate>| match b {
        Bound::Included(d) => Bound::Included(term(d)),
        Bound::Excluded(d) => Bound::Excluded(term(d)),
        Bound::Unbounded => Bound::Unbounded,
    };
    if matches!((lower, upper), (Bound::Unbounded, Bound::Unbounded)) {
        // `date:[* TO *]`: every dated document.
        return Box::new(RangeQuery::new(
            Bound::Included(Term::from_field_u64(field, 0)),
            Bound::Unbounded,
        ));
    }
    Box::new(RangeQuery::new(map(lower), map(upper)))
}

/// Filters besides the query.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    pub limit: usize,
    /// Only documents about this person (any of their names).
    pub person: Option<String>,
    /// Only interactions on or after this date.
    pub since: Option<NaiveDate>,
    /// Only interactions on or before this date.
    pub until: Option<NaiveDate>,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub person: Option<String>,
    /// Vault-relative, `/` separators.
    pub path: String,
    pub line: usize,
    pub date: Option<NaiveDate>,
    pub kind: DocKind,
    pub score: f32,
    /// Plain text cut from the note.
    pub snippet: String,
    /// Byte ranges of matched words in `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// The note's title, for hits about no one.
    pub title: Option<String>,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    /// Best first, at most `limit`.
    pub hits: Vec<Hit>,
    /// How many documents matched in all.
    pub total: usize,
    /// With no hit: a word of the index close to a word of the query,
    /// as (word written, word suggested).
    pub suggestion: Option<(String, String)>,
    /// `--person` named no one; the closest name, if any.
    pub unknown_person: Option<Option<String>>,
}

/// How much a profile of the person a query names is lifted: above any
/// score words in text can reach.
const NAMED_BOOST: f32 = 1000.0;

/// The words of a query made only of words without a field (`Ada
/// Lovelace`), which may name a person.
fn named_words(node: &Node) -> Option<String> {
    match node {
        Node::Words {
            target: Target::Default,
            text,
        } => Some(text.clone()),
        Node::And(nodes) => nodes
            .iter()
            .map(named_words)
            .collect::<Option<Vec<_>>>()
            .map(|words| words.join(" ")),
        _ => None,
    }
}

/// Runs a query on a synced index.
/// [`search`] over an index that may be damaged or planted: a panic
/// inside the search library comes back as `Err(why)`, and the caller
/// rebuilds the index and searches again (SPEC §6.1).
pub fn search_guarded(
    index: &SearchIndex,
    query: &Query,
    options: &SearchOptions,
) -> std::result::Result<Result<Found>, String> {
    super::index::guarded(|| search(index, query, options))
}

pub fn search(index: &SearchIndex, query: &Query, options: &SearchOptions) -> Result<Found> {
    let fields = &index.fields;
    let mut lowering = Lowering {
        fields,
        analyzer: analyzer(),
        highlight: HashSet::new(),
        plain: Vec::new(),
    };
    let Some(main) = lowering.lower(&query.node, false) else {
        return Err(Error::Query(
            "the query has no letters or digits to search for".into(),
        ));
    };
    let mut clauses = vec![(Occur::Must, main)];
    // A query that names a person (SPEC §5.1): their profile first, above
    // the notes that merely link them. Only profiles hold `name` and
    // `aliases`, so the boost lands on the profile alone.
    if let Some(key) = named_words(&query.node).and_then(|words| resolve_person(index, &words)) {
        let terms = terms_of(
            &mut lowering.analyzer,
            &named_words(&query.node).unwrap_or_default(),
        );
        let profile: Vec<(Occur, BoxQuery)> = vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(fields.person_key, &key),
                    IndexRecordOption::Basic,
                )),
            ),
            (
                Occur::Must,
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, words_query(fields.name, &terms)),
                    (Occur::Should, words_query(fields.aliases, &terms)),
                ])),
            ),
        ];
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(
                Box::new(BooleanQuery::new(profile)),
                NAMED_BOOST,
            )),
        ));
    }
    if let Some(name) = &options.person {
        let Some(key) = resolve_person(index, name) else {
            return Ok(Found {
                unknown_person: Some(closest_person(index, name)),
                ..Found::default()
            });
        };
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.person_key, &key),
                IndexRecordOption::Basic,
            )),
        ));
    }
    if options.since.is_some() || options.until.is_some() {
        let lower = options.since.map_or(Bound::Unbounded, Bound::Included);
        let upper = options.until.map_or(Bound::Unbounded, Bound::Included);
        clauses.push((Occur::Must, date_query(fields.date, lower, upper)));
    }
    let query = BooleanQuery::new(clauses);
    let searcher = index.reader.searcher();
    let limit = options.limit.max(1);
    let (top, total) = searcher
        .search(
            &query,
            &(TopDocs::with_limit(limit).order_by_score(), Count),
        )
        .map_err(|e| Error::Index {
            path: index.root.clone(),
            message: e.to_string(),
        })?;
    let mut snippets =
        Snippets::new(&index.root, lowering.highlight.clone()).following_links(index.follow_links);
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        if let Some(hit) = hit(&searcher, fields, address, score, &mut snippets) {
            hits.push(hit);
        }
    }
    // Equal scores in a stable order, whatever the segment layout.
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.path.cmp(&b.path))
            .then(a.line.cmp(&b.line))
    });
    hits.truncate(options.limit);
    let suggestion = if total == 0 {
        suggest(&searcher, fields, &lowering.plain, &index.root)
    } else {
        None
    };
    Ok(Found {
        hits,
        total,
        suggestion,
        unknown_person: None,
    })
}

fn hit(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
    score: f32,
    snippets: &mut Snippets,
) -> Option<Hit> {
    let doc: TantivyDocument = searcher.doc(address).ok()?;
    let text = |field: Field| {
        doc.get_first(field)
            .and_then(|v| v.as_str().map(str::to_string))
    };
    let number = |field: Field| doc.get_first(field).and_then(|v| v.as_u64());
    // The index may be someone else's: a document naming no note of the
    // vault is no hit (and its path is never opened or printed).
    let path = text(fields.path).filter(|p| crate::state::is_note_path(p))?;
    let kind = number(fields.kind).and_then(DocKind::from_u64)?;
    let stored_line = number(fields.line).map_or(1, |n| usize::try_from(n).unwrap_or(1));
    let ranges = parse_ranges(&text(fields.lines).unwrap_or_default());
    let mut cut = snippets.cut(&path, &ranges);
    if kind == DocKind::Profile && cut.as_ref().is_some_and(|c| c.highlights.is_empty()) {
        // The words matched the name or an alias from the file name, not
        // a line: show a fact about them rather than `categories:`.
        cut = fact_line(snippets, &path, &ranges).or(cut);
    }
    let line = match (kind, &cut) {
        (DocKind::Interaction, _) | (_, None) => stored_line,
        (_, Some(cut)) => cut.line,
    };
    let (snippet, highlights) = cut.map(|c| (c.text, c.highlights)).unwrap_or_default();
    Some(Hit {
        person: text(fields.person),
        path,
        line,
        date: number(fields.date).and_then(number_date),
        kind,
        score,
        snippet,
        highlights,
        title: text(fields.title),
    })
}

/// Keys of a profile's front matter that say nothing about the person
/// (what the note is, when the file was made): not shown as a snippet
/// when a better line exists.
const BOOKKEEPING_KEYS: &[&str] = &[
    "categories",
    "category",
    "type",
    "kind",
    "tags",
    "tag",
    "aliases",
    "alias",
    "id",
    "uid",
    "created",
    "updated",
    "modified",
    "date",
    "cssclasses",
    "publish",
    "permalink",
];

/// Most lines of a profile looked at for [`fact_line`].
const FACT_SCAN: usize = 64;

/// The first line of a profile's ranges that holds a fact (`key: value`
/// with a value, or prose), skipping bookkeeping keys and bare list
/// items.
fn fact_line(snippets: &mut Snippets, path: &str, ranges: &[LineRange]) -> Option<Cut> {
    use crate::vault::fields::{person_key, Key};
    let lines: Vec<usize> = ranges
        .iter()
        .flat_map(|&(a, b)| a..=b)
        .take(FACT_SCAN)
        .collect();
    // What they do and where first, then any other fact.
    let telling = lines.iter().find_map(|&line| {
        let cut = snippets.cut(path, &[(line, line)])?;
        let (key, value) = cut.text.split_once(':')?;
        let key = person_key(key)?;
        (matches!(
            key,
            Key::Company | Key::Role | Key::Location | Key::Relationship | Key::MetAt
        ) && !value.trim().is_empty())
        .then_some(cut)
    });
    if telling.is_some() {
        return telling;
    }
    for line in lines {
        let Some(cut) = snippets.cut(path, &[(line, line)]) else {
            continue;
        };
        let shown = cut.text.trim();
        if shown.is_empty() || shown.starts_with('-') || shown == "---" {
            continue;
        }
        if let Some((key, value)) = shown.split_once(':') {
            let key = crate::vault::fields::normalize(key);
            let bookkeeping = BOOKKEEPING_KEYS
                .iter()
                .any(|k| crate::vault::fields::normalize(k) == key);
            if bookkeeping || value.trim().is_empty() {
                continue;
            }
        }
        return Some(cut);
    }
    None
}

/// The `person_key` of the person `name` names (SPEC §1 matching).
fn resolve_person(index: &SearchIndex, name: &str) -> Option<String> {
    let people = &index.people;
    let who = NameIndex::resolve_once(people.len(), |i| people[i].1.forms(&people[i].0), name)?;
    Some(slug_form(&people[who].1.name)).filter(|k| !k.is_empty())
}

fn closest_person(index: &SearchIndex, name: &str) -> Option<String> {
    let wanted = name.to_lowercase();
    index
        .people
        .iter()
        .flat_map(|(_, p)| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .map(move |n| (n, &p.name))
        })
        .map(|(n, display)| (strsim::levenshtein(&n.to_lowercase(), &wanted), display))
        .filter(|(d, _)| *d <= 2.max(wanted.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, display)| display.clone())
}

/// A word of the index close to a query word that matched nothing:
/// (the word as written, the word as the notes write it).
fn suggest(
    searcher: &Searcher,
    fields: &Fields,
    terms: &[String],
    root: &std::path::Path,
) -> Option<(String, String)> {
    let default_fields = [fields.name, fields.aliases, fields.interest, fields.text];
    for word in terms {
        let mut frequency = 0u64;
        let mut best: HashMap<String, (usize, u64)> = HashMap::new();
        let limit = if word.chars().count() <= 4 { 1 } else { 2 };
        let length = word.chars().count();
        for segment in searcher.segment_readers() {
            for field in default_fields {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                let dictionary = inverted.terms();
                if let Ok(Some(info)) = dictionary.get(word.as_bytes()) {
                    frequency += u64::from(info.doc_freq);
                }
                let Ok(mut stream) = dictionary.stream() else {
                    continue;
                };
                while stream.advance() {
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if term.chars().count().abs_diff(length) > limit {
                        continue;
                    }
                    let distance = strsim::levenshtein(term, word);
                    if distance == 0 || distance > limit {
                        continue;
                    }
                    let entry = best.entry(term.to_string()).or_insert((distance, 0));
                    entry.1 += u64::from(stream.value().doc_freq);
                }
            }
        }
        if frequency > 0 {
            continue;
        }
        let Some((term, _)) = best.into_iter().min_by(|a, b| {
            a.1 .0
                .cmp(&b.1 .0)
                .then(b.1 .1.cmp(&a.1 .1))
                .then(a.0.cmp(&b.0))
        }) else {
            continue;
        };
        let written = surface_word(searcher, fields, &term, root).unwrap_or_else(|| term.clone());
        return Some((word.clone(), written));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(target: Target, text: &str) -> Node {
        Node::Words {
            target,
            text: text.into(),
        }
    }

    fn node(text: &str) -> Node {
        parse(text).unwrap().node
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn words_are_joined_with_and_and_or_binds_tighter() {
        assert_eq!(
            node("sailing kiel OR lübeck"),
            Node::And(vec![
                words(Target::Default, "sailing"),
                Node::Or(vec![
                    words(Target::Default, "kiel"),
                    words(Target::Default, "lübeck")
                ]),
            ])
        );
        assert_eq!(node("a AND b"), node("a b"));
    }

    #[test]
    fn phrases_fields_negation_and_groups() {
        assert_eq!(
            node(r#"name:"Ada Lovelace" -work NOT tag:x"#),
            Node::And(vec![
                words(Target::Name, "Ada Lovelace"),
                Node::Not(Box::new(words(Target::Default, "work"))),
                Node::Not(Box::new(words(Target::Tag, "x"))),
            ])
        );
        assert_eq!(
            node("interest:(sailing OR chess)"),
            Node::Or(vec![
                words(Target::Interest, "sailing"),
                words(Target::Interest, "chess")
            ])
        );
        assert_eq!(node("close-friend"), words(Target::Default, "close-friend"));
        assert_eq!(node("10:30"), words(Target::Default, "10:30"));
    }

    #[test]
    fn dates_and_ranges() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            node("date:[2026-01-01 TO 2026-06-30]"),
            Node::Dates(
                Bound::Included(d("2026-01-01")),
                Bound::Included(d("2026-06-30"))
            )
        );
        assert_eq!(
            node("date:2026-02"),
            Node::Dates(
                Bound::Included(d("2026-02-01")),
                Bound::Included(d("2026-02-28"))
            )
        );
        assert_eq!(
            node("date:{2026-01-01 TO *]"),
            Node::Dates(Bound::Excluded(d("2026-01-01")), Bound::Unbounded)
        );
        assert_eq!(
            node("date:>=2026-03-01"),
            Node::Dates(Bound::Included(d("2026-03-01")), Bound::Unbounded)
        );
    }

    #[test]
    fn bad_queries_say_what_is_wrong() {
        assert!(error("").contains("empty"));
        assert!(error("\"open").contains("never closed"));
        assert!(error("(a b").contains("never closed"));
        assert!(error("a)").contains("closes no"));
        assert!(error("foo:bar").contains("unknown field `foo:`"));
        assert!(error("name: ada").contains("needs a word"));
        assert!(error("a OR").contains("both sides"));
        assert!(error("OR a").contains("both sides"));
        assert!(error("date:2026-02-30").contains("not a real date"));
        assert!(error("date:soon").contains("not a date"));
        assert!(error("date:[2026-01-01 2026-02-01]").contains("cannot read"));
        assert!(error("date:[2026-03-01 TO 2026-02-01]").contains("ends before"));
        assert!(error("date:[2026-01-01 TO").contains("never closed"));
        assert!(parse("a -").is_ok());
    }

    #[test]
    fn deep_and_long_queries_are_errors_not_overflows() {
        let nots = "NOT ".repeat(1000) + "ada";
        assert!(matches!(parse(&nots), Err(Error::Query(m)) if m.contains("64 deep")));
        let parens = "(".repeat(10_000) + "ada" + &")".repeat(10_000);
        assert!(matches!(parse(&parens), Err(Error::Query(m)) if m.contains("bytes long")));
        let nested = "(".repeat(2000) + "ada" + &")".repeat(2000);
        assert!(matches!(parse(&nested), Err(Error::Query(m)) if m.contains("64 deep")));
        let fine = "(".repeat(64) + "ada" + &")".repeat(64);
        assert!(parse(&fine).is_ok());
        assert!(parse(&("NOT ".repeat(63) + "ada")).is_ok());
    }
}
