//! `vaultnet init [PATH]`: write a starting `vaultnet.toml`, add
//! `.vaultnet/` to the vault's `.gitignore`, and on request set up a
//! hook that checks staged notes.
//!
//! The config holds what vaultnet detected as live settings — the
//! folders of person and journal notes, the log section headings in
//! use, the owner note — and every other key commented out with its
//! default. A detected setting is written live only when the vault
//! reads the same with it as without it (the same people, journals and
//! interactions): `people = ["People/**"]` would otherwise drop a
//! person found by a tag elsewhere, or turn a dated note into a person.
//! A setting that would change what is read is written commented, with
//! a note saying why. The file is parsed back with the config loader
//! before anything is written.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::write::finish;
use super::{stdout_error, Outcome, Streams};
use crate::cli::{GlobalArgs, HookKind, InitArgs, WriteFormat};
use crate::config::{VaultSettings, CONFIG_FILES, DEFAULT_CADENCE_DAYS, DEFAULT_LOG_SECTIONS};
use crate::edit::log_entry::is_log_heading;
use crate::edit::{line_ending, Action, Change, Original, TextEdit};
use crate::error::{Error, Result};
use crate::model::{InteractionSource, NoteKind, Vault};
use crate::vault::{load, LoadOptions};

pub fn run(args: &InitArgs, global: &GlobalArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    let root = super::vault_target(args.path.as_deref(), global)?.root;
    if let Some(existing) = CONFIG_FILES
        .iter()
        .map(|n| root.join(n))
        .find(|p| p.exists())
    {
        return Err(Error::Usage(format!(
            "init: {} already exists; vaultnet never overwrites a config (remove it first to start over)",
            existing.display()
        )));
    }
    let _ = global;
    let config = detect_config(&root)?;
    let mut changes =
        vec![
            Change::create(root.join("vaultnet.toml"), "vaultnet.toml".into(), config)
                .with_summary("settings detected from the vault"),
        ];
    if let Some(change) = gitignore(&root)? {
        changes.push(change);
    }
    let mut hook_text = None;
    match args.hook {
        Some(HookKind::Git) => changes.push(git_hook(&root)?),
        Some(HookKind::PreCommit) => hook_text = Some(PRE_COMMIT_ENTRY),
        None => {}
    }
    finish(&changes, args.dry_run, args.format, streams)?;
    #[cfg(unix)]
    if !args.dry_run && args.hook == Some(HookKind::Git) {
        use std::os::unix::fs::PermissionsExt;
        if let Some(hook) = changes.last() {
            std::fs::set_permissions(&hook.path, std::fs::Permissions::from_mode(0o755))
                .map_err(|e| Error::io(&hook.path, e))?;
        }
    }
    if let Some(entry) = hook_text {
        // Machine output stays one JSON document.
        let out: &mut dyn std::io::Write = if args.format == WriteFormat::Json {
            &mut *streams.err
        } else {
            &mut *streams.out
        };
        writeln!(out, "\nAdd this to .pre-commit-config.yaml:\n\n{entry}").map_err(stdout_error)?;
    }
    Ok(Outcome::Success)
}

/// The `.pre-commit-config.yaml` entry `--hook pre-commit` prints.
pub const PRE_COMMIT_ENTRY: &str = "\
repos:
  - repo: local
    hooks:
      - id: vaultnet
        name: vaultnet (note hygiene)
        entry: vaultnet check --select VN0
        language: system
        files: \\.md$
";

/// What the vault looks like, for the config.
#[derive(Debug, Default)]
struct Detected {
    people: Vec<String>,
    /// `people` with each parent of own folders as `parent/*/[!0-9]*.md`:
    /// the person notes without the dated notes about them, for when
    /// `parent/**` would read those as people.
    people_narrow: Vec<String>,
    journals: Vec<String>,
    log_sections: Vec<String>,
    owner: Option<String>,
}

/// What a vault read gives, to compare two settings by.
fn reading(vault: &Vault) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vault
        .notes
        .iter()
        .map(|n| {
            let kind = match &n.kind {
                NoteKind::Person(_) => "person".to_string(),
                NoteKind::Journal { date } => format!("journal {date:?}"),
                NoteKind::Template => "template".into(),
                NoteKind::Other => "other".into(),
            };
            (n.path.clone(), kind)
        })
        .collect();
    for p in &vault.people {
        let dates: Vec<String> = p
            .interactions_by_date()
            .iter()
            .map(|i| format!("{}:{}", i.date, i.path))
            .collect();
        out.push((
            p.path.clone(),
            format!("{} {}", p.is_owner, dates.join(",")),
        ));
    }
    out.sort();
    out
}

fn detect(vault: &Vault, defaults: &VaultSettings) -> Detected {
    let folder_of = |path: &str| path.rsplit_once('/').map(|(f, _)| f.to_string());
    // The topmost folders holding notes of a kind, as `Folder/**`.
    let tops = |paths: Vec<String>| -> Vec<String> {
        let folders: BTreeSet<String> = paths.iter().filter_map(|p| folder_of(p)).collect();
        let mut kept: Vec<String> = Vec::new();
        for f in &folders {
            if !kept.iter().any(|k| f.starts_with(&format!("{k}/"))) {
                kept.push(f.clone());
            }
        }
        kept.into_iter().map(|f| format!("{f}/**")).collect()
    };
    // A person's own folder (`people/ada-lovelace/`) stands for its
    // parent: the glob is `people/**`, not one person's folder.
    let own = super::new::own_folder_set(vault);
    let people = tops(
        vault
            .people
            .iter()
            .filter(|p| p.note != usize::MAX)
            .map(|p| match p.path.rsplit_once('/') {
                Some((folder, file)) if own.contains_key(folder) => match folder.rsplit_once('/') {
                    Some((parent, _)) => format!("{parent}/{file}"),
                    None => file.to_string(),
                },
                _ => p.path.clone(),
            })
            .collect(),
    );
    let own_parents: BTreeSet<String> = own
        .keys()
        .map(|f| f.rsplit_once('/').map_or("", |(p, _)| p).to_string())
        .collect();
    let people_narrow = people
        .iter()
        .map(|glob| {
            let folder = glob.strip_suffix("/**").unwrap_or(glob);
            if own_parents.contains(folder) {
                format!("{folder}/*/[!0-9]*.md")
            } else {
                glob.clone()
            }
        })
        .collect();
    let journals = tops(
        journal_folders(vault, &own)
            .into_iter()
            .map(|f| format!("{f}/x.md"))
            .collect(),
    );
    // Log headings in use: the heading above each logged list item.
    let mut sections: BTreeSet<String> = BTreeSet::new();
    for person in &vault.people {
        let Some(note) = vault.note_of(person) else {
            continue;
        };
        for i in person
            .interactions
            .iter()
            .filter(|i| i.source == InteractionSource::ListItem && i.path == person.path)
        {
            if let Some(section) = note.sections.iter().rfind(|s| {
                s.line <= i.span.line
                    && !s.heading.is_empty()
                    && is_log_heading(&s.heading, defaults)
            }) {
                sections.insert(section.heading.trim_end_matches(':').trim().to_string());
            }
        }
    }
    Detected {
        people,
        people_narrow,
        journals,
        log_sections: sections.into_iter().collect(),
        owner: vault
            .people
            .iter()
            .find(|p| p.is_owner)
            .map(|p| p.name.clone()),
    }
}

/// The folders that are journals folders: most notes directly in them
/// are journal notes by a real journal sign — a folder word, a `type`,
/// the daily-notes settings, or a file name that is a date and nothing
/// else (three or more of those when nothing else says journal), and three
/// journal notes or nothing else in the folder.
/// `20210417_a fancy name.md` files or two dated notes beside a guide
/// are not a journal. A person's own folder (the person plus dated
/// notes about them) is not one either.
fn journal_folders(
    vault: &Vault,
    own: &std::collections::BTreeMap<String, usize>,
) -> BTreeSet<String> {
    #[derive(Default)]
    struct Count {
        signed: usize,
        dated: usize,
        all: usize,
    }
    let mut counts: std::collections::BTreeMap<&str, Count> = std::collections::BTreeMap::new();
    for note in &vault.notes {
        let Some((folder, _)) = note.path.rsplit_once('/') else {
            continue;
        };
        let entry = counts.entry(folder).or_default();
        entry.all += 1;
        if matches!(note.kind, NoteKind::Journal { .. }) {
            if note.sign != "date in the file name" {
                entry.signed += 1;
            } else if note
                .stem
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '_' | '.' | ' '))
            {
                entry.dated += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(folder, c)| {
            let journals = c.signed + c.dated;
            (c.signed > 0 || c.dated >= 3)
                && journals * 2 > c.all
                && (journals >= 3 || journals == c.all)
                && !own.contains_key(*folder)
        })
        .map(|(folder, _)| folder.to_string())
        .collect()
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| toml::Value::String(i.clone()).to_string())
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// Builds the config text, keeping live only settings that keep the
/// vault's reading unchanged, and checks it parses.
fn detect_config(root: &Path) -> Result<String> {
    let defaults = VaultSettings::defaults(root);
    let base = load(
        &defaults,
        LoadOptions {
            keep_text: true,
            cache: false,
        },
    );
    let before = reading(&base);
    let detected = detect(&base, &defaults);
    let temp = tempfile::Builder::new()
        .prefix(".vaultnet-init-")
        .suffix(".toml")
        .tempfile()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let loads = |text: &str| -> Option<VaultSettings> {
        std::fs::write(temp.path(), text).ok()?;
        VaultSettings::load(root, Some(temp.path()))
            .ok()
            .map(|(s, _)| s)
    };
    let same = |text: &str| -> bool {
        loads(text).is_some_and(|settings| {
            reading(&load(
                &settings,
                LoadOptions {
                    keep_text: false,
                    cache: false,
                },
            )) == before
        })
    };
    let mut live: Vec<String> = Vec::new();
    let mut notes: Vec<&str> = Vec::new();
    let mut commented: Vec<String> = Vec::new();
    // Each setting with the lines to try, the first that keeps the
    // reading winning (the first is shown when none does).
    let mut candidates: Vec<(Vec<String>, &str)> = Vec::new();
    if !detected.people.is_empty() {
        let mut lines = vec![format!("people = {}", toml_list(&detected.people))];
        if detected.people_narrow != detected.people {
            lines.push(format!("people = {}", toml_list(&detected.people_narrow)));
        }
        candidates.push((lines, "where person notes are"));
    }
    if !detected.journals.is_empty() {
        candidates.push((
            vec![format!("journals = {}", toml_list(&detected.journals))],
            "where journal (dated) notes are",
        ));
    }
    if !detected.log_sections.is_empty() {
        candidates.push((
            vec![format!(
                "log_sections = {}",
                toml_list(&detected.log_sections)
            )],
            "headings of interaction logs",
        ));
    }
    if let Some(owner) = &detected.owner {
        candidates.push((
            vec![format!("owner = {}", toml::Value::String(owner.clone()))],
            "the note that is you",
        ));
    }
    for (lines, why) in candidates {
        let kept = lines.iter().find(|line| {
            let mut trial = live.clone();
            trial.push((*line).clone());
            same(&trial.join("\n"))
        });
        if let Some(line) = kept {
            live.push(line.clone());
            notes.push(why);
        } else {
            commented.push(format!(
                "# {why}: detected, but left off because setting it would change what vaultnet reads\n# {}",
                lines[0]
            ));
        }
    }
    let mut text = String::new();
    let _ = writeln!(
        text,
        "# vaultnet settings, written by `vaultnet init`. Every key is optional;\n\
         # commented keys show their defaults. `vaultnet check --show-settings`\n\
         # prints the settings in force.\n"
    );
    for (line, why) in live.iter().zip(&notes) {
        let _ = writeln!(text, "# {why} (detected)\n{line}\n");
    }
    for block in &commented {
        let _ = writeln!(text, "{block}\n");
    }
    let logs = toml_list(
        &DEFAULT_LOG_SECTIONS
            .iter()
            .map(|s| (*s).to_string())
            .collect::<Vec<_>>(),
    );
    let _ = write!(
        text,
        "# Notes to leave out (globs, relative to the vault)\n\
         # exclude = [\"Templates/**\"]\n\
         {}{}{}\
         # How often to be in touch when a note says nothing\n\
         # default_cadence = \"{DEFAULT_CADENCE_DAYS}d\"\n\
         # Read notes that are links to files outside the vault\n\
         # follow_links = false\n\
         {}\n\
         # [cadence.tags]             # cadence by tag, first match wins\n\
         # close-friend = \"14d\"\n\
         \n\
         # [cadence.tiers]            # named tiers for `tier:`, added to inner 14d, close 30d, casual 90d, warm 180d, dormant 365d\n\
         # family = \"7d\"\n\
         \n\
         # [rules]\n\
         # select = [\"ALL\"]           # names, codes or prefixes like \"VN1\"\n\
         # ignore = []\n\
         \n\
         # [rules.stale-relationship]  # any rule: level and its options\n\
         # level = \"warning\"\n\
         # [rules.no-follow-up]\n\
         # follow_up = \"14d\"\n",
        if detected.people.is_empty() { "# Person notes (default: found by folder, type and tag)\n# people = [\"People/**\"]\n" } else { "" },
        if detected.journals.is_empty() { "# Journal notes (default: found by folder and dated file name)\n# journals = [\"Daily/**\"]\n" } else { "" },
        if detected.log_sections.is_empty() { format!("# Headings of interaction logs\n# log_sections = {logs}\n") } else { String::new() },
        if detected.owner.is_none() { "# The note that is you (also `self: true` or alias `me`)\n# owner = \"Your Name\"" } else { "" },
    );
    if loads(&text).is_none() {
        return Err(Error::Usage(
            "init: internal error: the detected config does not parse; nothing was written".into(),
        ));
    }
    Ok(text)
}

/// `.vaultnet/` added to the vault's `.gitignore`, unless it is there.
fn gitignore(root: &Path) -> Result<Option<Change>> {
    let path = root.join(".gitignore");
    if !path.exists() {
        return Ok(Some(
            Change::create(path, ".gitignore".into(), ".vaultnet/\n".into())
                .with_summary("ignore vaultnet's state folder"),
        ));
    }
    let original = Original::read(&path)?;
    let text = original.text(&path)?;
    let listed = text.lines().any(|l| {
        matches!(
            l.trim(),
            ".vaultnet"
                | ".vaultnet/"
                | "/.vaultnet"
                | "/.vaultnet/"
                | ".vaultnet/*"
                | ".vaultnet/**"
        )
    });
    if listed {
        return Ok(None);
    }
    let eol = line_ending(text).as_str();
    let lead = if text.is_empty() || text.ends_with('\n') || text.ends_with('\r') {
        ""
    } else {
        eol
    };
    let at = original.bytes.len();
    let insert = format!("{lead}.vaultnet/{eol}");
    Ok(Some(
        Change::edit(
            path,
            ".gitignore".into(),
            Action::Appended,
            original,
            vec![TextEdit::insert(at, insert)],
        )
        .with_summary("ignore vaultnet's state folder"),
    ))
}

/// The git folder holding the vault: `.git` at or above the root (a
/// `.git` file of a worktree points at it).
fn git_dir(root: &Path) -> Option<(PathBuf, PathBuf)> {
    let absolute = std::fs::canonicalize(root).ok()?;
    for dir in absolute.ancestors() {
        let dot_git = dir.join(".git");
        if dot_git.is_dir() {
            return Some((dir.to_path_buf(), dot_git));
        }
        if dot_git.is_file() {
            let text = std::fs::read_to_string(&dot_git).ok()?;
            let target = text.trim().strip_prefix("gitdir:")?.trim();
            let target = dir.join(target);
            return Some((dir.to_path_buf(), target));
        }
    }
    None
}

fn git_hook(root: &Path) -> Result<Change> {
    let (top, git) = git_dir(root).ok_or_else(|| {
        Error::Usage(format!(
            "init --hook git: {} is not in a git repository (use --hook pre-commit with the pre-commit tool, or run `git init` first)",
            root.display()
        ))
    })?;
    let path = git.join("hooks").join("pre-commit");
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(Error::Usage(format!(
            "init --hook git: {} already exists; vaultnet never overwrites a hook (add `vaultnet check --select VN0` to it yourself)",
            path.display()
        )));
    }
    let absolute = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let vault = absolute
        .strip_prefix(&top)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let (pathspec, vault_arg) = if vault.is_empty() {
        ("*.md".to_string(), ".".to_string())
    } else {
        (format!("{vault}/*.md"), vault.clone())
    };
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let script = format!(
        "#!/bin/sh\n\
         # Installed by `vaultnet init --hook git`: checks the notes being\n\
         # committed with vaultnet's note-hygiene rules (VN0xx). Relationship\n\
         # findings (VN1xx) are left to `vaultnet check` and `vaultnet agenda`.\n\
         if ! command -v vaultnet >/dev/null 2>&1; then\n\
         \x20 echo \"vaultnet is not installed; skipping the note check\" >&2\n\
         \x20 exit 0\n\
         fi\n\
         git diff --cached --name-only --diff-filter=ACMR -z -- {} \\\n\
         \x20 | xargs -0 -r vaultnet check --select VN0 --vault {} --\n",
        quote(&pathspec),
        quote(&vault_arg),
    );
    let rel = path.strip_prefix(&absolute).map_or_else(
        |_| path.display().to_string(),
        |p| p.to_string_lossy().replace('\\', "/"),
    );
    Ok(Change::create(path, rel, script).with_summary("git pre-commit hook checking staged notes"))
}
