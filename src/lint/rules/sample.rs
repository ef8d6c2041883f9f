//! Hand-built people and vaults for the rules' unit tests, so each rule
//! can be tested at its thresholds without reading files.

use chrono::NaiveDate;

use super::{Check, Context, Finding, RuleOptions};
use crate::model::{By, Fact, Interaction, InteractionSource, Note, NoteKind, Person, Span, Vault};

/// The day every unit test runs on.
pub(crate) fn today() -> NaiveDate {
    day("2026-11-25")
}

pub(crate) fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

/// The day `n` days before [`today`].
pub(crate) fn ago(n: i64) -> NaiveDate {
    today() - chrono::Duration::days(n)
}

/// An active person at `People/<name>.md` with the default cadence.
pub(crate) fn person(name: &str) -> Person {
    Person {
        path: format!("People/{name}.md"),
        name: name.to_string(),
        name_span: Span::line(2),
        stem: name.to_string(),
        front_matter_span: Span::line(1),
        cadence_days: Some(90),
        cadence_origin: "default_cadence".to_string(),
        ..Person::default()
    }
}

/// Logs an interaction in the person's note, one heading per entry
/// (lines 10, 12, 14, … in the order logged).
pub(crate) fn log<'a>(person: &'a mut Person, date: NaiveDate, text: &str) -> &'a mut Interaction {
    let line = 10 + 2 * person.interactions.len();
    person.interactions.push(Interaction::new(
        date,
        person.path.clone(),
        Span::line(line),
        InteractionSource::Heading,
        format!("{date} {text}"),
    ));
    person.interactions.last_mut().expect("just pushed")
}

/// Logs an interaction started by `by`.
pub(crate) fn log_by(person: &mut Person, date: NaiveDate, by: By) {
    log(person, date, "chat").by = Some(by);
}

pub(crate) fn fact<T>(value: T, line: usize) -> Fact<T> {
    Fact::new(value, Span::line(line))
}

/// A vault holding these people, one note each.
pub(crate) fn vault(people: Vec<Person>) -> Vault {
    let mut vault = Vault::default();
    for (index, mut person) in people.into_iter().enumerate() {
        person.note = vault.notes.len();
        // As the reader does: the rules read the gist, not the text.
        crate::vault::gist::summarize_person(&mut person, true);
        vault.notes.push(Note {
            path: person.path.clone(),
            stem: person.stem.clone(),
            kind: NoteKind::Person(index),
            title: Some(person.name.clone()),
            sections: Vec::new(),
            problems: Vec::new(),
            stray_ignores: Vec::new(),
            sign: String::new(),
        });
        vault.people.push(person);
    }
    vault
}

/// Runs one check with default options.
pub(crate) fn run(check: Check, people: Vec<Person>) -> Vec<Finding> {
    run_with(check, people, &RuleOptions::default())
}

/// Runs one check with the given options.
pub(crate) fn run_with(check: Check, people: Vec<Person>, options: &RuleOptions) -> Vec<Finding> {
    run_on(check, &vault(people), options)
}

/// Runs one check over a vault (one read by the real reader, say), and
/// holds its findings to the house style.
pub(crate) fn run_on(check: Check, vault: &Vault, options: &RuleOptions) -> Vec<Finding> {
    let ctx = Context {
        vault,
        options,
        today: today(),
        no_follow_up_on: true,
    };
    let mut out = Vec::new();
    check(&ctx, &mut out);
    for finding in &out {
        assert_house_style(&finding.message);
        if let Some(help) = &finding.help {
            assert_house_style(help);
        }
    }
    out
}

/// Messages and help start lowercase and end without a period.
pub(crate) fn assert_house_style(text: &str) {
    assert!(
        !text.starts_with(char::is_uppercase),
        "starts uppercase: {text}"
    );
    assert!(!text.ends_with('.'), "ends with a period: {text}");
    assert!(!text.trim().is_empty(), "empty text");
}

/// Runs a problem-mapping check over one person note holding one
/// problem of every kind, `kind`'s at line 3, the others at line 5.
pub(crate) fn problem_findings(check: Check, kind: crate::model::ProblemKind) -> Vec<Finding> {
    use crate::model::{Problem, ProblemKind};
    let mut vault = vault(vec![person("Ada")]);
    for other in [
        ProblemKind::FrontMatterSyntax,
        ProblemKind::InvalidValue,
        ProblemKind::UnknownField,
        ProblemKind::InvalidDate,
        ProblemKind::UnreadableNote,
    ] {
        let line = if other == kind { 3 } else { 5 };
        vault.notes[0].problems.push(
            Problem::new(other, Span::line(line), "something is wrong here").with_help("fix it"),
        );
    }
    run_on(check, &vault, &RuleOptions::default())
}
