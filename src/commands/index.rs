//! `vaultnet index`: build or refresh the search index and say what was
//! done. Also home of the terminal progress bar that `find` shares.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{stdout_error, vault_settings, vault_target, Outcome, Streams};
use crate::cli::{GlobalArgs, IndexArgs, ListFormat};
use crate::error::Result;
use crate::output::find::{write_sync_json, write_sync_text};
use crate::search::{self, IndexLocation, Progress, SearchIndex, SyncOptions, SyncReport};

/// Below this many notes to read, work is too quick for a bar to help.
const PROGRESS_MIN_NOTES: u64 = 500;

pub fn run(args: &IndexArgs, global: &GlobalArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    // A folder or note below the root changes nothing here: the whole
    // vault is indexed.
    let root = vault_target(args.path.as_deref(), global)?.root;
    let (report, _) = sync_vault(
        &root,
        args.index_dir.as_deref(),
        args.rebuild,
        global,
        streams,
    )?;
    match args.format {
        ListFormat::Json => write_sync_json(streams.out, &report),
        ListFormat::Text => write_sync_text(streams.out, &report),
    }
    .map_err(stdout_error)?;
    Ok(Outcome::Success)
}

/// Brings the index of the vault at `root` in step with its notes (a
/// full rebuild when `rebuild`), with a progress bar on a terminal and
/// the sync's warnings on the error stream. `find` and `index` share it.
pub(crate) fn sync_vault(
    root: &Path,
    index_dir: Option<&Path>,
    rebuild: bool,
    global: &GlobalArgs,
    streams: &mut Streams<'_>,
) -> Result<(SyncReport, SearchIndex)> {
    let (settings, _) = vault_settings(root, global)?;
    let location = search::locate(root, index_dir)?;
    let progress = TerminalProgress::new(global.quiet);
    let (report, index) = search::sync(
        &settings,
        &location,
        SyncOptions {
            rebuild,
            progress: progress.as_ref().map(|p| p as &dyn Progress),
        },
    )?;
    tell(streams, &report, &location, global.quiet)?;
    Ok((report, index))
}

/// Warnings of a sync, and where the index went when the vault was
/// read-only, on the error stream.
pub(crate) fn tell(
    streams: &mut Streams<'_>,
    report: &SyncReport,
    location: &IndexLocation,
    quiet: bool,
) -> Result<()> {
    for warning in &report.warnings {
        writeln!(streams.err, "warning: {warning}").map_err(stdout_error)?;
    }
    if !quiet {
        for notice in &report.notices {
            writeln!(streams.err, "note: {notice}").map_err(stdout_error)?;
        }
    }
    if location.in_cache && report.rebuilt.is_some() && !quiet {
        // Said once, when the index is first built there.
        let why = location
            .why
            .as_ref()
            .map(|why| format!(" (its .vaultnet cannot be trusted: {why})"))
            .unwrap_or_default();
        writeln!(
            streams.err,
            "note: the vault is not writable{why}, so its index is kept in {}",
            location.dir.display()
        )
        .map_err(stdout_error)?;
    }
    Ok(())
}

/// A progress bar on standard error when it is a terminal, for syncs
/// that read many notes; nothing otherwise.
pub(crate) struct TerminalProgress {
    bar: ProgressBar,
}

impl TerminalProgress {
    pub(crate) fn new(quiet: bool) -> Option<Self> {
        (!quiet && std::io::stderr().is_terminal()).then(|| TerminalProgress {
            bar: ProgressBar::hidden(),
        })
    }
}

impl Progress for TerminalProgress {
    fn start(&self, total: u64) {
        if total < PROGRESS_MIN_NOTES {
            return;
        }
        let style = ProgressStyle::with_template(
            "{spinner} indexing notes {bar:30} {pos}/{len} ({elapsed})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        self.bar.set_style(style);
        self.bar.set_length(total);
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
    }

    fn advance(&self, notes: u64) {
        self.bar.inc(notes);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }

    fn waiting(&self) {
        let style = ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        self.bar.set_style(style);
        self.bar
            .set_message("another vaultnet process is updating the index; waiting for it");
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
        self.bar
            .enable_steady_tick(std::time::Duration::from_millis(200));
    }
}
