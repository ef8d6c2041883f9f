//! `check --show-files` (SPEC §5): each note of the vault, what it was
//! read as (person, reference, owner, journal with its date, other,
//! excluded, template) and the sign that decided it, so a user can see
//! *why* a note is or is not a person. Plain text, one note a line in
//! path order, or with `--format json` an array of
//! `{"path","read_as","date","sign"}`.

use std::fmt::Write as _;

use crate::model::{NoteKind, Status, Vault};

/// One note as `--show-files` shows it.
struct Row<'a> {
    path: &'a str,
    read_as: &'static str,
    date: Option<String>,
    sign: &'a str,
}

fn rows<'a>(vault: &'a Vault, excluded: &'a [String]) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = vault
        .notes
        .iter()
        .map(|note| {
            let (read_as, date) = match &note.kind {
                NoteKind::Person(i) => match vault.people.get(*i) {
                    Some(p) if p.is_owner => ("owner", None),
                    Some(p) if p.status == Status::Reference => ("reference", None),
                    _ => ("person", None),
                },
                NoteKind::Journal { date } => ("journal", date.map(|d| d.to_string())),
                NoteKind::Template => ("template", None),
                NoteKind::Other => ("other", None),
            };
            Row {
                path: &note.path,
                read_as,
                date,
                sign: &note.sign,
            }
        })
        .collect();
    rows.extend(excluded.iter().map(|path| Row {
        path,
        read_as: "excluded",
        date: None,
        sign: "`exclude` glob",
    }));
    rows.sort_by(|a, b| a.path.cmp(b.path));
    rows
}

/// The text listing: path, what it was read as, and the sign.
#[must_use]
pub fn render_text(vault: &Vault, excluded: &[String]) -> String {
    let rows = rows(vault, excluded);
    let width = rows
        .iter()
        .map(|r| r.path.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for row in &rows {
        let what = match &row.date {
            Some(date) => format!("{} {date}", row.read_as),
            None if row.read_as == "journal" => "journal (no date)".to_string(),
            None => row.read_as.to_string(),
        };
        let pad = width - row.path.chars().count();
        let _ = writeln!(
            out,
            "{}{:pad$}  {what:<18}  {}",
            row.path,
            "",
            row.sign,
            pad = pad
        );
    }
    out
}

/// The JSON listing.
#[must_use]
pub fn render_json(vault: &Vault, excluded: &[String]) -> String {
    let rows: Vec<serde_json::Value> = rows(vault, excluded)
        .into_iter()
        .map(|r| {
            serde_json::json!({
                "path": r.path,
                "read_as": r.read_as,
                "date": r.date,
                "sign": r.sign,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
