//! The last step of every writing command: write the planned changes
//! through [`crate::edit`] (unless `--dry-run`) and say what changed.

use super::{stdout_error, Streams};
use crate::cli::WriteFormat;
use crate::edit::{self, Change};
use crate::error::Result;
use crate::output::changes;

/// Writes `changes` (all or, on the first refusal, those before it) and
/// reports them. With `dry_run` nothing is written.
pub(crate) fn finish(
    changes: &[Change],
    dry_run: bool,
    format: WriteFormat,
    streams: &mut Streams<'_>,
) -> Result<()> {
    if !dry_run {
        for (i, change) in changes.iter().enumerate() {
            if let Err(e) = edit::write(change) {
                // Say what was written before the failure, then fail.
                report(&changes[..i], false, format, streams)?;
                return Err(e.into());
            }
        }
    }
    report(changes, dry_run, format, streams)
}

fn report(
    changes: &[Change],
    dry_run: bool,
    format: WriteFormat,
    streams: &mut Streams<'_>,
) -> Result<()> {
    match format {
        WriteFormat::Json => changes::write_json(streams.out, changes),
        WriteFormat::Text => changes::write_text(streams.out, changes, dry_run),
    }
    .map_err(stdout_error)
}
