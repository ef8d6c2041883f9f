//! `vaultnet check [PATH]...`: lint one vault or several and print the
//! findings in one of six formats.
//!
//! Each PATH finds its vault by [`resolve_vaults`] (SPEC rev. 2 §1): a
//! directory or a note inside a vault, whose root is the nearest folder
//! above it holding `vaultnet.toml`, `.vaultnet.toml` or `.obsidian/`
//! (or `--vault DIR`). The whole vault is always read, since rules such
//! as `duplicate-person` and journal links cross files; a path below the
//! root (a folder, or files as a git hook or pre-commit passes them)
//! only limits what is *reported*. Paths in different vaults check each
//! vault ([`check_vault`]) and report everything in one output: one
//! JSON array with a `vault` key, one SARIF log with a run per vault,
//! one summary line; the exit code is the worst.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{
    absolute, relative_to, resolve_vaults, stdout_error, today, vault_settings, Outcome, Streams,
    VaultTarget,
};
use crate::cli::{CheckArgs, CheckFormat, FailOn, GlobalArgs};
use crate::error::{Error, Result};
use crate::lint::cache as report_cache;
use crate::lint::registry::RULES;
use crate::lint::settings::LintSettings;
use crate::lint::{self, Level, Report};
use crate::output::people::NO_PEOPLE_HELP;
use crate::output::settings::write_settings;
use crate::output::{
    concise, full, github, json, junit, sarif, write_statistics, RenderContext, Sources,
};
use crate::vault::{load, load_walked, walk, LoadOptions};

/// One vault's part of a `check` run.
pub struct VaultRun {
    pub target: VaultTarget,
    /// The findings reported (already limited to the target's scope).
    pub report: Report,
    /// The text put before its vault-relative paths in the human and CI
    /// formats (see [`path_prefix`]).
    pub prefix: String,
    /// The `vault` key of the JSON rows (SPEC §5.1, see [`vault_label`]).
    pub label: String,
    /// The lines the `full` format shows (empty for the other formats).
    pub sources: Sources,
}

/// `--show-files`: what each note was read as, and why.
fn show_files(
    vault: &crate::model::Vault,
    settings: &crate::config::VaultSettings,
    format: CheckFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let (all, _) = crate::vault::walk::walk(&settings.root, &globset::GlobSet::empty());
    let excluded: Vec<String> = all
        .into_iter()
        .filter(|f| settings.exclude.is_match(&f.rel))
        .map(|f| f.rel)
        .collect();
    let text = match format {
        CheckFormat::Json => crate::output::files::render_json(vault, &excluded),
        _ => crate::output::files::render_text(vault, &excluded),
    };
    out.write_all(text.as_bytes()).map_err(stdout_error)
}

pub fn run(args: &CheckArgs, global: &GlobalArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    if args.fix || args.diff {
        return super::fix::run(args, global, streams);
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let targets = resolve_vaults(&args.paths, global.vault.as_deref(), &cwd)?;
    let workspace = match args.format {
        CheckFormat::Github | CheckFormat::Sarif => std::env::var_os("GITHUB_WORKSPACE")
            .filter(|w| !w.is_empty())
            .map(PathBuf::from),
        _ => None,
    };
    if args.show_settings {
        let mut views = Vec::with_capacity(targets.len());
        for target in &targets {
            let label = vault_label(&target.root, &cwd);
            views.push(super::settings::view(&target.root, &label, args, global)?);
        }
        write_settings(streams.out, &views).map_err(stdout_error)?;
        return Ok(Outcome::Success);
    }
    if args.show_files {
        for target in &targets {
            let (settings, _) = vault_settings(&target.root, global)?;
            let options = LoadOptions {
                cache: !args.no_cache,
                ..LoadOptions::default()
            };
            let vault = load(&settings, options);
            show_files(&vault, &settings, args.format, streams.out)?;
        }
        return Ok(Outcome::Success);
    }
    let mut runs = Vec::with_capacity(targets.len());
    for target in targets {
        let (report, sources) = check_vault(&target, args, global, streams.err)?;
        runs.push(VaultRun {
            prefix: path_prefix(&target.root, &cwd, workspace.as_deref(), args.format),
            label: vault_label(&target.root, &cwd),
            target,
            report,
            sources,
        });
    }
    let several = runs.len() > 1;

    let failed = runs
        .iter()
        .map(|run| outcome(&run.report, args.fail_on, args.exit_zero))
        .any(|o| o == Outcome::Failure);

    // The text formats draw one report: the vaults' findings one after
    // the other, each path already joined to its vault's prefix, moved
    // out of each vault's report. JSON and SARIF render each vault's
    // report as it is: their statistics count a merged copy.
    let machine = matches!(args.format, CheckFormat::Json | CheckFormat::Sarif);
    let only_json = machine && !args.statistics;
    let merged = if only_json {
        Report::default()
    } else {
        merge(&mut runs, machine)
    };
    let mut sources = Sources::new();
    for run in &mut runs {
        sources.absorb(&run.prefix, std::mem::take(&mut run.sources));
    }
    let ctx = RenderContext {
        sources: &sources,
        path_prefix: "",
        rules: RULES,
        quiet: global.quiet,
        // A file never gets colour (below).
        colored: streams.colored && args.output.is_none(),
    };

    // Statistics follow the report in the text formats; the machine
    // formats must stay one document, so theirs go to stderr.
    let statistics_inline = matches!(
        args.format,
        CheckFormat::Full | CheckFormat::Concise | CheckFormat::Github
    );
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        match args.format {
            CheckFormat::Json => {
                let vaults: Vec<(&str, &Report)> = runs
                    .iter()
                    .map(|run| (run.label.as_str(), &run.report))
                    .collect();
                json::render_vaults(&vaults, out)?;
            }
            CheckFormat::Sarif => {
                let empty = Sources::new();
                let vaults: Vec<(&Report, RenderContext<'_>)> = runs
                    .iter()
                    .map(|run| {
                        (
                            &run.report,
                            RenderContext {
                                sources: &empty,
                                path_prefix: &run.prefix,
                                rules: RULES,
                                quiet: global.quiet,
                                colored: streams.colored,
                            },
                        )
                    })
                    .collect();
                sarif::render_runs(&vaults, out)?;
            }
            format => render(format, &merged, &ctx, out)?,
        }
        if args.statistics && statistics_inline {
            write_statistics(out, &merged)?;
        }
        out.flush()
    };
    if let Some(path) = &args.output {
        let file = File::create(path).map_err(|e| Error::io(path, e))?;
        // A file never gets colour, whatever `--color` says; JSON holds
        // none to strip (serde_json escapes control characters).
        if only_json {
            write(&mut BufWriter::new(file)).map_err(|e| Error::io(path, e))?;
        } else {
            // Buffered below the stripping too: it writes each piece
            // between two escapes on its own.
            let mut below = BufWriter::new(file);
            let below: &mut dyn Write = &mut below;
            let mut file = BufWriter::new(anstream::StripStream::new(below));
            write(&mut file).map_err(|e| Error::io(path, e))?;
        }
    } else {
        write(streams.out).map_err(stdout_error)?;
    }
    if args.statistics && !statistics_inline {
        write_statistics(streams.err, &merged).map_err(stdout_error)?;
    }
    if !global.quiet {
        for run in runs.iter().filter(|run| run.report.people == 0) {
            if several {
                write!(streams.err, "{}: ", run.label).map_err(stdout_error)?;
            }
            writeln!(streams.err, "{NO_PEOPLE_HELP}").map_err(stdout_error)?;
        }
    }
    Ok(if failed {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}

/// Checks one vault: its settings (with `--config`, `--select`,
/// `--ignore`), the whole vault read and linted, and the findings kept
/// to what the target reports, with the lines of notes the `full`
/// format shows of them.
pub fn check_vault(
    target: &VaultTarget,
    args: &CheckArgs,
    global: &GlobalArgs,
    err: &mut dyn Write,
) -> Result<(Report, Sources)> {
    let (settings, lint_settings) = settings_of(target, args, global)?;
    let today = today(global);
    let walked = walk::walk_notes(&settings.root, &settings.exclude, settings.follow_links);
    // No note changed since a run that stored its report: that report,
    // without parsing or linting anything (SPEC §6.1: it is checked
    // like every file of vaultnet's state).
    let key = (!args.no_cache).then(|| {
        let rules = (args.select.as_deref(), args.ignore.as_deref());
        report_cache::key(&settings, &walked, rules, today)
    });
    if let Some(stored) = key
        .as_ref()
        .and_then(|key| report_cache::load(&settings, key, &walked))
    {
        say_notices(&stored.notices, global, err)?;
        let mut report = stored.report;
        report.diagnostics.retain(|d| target.reports(&d.path));
        let sources = lines_of(
            &settings,
            args,
            target,
            key.as_ref(),
            Some(&walked),
            &report,
        );
        return Ok((report, sources));
    }
    let vault = load_walked(&settings, walked, load_options(args));
    say_notices(&vault.notices, global, err)?;
    let mut report = lint::check(&vault, &lint_settings, today);
    if let Some(key) = &key {
        report_cache::store(&settings, key, &report, &vault.notices);
    }
    // The process ends soon: freeing every string of a large vault one
    // by one would cost a tenth of a warm run.
    std::mem::forget(vault);
    report.diagnostics.retain(|d| target.reports(&d.path));
    let sources = lines_of(&settings, args, target, key.as_ref(), None, &report);
    Ok((report, sources))
}

/// The lines the `full` format shows of `report` (nothing for the other
/// formats). A report of the whole vault keeps them beside the stored
/// report, keyed alike, so that printing it again reads no note: they
/// are taken from there when the report was (`walked` is the walk its
/// key was made from).
fn lines_of(
    settings: &crate::config::VaultSettings,
    args: &CheckArgs,
    target: &VaultTarget,
    key: Option<&report_cache::Key>,
    walked: Option<&walk::Walked>,
    report: &Report,
) -> Sources {
    if args.format != CheckFormat::Full || report.diagnostics.is_empty() {
        return Sources::new();
    }
    let key = key.filter(|_| target.only.is_none());
    let stored = key.zip(walked);
    if let Some(lines) =
        stored.and_then(|(key, walked)| report_cache::load_lines(settings, key, walked))
    {
        return lines;
    }
    let sources = read_sources(&settings.root, report);
    if let Some(key) = key {
        report_cache::store_lines(settings, key, &sources);
    }
    sources
}

/// Reads and lints one vault as `check` does, returning the vault with
/// the report (findings kept to what the target reports): `--fix` plans
/// its edits from both.
pub fn lint_vault(
    target: &VaultTarget,
    args: &CheckArgs,
    global: &GlobalArgs,
    err: &mut dyn Write,
) -> Result<(crate::model::Vault, Report)> {
    let (settings, lint_settings) = settings_of(target, args, global)?;
    let vault = load(&settings, load_options(args));
    say_notices(&vault.notices, global, err)?;
    let mut report = lint::check(&vault, &lint_settings, today(global));
    report.diagnostics.retain(|d| target.reports(&d.path));
    Ok((vault, report))
}

/// The vault's settings and its lint settings, the command line's rule
/// choices applied.
fn settings_of(
    target: &VaultTarget,
    args: &CheckArgs,
    global: &GlobalArgs,
) -> Result<(crate::config::VaultSettings, LintSettings)> {
    let (settings, rules) = vault_settings(&target.root, global)?;
    let lint_settings = LintSettings::new(
        &rules,
        settings.config_path.as_deref(),
        args.select.as_deref(),
        args.ignore.as_deref(),
    )?;
    Ok((settings, lint_settings))
}

fn load_options(args: &CheckArgs) -> LoadOptions {
    LoadOptions {
        cache: !args.no_cache,
        ..LoadOptions::default()
    }
}

/// Notes skipped while reading (a link leaving the vault, a note that
/// vanished): said on stderr, never a finding.
fn say_notices(notices: &[String], global: &GlobalArgs, err: &mut dyn Write) -> Result<()> {
    for notice in notices.iter().filter(|_| !global.quiet) {
        writeln!(err, "note: {notice}").map_err(stdout_error)?;
    }
    Ok(())
}

/// The vaults' reports as one, for the text formats and the summary:
/// each path joined to its vault's prefix, people and notes summed.
/// The findings of every vault in one report, each path joined to its
/// vault's prefix: copied when `keep` (the vaults' reports are rendered
/// too), else moved out of them (a report of 100k people is 118k
/// findings, and a copy of them was a fifth of the run's memory).
fn merge(runs: &mut [VaultRun], keep: bool) -> Report {
    let mut merged = Report::default();
    for run in runs {
        let found = if keep {
            run.report.diagnostics.clone()
        } else {
            std::mem::take(&mut run.report.diagnostics)
        };
        merged.diagnostics.extend(found.into_iter().map(|mut d| {
            if !run.prefix.is_empty() {
                d.path.insert_str(0, &run.prefix);
            }
            d
        }));
        merged.people += run.report.people;
        merged.notes += run.report.notes;
    }
    merged
}

/// The `vault` key of `check --format json` (SPEC §5.1): the root
/// relative to the current directory when it lies at or below it (`"."`
/// for the current directory itself), `..` steps when the current
/// directory lies inside the vault, else the absolute path.
#[must_use]
pub fn vault_label(root: &Path, cwd: &Path) -> String {
    let prefix = path_prefix(root, cwd, None, CheckFormat::Json);
    match prefix.trim_end_matches('/') {
        "" if prefix.is_empty() => ".".to_string(),
        "" => "/".to_string(),
        label => label.to_string(),
    }
}

fn render(
    format: CheckFormat,
    report: &Report,
    ctx: &RenderContext<'_>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        CheckFormat::Full => full::render_width(report, ctx, full::terminal_width(), out),
        CheckFormat::Concise => concise::render(report, ctx, out),
        CheckFormat::Json => json::render(report, out),
        CheckFormat::Sarif => sarif::render(report, ctx, out),
        CheckFormat::Github => github::render(report, ctx, out),
        CheckFormat::Junit => junit::render(report, ctx, out),
    }
}

/// Failure when any reported finding is at or above `--fail-on`, unless
/// `--exit-zero`.
#[must_use]
pub fn outcome(report: &Report, fail_on: FailOn, exit_zero: bool) -> Outcome {
    let threshold = match fail_on {
        FailOn::Info => Level::Info,
        FailOn::Warning => Level::Warning,
        FailOn::Error => Level::Error,
    };
    if !exit_zero && report.diagnostics.iter().any(|d| d.level >= threshold) {
        Outcome::Failure
    } else {
        Outcome::Success
    }
}

/// What to put before vault-relative paths so they resolve from where
/// the user (or CI) stands: the vault's folder relative to the current
/// directory — or, for `github` and `sarif`, to `GITHUB_WORKSPACE` (the
/// repository root GitHub resolves annotations against) when set. In the
/// human formats a vault around the current directory is climbed out of
/// with `../`, and any other vault keeps its absolute path; the GitHub
/// formats then get no prefix, as they cannot point outside the
/// repository anyway.
#[must_use]
pub fn path_prefix(
    root: &Path,
    cwd: &Path,
    workspace: Option<&Path>,
    format: CheckFormat,
) -> String {
    let for_github = matches!(format, CheckFormat::Github | CheckFormat::Sarif);
    let base = workspace.map_or_else(|| cwd.to_path_buf(), |w| absolute(w, cwd));
    let root = absolute(root, cwd);
    let relative = relative_to(&root, &base).or_else(|| {
        let real_root = std::fs::canonicalize(&root).ok()?;
        let real_base = std::fs::canonicalize(&base).ok()?;
        relative_to(&real_root, &real_base)
    });
    match relative {
        Some(rel) if rel.is_empty() => String::new(),
        Some(rel) => format!("{rel}/"),
        None if for_github => String::new(),
        // Standing inside the vault: climb out to its root.
        None if base.starts_with(&root) => {
            let depth = base.components().count() - root.components().count();
            "../".repeat(depth)
        }
        None => {
            let text = root.to_string_lossy().replace('\\', "/");
            format!("{}/", text.trim_end_matches('/'))
        }
    }
}

/// The lines findings point at, each note with a finding read once, for
/// the snippets of `full`. Notes that cannot be read or are not UTF-8
/// are left out and drawn without a snippet.
#[must_use]
pub fn read_sources(root: &Path, report: &Report) -> Sources {
    let mut wanted: Vec<(&str, usize)> = report
        .diagnostics
        .iter()
        .map(|d| (d.path.as_str(), d.span.line))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut notes: Vec<(&str, Vec<usize>)> = Vec::new();
    for (path, line) in wanted {
        match notes.last_mut() {
            Some((last, lines)) if *last == path => lines.push(line),
            _ => notes.push((path, vec![line])),
        }
    }
    let read: Vec<Sources> = notes
        .into_par_iter()
        .filter_map(|(path, lines)| {
            // Read under the walk's rules and its size limit (SPEC §7): a
            // note over it, a FIFO or a link leaving the vault is shown
            // without its lines, never read whole.
            let (file, size) = crate::vault::walk::open_note(root, path, false).ok()?;
            if size > crate::vault::MAX_NOTE_BYTES {
                return None;
            }
            let bytes =
                crate::vault::walk::read_bounded(file, size, crate::vault::MAX_NOTE_BYTES).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            let mut sources = Sources::new();
            sources.insert_lines(path, &text, &lines);
            Some(sources)
        })
        .collect();
    let mut sources = Sources::new();
    for one in read {
        sources.absorb("", one);
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Diagnostic;
    use crate::model::Span;

    #[test]
    fn prefixes_resolve_from_cwd_or_workspace() {
        let cwd = Path::new("/repo");
        let p = |root: &str, ws: Option<&str>, format| {
            path_prefix(Path::new(root), cwd, ws.map(Path::new), format)
        };
        assert_eq!(
            p("vault-example", None, CheckFormat::Github),
            "vault-example/"
        );
        assert_eq!(
            p("./vault-example/", None, CheckFormat::Full),
            "vault-example/"
        );
        assert_eq!(p(".", None, CheckFormat::Github), "");
        assert_eq!(p("/repo/notes", None, CheckFormat::Concise), "notes/");
        assert_eq!(
            p("/elsewhere/v", None, CheckFormat::Concise),
            "/elsewhere/v/"
        );
        assert_eq!(p("/elsewhere/v", None, CheckFormat::Github), "");
        assert_eq!(p("notes", Some("/"), CheckFormat::Sarif), "repo/notes/");
        assert_eq!(p("../notes", None, CheckFormat::Full), "/notes/");
        assert_eq!(p("/", None, CheckFormat::Full), "../");
        assert_eq!(p("..", None, CheckFormat::Github), "");
    }

    #[test]
    fn fail_on_and_exit_zero() {
        let finding = |level| Diagnostic {
            code: "VN101",
            rule: "stale-relationship",
            level,
            message: "m".into(),
            path: "a.md".into(),
            span: Span::line(1),
            person: None,
            help: None,
        };
        let report = Report {
            diagnostics: vec![finding(Level::Warning)],
            people: 1,
            notes: 1,
        };
        assert_eq!(outcome(&report, FailOn::Error, false), Outcome::Success);
        assert_eq!(outcome(&report, FailOn::Warning, false), Outcome::Failure);
        assert_eq!(outcome(&report, FailOn::Info, false), Outcome::Failure);
        assert_eq!(outcome(&report, FailOn::Info, true), Outcome::Success);
        assert_eq!(
            outcome(&Report::default(), FailOn::Info, false),
            Outcome::Success
        );
    }

    #[test]
    fn sources_are_read_once_and_skip_binary() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "\u{feff}one\r\ntwo\rthree").unwrap();
        std::fs::write(dir.path().join("b.md"), [0xff, 0xfe, 0x00]).unwrap();
        let finding = |path: &str, line| Diagnostic {
            code: "VN009",
            rule: "unreadable-note",
            level: Level::Error,
            message: "m".into(),
            path: path.into(),
            span: Span::line(line),
            person: None,
            help: None,
        };
        let report = Report {
            diagnostics: vec![
                finding("a.md", 3),
                finding("a.md", 1),
                finding("a.md", 3),
                finding("a.md", 4),
                finding("b.md", 1),
                finding("gone.md", 1),
            ],
            people: 0,
            notes: 3,
        };
        let sources = read_sources(dir.path(), &report);
        assert_eq!(sources.line("a.md", 1), Some("one"));
        // Only the lines findings point at are kept.
        assert_eq!(sources.line("a.md", 2), None);
        assert_eq!(sources.line("a.md", 3), Some("three"));
        assert_eq!(sources.line("a.md", 4), None);
        assert_eq!(sources.line("b.md", 1), None);
        let rows = sources.rows();
        assert_eq!(rows, [("a.md", 1, "one"), ("a.md", 3, "three")]);
        let back = Sources::from_rows(rows.iter().copied(), |p| p == "a.md").unwrap();
        assert_eq!(back, sources);
        assert!(Sources::from_rows(rows.iter().copied(), |_| false).is_none());
    }
}
