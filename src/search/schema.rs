//! The tantivy schema of the search index and the analyzer its text
//! fields share. Three kinds of document live in one index (SPEC §6): a
//! person's profile, one interaction, and a section of a note. Every
//! document carries the vault-relative path of the note it was read
//! from in `path`, so re-indexing a note is "delete by path, add again".
//!
//! Only what a result needs to be shown is stored (path, kind, person,
//! date, line numbers); snippets are cut from the note on disk at query
//! time, which keeps the index small and its writes fast.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

/// Bumped whenever the schema, the analyzer or what goes into a document
/// changes; an index written with another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 5;

/// Name of the analyzer of every text field: tantivy's `en_stem` (simple
/// words, lowercase, English Porter stemming) with accents folded first,
/// so `Tomas` finds `Tomás` and `pet` finds `pets`.
pub const ANALYZER: &str = "vaultnet_en_stem";

/// What a document stands for; stored as a number in `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// A person's name, aliases, fields and interests.
    Profile,
    /// One dated interaction with a person.
    Interaction,
    /// A section of a note (or what a person note says outside its log).
    Note,
}

impl DocKind {
    #[must_use]
    pub fn as_u64(self) -> u64 {
        match self {
            DocKind::Profile => 0,
            DocKind::Interaction => 1,
            DocKind::Note => 2,
        }
    }

    #[must_use]
    pub fn from_u64(value: u64) -> Option<DocKind> {
        match value {
            0 => Some(DocKind::Profile),
            1 => Some(DocKind::Interaction),
            2 => Some(DocKind::Note),
            _ => None,
        }
    }

    /// The `kind` value of `find --format json`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Profile => "profile",
            DocKind::Interaction => "interaction",
            DocKind::Note => "note",
        }
    }
}

/// Handles to the fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Source note path, untokenized: the delete key and the result path.
    pub path: Field,
    /// [`DocKind`] as a number.
    pub kind: Field,
    /// The person a document is about: display name first, then aliases.
    pub person: Field,
    /// Slug forms of every name of that person, for `--person`.
    pub person_key: Field,
    /// Profile only: the display name.
    pub name: Field,
    /// Profile only: aliases, slug and file stem.
    pub aliases: Field,
    /// Profile only: interests.
    pub interest: Field,
    /// Profile only: tags.
    pub tag: Field,
    /// Profile only: `company` and its aliases.
    pub company: Field,
    /// Profile only: `role` and its aliases.
    pub role: Field,
    /// Profile only: `location` and its aliases.
    pub location: Field,
    /// Body text; for a profile, its front-matter keys and values and
    /// `learned::` facts.
    pub text: Field,
    /// Interaction date as the number `YYYYMMDD`.
    pub date: Field,
    /// 1-based line the result points at.
    pub line: Field,
    /// Line ranges (`3-9,12-12`) a snippet may be cut from.
    pub lines: Field,
    /// Note title, shown for notes that are about no one.
    pub title: Field,
}

impl Fields {
    /// Looks the fields up in a schema built by [`build_schema`].
    ///
    /// Err names the missing field: an index from another version.
    pub fn of(schema: &Schema) -> Result<Fields, String> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| format!("the index has no field `{name}`"))
        };
        Ok(Fields {
            path: get("path")?,
            kind: get("kind")?,
            person: get("person")?,
            person_key: get("person_key")?,
            name: get("name")?,
            aliases: get("aliases")?,
            interest: get("interest")?,
            tag: get("tag")?,
            company: get("company")?,
            role: get("role")?,
            location: get("location")?,
            text: get("text")?,
            date: get("date")?,
            line: get("line")?,
            lines: get("lines")?,
            title: get("title")?,
        })
    }
}

/// The schema of a new index.
#[must_use]
pub fn build_schema() -> Schema {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(ANALYZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = TextOptions::default().set_indexing_options(indexing.clone());
    // Name, aliases, interests, tags and person names are short lists
    // that most documents lack. Length-normalising them against an
    // average over every document would make a person with five
    // interests match each far more weakly than one with a single
    // interest; without field norms every value counts the same.
    let short = TextOptions::default().set_indexing_options(indexing.set_fieldnorms(false));
    let stored_short = short.clone().set_stored();
    let mut builder = Schema::builder();
    builder.add_text_field("path", STRING | STORED);
    builder.add_u64_field("kind", STORED);
    builder.add_text_field("person", stored_short);
    builder.add_text_field("person_key", STRING);
    builder.add_text_field("name", short.clone());
    builder.add_text_field("aliases", short.clone());
    builder.add_text_field("interest", short.clone());
    builder.add_text_field("tag", short.clone());
    builder.add_text_field("company", short.clone());
    builder.add_text_field("role", short.clone());
    builder.add_text_field("location", short);
    builder.add_text_field("text", text);
    builder.add_u64_field("date", NumericOptions::from(INDEXED | FAST | STORED));
    builder.add_u64_field("line", STORED);
    builder.add_text_field("lines", STORED);
    builder.add_text_field("title", STORED);
    builder.build()
}

/// The analyzer of every text field.
#[must_use]
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

/// Words remembered by one [`CachedStemmer`] before it starts afresh.
const STEM_CACHE_WORDS: usize = 100_000;

/// English stemming with a memo of the words already stemmed. Notes
/// repeat a small vocabulary, and the Snowball stemmer was a quarter of
/// the time of a full index; a hash lookup is far cheaper. Each indexing
/// thread has its own analyzer, so the memo needs no lock.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
            memo: HashMap::default(),
        }
    }
}

/// Words to stems, hashed with one-shot xxh3: `Hash for String` makes a
/// single `write` call, which a streaming hasher pays dearly for.
type WordMap = HashMap<String, String, BuildHasherDefault<WordHasher>>;

#[derive(Clone, Copy, Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }

    fn write_u8(&mut self, byte: u8) {
        self.0 = self.0.rotate_left(8) ^ u64::from(byte);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    /// Stems one word at a time (the raw tokenizer keeps it whole).
    stemmer: TextAnalyzer,
    memo: WordMap,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            memo: &mut self.memo,
        }
    }
}

pub struct CachedStemmerStream<'a, S> {
    tail: S,
    stemmer: &'a mut TextAnalyzer,
    memo: &'a mut WordMap,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        // English stemming leaves words of one or two letters and
        // numbers (dates are full of them) as they are.
        if token.text.len() <= 2 || token.text.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        if let Some(stem) = self.memo.get(&token.text) {
            token.text.clone_from(stem);
            return true;
        }
        let stem = {
            let mut stream = self.stemmer.token_stream(&token.text);
            if stream.advance() {
                stream.token().text.clone()
            } else {
                token.text.clone()
            }
        };
        if self.memo.len() >= STEM_CACHE_WORDS {
            self.memo.clear();
        }
        self.memo
            .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Registers [`ANALYZER`] on an index; needed on every open, since
/// tantivy keeps analyzers in memory only.
pub fn register_analyzer(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
}

/// The analyzed terms of a text, in order.
#[must_use]
pub fn terms_of(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    terms
}

/// A date as the number stored in `date`: `YYYYMMDD`.
#[must_use]
pub fn date_number(date: chrono::NaiveDate) -> u64 {
    use chrono::Datelike;
    let year = u64::try_from(date.year()).unwrap_or(0);
    year * 10_000 + u64::from(date.month()) * 100 + u64::from(date.day())
}

/// The date a `date` number stands for.
#[must_use]
pub fn number_date(number: u64) -> Option<chrono::NaiveDate> {
    let year = i32::try_from(number / 10_000).ok()?;
    let month = u32::try_from(number / 100 % 100).ok()?;
    let day = u32::try_from(number % 100).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzer_stems_and_folds() {
        let mut a = analyzer();
        assert_eq!(
            terms_of(&mut a, "Pets sailing Tomás"),
            ["pet", "sail", "toma"]
        );
        assert_eq!(terms_of(&mut a, "pet sail Tomas"), ["pet", "sail", "toma"]);
        // Twice through the memo gives the same stems.
        assert_eq!(
            terms_of(&mut a, "Pets pets sailing"),
            ["pet", "pet", "sail"]
        );
    }

    #[test]
    fn dates_round_trip() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(date_number(date), 20_260_301);
        assert_eq!(number_date(20_260_301), Some(date));
        assert_eq!(number_date(20_260_230), None);
    }

    #[test]
    fn fields_are_found() {
        assert!(Fields::of(&build_schema()).is_ok());
        assert!(Fields::of(&Schema::builder().build()).is_err());
    }
}
