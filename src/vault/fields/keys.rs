//! The table of known keys (SPEC §2.1): every person field with the
//! aliases real vaults write for it, the keys other parts of vaultnet
//! read, and the well-known keys of the formats vaults mix in (vCard,
//! Obsidian publishing, everyday metadata), which are never typos.
//!
//! This table is the single source: the person reader looks keys up
//! here, `unknown-field` compares with it, and `docs/format.md` is
//! checked against it by a unit test. Keys are compared after
//! [`normalize`]: case, spaces, `-`, `_`, `.` and camelCase word breaks
//! do not count, so `Full Name`, `full_name`, `fullName` and `FULL-NAME`
//! are one key.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::{Edit, Problem, ProblemKind, Span};
use crate::vault::frontmatter::{Field, FrontMatter};

/// A field of a person note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Name,
    FirstName,
    LastName,
    Aliases,
    Tags,
    Slug,
    Met,
    MetAt,
    Cadence,
    Tier,
    LastContact,
    NextContact,
    Interests,
    Company,
    Role,
    Location,
    Relationship,
    Family,
    Pets,
    Birthday,
    Status,
    Active,
    Paused,
    Death,
    SnoozeUntil,
    Interactions,
    Vaultnet,
    Owner,
    Learned,
}

/// One row of the table: the field, its key as documented, the aliases
/// as documented (any spelling [`normalize`] maps to the same key works),
/// and what it holds, for `docs/format.md`.
pub struct KeyInfo {
    pub key: Key,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub holds: &'static str,
}

/// Every person field and its aliases.
pub const PERSON_KEYS: &[KeyInfo] = &[
    KeyInfo {
        key: Key::Name,
        name: "name",
        aliases: &["full_name", "fn"],
        holds: "display name: text, a link, or a map `{first, last}`",
    },
    KeyInfo {
        key: Key::FirstName,
        name: "first_name",
        aliases: &["given_name", "N.GN"],
        holds: "first part of the name when there is no `name`",
    },
    KeyInfo {
        key: Key::LastName,
        name: "last_name",
        aliases: &["family_name", "surname", "N.FN"],
        holds: "last part of the name when there is no `name`",
    },
    KeyInfo {
        key: Key::Aliases,
        name: "aliases",
        aliases: &["alias", "nickname", "nicknames"],
        holds: "other names used in links and search",
    },
    KeyInfo {
        key: Key::Tags,
        name: "tags",
        aliases: &["tag"],
        holds: "Obsidian tags, `#` optional (`categories` too in vCard notes)",
    },
    KeyInfo {
        key: Key::Slug,
        name: "slug",
        aliases: &[],
        holds: "another name form used in links and participant lists",
    },
    KeyInfo {
        key: Key::Met,
        name: "met",
        aliases: &["first_met", "met_on"],
        holds: "date you first met",
    },
    KeyInfo {
        key: Key::MetAt,
        name: "met_at",
        aliases: &["how_we_met", "first_met_where"],
        holds: "where or how you met",
    },
    KeyInfo {
        key: Key::Cadence,
        name: "cadence",
        aliases: &["contact_frequency", "prm-cadence", "frequency"],
        holds: "how often you want to be in touch (a duration)",
    },
    KeyInfo {
        key: Key::Tier,
        name: "tier",
        aliases: &["prm-tier"],
        holds: "a named cadence from `[cadence.tiers]`",
    },
    KeyInfo {
        key: Key::LastContact,
        name: "last_contact",
        aliases: &[
            "last_contacted",
            "last_chat",
            "last_interaction",
            "prm-last-contacted",
        ],
        holds: "date of the latest contact, recorded by hand",
    },
    KeyInfo {
        key: Key::NextContact,
        name: "next_contact",
        aliases: &[
            "next_follow_up",
            "follow_up_date",
            "next_action_date",
            "next_meeting",
            "reconnect_on",
        ],
        holds: "date of a planned contact (`missed-follow-up`, `agenda`)",
    },
    KeyInfo {
        key: Key::Interests,
        name: "interests",
        aliases: &["hobbies", "hobby", "passions", "skills", "likes"],
        holds: "what they care about (comma separated or a list)",
    },
    KeyInfo {
        key: Key::Company,
        name: "company",
        aliases: &[
            "org",
            "organization",
            "organizations",
            "employer",
            "companies",
        ],
        holds: "where they work",
    },
    KeyInfo {
        key: Key::Role,
        name: "role",
        aliases: &["job", "title", "position", "occupation", "job_title"],
        holds: "what they do",
    },
    KeyInfo {
        key: Key::Location,
        name: "location",
        aliases: &[
            "city",
            "state",
            "country",
            "hometown",
            "address",
            "ADR.*.LOCALITY",
        ],
        holds: "where they live",
    },
    KeyInfo {
        key: Key::Relationship,
        name: "relationship",
        aliases: &["relation", "prm-relationship"],
        holds: "how you know them",
    },
    KeyInfo {
        key: Key::Family,
        name: "family",
        aliases: &["spouse", "partner", "kids", "children", "RELATED[…]"],
        holds: "their people (text, a list or `who: name` pairs)",
    },
    KeyInfo {
        key: Key::Pets,
        name: "pets",
        aliases: &[],
        holds: "their animals",
    },
    KeyInfo {
        key: Key::Birthday,
        name: "birthday",
        aliases: &["birthdate", "birth", "bday", "prm-birthday"],
        holds: "a date, year optional (`--04-02`)",
    },
    KeyInfo {
        key: Key::Status,
        name: "status",
        aliases: &[],
        holds: "`active` (default), `paused`, `archived`, `deceased`, `reference`",
    },
    KeyInfo {
        key: Key::Active,
        name: "active",
        aliases: &[],
        holds: "`false` means paused",
    },
    KeyInfo {
        key: Key::Paused,
        name: "prm-paused",
        aliases: &[],
        holds: "`true` means paused",
    },
    KeyInfo {
        key: Key::Death,
        name: "death",
        aliases: &["deathday", "died"],
        holds: "a date: the person died",
    },
    KeyInfo {
        key: Key::SnoozeUntil,
        name: "snooze_until",
        aliases: &["prm-snooze-until"],
        holds: "relationship rules skip them until this date",
    },
    KeyInfo {
        key: Key::Interactions,
        name: "interactions",
        aliases: &[],
        holds: "a list of `{date, text, by, ask, give, learned}` maps",
    },
    KeyInfo {
        key: Key::Vaultnet,
        name: "vaultnet",
        aliases: &[],
        holds: "per-note lint settings `{ignore, until, reason}`",
    },
    KeyInfo {
        key: Key::Owner,
        name: "self",
        aliases: &[],
        holds: "`true`: this note is you",
    },
    KeyInfo {
        key: Key::Learned,
        name: "learned",
        aliases: &[],
        holds: "things you learned about them",
    },
];

/// Front-matter keys that list a journal note's participants (SPEC §2.3).
pub const PARTICIPANT_KEYS: &[&str] = &[
    "people",
    "person",
    "participants",
    "attendees",
    "with",
    "contact",
    "contacts",
];

/// Keys other parts of vaultnet read on any note (what a note is, a
/// journal's date and text): known, never typos.
const NOTE_KEYS: &[&str] = &[
    "type",
    "category",
    "categories",
    "kind",
    "template-type",
    "date",
    "meeting_date",
    "summary",
    "description",
];

/// The vCard 4.0 properties (RFC 6350) vCard-to-Markdown exports write
/// as keys, also with dotted (`ADR.HOME.LOCALITY`) and bracketed
/// (`EMAIL[work]`) forms.
const VCARD_PROPERTIES: &[&str] = &[
    "VERSION",
    "UID",
    "REV",
    "N",
    "FN",
    "TEL",
    "EMAIL",
    "ADR",
    "PHOTO",
    "GENDER",
    "KIND",
    "CATEGORIES",
    "URL",
    "RELATED",
    "NOTE",
    "ORG",
    "TITLE",
    "ROLE",
    "NICKNAME",
    "BDAY",
    "ANNIVERSARY",
    "LANG",
    "TZ",
    "GEO",
    "PRODID",
    "SOURCE",
    "IMPP",
    "LOGO",
    "SOUND",
    "KEY",
    "MEMBER",
    "CLIENTPIDMAP",
    "XML",
    "FBURL",
    "CALADRURI",
    "CALURI",
];

/// Everyday metadata and publishing keys: never reported, even when
/// close to a known key (`state`/`status` is a location now; `kid` is
/// near `kids`, `day` near `bday`, `note` near `notes`).
const WELL_KNOWN: &[&str] = &[
    "cssclass",
    "cssclasses",
    "publish",
    "published",
    "permalink",
    "dg-publish",
    "draft",
    "id",
    "uid",
    "uuid",
    "created",
    "created_at",
    "date_created",
    "updated",
    "updated_at",
    "modified",
    "modified_at",
    "date_modified",
    "last_modified",
    "email",
    "emails",
    "e-mail",
    "mail",
    "phone",
    "phones",
    "mobile",
    "cell",
    "tel",
    "telephone",
    "url",
    "urls",
    "website",
    "websites",
    "web",
    "homepage",
    "link",
    "links",
    "linkedin",
    "twitter",
    "github",
    "instagram",
    "facebook",
    "mastodon",
    "source",
    "sources",
    "day",
    "dates",
    "image",
    "avatar",
    "photo",
    "picture",
    "cover",
    "banner",
    "icon",
    "author",
    "authors",
    "note",
    "notes",
    "meta",
    "kid",
    "page",
    "pages",
    "gender",
    "pronouns",
    "age",
    "timezone",
    "lang",
    "language",
    "me",
    "topic",
    "subject",
    "about",
    "creator",
    "created_by",
];

/// A key as compared: lowercase with spaces, `-`, `_` and `.` removed
/// (camelCase breaks vanish with the case), and a vCard parameter part
/// (`EMAIL[work]`, `TEL;TYPE=cell`) cut off.
#[must_use]
pub fn normalize(key: &str) -> String {
    let key = key.split(['[', ';']).next().unwrap_or(key);
    key.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.' | '\t'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Normalised person key (aliases included) -> field.
static PERSON_INDEX: LazyLock<HashMap<String, Key>> = LazyLock::new(|| {
    let mut index = HashMap::new();
    for info in PERSON_KEYS {
        for key in std::iter::once(&info.name).chain(info.aliases) {
            if !key.contains(['*', '…']) {
                index.insert(normalize(key), info.key);
            }
        }
    }
    index
});

/// The person field a key names, as written: any spelling of a key or
/// alias, a plural or singular of one (`interest`, `relations`), a
/// `prm-` form of one, `ADR.*.LOCALITY` and `RELATED[…]`.
#[must_use]
pub fn person_key(key: &str) -> Option<Key> {
    // Reading a person asks this of every key once per field it looks
    // for, and a vault writes the same few dozen keys again and again:
    // each thread remembers its answers (a bounded table, so a vault of
    // made-up keys cannot grow it).
    thread_local! {
        static SEEN: std::cell::RefCell<HashMap<String, Option<Key>>> =
            std::cell::RefCell::new(HashMap::new());
    }
    SEEN.with(|seen| {
        if let Some(found) = seen.borrow().get(key) {
            return *found;
        }
        let found = person_key_of(key);
        let mut seen = seen.borrow_mut();
        if seen.len() >= 1024 {
            seen.clear();
        }
        seen.insert(key.to_string(), found);
        found
    })
}

fn person_key_of(key: &str) -> Option<Key> {
    let raw = key.trim();
    if raw.to_ascii_uppercase().starts_with("RELATED") && raw.contains('[') {
        return Some(Key::Family);
    }
    // `ADR.HOME.LOCALITY`, `ADR[HOME].LOCALITY` (vCard exports write both).
    let upper: String = without_brackets(raw).to_ascii_uppercase();
    if upper.starts_with("ADR.") && upper.ends_with(".LOCALITY") {
        return Some(Key::Location);
    }
    let key = normalize(raw);
    lookup(&key).or_else(|| key.strip_prefix("prm").and_then(lookup))
}

/// A key with its `[…]` parts dropped: `ADR[HOME].LOCALITY` ->
/// `ADR.LOCALITY`.
fn without_brackets(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut depth = 0_usize;
    for c in key.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn lookup(key: &str) -> Option<Key> {
    if key.len() < 2 {
        return None;
    }
    PERSON_INDEX
        .get(key)
        .or_else(|| key.strip_suffix('s').and_then(|k| PERSON_INDEX.get(k)))
        .or_else(|| PERSON_INDEX.get(&format!("{key}s")))
        .copied()
}

/// The first field of `fm` that names `key`.
#[must_use]
pub fn get(fm: &FrontMatter, key: Key) -> Option<&Field> {
    fm.fields.iter().find(|f| person_key(&f.key) == Some(key))
}

/// Every field of `fm` that names `key`, in file order.
pub fn all(fm: &FrontMatter, key: Key) -> impl Iterator<Item = &Field> {
    fm.fields
        .iter()
        .filter(move |f| person_key(&f.key) == Some(key))
}

/// Whether a key is a well-known key of a format vaults mix in: a vCard
/// property (dotted, bracketed or `X-`), an Obsidian publishing key or
/// everyday metadata.
#[must_use]
pub fn is_well_known(key: &str) -> bool {
    let raw = key.trim();
    if raw.len() > 2 && raw[..2].eq_ignore_ascii_case("x-") {
        return true;
    }
    let is_vcard = |part: &str| {
        let part = part.split(['[', ';']).next().unwrap_or(part);
        VCARD_PROPERTIES
            .iter()
            .any(|p| p.eq_ignore_ascii_case(part.trim()))
    };
    if raw.split('.').any(is_vcard) {
        return true;
    }
    let key = normalize(raw);
    WELL_KNOWN.iter().any(|k| normalize(k) == key)
}

/// Whether a key is read by vaultnet on some note: a person key, a
/// participant key or a note key.
#[must_use]
pub fn is_known(key: &str) -> bool {
    if person_key(key).is_some() {
        return true;
    }
    let key = normalize(key);
    PARTICIPANT_KEYS
        .iter()
        .chain(NOTE_KEYS)
        .any(|k| normalize(k) == key)
}

/// Whether a person note's front matter looks like a vCard export (its
/// `categories` are then tags).
#[must_use]
pub fn is_vcard(fm: &FrontMatter) -> bool {
    fm.fields.iter().any(|f| {
        let key = f.key.trim();
        key.eq_ignore_ascii_case("fn")
            || key.eq_ignore_ascii_case("n")
            || key.eq_ignore_ascii_case("version")
            || key.len() > 2 && key[..2].eq_ignore_ascii_case("n.")
    })
}

/// Problems for keys of a person note that look like misspellings of a
/// person key (SPEC §2.1): not known, not well known, and within edit
/// distance 1 (keys of up to 5 letters) or 2 (longer) of a person key or
/// alias. The help names the key meant; the problem carries the edit
/// that renames it, for `check --fix`.
#[must_use]
pub fn unknown_fields(fm: &FrontMatter) -> Vec<Problem> {
    fm.fields
        .iter()
        .filter_map(|field| {
            let key = normalize(&field.key);
            let letters = key.chars().count();
            if letters < 3 || is_known(&field.key) || is_well_known(&field.key) {
                return None;
            }
            let limit = if letters <= 5 { 1 } else { 2 };
            let (distance, known) = PERSON_KEYS
                .iter()
                .flat_map(|info| std::iter::once(&info.name).chain(info.aliases))
                .filter(|k| !k.contains(['*', '…']))
                .map(|known| (strsim::levenshtein(&key, &normalize(known)), *known))
                .min_by_key(|(distance, _)| *distance)?;
            (distance <= limit).then(|| {
                let mut problem = Problem::new(
                    ProblemKind::UnknownField,
                    field.span,
                    format!("unknown field `{}`", field.key),
                )
                .with_help(format!("did you mean `{known}`?"));
                problem.fix = key_span(field).map(|span| Edit {
                    span,
                    text: known.to_string(),
                });
                problem
            })
        })
        .collect()
}

/// The span of a field's key as written, when its line and columns are
/// known.
fn key_span(field: &Field) -> Option<Span> {
    let column = field.span.column?;
    let end = field.span.end_column?;
    (end > column).then_some(field.span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_key_are_one_key() {
        for key in [
            "Full Name",
            "full_name",
            "fullName",
            "FULL-NAME",
            "fullname",
        ] {
            assert_eq!(person_key(key), Some(Key::Name), "{key}");
        }
        for (key, want) in [
            ("Given Name", Key::FirstName),
            ("familyName", Key::LastName),
            ("N.GN", Key::FirstName),
            ("N.FN", Key::LastName),
            ("howWeMet", Key::MetAt),
            ("Nickname", Key::Aliases),
            ("employer", Key::Company),
            ("Occupation", Key::Role),
            ("ADR.HOME.LOCALITY", Key::Location),
            ("ADR[HOME].LOCALITY", Key::Location),
            ("RELATED[spouse]", Key::Family),
            ("prm-last-contacted", Key::LastContact),
            ("prm-birthday", Key::Birthday),
            ("interest", Key::Interests),
            ("relations", Key::Relationship),
            ("Next Follow Up", Key::NextContact),
        ] {
            assert_eq!(person_key(key), Some(want), "{key}");
        }
        assert_eq!(person_key("email"), None);
        assert_eq!(person_key("x"), None);
    }

    #[test]
    fn well_known_keys_are_never_typos() {
        for key in [
            "TZ",
            "X-SOCIAL",
            "x-twitter",
            "TEL.CELL",
            "EMAIL[work]",
            "item1.URL",
            "TEL[1:CELL]",
            "ADR[HOME].STREET",
            "REV",
            "cssclasses",
            "publish",
            "permalink",
            "created",
            "Modified",
            "website",
        ] {
            assert!(is_well_known(key), "{key}");
        }
        assert!(!is_well_known("intrests"));
    }

    #[test]
    fn participant_and_note_keys_are_known() {
        for key in PARTICIPANT_KEYS.iter().chain(NOTE_KEYS) {
            assert!(is_known(key), "{key}");
        }
    }
}

#[cfg(test)]
mod docs {
    use super::*;

    /// `docs/format.md` lists every key of the table with its aliases on
    /// the key's own row, so the reference cannot drift from the reader.
    #[test]
    fn the_format_reference_lists_every_key_and_alias() {
        let doc = include_str!("../../../docs/format.md");
        for info in PERSON_KEYS {
            let row = doc
                .lines()
                .find(|line| line.starts_with(&format!("| `{}` |", info.name)))
                .unwrap_or_else(|| panic!("docs/format.md has no row for `{}`", info.name));
            for alias in info.aliases {
                assert!(
                    row.contains(&format!("`{alias}`")),
                    "docs/format.md: `{alias}` missing from the `{}` row",
                    info.name
                );
            }
            assert!(
                row.contains(info.holds),
                "docs/format.md: `{}` row",
                info.name
            );
            let cells = row.matches('`').count() / 2;
            assert_eq!(
                cells,
                1 + info.aliases.len() + info.holds.matches('`').count() / 2,
                "docs/format.md: the `{}` row lists other keys than the table",
                info.name
            );
        }
    }
}
