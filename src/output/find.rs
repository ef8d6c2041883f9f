//! `vaultnet find` and `vaultnet index`: search results for the terminal
//! and as the SPEC §5.1 JSON, and the report of an index sync.
//!
//! In the terminal each hit is a heading line — who it is about, where
//! (`path:line`, clickable in most terminals and editors) and when — and
//! the snippet below it, indented, with the matched words in the match
//! style. Styles are stripped by the binary's stream when colour is off.

use std::fmt::Write as _;
use std::io::{self, Write};

use anstyle::Style;
use serde::Serialize;

use super::{plural, style};
use crate::search::{Hit, SyncReport};

/// One hit as `find --format json` prints it (SPEC §5.1).
#[derive(Debug, Serialize)]
pub struct HitRow<'a> {
    pub person: Option<&'a str>,
    pub path: &'a str,
    pub line: usize,
    pub date: Option<String>,
    pub kind: &'static str,
    pub score: f32,
    pub snippet: &'a str,
    pub highlights: Vec<[usize; 2]>,
}

impl<'a> HitRow<'a> {
    #[must_use]
    pub fn new(hit: &'a Hit) -> Self {
        HitRow {
            person: hit.person.as_deref(),
            path: &hit.path,
            line: hit.line,
            date: hit.date.map(|d| d.format("%Y-%m-%d").to_string()),
            kind: hit.kind.as_str(),
            score: hit.score,
            snippet: &hit.snippet,
            highlights: hit.highlights.iter().map(|&(a, b)| [a, b]).collect(),
        }
    }
}

/// The hits as one JSON array, best first.
pub fn write_json(out: &mut dyn Write, hits: &[Hit]) -> io::Result<()> {
    let rows: Vec<HitRow<'_>> = hits.iter().map(HitRow::new).collect();
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)
}

/// The hits for a terminal. `path_prefix` is joined before each path so
/// it resolves from where the command ran.
pub fn write_text(out: &mut dyn Write, hits: &[Hit], path_prefix: &str) -> io::Result<()> {
    for (i, hit) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let who = hit
            .person
            .as_deref()
            .or(hit.title.as_deref())
            .unwrap_or(hit.path.as_str());
        let when = match hit.date {
            Some(date) => date.format("%Y-%m-%d").to_string(),
            None => hit.kind.as_str().to_string(),
        };
        writeln!(
            out,
            "{}  {}  {}",
            styled(style::BOLD, who),
            styled(
                style::PATH,
                &format!("{path_prefix}{}:{}", hit.path, hit.line)
            ),
            styled(style::DIM, &when),
        )?;
        if !hit.snippet.is_empty() {
            writeln!(out, "    {}", highlighted(&hit.snippet, &hit.highlights))?;
        }
    }
    Ok(())
}

fn styled(style: Style, text: &str) -> String {
    format!("{}{text}{}", style.render(), style.render_reset())
}

/// The snippet with its highlights in the match style. Ranges that are
/// out of order, overlapping or not on character boundaries are skipped
/// rather than trusted.
fn highlighted(snippet: &str, highlights: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(snippet.len() + highlights.len() * 8);
    let mut at = 0;
    for &(start, end) in highlights {
        if start < at
            || end <= start
            || end > snippet.len()
            || !snippet.is_char_boundary(start)
            || !snippet.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&snippet[at..start]);
        out.push_str(&styled(style::MATCH, &snippet[start..end]));
        at = end;
    }
    out.push_str(&snippet[at..]);
    out
}

/// `index --format json`: what the sync did.
#[derive(Debug, Serialize)]
pub struct SyncRow {
    pub notes: usize,
    pub changed: usize,
    pub removed: usize,
    pub reresolved: usize,
    pub documents: u64,
    pub rebuilt: bool,
    pub reason: Option<String>,
    pub seconds: f64,
    pub index: String,
}

impl SyncRow {
    #[must_use]
    pub fn new(report: &SyncReport) -> Self {
        SyncRow {
            notes: report.seen,
            changed: report.changed,
            removed: report.removed,
            reresolved: report.reresolved,
            documents: report.documents,
            rebuilt: report.rebuilt.is_some(),
            reason: report.rebuilt.clone(),
            seconds: (report.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
            index: report.dir.to_string_lossy().into_owned(),
        }
    }
}

pub fn write_sync_json(out: &mut dyn Write, report: &SyncReport) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &SyncRow::new(report))?;
    writeln!(out)
}

/// `index` in the terminal:
/// `indexed 42 notes (3 changed, 1 removed) in 35 ms: 180 documents`.
pub fn write_sync_text(out: &mut dyn Write, report: &SyncReport) -> io::Result<()> {
    let elapsed = report.elapsed;
    let time = if elapsed.as_secs() >= 1 {
        format!("{:.2} s", elapsed.as_secs_f64())
    } else {
        format!("{} ms", elapsed.as_millis())
    };
    let mut what = format!("{} changed, {} removed", report.changed, report.removed);
    if report.reresolved > 0 {
        let _ = write!(what, ", {} re-read for changed names", report.reresolved);
    }
    let verb = if report.rebuilt.is_some() {
        "built"
    } else if report.changed + report.removed == 0 {
        "checked"
    } else {
        "updated"
    };
    writeln!(
        out,
        "{} the index: {} seen ({what}) in {time}; {}",
        verb,
        plural(report.seen, "note", "notes"),
        plural(
            usize::try_from(report.documents).unwrap_or(usize::MAX),
            "document",
            "documents"
        ),
    )?;
    if let Some(reason) = &report.rebuilt {
        writeln!(out, "{}", styled(style::DIM, &format!("rebuilt: {reason}")))?;
    }
    writeln!(
        out,
        "{}",
        styled(style::DIM, &format!("index: {}", report.dir.display()))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::DocKind;

    fn hit() -> Hit {
        Hit {
            person: Some("Ada Lovelace".into()),
            path: "People/Ada.md".into(),
            line: 7,
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1),
            kind: DocKind::Interaction,
            score: 2.5,
            snippet: "lunch about her pets".into(),
            highlights: vec![(16, 20)],
            title: None,
        }
    }

    #[test]
    fn json_has_the_spec_shape() {
        let mut out = Vec::new();
        write_json(&mut out, &[hit()]).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let keys: Vec<&str> = value[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "person",
                "path",
                "line",
                "date",
                "kind",
                "score",
                "snippet",
                "highlights"
            ]
        );
        assert_eq!(value[0]["date"], "2026-03-01");
        assert_eq!(value[0]["highlights"], serde_json::json!([[16, 20]]));
    }

    #[test]
    fn text_shows_who_where_when_and_the_snippet() {
        let mut out = Vec::new();
        write_text(&mut out, &[hit()], "vault/").unwrap();
        let text = String::from_utf8(out).unwrap();
        let plain = anstream::adapter::strip_str(&text).to_string();
        assert_eq!(
            plain,
            "Ada Lovelace  vault/People/Ada.md:7  2026-03-01\n    lunch about her pets\n"
        );
    }

    #[test]
    fn bad_highlights_are_skipped() {
        assert_eq!(
            anstream::adapter::strip_str(&highlighted("héllo", &[(1, 2), (0, 9)])).to_string(),
            "héllo"
        );
    }
}
