//! A person note's fields (SPEC §2.1–§2.2) assembled into a typed
//! [`Person`]. Three parts: [`keys`] is the table of known keys and
//! aliases (the one source for lookups, `unknown-field` and
//! `docs/format.md`), [`values`] reads one value as text, a list, a date,
//! a duration, …, and this module puts a person together from the
//! front matter and from the fields written in the body
//! ([`read_body_fields`]). A value of the wrong kind becomes a problem at
//! the key's line and never stops the other fields being read.

use std::collections::BTreeMap;

use serde_yaml::Value;

use crate::model::{
    By, Cadence, Fact, Interaction, InteractionSource, Person, Plan, PlanSource, Problem,
    ProblemKind, Span, Status, Suppression,
};
use crate::vault::dates::{parse_date, DateValue};
use crate::vault::frontmatter::{Field, FrontMatter};
use crate::vault::markdown::labels::LabelKind;
use crate::vault::markdown::BodyField;

mod keys;
mod values;

pub use keys::{
    is_known, is_well_known, normalize, person_key, unknown_fields, Key, KeyInfo, PARTICIPANT_KEYS,
    PERSON_KEYS,
};
use values::{
    birthday_or_report, cadence_or_report, date_or_report, date_value, describe, invalid_date,
    invalid_value, is_empty, quote, single_text, single_text_or_report, strings_or_report,
    tier_or_report, truth, value_text,
};
pub use values::{link_text, tag_words, value_strings};

/// Fills `person` from the front matter and returns the problems found.
/// `path` is the note's path (for the interactions kept in front matter);
/// `tiers` maps known tier names (lowercase) to their cadence. The name
/// is left alone when no name key exists (the caller falls back to the
/// H1 heading or the file stem); path, stem and note are never set.
pub fn read_person(
    fm: &FrontMatter,
    path: &str,
    tiers: &BTreeMap<String, Cadence>,
    person: &mut Person,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let out = &mut problems;
    person.front_matter_span = Span {
        line: 1,
        column: None,
        end_line: Some(fm.end_line.max(1)),
        end_column: None,
    };
    read_name(fm, person, out);
    for field in keys::all(fm, Key::Aliases) {
        for (alias, span) in strings_or_report(field, true, false, out) {
            person.aliases.push(Fact::new(alias, span));
        }
    }
    if person
        .aliases
        .iter()
        .any(|alias| alias.value.eq_ignore_ascii_case("me"))
    {
        person.is_owner = true;
    }
    // A vCard export's `CATEGORIES` are its tags; elsewhere `categories`
    // is a note type (`categories: [[People]]`), read by the classifier.
    let vcard = keys::is_vcard(fm);
    let categories = fm
        .fields
        .iter()
        .filter(|f| vcard && normalize(&f.key) == "categories");
    for field in keys::all(fm, Key::Tags).chain(categories) {
        for (tag, _) in strings_or_report(field, true, false, out) {
            for tag in tag_words(&tag) {
                if !person.tags.iter().any(|t| t == tag) {
                    person.tags.push(tag.to_string());
                }
            }
        }
    }
    if let Some(field) = keys::get(fm, Key::Slug) {
        person.slug = single_text_or_report(field, out);
    }
    person.met = keys::get(fm, Key::Met)
        .and_then(|field| date_or_report(field, out).map(|date| Fact::new(date, field.span)));
    if let Some(field) = keys::get(fm, Key::MetAt) {
        let places: Vec<String> = strings_or_report(field, false, false, out)
            .into_iter()
            .map(|(text, _)| text)
            .collect();
        if !places.is_empty() {
            person.met_at = Some(places.join(", "));
        }
    }
    person.cadence = keys::get(fm, Key::Cadence)
        .and_then(|field| cadence_or_report(field, out).map(|c| Fact::new(c, field.span)));
    person.tier = keys::get(fm, Key::Tier)
        .and_then(|field| tier_or_report(field, tiers, out).map(|t| Fact::new(t, field.span)));
    person.last_contact = keys::get(fm, Key::LastContact)
        .and_then(|field| date_or_report(field, out).map(|date| Fact::new(date, field.span)));
    for field in keys::all(fm, Key::Interests) {
        if matches!(field.value, Value::Number(_) | Value::Bool(_)) {
            out.push(invalid_value(field, "interests").with_help(
                "write interests as text: `interests: chess, sailing` or a list `[chess, sailing]`",
            ));
            continue;
        }
        for (interest, span) in strings_or_report(field, true, false, out) {
            person.interests.push(Fact::new(interest, span));
        }
    }
    let facts: [(Key, &mut Vec<String>, bool); 6] = [
        (Key::Company, &mut person.company, false),
        (Key::Role, &mut person.role, false),
        (Key::Location, &mut person.location, false),
        (Key::Relationship, &mut person.relationship, false),
        (Key::Family, &mut person.family, true),
        (Key::Pets, &mut person.pets, true),
    ];
    for (key, list, maps) in facts {
        for field in keys::all(fm, key) {
            list.extend(
                strings_or_report(field, false, maps, out)
                    .into_iter()
                    .map(|(text, _)| text),
            );
        }
    }
    if let Some(field) = keys::get(fm, Key::Birthday) {
        person.birthday = birthday_or_report(field, out);
    }
    person.status = read_status(fm, out);
    person.snooze_until =
        keys::get(fm, Key::SnoozeUntil).and_then(|field| date_or_report(field, out));
    if let Some(field) = keys::get(fm, Key::NextContact) {
        if let Some(date) = date_or_report(field, out) {
            person.plans.push(Plan {
                date,
                text: String::new(),
                path: path.to_string(),
                span: field.span,
                source: PlanSource::Field,
            });
        }
    }
    if let Some(field) = keys::get(fm, Key::Interactions) {
        person
            .interactions
            .extend(read_interactions(field, path, out));
    }
    if let Some(field) = keys::get(fm, Key::Vaultnet) {
        person.suppression = read_suppression(field, out);
    }
    if keys::get(fm, Key::Owner).is_some_and(|field| truth(&field.value) == Some(true)) {
        person.is_owner = true;
    }
    for field in keys::all(fm, Key::Learned) {
        person.learned.extend(
            strings_or_report(field, false, false, out)
                .into_iter()
                .map(|(text, _)| text),
        );
    }
    for field in &fm.fields {
        person
            .extra
            .push((field.key.clone(), value_text(&field.value, 0)));
    }
    problems.sort_by_key(|problem| (problem.span.line, problem.span.column));
    problems
}

/// Sets the fields a person note writes in its body (SPEC §2.2) that
/// its front matter does not: whole-line `key:: value` fields, bold
/// labels and two-cell table rows whose key is a person key. A bad
/// value of a `key::` field is a problem, as in front matter; a bold
/// label or a table row is prose a person wrote for themselves
/// (`**Birthday:** sometime in May`), so what does not read is left
/// alone. `interactions`, `vaultnet` and `learned` are not read here
/// (`learned::` is read with the body).
pub fn read_body_fields(
    found: &[BodyField],
    path: &str,
    tiers: &BTreeMap<String, Cadence>,
    person: &mut Person,
) -> Vec<Problem> {
    let field = |f: &BodyField| {
        let key = person_key(&f.key)?;
        if matches!(key, Key::Interactions | Key::Vaultnet | Key::Learned) {
            return None;
        }
        Some(Field {
            key: f.key.clone(),
            value: Value::String(f.value.clone()),
            span: f.span,
            item_lines: Vec::new(),
        })
    };
    let dataview: Vec<Field> = found
        .iter()
        .filter(|f| f.kind == LabelKind::Dataview)
        .filter_map(field)
        .collect();
    let labels: Vec<Field> = found
        .iter()
        .filter(|f| f.kind != LabelKind::Dataview)
        .filter_map(field)
        .collect();
    let mut problems = Vec::new();
    for (fields, report) in [(dataview, true), (labels, false)] {
        if fields.is_empty() {
            continue;
        }
        let fm = FrontMatter {
            fields,
            end_line: 0,
        };
        let mut read = Person::default();
        let found = read_person(&fm, path, tiers, &mut read);
        if report {
            problems.extend(found);
        }
        merge(person, read);
    }
    problems
}

/// Moves into `person` what `body` read and `person` lacks.
fn merge(person: &mut Person, body: Person) {
    if person.name.trim().is_empty() && !body.name.trim().is_empty() {
        person.name = body.name;
        person.name_span = body.name_span;
    }
    person.aliases.extend(body.aliases);
    for tag in body.tags {
        if !person.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            person.tags.push(tag);
        }
    }
    person.is_owner |= body.is_owner;
    person.slug = person.slug.take().or(body.slug);
    person.met = person.met.take().or(body.met);
    person.met_at = person.met_at.take().or(body.met_at);
    person.cadence = person.cadence.take().or(body.cadence);
    person.tier = person.tier.take().or(body.tier);
    person.last_contact = person.last_contact.take().or(body.last_contact);
    person.birthday = person.birthday.take().or(body.birthday);
    person.snooze_until = person.snooze_until.take().or(body.snooze_until);
    let lists = [
        (&mut person.company, body.company),
        (&mut person.role, body.role),
        (&mut person.location, body.location),
        (&mut person.relationship, body.relationship),
        (&mut person.family, body.family),
        (&mut person.pets, body.pets),
    ];
    for (list, from) in lists {
        if list.is_empty() {
            *list = from;
        }
    }
    if person.interests.is_empty() {
        person.interests = body.interests;
    }
    if !person.plans.iter().any(|p| p.source == PlanSource::Field) {
        person.plans.extend(body.plans);
    }
    if person.status == Status::Active {
        person.status = body.status;
    }
    person.extra.extend(body.extra);
}

/// The name from `name`/`full_name`/`fn` (text, a link, or a map of
/// `first`/`last`), else from `first_name` + `last_name`.
fn read_name(fm: &FrontMatter, person: &mut Person, out: &mut Vec<Problem>) {
    if let Some(field) = keys::get(fm, Key::Name) {
        match name_value(&field.value) {
            Some(name) if name.is_empty() => {}
            Some(name) => {
                person.name = name;
                person.name_span = field.span;
            }
            None => out.push(invalid_value(field, "name").with_help(
                "write the name as text (`name: Ada Lovelace`) or as `{first: Ada, last: Lovelace}`",
            )),
        }
        return;
    }
    let mut parts = Vec::new();
    let mut span = None;
    for field in [keys::get(fm, Key::FirstName), keys::get(fm, Key::LastName)]
        .into_iter()
        .flatten()
    {
        if let Some(part) = single_text_or_report(field, out) {
            parts.push(part);
            span.get_or_insert(field.span);
        }
    }
    if let Some(span) = span {
        person.name = parts.join(" ");
        person.name_span = span;
    }
}

/// A name value as text; `Some("")` when empty, `None` when of the wrong
/// kind.
fn name_value(value: &Value) -> Option<String> {
    if let Value::Mapping(map) = value {
        let part = |keys: &[&str]| {
            map.iter()
                .find(|(key, _)| {
                    key.as_str()
                        .is_some_and(|k| keys.iter().any(|want| k.eq_ignore_ascii_case(want)))
                })
                .and_then(|(_, value)| single_text(value))
        };
        let parts: Vec<String> = [
            part(&["first", "first_name", "given"]),
            part(&["middle"]),
            part(&["last", "last_name", "family"]),
        ]
        .into_iter()
        .flatten()
        .collect();
        return (!parts.is_empty()).then(|| parts.join(" "));
    }
    if matches!(value, Value::Bool(_)) {
        return None;
    }
    let strings = value_strings(value, false)?;
    match strings.as_slice() {
        [] => Some(String::new()),
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// `status`, with `active: false` / `prm-paused: true` meaning paused
/// and a `death`/`deathday`/`died` value meaning deceased.
fn read_status(fm: &FrontMatter, out: &mut Vec<Problem>) -> Status {
    let mut status = Status::Active;
    if let Some(field) = keys::get(fm, Key::Status) {
        if !is_empty(&field.value) {
            if let Some(problem) = crate::vault::status::read_value(field, &mut status) {
                out.push(problem);
            }
        }
    }
    let mut flag = |key: Key, paused_when: bool| {
        let field = keys::get(fm, key)?;
        if is_empty(&field.value) {
            return None;
        }
        let value = truth(&field.value);
        if value.is_none() {
            out.push(
                invalid_value(field, &field.key.to_lowercase())
                    .with_help(format!("`{}` is `true` or `false`", field.key)),
            );
        }
        value.map(|value| value == paused_when)
    };
    // Both flags are read (not short-circuited) so both are checked.
    let inactive = flag(Key::Active, false) == Some(true);
    let paused = flag(Key::Paused, true) == Some(true) || inactive;
    if paused && status == Status::Active {
        status = Status::Paused;
    }
    if let Some(field) = keys::get(fm, Key::Death) {
        if died(field, out) {
            status = Status::Deceased;
        }
    }
    status
}

/// Whether a death field says the person died: any date (an impossible
/// one is also reported), a year, `true` or other text; not when empty
/// or `false`.
fn died(field: &Field, out: &mut Vec<Problem>) -> bool {
    if is_empty(&field.value) || truth(&field.value) == Some(false) {
        return false;
    }
    if let Some(text) = single_text(&field.value) {
        if parse_date(&text) == DateValue::Invalid {
            out.push(invalid_date(&text, &field.key, field.span));
        }
    }
    true
}

/// The entries of a front-matter `interactions` list (SPEC §2.2): maps
/// of `date`, `text`, `by`, `ask`, `give` and `learned`.
fn read_interactions(field: &Field, path: &str, out: &mut Vec<Problem>) -> Vec<Interaction> {
    if is_empty(&field.value) {
        return Vec::new();
    }
    let Value::Sequence(entries) = &field.value else {
        out.push(invalid_value(field, "interactions").with_help(
            "`interactions` is a list of maps like `- {date: 2026-03-01, text: coffee, by: me}`",
        ));
        return Vec::new();
    };
    let own_lines = field.item_lines.len() == entries.len();
    let mut interactions = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let span = match field.item_lines.get(i) {
            Some(line) if own_lines => Span::line(*line),
            _ => field.span,
        };
        if let Some(interaction) = read_interaction(entry, path, span, out) {
            interactions.push(interaction);
        }
    }
    interactions
}

fn read_interaction(
    entry: &Value,
    path: &str,
    span: Span,
    out: &mut Vec<Problem>,
) -> Option<Interaction> {
    let Value::Mapping(map) = entry else {
        out.push(
            Problem::new(
                ProblemKind::InvalidValue,
                span,
                format!("invalid interaction {}", describe(entry)),
            )
            .with_help("each interaction is a map like `{date: 2026-03-01, text: coffee, by: me}`"),
        );
        return None;
    };
    let get = |keys: &[&str]| {
        map.iter().find_map(|(key, value)| {
            let key = key.as_str()?;
            keys.iter()
                .any(|want| key.eq_ignore_ascii_case(want))
                .then_some((key, value))
        })
    };
    let Some((date_key, date)) = get(&["date", "when"]).filter(|(_, date)| !is_empty(date)) else {
        out.push(
            Problem::new(
                ProblemKind::InvalidValue,
                span,
                "interaction without a date",
            )
            .with_help("give each interaction a `date: YYYY-MM-DD`"),
        );
        return None;
    };
    let date = date_value(date, &format!("interactions.{date_key}"), span, out)?;
    let text = get(&["text", "note", "notes", "summary", "title", "what"])
        .map(|(_, value)| value_text(value, 0))
        .unwrap_or_default();
    let by = get(&["by", "initiated", "initiator"]).and_then(|(key, value)| {
        if is_empty(value) {
            return None;
        }
        let by = single_text(value).and_then(|text| By::parse(&text));
        if by.is_none() {
            out.push(
                Problem::new(
                    ProblemKind::InvalidValue,
                    span,
                    format!("invalid {} {} in `interactions`", key, describe(value)),
                )
                .with_help("use `me`, `them` or `both`"),
            );
        }
        by
    });
    let mut list = |keys: &[&str]| -> Vec<String> {
        let Some((key, value)) = get(keys) else {
            return Vec::new();
        };
        value_strings(value, false).unwrap_or_else(|| {
            out.push(
                Problem::new(
                    ProblemKind::InvalidValue,
                    span,
                    format!("invalid {} {} in `interactions`", key, describe(value)),
                )
                .with_help(format!("`{key}` takes text or a list of text")),
            );
            Vec::new()
        })
    };
    let asks = list(&["ask", "asks"]);
    let gives = list(&["give", "gives"]);
    let learned = list(&["learned"]);
    let mut interaction = Interaction::new(
        date,
        path.to_string(),
        span,
        InteractionSource::FrontMatter,
        text,
    );
    interaction.by = by;
    interaction.asks = asks;
    interaction.gives = gives;
    interaction.learned = learned;
    Some(interaction)
}

/// `vaultnet: {ignore: [rules…], until: date, reason: text}`.
fn read_suppression(field: &Field, out: &mut Vec<Problem>) -> Option<Suppression> {
    if is_empty(&field.value) {
        return None;
    }
    let help = "`vaultnet` is a map: `{ignore: [rule-name], until: 2027-01-31, reason: …}`";
    let Value::Mapping(map) = &field.value else {
        out.push(invalid_value(field, "vaultnet").with_help(help));
        return None;
    };
    let mut suppression = Suppression {
        span: field.span,
        ..Suppression::default()
    };
    for (key, value) in map {
        let key = value_text(key, 0);
        match key.to_lowercase().as_str() {
            "ignore" => match value_strings(value, true) {
                Some(rules) => suppression.rules.extend(rules),
                None => out.push(
                    Problem::new(
                        ProblemKind::InvalidValue,
                        field.span,
                        format!("invalid vaultnet.ignore {}", describe(value)),
                    )
                    .with_help("list rule names or codes: `ignore: [stale-relationship, VN102]`"),
                ),
            },
            "until" => {
                suppression.until = date_value(value, &format!("vaultnet.{key}"), field.span, out);
            }
            "reason" => {
                let reason = value_text(value, 0);
                if !reason.trim().is_empty() {
                    suppression.reason = Some(reason.trim().to_string());
                }
            }
            _ => out.push(
                Problem::new(
                    ProblemKind::InvalidValue,
                    field.span,
                    format!("unknown key `{}` in `vaultnet`", quote(&key)),
                )
                .with_help("`vaultnet` takes `ignore`, `until` and `reason`"),
            ),
        }
    }
    Some(suppression)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::frontmatter;
    use chrono::NaiveDate;

    fn tiers() -> BTreeMap<String, Cadence> {
        [
            ("inner", 14),
            ("close", 30),
            ("casual", 90),
            ("warm", 180),
            ("dormant", 365),
        ]
        .into_iter()
        .map(|(name, days)| (name.to_string(), Cadence::Days(days)))
        .collect()
    }

    fn front_matter(yaml: &str) -> FrontMatter {
        let text = format!("---\n{yaml}\n---\n# body\n");
        let parsed = frontmatter::parse(&text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        parsed.front_matter.expect("front matter")
    }

    fn read(yaml: &str) -> (Person, Vec<Problem>) {
        let fm = front_matter(yaml);
        let mut person = Person::default();
        let problems = read_person(&fm, "People/Ada.md", &tiers(), &mut person);
        for problem in &problems {
            assert!(
                problem.message.starts_with(|c: char| !c.is_uppercase()),
                "{}",
                problem.message
            );
            assert!(!problem.message.ends_with('.'), "{}", problem.message);
        }
        (person, problems)
    }

    fn clean(yaml: &str) -> Person {
        let (person, problems) = read(yaml);
        assert!(problems.is_empty(), "{problems:?}");
        person
    }

    fn one_problem(yaml: &str) -> (Person, Problem) {
        let (person, problems) = read(yaml);
        assert_eq!(problems.len(), 1, "{problems:?}");
        (person, problems[0].clone())
    }

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    fn value(yaml: &str) -> Value {
        serde_yaml::from_str(yaml).expect("test yaml")
    }

    fn texts(facts: &[Fact<String>]) -> Vec<&str> {
        facts.iter().map(|f| f.value.as_str()).collect()
    }

    #[test]
    fn link_text_reads_links_and_leaves_text() {
        assert_eq!(link_text("[[People]]"), "People");
        assert_eq!(link_text("[[a/b|c]]"), "a/b");
        assert_eq!(link_text(" [[Ada Lovelace#Work|Ada]] "), "Ada Lovelace");
        assert_eq!(link_text("[[#Heading]]"), "#Heading");
        assert_eq!(link_text("Acme"), "Acme");
        assert_eq!(link_text("  Acme  "), "Acme");
        assert_eq!(link_text("[[]]"), "");
        assert_eq!(link_text("[[unclosed"), "[[unclosed");
        assert_eq!(link_text(""), "");
    }

    #[test]
    fn value_strings_reads_text_lists_and_links() {
        assert_eq!(
            value_strings(&value("Acme"), false),
            Some(vec!["Acme".into()])
        );
        assert_eq!(
            value_strings(&value("chess, go ,  "), true),
            Some(vec!["chess".into(), "go".into()])
        );
        assert_eq!(
            value_strings(&value("chess, go"), false),
            Some(vec!["chess, go".into()])
        );
        assert_eq!(
            value_strings(&value("[a, 2, true, \"[[B]]\"]"), false),
            Some(vec!["a".into(), "2".into(), "true".into(), "B".into()])
        );
        assert_eq!(value_strings(&value("5"), false), Some(vec!["5".into()]));
        assert_eq!(value_strings(&value("~"), false), Some(vec![]));
        assert_eq!(value_strings(&value("{a: 1}"), false), None);
        assert_eq!(value_strings(&value("[x, {a: 1}]"), false), None);
    }

    #[test]
    fn value_strings_flattens_unquoted_links() {
        // YAML reads `[[Acme]]` as a list holding a list.
        assert_eq!(
            value_strings(&value("[[Acme]]"), true),
            Some(vec!["Acme".into()])
        );
        assert_eq!(
            value_strings(&value("[[Acme|Label]]"), false),
            Some(vec!["Acme".into()])
        );
        assert_eq!(
            value_strings(&value("- [[Acme]]\n- [[Beta Corp|Beta]]\n- plain"), true),
            Some(vec!["Acme".into(), "Beta Corp".into(), "plain".into()])
        );
    }

    #[test]
    fn value_strings_keeps_commas_inside_links() {
        assert_eq!(
            value_strings(&value("\"[[Acme, Inc]], [[Beta]]\""), true),
            Some(vec!["Acme, Inc".into(), "Beta".into()])
        );
    }

    #[test]
    fn value_strings_survives_deep_lists() {
        let deep = format!("{}x{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(value_strings(&value(&deep), false), None);
        assert_eq!(value_text(&value(&deep), 0), "");
    }

    #[test]
    fn reads_the_name_and_its_aliases() {
        let person = clean("name: Ada Lovelace\naliases: [Ada, Countess]");
        assert_eq!(person.name, "Ada Lovelace");
        assert_eq!(person.name_span.line, 2);
        assert_eq!(texts(&person.aliases), ["Ada", "Countess"]);
        assert!(!person.is_owner);
        for yaml in [
            "full_name: Ada Lovelace",
            "fn: Ada Lovelace",
            "Name: \"[[Ada Lovelace]]\"",
            "NAME: [[Ada Lovelace]]",
            "first_name: Ada\nlast_name: Lovelace",
            "name: {first: Ada, last: Lovelace}",
        ] {
            assert_eq!(clean(yaml).name, "Ada Lovelace", "{yaml}");
        }
        assert_eq!(clean("last_name: Lovelace").name, "Lovelace");
        let person = clean("company: Acme");
        assert_eq!(person.name, "");
        assert_eq!(person.name_span, Span::default());
        assert_eq!(clean("name:").name, "");
    }

    #[test]
    fn a_bad_name_is_an_invalid_value() {
        let (person, problem) = one_problem("name: [Ada, Bob]\ncompany: Acme");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert_eq!(problem.span.line, 2);
        assert_eq!(problem.message, "invalid name (a list)");
        assert_eq!(person.name, "");
        // The rest is still read.
        assert_eq!(person.company, ["Acme"]);
        let (_, problem) = one_problem("name: {nick: A}");
        assert_eq!(problem.message, "invalid name (a map)");
    }

    #[test]
    fn alias_items_keep_their_own_lines() {
        let person = clean("alias:\n  - Ada\n  - The Countess\nname: Ada");
        assert_eq!(texts(&person.aliases), ["Ada", "The Countess"]);
        assert_eq!(person.aliases[0].span.line, 3);
        assert_eq!(person.aliases[1].span.line, 4);
        let person = clean("aliases: Ada, Countess");
        assert_eq!(texts(&person.aliases), ["Ada", "Countess"]);
        assert!(person.aliases.iter().all(|a| a.span.line == 2));
    }

    #[test]
    fn the_owner_is_marked_by_self_or_the_alias_me() {
        assert!(clean("aliases: [me]").is_owner);
        assert!(clean("aliases: Me").is_owner);
        assert!(clean("self: true").is_owner);
        assert!(clean("self: yes").is_owner);
        assert!(!clean("self: false").is_owner);
        assert!(!clean("aliases: [meg]").is_owner);
    }

    #[test]
    fn reads_tags_in_every_form() {
        assert_eq!(
            clean("tags: person close-friend").tags,
            ["person", "close-friend"]
        );
        assert_eq!(
            clean("tags: \"#person, #type/contact\"").tags,
            ["person", "type/contact"]
        );
        assert_eq!(
            clean("tags: [person, \"#mentor\"]").tags,
            ["person", "mentor"]
        );
        assert_eq!(
            clean("tag: person\ntags: [person, x]").tags,
            ["person", "x"]
        );
        let (person, problem) = one_problem("tags: {a: b}");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert!(person.tags.is_empty());
    }

    #[test]
    fn reads_slug_and_met_at() {
        let person = clean("slug: ada-lovelace\nhowWeMet: at a conference");
        assert_eq!(person.slug.as_deref(), Some("ada-lovelace"));
        assert_eq!(person.met_at.as_deref(), Some("at a conference"));
        assert_eq!(clean("how_we_met: [a, b]").met_at.as_deref(), Some("a, b"));
        assert_eq!(
            clean("first_met_where: \"[[Blue Bottle]]\"")
                .met_at
                .as_deref(),
            Some("Blue Bottle")
        );
        let (person, problem) = one_problem("slug: [a, b]");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert_eq!(person.slug, None);
    }

    #[test]
    fn next_contact_and_its_aliases_are_plans() {
        for key in [
            "next_contact",
            "next_follow_up",
            "follow_up_date",
            "next_action_date",
            "next_meeting",
            "reconnect_on",
        ] {
            let person = clean(&format!("name: Ada\n{key}: 2026-11-01"));
            assert_eq!(
                person
                    .plans
                    .iter()
                    .map(|p| (p.date, p.source, p.span.line, p.path.as_str()))
                    .collect::<Vec<_>>(),
                [(ymd(2026, 11, 1), PlanSource::Field, 3, "People/Ada.md")],
                "{key}"
            );
        }
        let (person, problems) = read("next_contact: soon");
        assert!(person.plans.is_empty());
        assert_eq!(problems[0].kind, ProblemKind::InvalidValue);
    }

    #[test]
    fn reads_dates_under_every_alias() {
        let person =
            clean("met: 2024-01-15\nlastContact: '[[2026-03-01]]'\nsnooze_until: 2026/06/01");
        assert_eq!(
            person.met,
            Some(Fact::new(ymd(2024, 1, 15), Span::on_line(2, 1, 4)))
        );
        assert_eq!(
            person.last_contact.map(|f| (f.value, f.span.line)),
            Some((ymd(2026, 3, 1), 3))
        );
        assert_eq!(person.snooze_until, Some(ymd(2026, 6, 1)));
        for key in ["first_met", "met_on", "MET"] {
            assert_eq!(
                clean(&format!("{key}: 2024-01-15")).met.map(|f| f.value),
                Some(ymd(2024, 1, 15))
            );
        }
        for key in [
            "last_contact",
            "last_contacted",
            "last-contacted",
            "last_chat",
            "prm-last-contacted",
        ] {
            assert!(
                clean(&format!("{key}: 2026-03-01T10:00:00"))
                    .last_contact
                    .is_some(),
                "{key}"
            );
        }
        assert_eq!(
            clean("prm-snooze-until: November 27, 2026").snooze_until,
            Some(ymd(2026, 11, 27))
        );
        assert_eq!(
            clean("met: [[2024-01-15]]").met.map(|f| f.value),
            Some(ymd(2024, 1, 15))
        );
        assert!(clean("met:").met.is_none());
    }

    #[test]
    fn impossible_dates_are_invalid_dates() {
        let (person, problem) = one_problem("name: Ada\nmet: 2026-02-30");
        assert_eq!(problem.kind, ProblemKind::InvalidDate);
        assert_eq!(problem.message, "invalid date `2026-02-30` in `met`");
        assert_eq!(problem.span.line, 3);
        assert!(person.met.is_none());
        assert_eq!(person.name, "Ada");
        let (_, problem) = one_problem("last_contacted: 0000-00-00");
        assert_eq!(
            problem.message,
            "invalid date `0000-00-00` in `last_contacted`"
        );
    }

    #[test]
    fn non_dates_in_date_fields_are_invalid_values() {
        let (_, problem) = one_problem("met: last spring");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert_eq!(
            problem.message,
            "expected a date in `met`, found `last spring`"
        );
        let (_, problem) = one_problem("snooze_until: [2026-01-01, 2026-02-01]");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert_eq!(
            problem.message,
            "expected a date in `snooze_until`, found (a list)"
        );
        let (_, problem) = one_problem("met: 2024");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
    }

    #[test]
    fn reads_cadence_under_every_alias() {
        for (yaml, cadence) in [
            ("cadence: 30d", Cadence::Days(30)),
            ("cadence: 30", Cadence::Days(30)),
            ("contact_frequency: weekly", Cadence::Days(7)),
            ("contactFrequency: 2w", Cadence::Days(14)),
            ("contact-frequency: 3m", Cadence::Days(90)),
            ("prm-cadence: quarterly", Cadence::Days(91)),
            ("frequency: 1y", Cadence::Days(365)),
            ("Cadence: none", Cadence::Never),
        ] {
            assert_eq!(
                clean(yaml).cadence.map(|f| f.value),
                Some(cadence),
                "{yaml}"
            );
        }
        assert_eq!(clean("cadence: 30d").cadence.map(|f| f.span.line), Some(2));
    }

    #[test]
    fn a_bad_cadence_is_an_invalid_value_with_the_accepted_forms() {
        let (person, problem) = one_problem("cadence: soon\ncompany: Acme");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert_eq!(problem.message, "invalid cadence `soon`");
        assert_eq!(problem.span.line, 2);
        let help = problem.help.expect("help");
        assert!(help.contains("weekly") && help.contains("30d"), "{help}");
        assert!(person.cadence.is_none());
        assert_eq!(person.company, ["Acme"]);
        let (_, problem) = one_problem("cadence: 0");
        assert!(problem.help.expect("help").contains("at least one day"));
        let (_, problem) = one_problem("cadence: [1, 2]");
        assert_eq!(problem.message, "invalid cadence (a list)");
        assert!(problem.help.expect("help").contains("weekly"));
        let (_, problem) = one_problem("cadence: true");
        assert_eq!(problem.message, "invalid cadence `true`");
    }

    #[test]
    fn reads_known_tiers_and_names_them_for_unknown_ones() {
        let person = clean("tier: Close");
        assert_eq!(
            person.tier.map(|f| (f.value, f.span.line)),
            Some(("close".to_string(), 2))
        );
        assert_eq!(
            clean("prm-tier: \"[[inner]]\"")
                .tier
                .map(|f| f.value)
                .as_deref(),
            Some("inner")
        );
        let (person, problem) = one_problem("tier: bff");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert_eq!(problem.message, "unknown tier `bff`");
        let help = problem.help.expect("help");
        assert!(
            help.contains("`casual`, `close`, `dormant`, `inner`, `warm`"),
            "{help}"
        );
        assert!(person.tier.is_none());
        let fm = front_matter("tier: close");
        let mut person = Person::default();
        let problems = read_person(&fm, "a.md", &BTreeMap::new(), &mut person);
        assert!(problems[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("no tiers"));
    }

    #[test]
    fn reads_interests_from_every_alias_with_item_lines() {
        let person = clean("interests:\n  - chess\n  - sailing\nhobbies: jazz, go\nskills: [\"[[Rust]]\"]\npassions: climbing");
        assert_eq!(
            texts(&person.interests),
            ["chess", "sailing", "jazz", "go", "Rust", "climbing"]
        );
        let lines: Vec<usize> = person.interests.iter().map(|f| f.span.line).collect();
        assert_eq!(lines, [3, 4, 5, 5, 6, 7]);
    }

    #[test]
    fn interests_of_the_wrong_kind_are_invalid() {
        let (person, problem) = one_problem("interests: 5\nhobbies: chess");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert_eq!(problem.message, "invalid interests `5`");
        assert_eq!(texts(&person.interests), ["chess"]);
        let (_, problem) = one_problem("interests: {a: b}");
        assert_eq!(problem.message, "invalid interests (a map)");
        let (_, problem) = one_problem("passions: true");
        assert_eq!(problem.message, "invalid interests `true`");
        // Numbers inside a list are fine as text.
        assert_eq!(
            texts(&clean("interests: [chess, 42]").interests),
            ["chess", "42"]
        );
    }

    #[test]
    fn reads_facts_under_every_alias() {
        let person = clean(
            "company: \"[[Acme]]\"\norg: Beta\njob: engineer\ntitle: lead\ncity: Paris, France\nrelation: friend\nprm-relationship: mentor\nfamily: [Mary (wife), Tom]\npets: a cat",
        );
        assert_eq!(person.company, ["Acme", "Beta"]);
        assert_eq!(person.role, ["engineer", "lead"]);
        assert_eq!(person.location, ["Paris, France"]);
        assert_eq!(person.relationship, ["friend", "mentor"]);
        assert_eq!(person.family, ["Mary (wife)", "Tom"]);
        assert_eq!(person.pets, ["a cat"]);
        for key in ["organization", "organizations"] {
            assert_eq!(clean(&format!("{key}: [[Acme]]")).company, ["Acme"]);
        }
        for key in ["position", "role"] {
            assert_eq!(clean(&format!("{key}: CTO")).role, ["CTO"]);
        }
        for key in ["country", "hometown", "address", "location"] {
            assert_eq!(clean(&format!("{key}: Lyon")).location, ["Lyon"]);
        }
        assert_eq!(clean("relationship: 7").relationship, ["7"]);
    }

    #[test]
    fn family_and_pets_may_be_maps() {
        let person = clean("family: {wife: Mary, son: Tom}\npets:\n  dog: Rex");
        assert_eq!(person.family, ["wife: Mary", "son: Tom"]);
        assert_eq!(person.pets, ["dog: Rex"]);
        let (person, problem) = one_problem("company: {name: Acme}");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert_eq!(problem.message, "invalid company (a map)");
        assert!(person.company.is_empty());
    }

    #[test]
    fn reads_birthdays_with_and_without_a_year() {
        for (yaml, birthday) in [
            ("birthday: 1990-04-02", "1990-04-02"),
            ("birthdate: --04-02", "--04-02"),
            ("birthDate: XXXX-04-02", "--04-02"),
            ("birth: 04-02", "--04-02"),
            ("bday: April 2", "--04-02"),
            ("prm-birthday: \"[[1990-04-02]]\"", "1990-04-02"),
        ] {
            assert_eq!(clean(yaml).birthday.as_deref(), Some(birthday), "{yaml}");
        }
    }

    #[test]
    fn bad_birthdays_are_reported_by_kind() {
        for yaml in [
            "birthday: 1990-13-01",
            "birthday: --02-30",
            "birthday: 13-45",
            "birthday: April 31",
        ] {
            let (person, problem) = one_problem(yaml);
            assert_eq!(problem.kind, ProblemKind::InvalidDate, "{yaml}");
            assert!(person.birthday.is_none());
        }
        let (_, problem) = one_problem("birthday: spring");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert_eq!(problem.message, "invalid birthday `spring`");
    }

    #[test]
    fn reads_status_and_its_signs() {
        assert_eq!(clean("name: A").status, Status::Active);
        assert_eq!(clean("status: paused").status, Status::Paused);
        assert_eq!(clean("status: Archived").status, Status::Archived);
        assert_eq!(clean("status: deceased").status, Status::Deceased);
        assert_eq!(clean("active: false").status, Status::Paused);
        assert_eq!(clean("active: true").status, Status::Active);
        assert_eq!(clean("prm-paused: true").status, Status::Paused);
        assert_eq!(clean("prm-paused: false").status, Status::Active);
        assert_eq!(
            clean("status: active\nprm-paused: true").status,
            Status::Paused
        );
        assert_eq!(
            clean("status: archived\nactive: false").status,
            Status::Archived
        );
        assert_eq!(clean("died: 2020-05-01").status, Status::Deceased);
        assert_eq!(clean("death: 2020").status, Status::Deceased);
        assert_eq!(clean("deathday: true").status, Status::Deceased);
        assert_eq!(clean("died:").status, Status::Active);
        assert_eq!(clean("died: false").status, Status::Active);
        assert_eq!(
            clean("status: paused\ndied: 2020-05-01").status,
            Status::Deceased
        );
    }

    #[test]
    fn bad_status_values_are_reported() {
        // SPEC rev. 2: other workflows' statuses mean active; only a near
        // miss of a status word is reported, as a warning.
        assert_eq!(clean("status: lead").status, Status::Active);
        let (person, problem) = one_problem("status: archvied");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert_eq!(
            problem.message,
            "status `archvied` looks like a misspelling of `archived`"
        );
        assert!(problem.warning);
        assert_eq!(person.status, Status::Active);
        let (_, problem) = one_problem("active: maybe");
        assert_eq!(problem.message, "invalid active `maybe`");
        let (person, problem) = one_problem("died: 2020-02-30");
        assert_eq!(problem.kind, ProblemKind::InvalidDate);
        assert_eq!(person.status, Status::Deceased);
    }

    #[test]
    fn reads_front_matter_interactions() {
        let yaml = "interactions:\n  - date: 2026-03-01\n    text: Coffee at Blue Bottle\n    by: me\n    ask: an intro to Bob\n    give: [a book, feedback]\n  - {date: \"[[2026-03-05]]\", text: call, by: Them, learned: she sails}\n  - date: 2026-03-09";
        let person = clean(yaml);
        assert_eq!(person.interactions.len(), 3);
        let first = &person.interactions[0];
        assert_eq!(first.date, ymd(2026, 3, 1));
        assert_eq!(first.path, "People/Ada.md");
        assert_eq!(first.span.line, 3);
        assert_eq!(first.source, InteractionSource::FrontMatter);
        assert_eq!(first.text, "Coffee at Blue Bottle");
        assert_eq!(first.by, Some(By::Me));
        assert_eq!(first.asks, ["an intro to Bob"]);
        assert_eq!(first.gives, ["a book", "feedback"]);
        let second = &person.interactions[1];
        assert_eq!(second.date, ymd(2026, 3, 5));
        assert_eq!(second.span.line, 8);
        assert_eq!(second.by, Some(By::Them));
        assert_eq!(second.learned, ["she sails"]);
        let third = &person.interactions[2];
        assert_eq!(third.span.line, 9);
        assert_eq!(third.by, None);
        assert!(third.text.is_empty() && third.asks.is_empty());
    }

    #[test]
    fn flow_interactions_fall_back_to_the_key_line() {
        let person = clean("name: A\ninteractions: [{date: 2026-03-01}, {date: 2026-03-02}]");
        assert_eq!(person.interactions.len(), 2);
        assert!(person.interactions.iter().all(|i| i.span.line == 3));
    }

    #[test]
    fn bad_interaction_entries_are_reported_and_skipped() {
        let yaml = "interactions:\n  - date: 2026-03-01\n    by: maybe\n  - date: 2026-02-30\n  - text: no date\n    date:\n  - just text\n  - date: soon\n  - date: 2026-03-02\n    ask: {a: b}";
        let (person, problems) = read(yaml);
        let found: Vec<(ProblemKind, usize, &str)> = problems
            .iter()
            .map(|p| (p.kind, p.span.line, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    ProblemKind::InvalidValue,
                    3,
                    "invalid by `maybe` in `interactions`"
                ),
                (
                    ProblemKind::InvalidDate,
                    5,
                    "invalid date `2026-02-30` in `interactions.date`"
                ),
                (ProblemKind::InvalidValue, 6, "interaction without a date"),
                (
                    ProblemKind::InvalidValue,
                    8,
                    "invalid interaction `just text`"
                ),
                (
                    ProblemKind::InvalidValue,
                    9,
                    "expected a date in `interactions.date`, found `soon`"
                ),
                (
                    ProblemKind::InvalidValue,
                    10,
                    "invalid ask (a map) in `interactions`"
                ),
            ]
        );
        // The entry with a bad `by` is kept, without a `by`.
        let dates: Vec<NaiveDate> = person.interactions.iter().map(|i| i.date).collect();
        assert_eq!(dates, [ymd(2026, 3, 1), ymd(2026, 3, 2)]);
        assert_eq!(person.interactions[0].by, None);
        let (_, problem) = one_problem("interactions: coffee");
        assert_eq!(problem.message, "invalid interactions `coffee`");
    }

    #[test]
    fn reads_the_vaultnet_suppression() {
        let person = clean("vaultnet:\n  ignore: [stale-relationship, VN102]\n  until: 2027-01-31\n  reason: on sabbatical");
        let suppression = person.suppression.expect("suppression");
        assert_eq!(suppression.rules, ["stale-relationship", "VN102"]);
        assert_eq!(suppression.until, Some(ymd(2027, 1, 31)));
        assert_eq!(suppression.reason.as_deref(), Some("on sabbatical"));
        assert_eq!(suppression.span.line, 2);
        let person = clean("vaultnet: {ignore: stale-relationship}");
        assert_eq!(
            person.suppression.expect("suppression").rules,
            ["stale-relationship"]
        );
    }

    #[test]
    fn bad_vaultnet_settings_are_reported() {
        let (person, problem) = one_problem("vaultnet: [stale-relationship]");
        assert_eq!(problem.kind, ProblemKind::InvalidValue);
        assert_eq!(problem.message, "invalid vaultnet (a list)");
        assert!(person.suppression.is_none());
        let (person, problem) = one_problem("vaultnet: {ignore: [x], until: 2027-02-30}");
        assert_eq!(problem.kind, ProblemKind::InvalidDate);
        assert_eq!(
            problem.message,
            "invalid date `2027-02-30` in `vaultnet.until`"
        );
        let suppression = person.suppression.expect("suppression");
        assert_eq!(suppression.rules, ["x"]);
        assert_eq!(suppression.until, None);
        let (_, problem) = one_problem("vaultnet: {ignroe: [x]}");
        assert_eq!(problem.message, "unknown key `ignroe` in `vaultnet`");
        let (_, problem) = one_problem("vaultnet: {ignore: {a: b}}");
        assert_eq!(problem.message, "invalid vaultnet.ignore (a map)");
    }

    #[test]
    fn reads_learned_facts() {
        assert_eq!(
            clean("learned: [has a cat, likes jazz]").learned,
            ["has a cat", "likes jazz"]
        );
    }

    #[test]
    fn every_key_and_value_goes_to_extra() {
        let person =
            clean("name: Ada\nemail: ada@example.com\nnested: {a: [1, 2], b: \"[[X]]\"}\nempty:");
        assert_eq!(
            person.extra,
            [
                ("name".to_string(), "Ada".to_string()),
                ("email".to_string(), "ada@example.com".to_string()),
                ("nested".to_string(), "a: 1, 2; b: X".to_string()),
                ("empty".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn sets_the_front_matter_span_but_not_the_note_identity() {
        let person = clean("name: Ada");
        assert_eq!(person.front_matter_span.line, 1);
        assert_eq!(person.front_matter_span.end_line, Some(3));
        assert!(person.path.is_empty() && person.stem.is_empty());
        assert_eq!(person.note, 0);
    }

    #[test]
    fn problems_come_in_line_order_and_never_stop_the_rest() {
        let (person, problems) = read(
            "tier: bff\ncadence: soon\nmet: 2026-02-30\ninterests: 5\ncompany: Acme\nname: Ada",
        );
        let lines: Vec<usize> = problems.iter().map(|p| p.span.line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        assert_eq!(person.company, ["Acme"]);
        assert_eq!(person.name, "Ada");
    }

    #[test]
    fn unknown_fields_suggest_the_known_key() {
        let fm = front_matter(
            "intrests: chess\nname: Ada\ncompnay: Acme\nlast_contcat: 2026-01-01\nnme: x",
        );
        let problems = unknown_fields(&fm);
        let found: Vec<(usize, &str, &str)> = problems
            .iter()
            .map(|p| {
                (
                    p.span.line,
                    p.message.as_str(),
                    p.help.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (2, "unknown field `intrests`", "did you mean `interests`?"),
                (4, "unknown field `compnay`", "did you mean `company`?"),
                (
                    5,
                    "unknown field `last_contcat`",
                    "did you mean `last_contact`?"
                ),
                (6, "unknown field `nme`", "did you mean `name`?"),
            ]
        );
        assert!(problems.iter().all(|p| p.kind == ProblemKind::UnknownField));
    }

    #[test]
    fn unknown_fields_leave_known_far_and_harmless_keys_alone() {
        let yaml = "Name: a\nCONTACTFREQUENCY: 2w\nhowWeMet: x\nemail: a\nphone: b\nurl: c\nwebsite: d\ncreated: e\nupdated: f\nmodified: g\ndate: h\ntitle: i\ndescription: j\nsource: k\ncssclasses: l\ncssclass: m\npublish: n\nstate: o\nkid: p\nday: q\nfavourite_food: r\nid: s\nx: t\nlinkedin: u\nmeeting_date: v\nparticipants: w\nlearned: y";
        assert_eq!(unknown_fields(&front_matter(yaml)), []);
    }

    #[test]
    fn unknown_fields_use_a_tighter_limit_for_short_keys() {
        // `jbo` is one edit from nothing, two from `job`: too far for a
        // short key. `slg` is one from `slug`; `pet` is `pets` itself.
        let fm = front_matter("jbo: x\nslg: Rex\nrolse: y\npet: Rex");
        let messages: Vec<String> = unknown_fields(&fm).into_iter().map(|p| p.message).collect();
        assert_eq!(messages, ["unknown field `slg`", "unknown field `rolse`"]);
    }

    #[test]
    fn every_alias_names_its_own_field_and_no_other() {
        for info in PERSON_KEYS {
            for key in std::iter::once(&info.name).chain(info.aliases) {
                if key.contains(['*', '…']) {
                    continue;
                }
                assert_eq!(person_key(key), Some(info.key), "{key}");
                let clashes = PERSON_KEYS
                    .iter()
                    .filter(|other| {
                        std::iter::once(&other.name)
                            .chain(other.aliases)
                            .any(|k| normalize(k) == normalize(key))
                    })
                    .count();
                assert_eq!(clashes, 1, "{key} is listed under two fields");
            }
        }
    }

    #[test]
    fn odd_values_never_panic() {
        let yaml = "name: !tag {first: [[x]]}\naliases: [~, [], {}]\ntags: ~\nmet: !!str 2026-01-01\ncadence: -0\ntier: [[]]\ninterests: [[[[a]]]]\nfamily: {? [a] : b}\nbirthday: é\nstatus: [paused]\ninteractions: [[], ~, {date: ~}, {when: 2026-01-01, by: [me, them]}, 5]\nvaultnet: {? [a] : b, until: ~, reason: [a]}\n1: 2\ntrue: false";
        let (person, _) = read(yaml);
        assert_eq!(person.interactions.len(), 1);
        let _ = unknown_fields(&front_matter(yaml));
    }
}
