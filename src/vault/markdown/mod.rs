//! The Markdown body of a note, read in one pass of pulldown-cmark events
//! into what vaultnet needs (SPEC §2.2–2.3): the title, interests,
//! dated interactions with their inline fields, journal mentions, inline
//! tags, plain-text sections for search, `vaultnet-ignore` comments, and
//! the problems found on the way.
//!
//! Text is gathered per *block*: a paragraph, a list item (its own text,
//! not its nested items), a heading or a table row. Inline fields, links
//! and tags are read from a block's text once the block ends, so a field
//! applies to the block that holds it and to the interaction whose
//! content holds that block. Every state the walk keeps is an explicit
//! stack: deep nesting costs memory, never the call stack.
//!
//! Where SPEC §2.2–2.3 is silent, this module decides:
//! - A dated list item is in a log section when the nearest enclosing
//!   heading that is a log, `Life events` or an interests section is a
//!   log; other headings between are looked through (`## Log` →
//!   `### 2026` → items still count). Items inside an open interaction
//!   (a dated heading's content, a dated parent item) are its content,
//!   not interactions of their own.
//! - Dated headings under `Life events` are not interactions.
//! - An invalid leading date is reported for every heading and list
//!   item, wherever it is.
//! - The first valid `by::` in an interaction wins; an empty one is
//!   unknown, not invalid. `ask::`/`give::`/`by::` outside interactions
//!   and mentions are dropped; `learned::` there goes to `learned`.
//! - Besides Dataview's three forms, a one-word key after a space in
//!   mid-line (`- 2026-03-01 coffee by:: me`) is a field; its value runs
//!   to the next field or the line end.
//! - Mentions also come from relative Markdown links to `.md` notes and
//!   from `attendees::`/`participants::` fields; items nested in an
//!   unchecked task are plans too.

mod comments;
mod inline;
pub mod labels;
mod lines;
mod tags;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::ops::Range;

use chrono::NaiveDate;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use self::inline::{is_field_line, scan_fields};
use self::labels::{heading_words, is_interest_heading, is_knowledge_heading, is_log_heading};
pub(crate) use self::lines::floor_boundary;
use self::lines::LineIndex;
use super::dates::{leading_date, DateValue};
use crate::model::{
    By, Fact, IgnoreComment, Interaction, InteractionSource, Plan, PlanSource, Problem,
    ProblemKind, Section, Span,
};

/// Interaction and mention texts are cut to this many bytes: they feed
/// word counts and search snippets, and a huge note must not copy itself
/// into every mention.
const TEXT_CAP: usize = 32 * 1024;
const MENTION_TEXT_CAP: usize = 4 * 1024;
/// Bodies longer than this are looked at for a flood of links before
/// they are parsed.
const LARGE_BODY: usize = 1024 * 1024;

/// How many wikilinks and Markdown links `body` may hold, counted on its
/// bytes (in code blocks too: an upper bound).
fn rough_links(body: &str) -> usize {
    let bytes = body.as_bytes();
    bytes
        .windows(2)
        .filter(|w| w == b"[[" || w == b"](")
        .count()
}

/// Most entries (interactions, links, headings, interest items, fields,
/// tags, problems) one note's body may hold: fifty years of daily log
/// entries, and far more than any real note. Memory grows with entries,
/// a few hundred bytes each, so this bounds what one note can cost.
pub const MAX_ENTRIES: usize = 100_000;
/// The most mention text one block may copy in all (each mention still
/// gets at least 256 bytes).
const MENTION_TEXT_BUDGET: usize = 64 * 1024;

/// A section that records someone's life, not contact with them.
const LIFE_EVENTS: &str = "life events";
/// Inline fields whose value names people (comma separated).
pub(crate) const MENTION_KEYS: [&str; 6] = [
    "person",
    "people",
    "with",
    "met",
    "attendees",
    "participants",
];
/// Inline fields that make a block a plan, not a meeting.
pub(crate) const PLAN_KEYS: [&str; 3] = ["appointment", "scheduled", "planned"];
/// Inline fields that make a block's mentions thoughts, not contact:
/// `Listened to [[Tom]]'s podcast (about:: Tom)`.
pub(crate) const NOT_CONTACT_KEYS: [&str; 1] = ["about"];
/// Labels of a line listing who took part: `Attendees: Ana, Ben`,
/// `**Attendees**: [[Ana]]` (emphasis is gone from a block's raw text).
const ATTENDEE_LABELS: [&str; 4] = ["attendees", "participants", "attendee", "present"];
/// Inline fields naming who started an interaction.
pub(crate) const BY_KEYS: [&str; 3] = ["by", "initiated", "initiator"];

/// What the body parser needs from the settings.
#[derive(Debug, Clone, Copy)]
pub struct BodyOptions<'a> {
    /// Log section names, compared case-insensitively, trailing colon
    /// ignored; `Life events` is never a log.
    pub log_sections: &'a [String],
    /// Also count headings whose words are log words (SPEC §2.2:
    /// `Catch-ups`, `Meeting Notes`); off when the config sets
    /// `log_sections`, which then lists the exact names.
    pub log_words: bool,
}

/// A field written in the body outside any interaction (SPEC §2.2): a
/// whole-line `key:: value`, a bold label `**Key:** value`, or a
/// two-cell table row `| Key | value |`. Which keys count is the
/// person reader's to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyField {
    /// The key as written.
    pub key: String,
    /// The value, Markdown links kept (`[[Initech]]`).
    pub value: String,
    /// The key's place.
    pub span: Span,
    pub kind: labels::LabelKind,
}

/// A person named in a note's body: a link or an inline field value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// The name as written: link target without `|label` / `#heading`,
    /// or an inline field value item.
    pub target: String,
    pub span: Span,
    /// Plain text of the paragraph or list item holding it.
    pub text: String,
    pub by: Option<By>,
    pub asks: Vec<String>,
    pub gives: Vec<String>,
    pub learned: Vec<String>,
    /// Which block it was found in (the block's source offset); mentions
    /// of one block share its fields (SPEC §2.3: whose fields are whose).
    #[serde(default)]
    pub block: usize,
}

/// Everything read from a note's body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// Text of the H1 heading when it is the only H1.
    pub title: Option<String>,
    /// List items (and paragraph lines) of Interests/Passions/Hobbies/
    /// Likes sections, any level, case-insensitive, subsections included.
    pub interests: Vec<Fact<String>>,
    /// Dated headings (any level, not under `Life events`; content to the
    /// next heading of the same or a higher level) and dated list items in
    /// log sections (content: the item, its nested items and continuation
    /// lines; `- [x]` counts, `- [ ]` does not), in note order.
    pub interactions: Vec<Interaction>,
    /// `learned::` fields outside any interaction.
    pub learned: Vec<String>,
    /// Items and paragraph lines of knowledge sections other than
    /// interests (`## Family`, `## Things to remember`, SPEC §2.2).
    pub knowledge: Vec<Fact<String>>,
    /// Fields written in the body outside interactions, in note order.
    pub fields: Vec<BodyField>,
    /// Unchecked dated tasks anywhere in the note (`- [ ] 2026-11-01
    /// call`, `- [ ] [[2026-11-01]] call`, `- [ ] call 📅 2026-11-01`),
    /// in note order: planned contact, not contact.
    pub plans: Vec<Plan>,
    /// One per heading-delimited section (text before the first heading
    /// is a section with an empty heading, kept when it holds text),
    /// plain text, for search.
    pub sections: Vec<Section>,
    /// Links `[[Name]]`, `[[Name|label]]`, `[[Name#heading]]`, relative
    /// Markdown links to `.md` notes, and the names in `person::`,
    /// `people::`, `with::`, `met::`, `attendees::` and `participants::`
    /// fields, for journal notes (SPEC §2.3). Not contact, so left out:
    /// code, block quotes, unchecked tasks (and items nested in them),
    /// embeds, and blocks with an `appointment::`, `scheduled::` or
    /// `planned::` field. In note order.
    pub mentions: Vec<Mention>,
    /// `by::`, `ask::`, `give::` and `learned::` of blocks that mention
    /// no one and are not plans: a journal note's note-level fields,
    /// which go to its front-matter participants.
    pub note_fields: ContactFields,
    /// Inline body tags without `#` (`person`, `type/person`), first
    /// occurrence order, not in code, links or URLs.
    pub tags: Vec<String>,
    /// Invalid dates starting headings or list items
    /// ([`ProblemKind::InvalidDate`]) and bad `by::` values
    /// ([`ProblemKind::InvalidValue`]), in line order.
    pub problems: Vec<Problem>,
    /// `<!-- vaultnet-ignore RULE… -->` comments not followed (on the
    /// next line) by an interaction.
    pub stray_ignores: Vec<(Span, Vec<String>)>,
    /// Reading stopped after more than [`MAX_ENTRIES`] entries: the
    /// lists above hold only the start of the note.
    pub too_many_entries: bool,
}

impl Body {
    /// How many things were read: interactions, mentions, sections,
    /// interests, fields, tags and problems.
    fn entries(&self) -> usize {
        self.interactions.len()
            + self.mentions.len()
            + self.sections.len()
            + self.interests.len()
            + self.learned.len()
            + self.plans.len()
            + self.knowledge.len()
            + self.fields.len()
            + self.tags.len()
            + self.problems.len()
            + self.stray_ignores.len()
    }
}

/// Reads a note body. `body` is the note text after the front matter;
/// `first_line` is the 1-based file line of its first line, so every
/// span is a file line; `path` is the note path for
/// [`Interaction::path`].
#[must_use]
pub fn parse_body(body: &str, first_line: usize, path: &str, options: &BodyOptions) -> Body {
    // The Markdown parser holds a whole paragraph's inline tree: a large
    // note that is one run of links would cost gigabytes before the
    // entry count below could stop it. Links are counted on the bytes
    // first (a count above every real note's).
    if body.len() > LARGE_BODY && rough_links(body) > MAX_ENTRIES {
        return Body {
            too_many_entries: true,
            ..Body::default()
        };
    }
    let mut walker = Walker::new(body, first_line, path, options);
    let parser_options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS;
    for (n, (event, range)) in Parser::new_ext(body, parser_options)
        .into_offset_iter()
        .enumerate()
    {
        walker.event(event, range);
        // Stop early: what is kept grows with the entries, not the bytes.
        if n % 1024 == 0 && walker.body.entries() > MAX_ENTRIES {
            break;
        }
    }
    let mut body = walker.finish();
    body.too_many_entries = body.entries() > MAX_ENTRIES;
    body
}

/// Inline fields of a piece of text, in all three Dataview forms:
/// `key:: value` as a whole line or list item, `[key:: value]` and
/// `(key:: value)` inside text (and a one-word `key:: value` after a
/// space mid-line). Keys lowercased, values trimmed; fenced code and
/// inline code hold no field.
#[must_use]
pub fn inline_fields(text: &str) -> Vec<(String, String)> {
    scan_fields(text)
        .into_iter()
        .map(|h| (h.key.into_owned(), h.value.to_string()))
        .collect()
}

/// The contact fields (`by::` and its aliases, `ask::`, `give::`,
/// `learned::`) of a piece of text, read as an interaction reads them:
/// the first valid `by` wins, empty values are skipped.
#[must_use]
pub fn contact_fields(text: &str) -> ContactFields {
    let mut fields = ContactFields::default();
    for field in scan_fields(text) {
        let key = field.key.as_ref();
        if field.value.is_empty() {
            continue;
        }
        if BY_KEYS.contains(&key) {
            fields.by = fields.by.or(By::parse(field.value));
        } else if key == "ask" {
            fields.asks.push(field.value.to_string());
        } else if key == "give" {
            fields.gives.push(field.value.to_string());
        } else if key == "learned" {
            fields.learned.push(field.value.to_string());
        }
    }
    fields
}

/// What [`contact_fields`] finds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ContactFields {
    pub by: Option<By>,
    pub asks: Vec<String>,
    pub gives: Vec<String>,
    pub learned: Vec<String>,
}

/// A heading in force: the current one and those above it.
struct HeadingCtx {
    level: u8,
    log: bool,
    interests: bool,
    knowledge: bool,
    life_events: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Block,
    Item,
    Heading,
    Row,
}

/// A block being read: its plain text and its "raw" text, which keeps
/// link sources (`[[Ada|A]]`) and drops emphasis markers and code, for
/// inline fields, dates and tags.
struct Unit {
    kind: UnitKind,
    start: usize,
    plain: String,
    raw: String,
    /// `(raw offset, source offset)` where each source-backed piece of
    /// `raw` begins, in order.
    map: Vec<(usize, usize)>,
    /// Ranges of `raw` copied from links, where no tag is looked for.
    link_raw: Vec<Range<usize>>,
    /// Link mention candidates: target and source range.
    links: Vec<(String, Range<usize>)>,
    /// An unchecked task or inside one: a plan.
    plan_task: bool,
    /// Inside a block quote: field mentions are not contact.
    quoted: bool,
    /// In an interests section.
    interest: bool,
    /// In a knowledge section (not interests).
    knowledge: bool,
    /// A table's header row.
    header: bool,
    /// The plain text of each table cell ended so far.
    cells: Vec<String>,
    /// Where the current cell's plain text starts.
    cell_start: usize,
}

impl Unit {
    fn new(kind: UnitKind, start: usize, quoted: bool, interest: bool) -> Self {
        Unit {
            kind,
            start,
            plain: String::new(),
            raw: String::new(),
            map: Vec::new(),
            link_raw: Vec::new(),
            links: Vec::new(),
            plan_task: false,
            quoted,
            interest,
            knowledge: false,
            header: false,
            cells: Vec::new(),
            cell_start: 0,
        }
    }

    /// Makes a used unit new again, keeping its buffers.
    fn reset(&mut self, kind: UnitKind, start: usize, quoted: bool, interest: bool) {
        self.kind = kind;
        self.start = start;
        self.plain.clear();
        self.raw.clear();
        self.map.clear();
        self.link_raw.clear();
        self.links.clear();
        self.plan_task = false;
        self.quoted = quoted;
        self.interest = interest;
        self.knowledge = false;
        self.header = false;
        self.cells.clear();
        self.cell_start = 0;
    }

    fn push_raw(&mut self, text: &str, source: usize) {
        self.map.push((self.raw.len(), source));
        self.raw.push_str(text);
    }

    /// The source offset of a `raw` offset.
    fn source(&self, raw: usize) -> usize {
        let i = self.map.partition_point(|(r, _)| *r <= raw);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some((r, s)) => s + (raw - r),
            None => self.start,
        }
    }
}

struct ItemCtx {
    /// Index of the item's unit in `Walker::units`.
    unit: usize,
    start: usize,
    task: Option<bool>,
    decided: bool,
}

#[derive(Clone, Copy)]
enum Owner {
    /// A dated heading of this level.
    Heading(u8),
    /// A dated list item at this depth of `Walker::items`.
    Item(usize),
    /// A dated table row, open while its own cells are read.
    Row,
}

/// An interaction whose content is still being read.
struct Open {
    index: usize,
    owner: Owner,
}

#[derive(Default)]
struct SectionBuild {
    heading: String,
    line: usize,
    text: String,
    from_heading: bool,
}

struct PendingIgnore {
    span: Span,
    end_line: usize,
    rules: Vec<String>,
}

struct Walker<'a> {
    src: &'a str,
    lines: LineIndex<'a>,
    path: &'a str,
    log_sections: &'a [String],
    log_words: bool,
    body: Body,
    h1_count: usize,
    h1_text: Option<String>,
    headings: Vec<HeadingCtx>,
    /// Level of the heading being read, if any.
    heading: Option<u8>,
    section: SectionBuild,
    units: Vec<Unit>,
    /// Finished units kept for their buffers: blocks are many and small,
    /// and allocation would otherwise dominate the walk.
    spare: Vec<Unit>,
    /// For each open paragraph: whether it opened its own unit.
    paragraphs: Vec<bool>,
    items: Vec<ItemCtx>,
    open: Vec<Open>,
    quote_depth: usize,
    code_block: bool,
    link_depth: usize,
    ignores: Vec<PendingIgnore>,
    seen_tags: HashSet<String>,
}

/// A section name as compared: trimmed, lowercase, without a trailing
/// colon.
fn section_name(text: &str) -> String {
    text.trim().trim_end_matches(':').trim_end().to_lowercase()
}

/// Whether a configured section name (any case, maybe with a colon)
/// names the section `name` (already in [`section_name`] form).
fn same_section(configured: &str, name: &str) -> bool {
    let configured = configured.trim().trim_end_matches(':').trim_end();
    !configured.is_empty()
        && configured
            .chars()
            .flat_map(char::to_lowercase)
            .eq(name.chars())
}

fn push_capped(out: &mut String, text: &str, cap: usize) {
    if out.len() >= cap {
        return;
    }
    let room = floor_boundary(text, cap - out.len());
    out.push_str(&text[..room]);
}

fn newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Trims in place without reallocating.
fn trim_in_place(text: &mut String) {
    text.truncate(text.trim_end().len());
    let lead = text.len() - text.trim_start().len();
    text.drain(..lead);
}

fn capped(text: &str, cap: usize) -> String {
    text[..floor_boundary(text, cap)].to_string()
}

/// The person a link points to, if it is a note link: a wikilink target
/// without `#heading`/`^block`, or a relative Markdown link to a `.md`
/// note (percent-decoded).
fn link_target(link_type: LinkType, dest: &str) -> Option<String> {
    let target = match link_type {
        LinkType::WikiLink { .. } => {
            let name = dest.split(['#', '^']).next().unwrap_or("");
            // In a table, the label pipe is written `\|`.
            name.trim_end_matches('\\').trim().to_string()
        }
        LinkType::Inline
        | LinkType::Reference
        | LinkType::Collapsed
        | LinkType::Shortcut
        | LinkType::ReferenceUnknown
        | LinkType::CollapsedUnknown
        | LinkType::ShortcutUnknown => {
            let path = dest.split('#').next().unwrap_or("");
            let has_scheme = path.find(':').is_some_and(|c| !path[..c].contains('/'));
            let last = path.rsplit('/').next().unwrap_or("");
            let is_note = last
                .get(last.len().saturating_sub(3)..)
                .is_some_and(|ext| ext.eq_ignore_ascii_case(".md"))
                || !last.contains('.');
            if has_scheme || !is_note {
                return None;
            }
            percent_decode(path).trim().to_string()
        }
        LinkType::Autolink | LinkType::Email => return None,
    };
    (!target.is_empty()).then_some(target)
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Names on an `Attendees: Ana Silva, Ben` line (links there are links
/// already): each with its range in `raw`.
fn attendee_names(raw: &str, names: &mut Vec<(String, Range<usize>)>) {
    let line = raw.lines().next().unwrap_or("");
    let Some((label, rest)) = line.split_once(':') else {
        return;
    };
    if rest.starts_with(':') || !ATTENDEE_LABELS.contains(&label.trim().to_lowercase().as_str()) {
        return;
    }
    let base = label.len() + 1;
    let mut cursor = 0;
    for name in field_names(rest) {
        let Some(p) = rest.get(cursor..).and_then(|r| r.find(name)) else {
            continue;
        };
        let at = base + cursor + p;
        cursor += p + name.len();
        names.push((name.to_string(), at..at + name.len()));
    }
}

/// Names in a participant field value: comma separated, quotes and `@`
/// dropped. Links are left out: the parser reports them as links.
fn field_names(value: &str) -> impl Iterator<Item = &str> {
    value
        .split([',', ';'])
        .map(|n| {
            n.trim()
                .trim_matches(['"', '\''])
                .trim_start_matches('@')
                .trim()
        })
        .filter(|n| {
            !n.is_empty() && !n.starts_with('[') && !n.starts_with("![") && !n.starts_with('`')
        })
}

impl<'a> Walker<'a> {
    fn new(src: &'a str, first_line: usize, path: &'a str, options: &BodyOptions<'a>) -> Self {
        Walker {
            src,
            lines: LineIndex::new(src, first_line),
            path,
            log_sections: options.log_sections,
            log_words: options.log_words,
            body: Body::default(),
            h1_count: 0,
            h1_text: None,
            headings: Vec::new(),
            heading: None,
            section: SectionBuild::default(),
            units: Vec::new(),
            spare: Vec::new(),
            paragraphs: Vec::new(),
            items: Vec::new(),
            open: Vec::new(),
            quote_depth: 0,
            code_block: false,
            link_depth: 0,
            ignores: Vec::new(),
            seen_tags: HashSet::new(),
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => {
                if self.code_block {
                    // Code block text keeps the note's line ends.
                    if text.contains('\r') {
                        self.flow_text(&text.replace('\r', ""), range.start);
                    } else {
                        self.flow_text(&text, range.start);
                    }
                } else {
                    self.text(&text, range.start);
                }
            }
            Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.flow_text(&text, range.start);
                if let Some(unit) = self.units.last_mut() {
                    unit.plain.push_str(&text);
                    if self.link_depth == 0 {
                        unit.push_raw(" ", range.start);
                    }
                }
            }
            Event::InlineHtml(html) => self.html(&html, range.start),
            Event::SoftBreak | Event::HardBreak => self.line_break(range.start),
            Event::TaskListMarker(checked) => self.task(checked),
            Event::Html(_) | Event::FootnoteReference(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                self.block_break();
                if self.in_item_unit() {
                    self.paragraphs.push(false);
                } else {
                    self.push_unit(UnitKind::Block, range.start);
                    self.paragraphs.push(true);
                }
            }
            Tag::Heading { level, .. } => self.start_heading(level as u8, range.start),
            Tag::BlockQuote(_) => {
                self.decide_item();
                self.block_break();
                self.quote_depth += 1;
                if let Some(unit) = self.units.last_mut() {
                    unit.quoted = true;
                }
            }
            Tag::CodeBlock(_) => {
                self.decide_item();
                self.block_break();
                self.code_block = true;
            }
            Tag::HtmlBlock => {
                self.decide_item();
                let html = self.src.get(range.clone()).unwrap_or("");
                self.html(html, range.start);
            }
            Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_) | Tag::DefinitionList => {
                self.decide_item();
                self.block_break();
            }
            Tag::Item => {
                self.decide_item();
                self.block_break();
                let plan = self
                    .items
                    .last()
                    .is_some_and(|i| self.units.get(i.unit).is_some_and(|u| u.plan_task));
                self.push_unit(UnitKind::Item, range.start);
                if let Some(unit) = self.units.last_mut() {
                    unit.plan_task = plan;
                }
                self.items.push(ItemCtx {
                    unit: self.units.len() - 1,
                    start: range.start,
                    task: None,
                    decided: false,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                self.block_break();
                self.push_unit(UnitKind::Row, range.start);
                if let Some(unit) = self.units.last_mut() {
                    unit.header = matches!(tag, Tag::TableHead);
                }
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let target = link_target(link_type, &dest_url);
                let quoted = self.quote_depth > 0;
                self.start_link(range, target.filter(|_| !quoted));
            }
            Tag::Image { .. } => self.start_link(range, None),
            Tag::TableCell
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph => {
                if self.paragraphs.pop() == Some(true) {
                    self.pop_unit();
                } else {
                    // The first paragraph of an item holds its date line.
                    self.decide_item();
                    if let Some(unit) = self.units.last_mut() {
                        unit.plain.push('\n');
                        unit.push_raw("\n", range.end.saturating_sub(1));
                    }
                }
                self.block_break();
            }
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::BlockQuote(_) => {
                self.quote_depth = self.quote_depth.saturating_sub(1);
                self.block_break();
            }
            TagEnd::CodeBlock => {
                self.code_block = false;
                self.block_break();
            }
            TagEnd::Item => self.end_item(),
            TagEnd::TableHead | TagEnd::TableRow => {
                self.pop_unit();
                self.block_break();
            }
            TagEnd::TableCell => {
                self.flow_text(" ", range.end);
                if let Some(unit) = self.units.last_mut() {
                    let cell = unit.plain.get(unit.cell_start..).unwrap_or("").trim();
                    unit.cells.push(cell.to_string());
                    unit.plain.push(' ');
                    unit.cell_start = unit.plain.len();
                    unit.push_raw("\n", range.end);
                }
            }
            TagEnd::Link | TagEnd::Image => self.link_depth = self.link_depth.saturating_sub(1),
            TagEnd::List(_)
            | TagEnd::Table
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList => {
                self.block_break();
            }
            TagEnd::HtmlBlock
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    // ---- text routing ----

    /// Text that flows into the section and the open interaction (not a
    /// heading's own text: that is placed when the heading ends).
    fn flow_text(&mut self, text: &str, offset: usize) {
        if self.heading.is_some() {
            return;
        }
        if self.section.line == 0 {
            self.section.line = self.lines.line(offset);
        }
        self.section.text.push_str(text);
        let quoted = self.quote_depth > 0 && text != "\n";
        if let Some(open) = self.open.last() {
            if let Some(interaction) = self.body.interactions.get_mut(open.index) {
                // Quoted lines keep their `>`: their words are someone
                // else's, and `all-about-me` does not count them.
                if quoted && (interaction.text.is_empty() || interaction.text.ends_with('\n')) {
                    push_capped(&mut interaction.text, "> ", TEXT_CAP);
                }
                push_capped(&mut interaction.text, text, TEXT_CAP);
            }
        }
    }

    fn text(&mut self, text: &str, offset: usize) {
        self.flow_text(text, offset);
        let link_depth = self.link_depth;
        if let Some(unit) = self.units.last_mut() {
            unit.plain.push_str(text);
            if link_depth == 0 {
                unit.push_raw(text, offset);
            }
        }
    }

    fn line_break(&mut self, offset: usize) {
        // The end of an item's first line: its date is known now.
        self.decide_item();
        self.flow_text("\n", offset);
        if let Some(unit) = self.units.last_mut() {
            unit.plain.push('\n');
            if self.link_depth == 0 {
                unit.push_raw("\n", offset);
            }
        }
    }

    /// Ends a line in the section and interaction texts.
    fn block_break(&mut self) {
        newline(&mut self.section.text);
        if let Some(open) = self.open.last() {
            if let Some(interaction) = self.body.interactions.get_mut(open.index) {
                newline(&mut interaction.text);
            }
        }
    }

    fn start_link(&mut self, range: Range<usize>, target: Option<String>) {
        if self.link_depth == 0 {
            if let Some(unit) = self.units.last_mut() {
                let source = self.src.get(range.clone()).unwrap_or("");
                let begin = unit.raw.len();
                unit.push_raw(source, range.start);
                unit.link_raw.push(begin..unit.raw.len());
                if let Some(target) = target {
                    unit.links.push((target, range));
                }
            }
        }
        self.link_depth += 1;
    }

    fn task(&mut self, checked: bool) {
        if let Some(item) = self.items.last_mut() {
            if item.task.is_none() && !item.decided {
                item.task = Some(checked);
                if !checked {
                    if let Some(unit) = self.units.get_mut(item.unit) {
                        unit.plan_task = true;
                    }
                }
            }
        }
    }

    fn html(&mut self, html: &str, offset: usize) {
        for (range, rules) in comments::ignore_comments(html, offset) {
            let end_line = self.lines.line(range.end.saturating_sub(1));
            self.ignores.push(PendingIgnore {
                span: self.lines.span(range),
                end_line,
                rules,
            });
        }
    }

    // ---- units ----

    fn in_item_unit(&self) -> bool {
        self.items
            .last()
            .is_some_and(|item| item.unit + 1 == self.units.len())
    }

    fn push_unit(&mut self, kind: UnitKind, start: usize) {
        // Under an interests heading, but not in an interaction's
        // content: a dated heading below `## Interests` is a log entry.
        let interest = matches!(kind, UnitKind::Block | UnitKind::Item)
            && self.open.is_empty()
            && self.headings.iter().any(|h| h.interests);
        let knowledge = matches!(kind, UnitKind::Block | UnitKind::Item)
            && self.open.is_empty()
            && !interest
            && self.headings.iter().any(|h| h.knowledge);
        let quoted = self.quote_depth > 0;
        let mut unit = match self.spare.pop() {
            Some(mut unit) => {
                unit.reset(kind, start, quoted, interest);
                unit
            }
            None => Unit::new(kind, start, quoted, interest),
        };
        unit.knowledge = knowledge;
        self.units.push(unit);
    }

    fn pop_unit(&mut self) {
        if let Some(unit) = self.units.pop() {
            let row = unit.kind == UnitKind::Row && self.open_row(&unit);
            self.finish_unit(&unit);
            if row {
                self.open.retain(|o| !matches!(o.owner, Owner::Row));
            }
            self.spare.push(unit);
        }
    }

    /// Opens the interaction of a table row in a log section whose first
    /// cell is a date (`| 2025-03-03 | Coffee | … |`), its text the other
    /// cells; the header row and rows inside an open interaction are not
    /// rows of a log. True when one was opened.
    fn open_row(&mut self, unit: &Unit) -> bool {
        if unit.header || !self.open.is_empty() || !self.in_log_section() {
            return false;
        }
        let Some(first) = unit.cells.first() else {
            return false;
        };
        let Some((DateValue::Date(date), rest)) = leading_date(first) else {
            return false;
        };
        if !rest.trim().is_empty() {
            return false;
        }
        let text = unit.cells[1..]
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" — ");
        let line = self.lines.line(unit.start);
        let span = self.date_span(unit, line, unit.start);
        self.open_interaction(date, InteractionSource::ListItem, span, text, Owner::Row);
        true
    }

    /// A block is complete: its fields go to the open interaction (or to
    /// `learned`), its links and field names become mentions, its tags
    /// and interests are collected.
    fn finish_unit(&mut self, unit: &Unit) {
        let mut by = None;
        let (mut asks, mut gives, mut learned) = (Vec::new(), Vec::new(), Vec::new());
        let mut names: Vec<(String, Range<usize>)> = Vec::new();
        let mut plan = false;
        for field in scan_fields(&unit.raw) {
            let key = field.key.as_ref();
            if field.value.is_empty() {
                continue;
            }
            if BY_KEYS.contains(&key) {
                if let Some(value) = By::parse(field.value) {
                    by = by.or(Some(value));
                } else {
                    let span = self
                        .lines
                        .span(unit.source(field.range.start)..unit.source(field.range.end));
                    self.body.problems.push(
                        Problem::new(
                            ProblemKind::InvalidValue,
                            span,
                            format!("invalid `{key}` value `{}`", field.value),
                        )
                        .with_help("use `me`, `them` or `both`"),
                    );
                }
            } else if key == "ask" {
                asks.push(field.value.to_string());
            } else if key == "give" {
                gives.push(field.value.to_string());
            } else if key == "learned" {
                learned.push(field.value.to_string());
            } else if PLAN_KEYS.contains(&key) || NOT_CONTACT_KEYS.contains(&key) {
                plan = true;
            } else if MENTION_KEYS.contains(&key) {
                let whole = unit.raw.get(field.range.clone()).unwrap_or("");
                // Names come in order: search on from the last one.
                let mut cursor = 0;
                for name in field_names(field.value) {
                    let at = match whole.get(cursor..).and_then(|w| w.find(name)) {
                        Some(p) => {
                            cursor += p + name.len();
                            field.range.start + cursor - name.len()
                        }
                        None => field.range.start,
                    };
                    names.push((name.to_string(), at..at + name.len()));
                }
            }
        }
        if names.is_empty() {
            attendee_names(&unit.raw, &mut names);
        }
        let mentions_here = !unit.plan_task && !plan;
        let mentions_someone = !unit.links.is_empty() || (!names.is_empty() && !unit.quoted);
        if mentions_here && !mentions_someone && !unit.quoted && self.open.is_empty() {
            let note = &mut self.body.note_fields;
            note.by = note.by.or(by);
            note.asks.extend(asks.iter().cloned());
            note.gives.extend(gives.iter().cloned());
            note.learned.extend(learned.iter().cloned());
        }
        if mentions_here && mentions_someone {
            let links = unit.links.iter().map(|(t, r)| (t.clone(), r.clone()));
            let fields = names
                .into_iter()
                .filter(|_| !unit.quoted)
                .map(|(name, range)| (name, unit.source(range.start)..unit.source(range.end)));
            // One mention per name and block: the block's text and fields
            // are the same for each repeat.
            let mut seen = HashSet::new();
            let found: Vec<(String, Range<usize>)> = links
                .chain(fields)
                .filter(|(target, _)| seen.insert(target.clone()))
                .collect();
            // Each mention carries a copy of the block text: a block with
            // many names shares a bounded budget.
            let cap = (MENTION_TEXT_BUDGET / found.len().max(1)).clamp(256, MENTION_TEXT_CAP);
            let text = capped(unit.plain.trim(), cap);
            for (target, range) in found {
                self.body.mentions.push(Mention {
                    target,
                    span: self.lines.span(range),
                    text: text.clone(),
                    by,
                    asks: asks.clone(),
                    gives: gives.clone(),
                    learned: learned.clone(),
                    block: unit.start,
                });
            }
        }
        if let Some(open) = self.open.last() {
            if let Some(interaction) = self.body.interactions.get_mut(open.index) {
                interaction.by = interaction.by.or(by);
                interaction.asks.append(&mut asks);
                interaction.gives.append(&mut gives);
                interaction.learned.append(&mut learned);
            }
        } else {
            self.body.learned.append(&mut learned);
        }
        tags::scan_tags(
            &unit.raw,
            &unit.link_raw,
            &mut self.body.tags,
            &mut self.seen_tags,
        );
        if unit.interest {
            self.add_interests(unit);
        }
        if unit.knowledge {
            self.add_knowledge(unit);
        }
        if self.open.is_empty() && !unit.quoted && !unit.plan_task {
            self.add_fields(unit);
        }
    }

    fn add_knowledge(&mut self, unit: &Unit) {
        let text = match unit.kind {
            UnitKind::Item | UnitKind::Block => unit.plain.trim(),
            UnitKind::Heading | UnitKind::Row => return,
        };
        if text.is_empty() {
            return;
        }
        let start = unit.map.first().map_or(unit.start, |(_, s)| *s);
        let span = self.lines.span(start..self.lines.content_end(start));
        self.body.knowledge.push(Fact::new(text.to_string(), span));
    }

    /// The body fields of a block outside interactions: each source line
    /// of a paragraph, an item's first line, or a two-cell table row.
    fn add_fields(&mut self, unit: &Unit) {
        match unit.kind {
            UnitKind::Heading => {}
            UnitKind::Row => {
                if let [key, value] = unit.cells.as_slice() {
                    let key = key.trim_matches(['*', '_', ':', ' ']);
                    if !key.is_empty() && !value.is_empty() && !unit.header {
                        let span = self
                            .lines
                            .span(unit.start..self.lines.content_end(unit.start));
                        self.body.fields.push(BodyField {
                            key: key.to_string(),
                            value: value.clone(),
                            span,
                            kind: labels::LabelKind::Table,
                        });
                    }
                }
            }
            UnitKind::Item | UnitKind::Block => {
                let lines = if unit.kind == UnitKind::Item {
                    1
                } else {
                    unit.raw.split('\n').count()
                };
                let mut at = Some(unit.start);
                for _ in 0..lines {
                    let Some(offset) = at else { break };
                    let (line, line_start) = self.lines.line_at(offset);
                    if let Some(found) = labels::label(line) {
                        let key_start = line_start + found.key_range.start;
                        let key_end = line_start + found.key_range.end;
                        self.body.fields.push(BodyField {
                            key: found.key.to_string(),
                            value: found.value.to_string(),
                            span: self.lines.span(key_start..key_end),
                            kind: found.kind,
                        });
                    }
                    at = self.lines.next_line(offset);
                }
            }
        }
    }

    fn add_interests(&mut self, unit: &Unit) {
        let lines: Vec<&str> = match unit.kind {
            UnitKind::Item => vec![unit.plain.trim()],
            UnitKind::Block => unit.plain.lines().map(str::trim).collect(),
            UnitKind::Heading | UnitKind::Row => Vec::new(),
        };
        let start = unit.map.first().map_or(unit.start, |(_, s)| *s);
        let line = self.lines.line(start);
        for (n, text) in lines.into_iter().enumerate() {
            if text.is_empty() || is_field_line(text) {
                continue;
            }
            let span = if n == 0 {
                self.lines.span(start..self.lines.content_end(start))
            } else {
                Span::line(line + n)
            };
            self.body.interests.push(Fact::new(text.to_string(), span));
        }
    }

    // ---- headings ----

    fn start_heading(&mut self, level: u8, start: usize) {
        self.decide_item();
        self.open
            .retain(|o| !matches!(o.owner, Owner::Heading(l) if l >= level));
        while self.headings.last().is_some_and(|h| h.level >= level) {
            self.headings.pop();
        }
        self.flush_section();
        self.section = SectionBuild {
            heading: String::new(),
            line: self.lines.line(start),
            text: String::new(),
            from_heading: true,
        };
        self.heading = Some(level);
        self.push_unit(UnitKind::Heading, start);
    }

    fn end_heading(&mut self) {
        let Some(level) = self.heading.take() else {
            return;
        };
        // Only inline content sits inside a heading, but be safe.
        while self
            .units
            .last()
            .is_some_and(|u| u.kind != UnitKind::Heading)
        {
            self.pop_unit();
        }
        let Some(unit) = self.units.pop() else {
            return;
        };
        let plain = unit.plain.trim().to_string();
        let name = section_name(&plain);
        if level == 1 {
            self.h1_count += 1;
            if self.h1_text.is_none() {
                self.h1_text = Some(plain.clone());
            }
        }
        self.section.heading.clone_from(&plain);
        let under_life_events = self.headings.iter().any(|h| h.life_events);
        let dated = match dated(&unit, &self.lines, "heading") {
            Dated::Date(date, date_start) if !under_life_events => {
                let line = self.lines.line(unit.start);
                let span = self.date_span(&unit, line, date_start);
                self.open_interaction(
                    date,
                    InteractionSource::Heading,
                    span,
                    plain.clone(),
                    Owner::Heading(level),
                );
                true
            }
            Dated::Invalid(problem) => {
                self.body.problems.push(problem);
                false
            }
            Dated::Date(..) | Dated::None => false,
        };
        if !dated {
            if let Some(open) = self.open.last() {
                if let Some(interaction) = self.body.interactions.get_mut(open.index) {
                    newline(&mut interaction.text);
                    push_capped(&mut interaction.text, &plain, TEXT_CAP);
                    interaction.text.push('\n');
                }
            }
        }
        let words = heading_words(&name);
        let life_events = name == LIFE_EVENTS;
        let named = self.log_sections.iter().any(|s| same_section(s, &name));
        self.headings.push(HeadingCtx {
            level,
            log: !life_events && (named || (self.log_words && is_log_heading(&words))),
            interests: is_interest_heading(&words),
            knowledge: !life_events && is_knowledge_heading(&words),
            life_events,
        });
        self.finish_unit(&unit);
        self.spare.push(unit);
    }

    /// Whether a list item here is in a log section: the nearest
    /// enclosing heading that is a log, `Life events` or an interests
    /// section decides; other headings (`### 2026`) are looked through.
    fn in_log_section(&self) -> bool {
        for heading in self.headings.iter().rev() {
            if heading.life_events || heading.interests {
                return false;
            }
            if heading.log {
                return true;
            }
        }
        false
    }

    // ---- items ----

    /// Decides, once its first line is read, whether the innermost list
    /// item is a dated interaction.
    fn decide_item(&mut self) {
        let Some(item) = self.items.last_mut() else {
            return;
        };
        if item.decided {
            return;
        }
        item.decided = true;
        let (unit_index, task, start) = (item.unit, item.task, item.start);
        let Some(unit) = self.units.get(unit_index) else {
            return;
        };
        let found = dated(unit, &self.lines, "list item");
        if task == Some(false) {
            self.add_plan(unit_index, found, start);
            return;
        }
        let (date, date_start) = match found {
            Dated::Date(date, date_start) => (date, date_start),
            Dated::Invalid(problem) => {
                self.body.problems.push(problem);
                return;
            }
            Dated::None => return,
        };
        if !self.open.is_empty() || !self.in_log_section() {
            return;
        }
        let line = self.lines.line(start);
        let span = self.date_span(unit, line, date_start);
        let text = unit.plain.trim().to_string();
        let depth = self.items.len() - 1;
        self.open_interaction(
            date,
            InteractionSource::ListItem,
            span,
            text,
            Owner::Item(depth),
        );
    }

    /// An unchecked task item's plan, once its first line is read: a
    /// leading date (`- [ ] 2026-11-01 call`) or an Obsidian Tasks due
    /// date (`- [ ] call 📅 2026-11-01`). Items nested in a task are its
    /// content, not plans of their own.
    fn add_plan(&mut self, unit_index: usize, found: Dated, start: usize) {
        let nested = self.items.len() > 1
            && self.items[..self.items.len() - 1]
                .iter()
                .any(|item| item.task == Some(false));
        let Some(unit) = self.units.get(unit_index) else {
            return;
        };
        let first = unit.plain.trim().lines().next().unwrap_or("").trim();
        let line = self.lines.line(start);
        let (date, text, span) = match found {
            Dated::Invalid(problem) => {
                self.body.problems.push(problem);
                return;
            }
            Dated::Date(date, date_start) => {
                let text = leading_date(first).map_or(first, |(_, rest)| rest);
                (
                    date,
                    text.trim().to_string(),
                    self.date_span(unit, line, date_start),
                )
            }
            Dated::None => {
                let Some((date, text)) = due_date(first) else {
                    return;
                };
                let span = self.date_span(unit, line, unit.start);
                (date, text, span)
            }
        };
        if nested {
            return;
        }
        self.body.plans.push(Plan {
            date,
            text,
            path: self.path.to_string(),
            span,
            source: PlanSource::Task,
        });
    }

    fn end_item(&mut self) {
        self.decide_item();
        let Some(item) = self.items.pop() else {
            return;
        };
        while self.units.len() > item.unit {
            self.pop_unit();
        }
        let depth = self.items.len();
        self.open
            .retain(|o| !matches!(o.owner, Owner::Item(d) if d >= depth));
        self.block_break();
    }

    // ---- interactions ----

    fn date_span(&self, unit: &Unit, line: usize, date_start: usize) -> Span {
        let column = if self.lines.line(date_start) == line {
            self.lines.column(date_start)
        } else {
            self.lines.column(unit.start)
        };
        let end = self.lines.content_end(unit.start);
        let end_column = self.lines.column(end).max(column);
        Span::on_line(line, column, end_column)
    }

    fn open_interaction(
        &mut self,
        date: NaiveDate,
        source: InteractionSource,
        span: Span,
        text: String,
        owner: Owner,
    ) {
        // Pending comments are in line order: look back only as far as
        // the line before.
        let found = self
            .ignores
            .iter()
            .rev()
            .take_while(|i| i.end_line + 1 >= span.line)
            .position(|i| i.end_line + 1 == span.line)
            .map(|back| self.ignores.len() - 1 - back);
        let ignore = found.map(|i| {
            let found = self.ignores.remove(i);
            Box::new(IgnoreComment {
                rules: found.rules,
                span: found.span,
            })
        });
        let mut text = text;
        if text.len() > TEXT_CAP {
            text.truncate(floor_boundary(&text, TEXT_CAP));
        }
        let mut interaction = Interaction::new(date, self.path.to_string(), span, source, text);
        interaction.ignore = ignore;
        self.body.interactions.push(interaction);
        self.open.push(Open {
            index: self.body.interactions.len() - 1,
            owner,
        });
    }

    fn flush_section(&mut self) {
        let mut section = std::mem::take(&mut self.section);
        trim_in_place(&mut section.text);
        if !section.from_heading && section.text.is_empty() {
            return;
        }
        self.body.sections.push(Section {
            heading: section.heading,
            line: section.line.max(1),
            text: section.text,
        });
    }

    fn finish(mut self) -> Body {
        self.decide_item();
        while !self.units.is_empty() {
            self.pop_unit();
        }
        self.flush_section();
        if self.h1_count == 1 {
            self.body.title = self.h1_text.take().filter(|t| !t.is_empty());
        }
        for interaction in &mut self.body.interactions {
            trim_in_place(&mut interaction.text);
        }
        self.body.stray_ignores = self
            .ignores
            .into_iter()
            .map(|i| (i.span, i.rules))
            .collect();
        // Blocks finish inner-first (a nested item before its parent);
        // report in note order.
        self.body.problems.sort_by_key(|p| p.span);
        self.body.mentions.sort_by_key(|m| m.span);
        self.body.interests.sort_by_key(|f| f.span);
        self.body.plans.sort_by_key(|p| p.span);
        self.body.knowledge.sort_by_key(|f| f.span);
        self.body.fields.sort_by_key(|f| f.span);
        self.body
    }
}

/// The Obsidian Tasks due date of a task's text (`call Ada 📅
/// 2026-11-01`) and the text without it; None without a real date.
fn due_date(text: &str) -> Option<(NaiveDate, String)> {
    let (before, after) = text.split_once('\u{1f4c5}')?;
    let after = after.trim_start_matches('\u{fe0f}').trim_start();
    let (DateValue::Date(date), rest) = leading_date(after)? else {
        return None;
    };
    let text = format!("{} {}", before.trim(), rest.trim());
    Some((date, text.trim().to_string()))
}

/// What a heading or list item starts with.
// Short-lived (one per heading or item read); boxing the problem would
// cost an allocation on the rare invalid date for nothing.
#[allow(clippy::large_enum_variant)]
enum Dated {
    /// A date, and the source offset where it is written.
    Date(NaiveDate, usize),
    Invalid(Problem),
    None,
}

/// Reads the date a heading or item starts with (`what` names it in
/// the problem for an invalid date).
fn dated(unit: &Unit, lines: &LineIndex<'_>, what: &str) -> Dated {
    let first = unit.raw.split('\n').next().unwrap_or("");
    let trimmed = first.trim_start();
    let lead = first.len() - trimmed.len();
    let Some((value, rest)) = leading_date(trimmed) else {
        return Dated::None;
    };
    let date_start = lead + trimmed.find(char::is_alphanumeric).unwrap_or(0);
    let source = unit.source(date_start);
    match value {
        DateValue::Date(date) => Dated::Date(date, source),
        DateValue::Invalid => {
            let consumed = if rest.len() <= trimmed.len() && trimmed.ends_with(rest) {
                trimmed.len() - rest.len()
            } else {
                trimmed.find(char::is_whitespace).unwrap_or(trimmed.len())
            };
            let written = trimmed[..floor_boundary(trimmed, consumed)]
                .trim_end_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | '-' | '—' | '–' | ',' | '|')
                })
                .trim();
            let end = unit.source(lead + written.len()).max(source);
            Dated::Invalid(
                Problem::new(
                    ProblemKind::InvalidDate,
                    lines.span(source..end),
                    format!("invalid date `{written}` in {what}"),
                )
                .with_help(crate::vault::dates::invalid_date_help(written)),
            )
        }
        DateValue::NotDate => Dated::None,
    }
}
