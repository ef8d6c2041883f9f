//! `vaultnet check [PATH]...`: lint the vault and print the findings in
//! one of six formats.
//!
//! PATH is the vault root when it is a single directory. Files (as a git
//! hook or pre-commit passes them) and further folders only limit what is
//! *reported*: the whole vault is still read, since rules such as
//! `duplicate-person` and journal links cross files. Their vault root is
//! `--vault DIR`, else the nearest folder above them holding
//! `vaultnet.toml`, `.vaultnet.toml` or `.obsidian/`, else the current
//! directory (SPEC §5).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use super::{stdout_error, today, vault_root, vault_settings, Outcome, Streams};
use crate::cli::{CheckArgs, CheckFormat, FailOn, GlobalArgs};
use crate::config::CONFIG_FILES;
use crate::error::{Error, Result};
use crate::lint::registry::RULES;
use crate::lint::settings::LintSettings;
use crate::lint::{self, Level, Report};
use crate::output::people::NO_PEOPLE_HELP;
use crate::output::{
    concise, full, github, json, junit, sarif, write_statistics, RenderContext, Sources,
};
use crate::vault::{load, LoadOptions};

/// `--show-files`: what each note was read as, and why.
fn show_files(
    vault: &crate::model::Vault,
    settings: &crate::config::VaultSettings,
    format: CheckFormat,
    streams: &mut Streams<'_>,
) -> Result<Outcome> {
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
    streams
        .out
        .write_all(text.as_bytes())
        .map_err(stdout_error)?;
    Ok(Outcome::Success)
}

pub fn run(args: &CheckArgs, global: &GlobalArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    if args.fix || args.diff {
        return super::fix::run(args, global, streams);
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let target = Target::resolve(&args.paths, args.vault.as_deref(), &cwd)?;
    let (settings, rules) = vault_settings(&target.root, global)?;
    let lint_settings = LintSettings::new(
        &rules,
        settings.config_path.as_deref(),
        args.select.as_deref(),
        args.ignore.as_deref(),
    )?;
    let options = LoadOptions {
        cache: !args.no_cache,
        ..LoadOptions::default()
    };
    let vault = load(&settings, options);
    if args.show_files {
        return show_files(&vault, &settings, args.format, streams);
    }
    let mut report = lint::check(&vault, &lint_settings, today(global));
    // The process ends soon: freeing every string of a large vault one
    // by one would cost a tenth of a warm run.
    std::mem::forget(vault);
    if let Some(only) = &target.only {
        report
            .diagnostics
            .retain(|d| only.iter().any(|scope| scope.holds(&d.path)));
    }

    let sources = match args.format {
        CheckFormat::Full => read_sources(&target.root, &report),
        _ => Sources::new(),
    };
    let workspace = match args.format {
        CheckFormat::Github | CheckFormat::Sarif => std::env::var_os("GITHUB_WORKSPACE")
            .filter(|w| !w.is_empty())
            .map(PathBuf::from),
        _ => None,
    };
    let prefix = path_prefix(&target.root, &cwd, workspace.as_deref(), args.format);
    let ctx = RenderContext {
        sources: &sources,
        path_prefix: &prefix,
        rules: RULES,
        quiet: global.quiet,
    };

    // Statistics follow the report in the text formats; the machine
    // formats must stay one document, so theirs go to stderr.
    let statistics_inline = matches!(
        args.format,
        CheckFormat::Full | CheckFormat::Concise | CheckFormat::Github
    );
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        render(args.format, &report, &ctx, out)?;
        if args.statistics && statistics_inline {
            write_statistics(out, &report)?;
        }
        out.flush()
    };
    if let Some(path) = &args.output {
        let file = File::create(path).map_err(|e| Error::io(path, e))?;
        // A file never gets colour, whatever `--color` says.
        let mut file = BufWriter::new(anstream::StripStream::new(file));
        write(&mut file).map_err(|e| Error::io(path, e))?;
    } else {
        write(streams.out).map_err(stdout_error)?;
    }
    if args.statistics && !statistics_inline {
        write_statistics(streams.err, &report).map_err(stdout_error)?;
    }
    if report.people == 0 && !global.quiet {
        writeln!(streams.err, "{NO_PEOPLE_HELP}").map_err(stdout_error)?;
    }
    Ok(outcome(&report, args.fail_on, args.exit_zero))
}

fn render(
    format: CheckFormat,
    report: &Report,
    ctx: &RenderContext<'_>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        CheckFormat::Full => full::render(report, ctx, out),
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

/// What `check` was pointed at: the vault to read, and the files or
/// folders to report on (`None`: everything).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub root: PathBuf,
    pub only: Option<Vec<Scope>>,
}

/// A vault-relative note or folder whose findings are reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// `People/Ada.md`
    File(String),
    /// `People` (never empty: the vault root means no limit).
    Folder(String),
}

impl Scope {
    /// Whether a finding's vault-relative path falls in this scope.
    #[must_use]
    pub fn holds(&self, path: &str) -> bool {
        match self {
            Scope::File(file) => path == file,
            Scope::Folder(folder) => path
                .strip_prefix(folder.as_str())
                .is_some_and(|rest| rest.starts_with('/')),
        }
    }
}

impl Target {
    /// Turns the PATH arguments and `--vault` into a vault root and a
    /// report scope. Paths that do not exist, or lie outside the vault,
    /// are errors.
    pub fn resolve(paths: &[PathBuf], vault: Option<&Path>, cwd: &Path) -> Result<Target> {
        let absolutes: Vec<PathBuf> = paths.iter().map(|p| absolute(p, cwd)).collect();
        for (path, absolute) in paths.iter().zip(&absolutes) {
            std::fs::metadata(absolute).map_err(|e| Error::io(path, e))?;
        }
        let single_folder = vault.is_none() && paths.len() == 1 && absolutes[0].is_dir();
        if paths.is_empty() || single_folder {
            let root = vault.or(paths.first().map(PathBuf::as_path));
            return Ok(Target {
                root: vault_root(root)?,
                only: None,
            });
        }
        let root = match vault {
            Some(dir) => dir.to_path_buf(),
            None => find_root(&absolutes[0]).unwrap_or_else(|| cwd.to_path_buf()),
        };
        let absolute_root = absolute(&root, cwd);
        vault_root(Some(&absolute_root))?;
        let mut only = Vec::new();
        for (path, absolute) in paths.iter().zip(&absolutes) {
            let relative = relative_to(absolute, &absolute_root)
                .or_else(|| {
                    // Symlinked folders (`/tmp` on macOS): compare real paths.
                    let real = std::fs::canonicalize(absolute).ok()?;
                    let real_root = std::fs::canonicalize(&absolute_root).ok()?;
                    relative_to(&real, &real_root)
                })
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "{}: not inside the vault {} (use --vault DIR to name the vault)",
                        path.display(),
                        root.display()
                    ))
                })?;
            if absolute.is_dir() {
                if relative.is_empty() {
                    // The vault itself: report everything.
                    return Ok(Target { root, only: None });
                }
                only.push(Scope::Folder(relative));
            } else {
                only.push(Scope::File(relative));
            }
        }
        Ok(Target {
            root,
            only: Some(only),
        })
    }
}

/// The nearest folder at or above `path` (a file's own folder for a
/// file) that holds `vaultnet.toml`, `.vaultnet.toml` or `.obsidian/`.
#[must_use]
pub fn find_root(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() { path } else { path.parent()? };
    start
        .ancestors()
        .find(|dir| {
            CONFIG_FILES.iter().any(|name| dir.join(name).is_file())
                || dir.join(".obsidian").is_dir()
        })
        .map(Path::to_path_buf)
}

/// `path` made absolute against `cwd`, with `.` and `..` folded away
/// lexically (the way a shell user reads the path).
fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` below `base` as `/`-separated text (empty for `base` itself).
fn relative_to(path: &Path, base: &Path) -> Option<String> {
    let rest = path.strip_prefix(base).ok()?;
    let parts: Vec<String> = rest
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
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

/// The text of every note with a finding, read once each, for the
/// snippets of `full`. Notes that cannot be read or are not UTF-8 are
/// left out and drawn without a snippet.
#[must_use]
pub fn read_sources(root: &Path, report: &Report) -> Sources {
    let mut paths: Vec<&str> = report.diagnostics.iter().map(|d| d.path.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    let texts: Vec<(&str, String)> = paths
        .into_par_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(root.join(path)).ok()?;
            Some((path, String::from_utf8(bytes).ok()?))
        })
        .collect();
    let mut sources = Sources::new();
    for (path, text) in texts {
        sources.insert(path, &text);
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Diagnostic;
    use crate::model::Span;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "x").unwrap();
    }

    #[test]
    fn scopes_hold_their_paths() {
        let file = Scope::File("People/Ada.md".into());
        assert!(file.holds("People/Ada.md"));
        assert!(!file.holds("People/Ada.md.bak"));
        let folder = Scope::Folder("People".into());
        assert!(folder.holds("People/Ada.md"));
        assert!(folder.holds("People/Sub/Ada.md"));
        assert!(!folder.holds("Peoplex/Ada.md"));
        assert!(!folder.holds("People"));
    }

    #[test]
    fn a_single_folder_is_the_vault() {
        let dir = tempfile::tempdir().unwrap();
        let target = Target::resolve(&[dir.path().to_path_buf()], None, dir.path()).unwrap();
        assert_eq!(target.root, dir.path());
        assert_eq!(target.only, None);
        let target = Target::resolve(&[], None, dir.path());
        // No PATH: the current directory of the process, which exists.
        assert!(target.unwrap().only.is_none());
    }

    #[test]
    fn files_find_their_vault_by_marker() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("notes");
        std::fs::create_dir_all(vault.join(".obsidian")).unwrap();
        touch(&vault.join("People/Ada.md"));
        touch(&vault.join("Daily/2026-03-01.md"));
        let target = Target::resolve(
            &[
                PathBuf::from("notes/People/Ada.md"),
                PathBuf::from("./notes/Daily/../Daily"),
            ],
            None,
            dir.path(),
        )
        .unwrap();
        assert_eq!(target.root, vault);
        assert_eq!(
            target.only,
            Some(vec![
                Scope::File("People/Ada.md".into()),
                Scope::Folder("Daily".into())
            ])
        );
    }

    #[test]
    fn files_use_vault_flag_and_reject_outsiders() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v");
        touch(&vault.join("People/Ada.md"));
        touch(&dir.path().join("other/Bob.md"));
        let target =
            Target::resolve(&[vault.join("People/Ada.md")], Some(&vault), dir.path()).unwrap();
        assert_eq!(target.only, Some(vec![Scope::File("People/Ada.md".into())]));
        let err = Target::resolve(&[dir.path().join("other/Bob.md")], Some(&vault), dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("not inside the vault"), "{err}");
        // Naming the vault itself among files reports everything.
        let target = Target::resolve(
            &[vault.clone(), vault.join("People/Ada.md")],
            Some(&vault),
            dir.path(),
        )
        .unwrap();
        assert_eq!(target.only, None);
    }

    #[test]
    fn missing_paths_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let err = Target::resolve(&[dir.path().join("nope.md")], None, dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("nope.md"), "{err}");
    }

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
        let finding = |path: &str| Diagnostic {
            code: "VN009",
            rule: "unreadable-note",
            level: Level::Error,
            message: "m".into(),
            path: path.into(),
            span: Span::line(1),
            person: None,
            help: None,
        };
        let report = Report {
            diagnostics: vec![
                finding("a.md"),
                finding("a.md"),
                finding("b.md"),
                finding("gone.md"),
            ],
            people: 0,
            notes: 3,
        };
        let sources = read_sources(dir.path(), &report);
        assert_eq!(sources.line("a.md", 1), Some("one"));
        assert_eq!(sources.line("a.md", 2), Some("two"));
        assert_eq!(sources.line("a.md", 3), Some("three"));
        assert_eq!(sources.line("a.md", 4), None);
        assert_eq!(sources.line("b.md", 1), None);
    }
}
