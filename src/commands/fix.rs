//! `check --fix` and `check --diff`: the safe fixes of SPEC §5.
//!
//! A fix is applied only for a finding `check` reports (so `--select`,
//! `--ignore`, suppressions and the PATH scope all hold) and only where
//! the reader recorded exactly what to write:
//! - `unknown-field` (VN003): the misspelt key renamed to the key the
//!   help names (`Problem::fix`);
//! - `front-matter-syntax` (VN001), front matter that lost its opening
//!   `---`: the line added (`Problem::fix`);
//! - `unknown-person` (VN010) with exactly one candidate: the near-miss
//!   name in the link or participant replaced by the person's name
//!   (`Problem::suggestion`); a `[[Name|label]]` keeps its label.
//!
//! `--diff` prints the fixes as a unified diff and writes nothing.
//! `--fix` writes them through [`crate::edit`], lists each on stderr (so
//! a machine format's stdout stays one document), then checks again and
//! reports what remains. With `--format json` stdout is SPEC §5.1's
//! `{"changed":[…]}` and what remains goes to stderr, concise.

use std::collections::{BTreeMap, HashSet};

use super::check::{lint_vault, run as check_run};
use super::{stdout_error, Outcome, Streams};
use crate::cli::{CheckArgs, CheckFormat, GlobalArgs};
use crate::edit::{self, line_starts, Action, Change, Original, TextEdit};
use crate::error::{Error, Result};
use crate::model::{ProblemKind, Vault};

pub fn run(args: &CheckArgs, global: &GlobalArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let mut changes = Vec::new();
    // What `--diff` leaves unfixed: its exit code follows `--fail-on`
    // over these, as `--fix` does over what its second check finds.
    let mut remaining = crate::lint::Report::default();
    for target in super::resolve_vaults(&args.paths, global.vault.as_deref(), &cwd)? {
        // Notices are said by the check that follows the fixes.
        let (vault, report) = lint_vault(&target, args, global, &mut std::io::sink())?;
        let reported: HashSet<(&str, usize, &str)> = report
            .diagnostics
            .iter()
            .map(|d| (d.path.as_str(), d.span.line, d.code))
            .collect();
        let planned = plan(&vault, &target.root, |path, line, code| {
            reported.contains(&(path, line, code))
        });
        let fixed: HashSet<(&str, usize, &str)> = fixable(&vault).collect();
        remaining.diagnostics.extend(
            report
                .diagnostics
                .iter()
                .filter(|d| {
                    let key = (d.path.as_str(), d.span.line, d.code);
                    !(fixed.contains(&key) && planned.iter().any(|c| c.rel == d.path))
                })
                .cloned(),
        );
        changes.extend(planned);
    }
    if args.diff {
        for change in &changes {
            let diff = change.diff()?;
            streams
                .out
                .write_all(diff.as_bytes())
                .map_err(stdout_error)?;
        }
        if changes.is_empty() && !global.quiet {
            writeln!(
                streams.err,
                "no fixes available; {}",
                crate::output::plural(
                    remaining.diagnostics.len(),
                    "finding remains",
                    "findings remain"
                )
            )
            .map_err(stdout_error)?;
        }
        return Ok(super::check::outcome(
            &remaining,
            args.fail_on,
            args.exit_zero,
        ));
    }
    for change in &changes {
        edit::write(change)?;
        writeln!(streams.err, "fixed {}: {}", change.rel, change.summary).map_err(stdout_error)?;
    }
    if !global.quiet {
        let n = changes.iter().map(|c| c.edits.len()).sum::<usize>();
        writeln!(
            streams.err,
            "{} in {}",
            crate::output::plural(n, "fix applied", "fixes applied"),
            crate::output::plural(changes.len(), "note", "notes")
        )
        .map_err(stdout_error)?;
    }
    let mut again = args.clone();
    again.fix = false;
    if args.format == CheckFormat::Json {
        // SPEC §5.1: `check --fix --format json` is `{"changed":[…]}`, one
        // document on stdout; what remains is reported on stderr, and
        // the exit code still says whether it is at or above
        // `--fail-on`.
        crate::output::changes::write_json(streams.out, &changes).map_err(stdout_error)?;
        again.format = CheckFormat::Concise;
        let mut sink = std::io::sink();
        let mut remaining = Streams {
            out: &mut *streams.err,
            err: &mut sink,
            colored: true,
        };
        return check_run(&again, global, &mut remaining);
    }
    check_run(&again, global, streams)
}

/// The `(path, line, code)` of every problem a fix is recorded for.
fn fixable(vault: &Vault) -> impl Iterator<Item = (&str, usize, &'static str)> {
    vault.notes.iter().flat_map(|note| {
        note.problems.iter().filter_map(move |problem| {
            let code = match problem.kind {
                ProblemKind::UnknownField => "VN003",
                ProblemKind::FrontMatterSyntax => "VN001",
                ProblemKind::UnknownPerson => "VN010",
                _ => return None,
            };
            let has_fix = problem.fix.is_some()
                || (problem.kind == ProblemKind::UnknownPerson
                    && problem.suggestion.is_some()
                    && problem.message.split('`').nth(1).is_some());
            has_fix.then_some((note.path.as_str(), problem.span.line, code))
        })
    })
}

/// The fixes for every problem `reported(path, line, code)` accepts, one
/// change per note.
pub fn plan(
    vault: &Vault,
    root: &std::path::Path,
    reported: impl Fn(&str, usize, &str) -> bool,
) -> Vec<Change> {
    let mut by_note: BTreeMap<&str, Vec<(usize, FixKind<'_>)>> = BTreeMap::new();
    for note in &vault.notes {
        for problem in &note.problems {
            let code = match problem.kind {
                ProblemKind::UnknownField => "VN003",
                ProblemKind::FrontMatterSyntax => "VN001",
                ProblemKind::UnknownPerson => "VN010",
                _ => continue,
            };
            if !reported(&note.path, problem.span.line, code) {
                continue;
            }
            let kind = match (&problem.fix, &problem.suggestion) {
                (Some(edit), _) => FixKind::Edit(edit),
                (None, Some(name)) if problem.kind == ProblemKind::UnknownPerson => {
                    let Some(written) = problem.message.split('`').nth(1) else {
                        continue;
                    };
                    FixKind::Name { written, name }
                }
                _ => continue,
            };
            by_note
                .entry(note.path.as_str())
                .or_default()
                .push((problem.span.line, kind));
        }
    }
    let mut changes = Vec::new();
    for (rel, fixes) in by_note {
        let path = root.join(rel);
        let Ok(original) = Original::read(&path) else {
            continue;
        };
        let Ok(text) = original.text(&path) else {
            continue;
        };
        let starts = line_starts(text);
        let eol = edit::line_ending(text).as_str();
        let mut edits = Vec::new();
        let mut words = Vec::new();
        for (line, fix) in fixes {
            let Some(&start) = starts.get(line.saturating_sub(1)) else {
                continue;
            };
            let line_text = line_of(text, start);
            let bom = if start == 0 && line_text.starts_with('\u{feff}') {
                3
            } else {
                0
            };
            match fix {
                FixKind::Edit(e) => {
                    let Some(&start) = starts.get(e.span.line.saturating_sub(1)) else {
                        continue;
                    };
                    let line_text = line_of(text, start);
                    let body = &line_text[bom..];
                    let column = e.span.column.unwrap_or(1);
                    let end_column = e.span.end_column.unwrap_or(column);
                    let (Some(from), Some(to)) = (byte_at(body, column), byte_at(body, end_column))
                    else {
                        continue;
                    };
                    let replacement = e.text.replace('\n', eol);
                    words.push(if from == to {
                        format!("added `{}`", e.text.trim())
                    } else {
                        format!("`{}` → `{}`", &body[from..to], e.text)
                    });
                    edits.push(TextEdit::replace(
                        start + bom + from..start + bom + to,
                        replacement,
                    ));
                }
                FixKind::Name { written, name } => {
                    let Some(at) = line_text.find(written) else {
                        continue;
                    };
                    words.push(format!("`{written}` → `{name}`"));
                    edits.push(TextEdit::replace(
                        start + at..start + at + written.len(),
                        name.clone(),
                    ));
                }
            }
        }
        edits.sort_by_key(|e| e.range.start);
        edits.dedup_by(|a, b| a.range.start < b.range.end);
        if edits.is_empty() {
            continue;
        }
        changes.push(
            Change::edit(path, rel.to_string(), Action::Fixed, original, edits)
                .with_summary(words.join(", ")),
        );
    }
    changes
}

enum FixKind<'a> {
    Edit(&'a crate::model::Edit),
    Name { written: &'a str, name: &'a String },
}

fn line_of(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    &rest[..end]
}

/// The byte offset of 1-based character column `column` in `line`.
fn byte_at(line: &str, column: usize) -> Option<usize> {
    let index = column.checked_sub(1)?;
    if index == line.chars().count() {
        return Some(line.len());
    }
    line.char_indices().nth(index).map(|(at, _)| at)
}
