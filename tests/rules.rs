//! End-to-end rule tests over fixture vaults, and the meta-tests that
//! keep the rule set honest.
//!
//! Each rule has a small vault in `tests/fixtures/rules/<rule-name>/`
//! whose notes say what they expect, on the line where the finding
//! points: `<!-- expect: rule-name -->` in the body, `# expect: rule-name`
//! as a YAML comment in front matter. One marker may list several rules
//! (`expect: a, b`; repeat a name to expect it twice), and a line may
//! hold several markers. A caret points further up, as in rustc's UI
//! tests (`//~^`): `# expect^: no-interactions` on line 2 expects the
//! finding on line 1, the opening `---` that cannot hold a comment.
//!
//! Every fixture is linted with all rules at their defaults, plus its
//! own `vaultnet.toml` if it has one, on 2026-11-25 (or the date in a
//! `.today` file at its root); any missing or extra finding (path, line,
//! rule) anywhere in the fixture fails the test.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use vaultnet::config::VaultSettings;
use vaultnet::lint::registry::RULES;
use vaultnet::lint::rules::RuleOptions;
use vaultnet::lint::settings::LintSettings;
use vaultnet::lint::{self, Level, Report};
use vaultnet::vault::{load, LoadOptions};

const DEFAULT_TODAY: &str = "2026-11-25";

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// Every fixture directory, sorted by name.
fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures_root())
        .expect("tests/fixtures/rules exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// One expected or actual finding: note path (vault-relative, `/`),
/// line, rule name.
type Key = (String, usize, String);

/// The expect markers of every note in the fixture, as a multiset.
fn expectations(root: &Path) -> BTreeMap<Key, usize> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("fixture readable");
        let path = entry.path();
        let is_note = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        if !entry.file_type().is_file() || !is_note {
            continue;
        }
        let rel = relative(root, path);
        let bytes = std::fs::read(path).expect("note readable");
        let text = String::from_utf8_lossy(&bytes);
        for (index, line) in text.lines().enumerate() {
            for (up, rules) in markers(line) {
                let target = (index + 1)
                    .checked_sub(up)
                    .filter(|l| *l >= 1)
                    .unwrap_or_else(|| panic!("{rel}:{}: marker points above line 1", index + 1));
                for rule in rules {
                    assert!(
                        lint::registry::find(&rule).is_some_and(|r| r.name == rule),
                        "{rel}:{}: `{rule}` is not a rule name",
                        index + 1
                    );
                    *out.entry((rel.clone(), target, rule)).or_insert(0) += 1;
                }
            }
        }
    }
    out
}

/// The markers on one line: how many lines up each points, and its rules.
fn markers(line: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = line[from..].find("expect") {
        let start = from + found;
        from = start + "expect".len();
        let before = line[..start].trim_end();
        let html = before.ends_with("<!--");
        if !html && !before.ends_with('#') {
            continue;
        }
        let rest = &line[from..];
        let up = rest.len() - rest.trim_start_matches('^').len();
        let Some(rest) = rest[up..].strip_prefix(':') else {
            continue;
        };
        let body = if html {
            rest.split("-->").next().unwrap_or(rest)
        } else {
            rest
        };
        let rules = body
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        out.push((up, rules));
    }
    out
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .expect("inside the fixture")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The day a fixture is linted on.
fn today(root: &Path) -> NaiveDate {
    let text =
        std::fs::read_to_string(root.join(".today")).unwrap_or_else(|_| DEFAULT_TODAY.into());
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").expect("a .today file holds YYYY-MM-DD")
}

/// Lints a fixture as `vaultnet check` would.
fn lint_fixture(root: &Path) -> Report {
    let (settings, rules) = VaultSettings::load(root, None).expect("fixture config is valid");
    let lint_settings = LintSettings::new(&rules, settings.config_path.as_deref(), None, None)
        .expect("fixture rule settings are valid");
    let vault = load(&settings, LoadOptions::default());
    lint::check(&vault, &lint_settings, today(root))
}

fn actual(report: &Report) -> BTreeMap<Key, usize> {
    let mut out = BTreeMap::new();
    for d in &report.diagnostics {
        *out.entry((d.path.clone(), d.span.line, d.rule.to_string()))
            .or_insert(0) += 1;
    }
    out
}

fn name_of(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

/// What differs between the markers and the findings, readably.
fn differences(dir: &Path) -> Option<String> {
    let expected = expectations(dir);
    let report = lint_fixture(dir);
    let found = actual(&report);
    let mut out = String::new();
    for (key, want) in &expected {
        let got = found.get(key).copied().unwrap_or(0);
        if got < *want {
            let _ = writeln!(
                out,
                "  missing {}:{} {} (x{})",
                key.0,
                key.1,
                key.2,
                want - got
            );
        }
    }
    for (key, got) in &found {
        let want = expected.get(key).copied().unwrap_or(0);
        if *got > want {
            for d in report
                .diagnostics
                .iter()
                .filter(|d| d.path == key.0 && d.span.line == key.1 && d.rule == key.2)
            {
                let _ = writeln!(
                    out,
                    "  extra   {}:{} {}: {}",
                    d.path, d.span.line, d.rule, d.message
                );
            }
        }
    }
    (!out.is_empty()).then(|| format!("{}:\n{out}", name_of(dir)))
}

#[test]
fn every_fixture_matches_its_markers() {
    let failures: Vec<String> = fixtures().iter().filter_map(|d| differences(d)).collect();
    assert!(
        failures.is_empty(),
        "fixture findings differ from their markers:\n{}",
        failures.join("")
    );
}

#[test]
fn markers_are_read_as_documented() {
    assert_eq!(
        markers("- 2026-03-01: x <!-- expect: a, b -->"),
        [(0, vec!["a".into(), "b".into()])]
    );
    assert_eq!(markers("name: X # expect^: a"), [(1, vec!["a".into()])]);
    assert_eq!(
        markers("x <!-- expect: a --> <!-- expect: b -->"),
        [(0, vec!["a".into()]), (0, vec!["b".into()])]
    );
    assert!(markers("I expect: nothing").is_empty());
}

/// SPEC §3, exactly: code, name, default level.
const SPEC_RULES: &[(&str, &str, Level)] = &[
    ("VN001", "front-matter-syntax", Level::Error),
    ("VN002", "invalid-value", Level::Error),
    ("VN003", "unknown-field", Level::Warning),
    ("VN004", "invalid-date", Level::Error),
    ("VN005", "future-date", Level::Warning),
    ("VN006", "duplicate-person", Level::Error),
    ("VN007", "unordered-log", Level::Info),
    ("VN008", "unused-suppression", Level::Warning),
    ("VN009", "unreadable-note", Level::Error),
    ("VN010", "unknown-person", Level::Warning),
    ("VN011", "conflicting-date", Level::Warning),
    ("VN101", "stale-relationship", Level::Warning),
    ("VN102", "no-follow-up", Level::Warning),
    ("VN103", "one-sided-outreach", Level::Warning),
    ("VN104", "taking-not-giving", Level::Warning),
    ("VN105", "early-ask", Level::Warning),
    ("VN106", "no-interests", Level::Warning),
    ("VN107", "all-about-me", Level::Info),
    ("VN108", "no-interactions", Level::Info),
];

#[test]
fn registry_matches_spec_in_code_order() {
    let registered: Vec<(&str, &str, Level)> = RULES
        .iter()
        .map(|r| (r.code, r.name, r.default_level))
        .collect();
    assert_eq!(registered, SPEC_RULES);
    for rule in RULES {
        assert_eq!(
            lint::registry::find(rule.code).map(|r| r.name),
            Some(rule.name)
        );
        assert_eq!(
            lint::registry::find(&rule.name.to_uppercase()).map(|r| r.code),
            Some(rule.code)
        );
        assert!(
            !rule.summary.starts_with(char::is_uppercase),
            "{}",
            rule.code
        );
        assert!(!rule.summary.ends_with('.'), "{}", rule.code);
    }
}

#[test]
fn every_rule_has_docs_with_all_sections() {
    let sections = [
        "## What it does",
        "## Why it matters",
        "## Example",
        "## Options",
    ];
    for rule in RULES {
        let mut at = 0;
        for section in sections {
            let found = rule.docs[at..]
                .find(section)
                .unwrap_or_else(|| panic!("{} docs lack `{section}` (in order)", rule.name));
            at += found + section.len();
        }
        let example = section_text(rule.docs, "## Example");
        assert!(
            example.contains("Fires"),
            "{}: the example shows a case that fires",
            rule.name
        );
        assert!(
            example.contains("Does not fire"),
            "{}: and one that does not",
            rule.name
        );
        let options = section_text(rule.docs, "## Options");
        for option in RuleOptions::names(rule) {
            assert!(
                options.contains(&format!("`{option}` (default")),
                "{}: option `{option}` and its default are documented",
                rule.name
            );
        }
        if RuleOptions::names(rule).is_empty() {
            assert!(options.contains("None besides `level`"), "{}", rule.name);
        }
    }
}

/// The text of one `## ` section, up to the next `## ` heading outside
/// a code block (examples hold Markdown with headings of their own).
fn section_text(docs: &str, heading: &str) -> String {
    let start = docs.find(heading).expect("section present") + heading.len();
    let mut out = String::new();
    let mut fenced = false;
    for line in docs[start..].lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with("## ") {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn every_rule_has_a_fixture_that_fires_it_and_a_note_that_does_not() {
    for rule in RULES {
        let dir = fixtures_root().join(rule.name);
        assert!(
            dir.is_dir(),
            "no fixture directory tests/fixtures/rules/{}",
            rule.name
        );
        let expected = expectations(&dir);
        assert!(
            expected.keys().any(|(_, _, r)| r == rule.name),
            "fixture {} expects no `{}` finding",
            rule.name,
            rule.name
        );
        let notes = notes_of(&dir);
        let firing: Vec<&String> = expected
            .keys()
            .filter(|(_, _, r)| r == rule.name)
            .map(|(path, _, _)| path)
            .collect();
        assert!(
            notes.iter().any(|n| !firing.contains(&n)),
            "fixture {} has no note that does not fire it",
            rule.name
        );
    }
    let names: Vec<String> = fixtures().iter().map(|d| name_of(d)).collect();
    for name in names {
        assert!(
            RULES.iter().any(|r| r.name == name),
            "fixture directory `{name}` names no rule"
        );
    }
}

fn notes_of(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| relative(dir, e.path()))
        .collect()
}

#[test]
fn fixture_messages_and_help_are_in_house_style() {
    let mut bad = Vec::new();
    for dir in fixtures() {
        for d in lint_fixture(&dir).diagnostics {
            for text in std::iter::once(&d.message).chain(d.help.as_ref()) {
                if text.is_empty() || text.starts_with(char::is_uppercase) || text.ends_with('.') {
                    bad.push(format!("{}:{} {}: {text:?}", d.path, d.span.line, d.rule));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "messages must start lowercase and end without a period:\n{}",
        bad.join("\n")
    );
}

#[test]
fn relationship_findings_name_the_person_and_say_what_to_do() {
    for dir in fixtures() {
        for d in lint_fixture(&dir).diagnostics {
            if d.code.starts_with("VN1") {
                let person = d
                    .person
                    .as_deref()
                    .unwrap_or_else(|| panic!("{d:?} names no person"));
                assert!(d.message.contains(person), "{d:?}");
                assert!(d.help.is_some(), "{d:?}");
            }
        }
    }
}

#[test]
fn reports_are_sorted_and_count_people_and_notes() {
    for dir in fixtures() {
        let report = lint_fixture(&dir);
        let keys: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| (d.path.clone(), d.span.line, d.span.column, d.code))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{}", name_of(&dir));
        assert!(report.notes >= report.people, "{}", name_of(&dir));
    }
}

#[test]
fn stale_relationship_is_an_error_past_twice_the_cadence() {
    let report = lint_fixture(&fixtures_root().join("stale-relationship"));
    let level = |person: &str| {
        report
            .diagnostics
            .iter()
            .find(|d| d.person.as_deref() == Some(person))
            .map(|d| d.level)
    };
    assert_eq!(
        level("Bob Stale"),
        Some(Level::Error),
        "85 days on a 30-day cadence"
    );
    assert_eq!(
        level("Tim Tier"),
        Some(Level::Warning),
        "36 days on a 30-day cadence"
    );
}

#[test]
fn the_owner_is_not_counted_among_people() {
    let report = lint_fixture(&fixtures_root().join("no-interactions"));
    assert_eq!(report.notes, 4);
    assert_eq!(report.people, 3);
}

#[test]
fn fixture_today_and_config_are_used() {
    assert_eq!(
        today(&fixtures_root().join("future-date")).to_string(),
        "2026-12-20"
    );
    assert_eq!(
        today(&fixtures_root().join("stale-relationship")).to_string(),
        DEFAULT_TODAY
    );
    // Nia met 20 days ago: the fixture's `follow_up = "21d"` keeps her
    // quiet, the default 14 days would not.
    let dir = fixtures_root().join("no-follow-up");
    let (settings, _) = VaultSettings::load(&dir, None).unwrap();
    let vault = load(&settings, LoadOptions::default());
    let report = lint::check(&vault, &LintSettings::default(), today(&dir));
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.person.as_deref() == Some("Nia New")));
}
