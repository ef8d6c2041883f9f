//! What a writing command (`log`, `new`, `init`, `check --fix`) changed:
//! a line per file for people, or SPEC §5.1's
//! `{"changed":[{"path","action"}]}` for machines.

use std::io::{self, Write};

use crate::edit::Change;

use super::style;

/// One line per change: `appended People/Ada.md: 2026-11-30 entry`.
/// With `dry_run`, each line says it would have been written and the
/// new text (or diff) follows.
pub fn write_text(out: &mut dyn Write, changes: &[Change], dry_run: bool) -> io::Result<()> {
    for change in changes {
        let verb = change.action.as_str();
        let lead = if dry_run {
            format!("would have {verb}")
        } else {
            verb.to_string()
        };
        write!(
            out,
            "{}{lead}{} {}{}{}",
            style::GOOD.render(),
            style::GOOD.render_reset(),
            style::PATH.render(),
            change.rel,
            style::PATH.render_reset(),
        )?;
        if change.summary.is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, ": {}", change.summary)?;
        }
        if dry_run {
            if let Ok(diff) = change.diff() {
                write!(out, "{diff}")?;
                if !diff.ends_with('\n') {
                    writeln!(out)?;
                }
            }
        }
    }
    Ok(())
}

/// `{"changed":[{"path","action"}]}`, one document.
pub fn write_json(out: &mut dyn Write, changes: &[Change]) -> io::Result<()> {
    let listed: Vec<serde_json::Value> = changes
        .iter()
        .map(|c| serde_json::json!({"path": c.rel, "action": c.action.as_str()}))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "changed": listed }))?;
    writeln!(out)
}
