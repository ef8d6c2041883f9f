//! Every `check` output format over one shared list of findings
//! (STYLE.md habit 5): a snapshot per format pins the rendering, and the
//! machine formats get exact assertions on top — the JSON fields of SPEC
//! §5.1, the SARIF log against the official SARIF 2.1.0 schema, the
//! GitHub workflow commands line by line.

use std::sync::LazyLock;

use vaultnet::lint::registry::RuleInfo;
use vaultnet::lint::{Diagnostic, Level, Report};
use vaultnet::model::Span;
use vaultnet::output::{
    concise, full, github, json, junit, sarif, write_statistics, RenderContext, Sources,
};

/// The shared findings: every level, with and without a column, a range
/// over several lines, with and without person and help, paths with
/// spaces and non-ASCII letters, and messages holding `%`, `,`, `:`,
/// quotes, `<`, `&` and a line end.
fn report() -> Report {
    let mut diagnostics = vec![
        finding(
            "VN101",
            "stale-relationship",
            Level::Warning,
            "no contact with Ada Lovelace for 120 days (cadence 30 days)",
            "People/Ada Lovelace.md",
            Span::on_line(3, 1, 13),
            Some("Ada Lovelace"),
            Some("get in touch, or set a longer `cadence`"),
        ),
        finding(
            "VN002",
            "invalid-value",
            Level::Error,
            "`by::` value \"maybe, later: 100%\" is not me, them or both",
            "People/Ada Lovelace.md",
            Span::on_line(9, 28, 54),
            Some("Ada Lovelace"),
            Some("write `by:: me`, `by:: them` or `by:: both`"),
        ),
        finding(
            "VN103",
            "one-sided-outreach",
            Level::Warning,
            "you started 5 of the last 6 interactions with Grace Hopper",
            "People/Grace Hopper.md",
            Span::line(12),
            Some("Grace Hopper"),
            None,
        ),
        finding(
            "VN107",
            "all-about-me",
            Level::Info,
            "this interaction is about you: 9 first-person words, 1 about them",
            "People/Grace Hopper.md",
            Span {
                line: 14,
                column: Some(1),
                end_line: Some(16),
                end_column: Some(20),
            },
            Some("Grace Hopper"),
            Some("write down what you learned about them"),
        ),
        finding(
            "VN003",
            "unknown-field",
            Level::Warning,
            "unknown field `<compnay&role>`\nnear `company`",
            "People/Zoë.md",
            Span::on_line(2, 1, 15),
            None,
            Some("did you mean `company`?"),
        ),
        finding(
            "VN108",
            "no-interactions",
            Level::Info,
            "no contact with Zoë recorded yet",
            "People/Zoë.md",
            Span::line(1),
            Some("Zoë"),
            None,
        ),
        finding(
            "VN008",
            "unused-suppression",
            Level::Warning,
            "`vaultnet-ignore all-about-me` suppresses nothing",
            "Daily/2026-03-01.md",
            Span::on_line(5, 1, 40),
            None,
            Some("remove the comment"),
        ),
        finding(
            "VN009",
            "unreadable-note",
            Level::Error,
            "the note is not UTF-8 text",
            "Inbox/binary.md",
            Span::line(1),
            None,
            None,
        ),
    ];
    diagnostics.sort_by(|a, b| {
        (&a.path, a.span.line, a.span.column, a.code).cmp(&(
            &b.path,
            b.span.line,
            b.span.column,
            b.code,
        ))
    });
    Report {
        diagnostics,
        people: 24,
        notes: 31,
    }
}

#[allow(clippy::too_many_arguments)]
fn finding(
    code: &'static str,
    rule: &'static str,
    level: Level,
    message: &str,
    path: &str,
    span: Span,
    person: Option<&str>,
    help: Option<&str>,
) -> Diagnostic {
    Diagnostic {
        code,
        rule,
        level,
        message: message.to_string(),
        path: path.to_string(),
        span,
        person: person.map(str::to_string),
        help: help.map(str::to_string),
    }
}

/// The note text behind the findings; the daily note and the binary
/// note are left out, so `full` draws those without a snippet.
static SOURCES: LazyLock<Sources> = LazyLock::new(|| {
    let mut sources = Sources::new();
    sources.insert(
        "People/Ada Lovelace.md",
        "\u{feff}---\r\ntags: [person]\r\ncadence: 30d\r\n---\r\n# Ada Lovelace\r\n\r\n## Log\r\n\r\n- 2026-01-05: tea at the Royal Society by:: maybe, later: 100%\r\n",
    );
    sources.insert(
        "People/Grace Hopper.md",
        "---\ntags: [person]\n---\n# Grace Hopper\n\n## Log\n\n- 2026-01-02 by:: me\n- 2026-01-09 by:: me\n- 2026-01-20 by:: me\n- 2026-02-01 by:: them\n- 2026-02-11 by:: me\n- 2026-02-20 by:: me\n- 2026-03-01 I told her about my\n  trip, my plans, my new job\n  and my flat and I\n",
    );
    sources.insert("People/Zoë.md", "---\n<compnay&role>: Acme\n---\n");
    sources
});

/// Rules as SARIF describes them; `VN009` is left out on purpose, so a
/// finding from a rule missing from the table is covered too.
static RULES: &[&RuleInfo] = &[
    &RuleInfo {
        code: "VN002",
        name: "invalid-value",
        default_level: Level::Error,
        summary: "a known field has a value of the wrong kind",
        docs: "## What it does\n\nChecks the values of known fields.\n\n## Why it matters\n\nA bad value is ignored.\n",
    },
    &RuleInfo {
        code: "VN003",
        name: "unknown-field",
        default_level: Level::Warning,
        summary: "a front-matter key close to a known key",
        docs: "## What it does\n\nFinds misspelt keys.\n",
    },
    &RuleInfo {
        code: "VN008",
        name: "unused-suppression",
        default_level: Level::Warning,
        summary: "a suppression that suppressed nothing",
        docs: "## What it does\n\nFinds stale suppressions.\n",
    },
    &RuleInfo {
        code: "VN101",
        name: "stale-relationship",
        default_level: Level::Warning,
        summary: "no contact for longer than the cadence",
        docs: "## What it does\n\nFinds people you are losing touch with.\n\n## Example\n\n```yaml\ncadence: 30d\n```\n",
    },
    &RuleInfo {
        code: "VN103",
        name: "one-sided-outreach",
        default_level: Level::Warning,
        summary: "one side starts almost every interaction",
        docs: "## What it does\n\nFinds one-sided relationships.\n",
    },
    &RuleInfo {
        code: "VN107",
        name: "all-about-me",
        default_level: Level::Info,
        summary: "an interaction that is all about you",
        docs: "## What it does\n\nCounts first-person words.\n",
    },
    &RuleInfo {
        code: "VN108",
        name: "no-interactions",
        default_level: Level::Info,
        summary: "a person with no contact date",
        docs: "## What it does\n\nFinds people with no contact.\n",
    },
];

fn context(prefix: &'static str, quiet: bool) -> RenderContext<'static> {
    RenderContext {
        sources: &SOURCES,
        path_prefix: prefix,
        rules: RULES,
        quiet,
        colored: true,
    }
}

type Render = fn(&Report, &RenderContext<'_>, &mut dyn std::io::Write) -> std::io::Result<()>;

fn render(render: Render, report: &Report, ctx: &RenderContext<'_>) -> String {
    let mut out = Vec::new();
    render(report, ctx, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn render_json(report: &Report) -> String {
    let mut out = Vec::new();
    json::render(report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Styles off, as the binary's stream shows them without colour.
fn plain(text: &str) -> String {
    anstream::adapter::strip_str(text).to_string()
}

// ---- full ------------------------------------------------------------

#[test]
fn full_snapshot() {
    let text = render(full::render, &report(), &context("", false));
    insta::assert_snapshot!(plain(&text));
}

#[test]
fn full_is_styled_until_the_stream_strips_it() {
    let text = render(full::render, &report(), &context("", false));
    assert!(text.contains('\u{1b}'));
}

#[test]
fn full_quiet_and_clean() {
    let text = plain(&render(full::render, &report(), &context("", true)));
    assert!(!text.contains(" in 24 people"), "{text}");
    let clean = Report {
        people: 1,
        ..Report::default()
    };
    let text = plain(&render(full::render, &clean, &context("", false)));
    assert_eq!(text, "no problems found in 1 person\n");
}

// ---- concise ---------------------------------------------------------

#[test]
fn concise_snapshot() {
    let text = render(concise::render, &report(), &context("vault/", false));
    insta::assert_snapshot!(plain(&text));
}

#[test]
fn concise_lines() {
    let text = plain(&render(concise::render, &report(), &context("", true)));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 8);
    assert!(lines.contains(
        &"People/Grace Hopper.md:12: warning[VN103/one-sided-outreach] you started 5 of the last 6 interactions with Grace Hopper"
    ));
    assert!(lines.contains(
        &"People/Ada Lovelace.md:3:1: warning[VN101/stale-relationship] no contact with Ada Lovelace for 120 days (cadence 30 days)"
    ));
}

// ---- json ------------------------------------------------------------

#[test]
fn json_snapshot() {
    insta::assert_snapshot!(render_json(&report()));
}

#[test]
fn json_fields_are_exact() {
    let text = render_json(&report());
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rows = value.as_array().unwrap();
    assert_eq!(rows.len(), 8);
    let keys = [
        "code",
        "rule",
        "level",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "person",
        "help",
        // SPEC rev. 2 §5.1: which vault the finding is in.
        "vault",
    ];
    for row in rows {
        let object = row.as_object().unwrap();
        let mut found: Vec<&str> = object.keys().map(String::as_str).collect();
        found.sort_unstable();
        let mut expected = keys.to_vec();
        expected.sort_unstable();
        assert_eq!(found, expected);
    }
    // Sorted by path, then line.
    let order: Vec<(String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap().to_string(),
                r["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);

    let stale = rows.iter().find(|r| r["code"] == "VN101").unwrap();
    assert_eq!(
        stale,
        &serde_json::json!({
            "code": "VN101",
            "rule": "stale-relationship",
            "level": "warning",
            "message": "no contact with Ada Lovelace for 120 days (cadence 30 days)",
            "path": "People/Ada Lovelace.md",
            "line": 3,
            "column": 1,
            "end_line": 3,
            "end_column": 13,
            "person": "Ada Lovelace",
            "help": "get in touch, or set a longer `cadence`",
            "vault": ".",
        })
    );
    let unreadable = rows.iter().find(|r| r["code"] == "VN009").unwrap();
    assert_eq!(
        unreadable,
        &serde_json::json!({
            "code": "VN009",
            "rule": "unreadable-note",
            "level": "error",
            "message": "the note is not UTF-8 text",
            "path": "Inbox/binary.md",
            "line": 1,
            "column": null,
            "end_line": null,
            "end_column": null,
            "person": null,
            "help": null,
            "vault": ".",
        })
    );
    let info = rows.iter().find(|r| r["code"] == "VN108").unwrap();
    assert_eq!(info["level"], "info");
    let escaped = rows.iter().find(|r| r["code"] == "VN003").unwrap();
    assert_eq!(
        escaped["message"],
        "unknown field `<compnay&role>`\nnear `company`"
    );
}

#[test]
fn json_of_nothing_is_an_empty_array() {
    assert_eq!(render_json(&Report::default()), "[]\n");
}

// ---- sarif -----------------------------------------------------------

#[test]
fn sarif_snapshot() {
    let text = render(sarif::render, &report(), &context("vault/", false));
    let text = text.replace(env!("CARGO_PKG_VERSION"), "[VERSION]");
    insta::assert_snapshot!(text);
}

/// The official SARIF 2.1.0 JSON schema (2.1.0-rtm.5), copied verbatim
/// from Microsoft's `@microsoft/jest-sarif` npm package (MIT). One
/// pattern in it, `run.language`, has a stray `]` that ECMA-262 rejects,
/// so the validator refuses the whole schema; it is mended here, in
/// memory only (vaultnet never writes `run.language`).
fn sarif_schema() -> serde_json::Value {
    let text = include_str!("sarif-schema-2.1.0.json");
    let broken = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(text.contains(broken), "the schema's known flaw moved");
    let text = text.replace(broken, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    serde_json::from_str(&text).unwrap()
}

fn assert_valid_sarif(log: &serde_json::Value) {
    let schema = sarif_schema();
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let text = render(sarif::render, &report(), &context("vault/", false));
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_valid_sarif(&log);
    let empty = render(sarif::render, &Report::default(), &context("", false));
    assert_valid_sarif(&serde_json::from_str(&empty).unwrap());
}

#[test]
fn sarif_schema_catches_a_broken_log() {
    // The validator is not vacuous: a result without a message fails.
    let mut log = sarif::to_value(&report(), &context("", false));
    log["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(!jsonschema::draft4::is_valid(&sarif_schema(), &log));
}

#[test]
fn sarif_structure_for_code_scanning() {
    let log = sarif::to_value(&report(), &context("vault/", false));
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["$schema"], sarif::SCHEMA_URI);
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "vaultnet");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    // Every rule of the table, plus the one a finding needs.
    assert_eq!(rules.len(), RULES.len() + 1);
    let stale = &rules[3];
    assert_eq!(stale["id"], "VN101");
    assert_eq!(stale["name"], "stale-relationship");
    assert_eq!(
        stale["shortDescription"]["text"],
        "no contact for longer than the cadence"
    );
    assert_eq!(
        stale["fullDescription"]["text"],
        "Finds people you are losing touch with."
    );
    assert_eq!(stale["help"]["markdown"], RULES[3].docs);
    assert_eq!(stale["help"]["text"], RULES[3].docs);
    assert_eq!(stale["defaultConfiguration"]["level"], "warning");
    assert_eq!(rules[6]["defaultConfiguration"]["level"], "note");

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 8);
    for result in results {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
    }
    let ada = results.iter().find(|r| r["ruleId"] == "VN101").unwrap();
    let location = &ada["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "vault/People/Ada%20Lovelace.md"
    );
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 13})
    );
    let unreadable = results.iter().find(|r| r["ruleId"] == "VN009").unwrap();
    assert_eq!(
        unreadable["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 1})
    );
    assert_eq!(rules[7]["id"], "VN009");
    let zoe = results.iter().find(|r| r["ruleId"] == "VN108").unwrap();
    assert_eq!(
        zoe["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "vault/People/Zo%C3%AB.md"
    );
    assert_eq!(zoe["level"], "note");
}

// ---- github ----------------------------------------------------------

#[test]
fn github_snapshot() {
    let text = render(github::render, &report(), &context("vault/", false));
    insta::assert_snapshot!(text);
}

#[test]
fn github_lines_are_exact() {
    let text = render(github::render, &report(), &context("vault-example/", false));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "::warning file=vault-example/Daily/2026-03-01.md,line=5,col=1,endLine=5,endColumn=40,title=VN008 unused-suppression::`vaultnet-ignore all-about-me` suppresses nothing%0Ahelp: remove the comment",
            "::error file=vault-example/Inbox/binary.md,line=1,title=VN009 unreadable-note::the note is not UTF-8 text",
            "::warning file=vault-example/People/Ada Lovelace.md,line=3,col=1,endLine=3,endColumn=13,title=VN101 stale-relationship::no contact with Ada Lovelace for 120 days (cadence 30 days)%0Ahelp: get in touch, or set a longer `cadence`",
            "::error file=vault-example/People/Ada Lovelace.md,line=9,col=28,endLine=9,endColumn=54,title=VN002 invalid-value::`by::` value \"maybe, later: 100%25\" is not me, them or both%0Ahelp: write `by:: me`, `by:: them` or `by:: both`",
            "::warning file=vault-example/People/Grace Hopper.md,line=12,title=VN103 one-sided-outreach::you started 5 of the last 6 interactions with Grace Hopper",
            "::notice file=vault-example/People/Grace Hopper.md,line=14,col=1,endLine=16,title=VN107 all-about-me::this interaction is about you: 9 first-person words, 1 about them%0Ahelp: write down what you learned about them",
            "::notice file=vault-example/People/Zoë.md,line=1,title=VN108 no-interactions::no contact with Zoë recorded yet",
            "::warning file=vault-example/People/Zoë.md,line=2,col=1,endLine=2,endColumn=15,title=VN003 unknown-field::unknown field `<compnay&role>`%0Anear `company`%0Ahelp: did you mean `company`?",
            "2 errors, 4 warnings, 2 infos in 24 people",
        ]
    );
}

#[test]
fn github_escapes_properties() {
    let mut report = report();
    report.diagnostics.truncate(1);
    report.diagnostics[0].path = "a,b:c%.md".into();
    let text = render(github::render, &report, &context("", true));
    assert!(
        text.starts_with("::warning file=a%2Cb%3Ac%25.md,line=5,"),
        "{text}"
    );
}

// ---- junit -----------------------------------------------------------

#[test]
fn junit_snapshot() {
    let text = render(junit::render, &report(), &context("vault/", false));
    insta::assert_snapshot!(text);
}

#[test]
fn junit_of_nothing_passes_one_case() {
    let text = render(junit::render, &Report::default(), &context("", false));
    insta::assert_snapshot!(text);
}

// ---- all formats -----------------------------------------------------

#[test]
fn machine_formats_carry_no_styles() {
    let report = report();
    let ctx = context("vault/", false);
    for text in [
        render_json(&report),
        render(sarif::render, &report, &ctx),
        render(github::render, &report, &ctx),
        render(junit::render, &report, &ctx),
    ] {
        assert!(!text.contains('\u{1b}'), "{text}");
    }
}

#[test]
fn statistics_snapshot() {
    let mut report = report();
    let extra = report.diagnostics[2].clone();
    report.diagnostics.push(extra);
    let mut out = Vec::new();
    write_statistics(&mut out, &report).unwrap();
    insta::assert_snapshot!(plain(&String::from_utf8(out).unwrap()));
}

#[test]
fn summary_counts_each_level() {
    assert_eq!(
        vaultnet::output::summary(&report()),
        "2 errors, 4 warnings, 2 infos in 24 people"
    );
    let one = Report {
        diagnostics: report().diagnostics.into_iter().take(1).collect(),
        people: 1,
        notes: 1,
    };
    assert_eq!(vaultnet::output::summary(&one), "1 warning in 1 person");
}
