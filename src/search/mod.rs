//! Full-text search over a vault (SPEC §6): a tantivy index of people's
//! profiles, interactions and note sections, kept in step with the notes
//! by an incremental sync, and a small query language over it.
//!
//! [`index::sync`] brings the index up to date (or builds it) and opens
//! it; [`query::parse`] checks a query; [`query::search`] runs it and
//! cuts snippets from the notes. [`schema`] fixes the fields,
//! [`documents`] turns parsed notes into documents, [`manifest`] records
//! what was indexed, [`snippet`] cuts and highlights result text.

pub mod documents;
pub mod index;
pub mod manifest;
pub mod query;
pub mod schema;
pub mod snippet;

pub use index::{locate, sync, IndexLocation, Progress, SearchIndex, SyncOptions, SyncReport};
pub use query::{parse, search, search_guarded, Found, Hit, Query, SearchOptions};
pub use schema::DocKind;
