//! Unit tests of the body parser: every accepted format, every mention
//! exclusion, spans with a non-1 first line and CRLF, and hostile input.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::*;

fn logs() -> Vec<String> {
    [
        "Conversations",
        "Log",
        "Contact log",
        "Interactions",
        "Meetings",
        "Activities",
        "History",
        "Timeline",
        "Notes",
    ]
    .iter()
    .map(ToString::to_string)
    .collect()
}

fn parse(text: &str) -> Body {
    parse_at(text, 1)
}

fn parse_at(text: &str, first_line: usize) -> Body {
    let logs = logs();
    parse_body(
        text,
        first_line,
        "People/Ada.md",
        &BodyOptions {
            log_sections: &logs,
            log_words: true,
        },
    )
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn dates(body: &Body) -> Vec<String> {
    body.interactions
        .iter()
        .map(|i| i.date.to_string())
        .collect()
}

fn targets(body: &Body) -> Vec<&str> {
    body.mentions.iter().map(|m| m.target.as_str()).collect()
}

// ---- dated headings ----

#[test]
fn dated_heading_forms() {
    let body = parse(
        "# Ada\n\n### 2026-03-01 Coffee at Blue Bottle\n\n## [[2026-03-02]]\n\n## **2026-03-03** lunch\n\n###### 2026-03-04\n",
    );
    assert_eq!(
        dates(&body),
        ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"]
    );
    assert!(body
        .interactions
        .iter()
        .all(|i| i.source == InteractionSource::Heading));
    assert!(body.interactions.iter().all(|i| i.path == "People/Ada.md"));
    assert_eq!(
        body.interactions[0].text,
        "2026-03-01 Coffee at Blue Bottle"
    );
    assert!(body.problems.is_empty());
}

#[test]
fn dated_heading_long_english_date() {
    let body = parse("## November 27, 2023\nlunch\n\n## Monday, November 27, 2023 call\n");
    assert_eq!(dates(&body), ["2023-11-27", "2023-11-27"]);
}

#[test]
fn dated_heading_outside_log_sections_still_counts() {
    let body = parse("## About\ntext\n### 2026-03-01 Coffee\n");
    assert_eq!(dates(&body), ["2026-03-01"]);
}

#[test]
fn heading_content_runs_to_same_or_higher_level() {
    let body = parse(
        "## 2026-03-01 Coffee\nWe talked.\n### Details\nShe has a dog.\n## Other\nNot content.\n",
    );
    assert_eq!(body.interactions.len(), 1);
    let text = &body.interactions[0].text;
    assert!(text.contains("We talked."), "{text}");
    assert!(text.contains("Details"), "{text}");
    assert!(text.contains("She has a dog."), "{text}");
    assert!(!text.contains("Not content"), "{text}");
}

#[test]
fn deeper_dated_heading_takes_its_own_content() {
    let body =
        parse("## 2026-03-01 Trip\nday one\n### 2026-03-02 Dinner\nby:: them\n# Top\nask:: x\n");
    assert_eq!(dates(&body), ["2026-03-01", "2026-03-02"]);
    assert_eq!(body.interactions[0].by, None);
    assert_eq!(body.interactions[1].by, Some(By::Them));
    assert!(body.interactions.iter().all(|i| i.asks.is_empty()));
}

#[test]
fn heading_content_strips_markup() {
    let body = parse("## 2026-03-01 Coffee\nWe **talked** about [[Bob|his brother]] and `rust`.\n");
    assert_eq!(
        body.interactions[0].text,
        "2026-03-01 Coffee\nWe talked about his brother and rust."
    );
}

#[test]
fn undated_heading_is_no_interaction() {
    let body = parse("## Coffee 2026-03-01\n## Log\n## 2026 plans\n");
    assert!(body.interactions.is_empty());
}

#[test]
fn dated_heading_under_life_events_is_no_interaction() {
    let body = parse("## Life events\n### 2020-05-01 Married\n## Log\n### 2026-03-01 Coffee\n");
    assert_eq!(dates(&body), ["2026-03-01"]);
}

#[test]
fn invalid_date_in_heading() {
    let body = parse("text\n\n## 2026-02-30 Coffee\n");
    assert!(body.interactions.is_empty());
    assert_eq!(body.problems.len(), 1);
    let problem = &body.problems[0];
    assert_eq!(problem.kind, ProblemKind::InvalidDate);
    assert_eq!(problem.span.line, 3);
    assert_eq!(problem.span.column, Some(4));
    assert_eq!(problem.span.end_column, Some(14));
    assert!(
        problem.message.contains("2026-02-30"),
        "{}",
        problem.message
    );
}

// ---- dated list items ----

#[test]
fn dated_list_item_forms() {
    let body = parse(
        "## Log\n- 2026-03-01: Lunch\n- [[2026-03-02]] — call\n- **2026-03-03** coffee\n- [x] 2026-03-04 walk\n- [X] 2026-03-05 done\n* 2026-03-06 star\n+ 2026-03-07 plus\n1. 2026-03-08 ordered\n- November 27, 2023 lunch\n",
    );
    assert_eq!(
        dates(&body),
        [
            "2026-03-01",
            "2026-03-02",
            "2026-03-03",
            "2026-03-04",
            "2026-03-05",
            "2026-03-06",
            "2026-03-07",
            "2026-03-08",
            "2023-11-27"
        ]
    );
    assert!(body
        .interactions
        .iter()
        .all(|i| i.source == InteractionSource::ListItem));
    assert_eq!(body.interactions[0].text, "2026-03-01: Lunch");
    assert_eq!(body.interactions[1].text, "2026-03-02 — call");
}

#[test]
fn unchecked_task_is_a_plan() {
    let body = parse("## Log\n- [ ] 2026-03-01 call Ada\n- [x] 2026-03-02 called\n");
    assert_eq!(dates(&body), ["2026-03-02"]);
}

#[test]
fn log_section_names_case_colon_and_options() {
    for heading in [
        "## Log",
        "## log:",
        "### CONTACT LOG",
        "#### Conversations:",
        "## Notes",
        "## timeline",
    ] {
        let body = parse(&format!("{heading}\n- 2026-03-01 call\n"));
        assert_eq!(dates(&body), ["2026-03-01"], "{heading}");
    }
    for heading in [
        "## About",
        "## Life events",
        "## Life Events:",
        "## Interests",
    ] {
        let body = parse(&format!("{heading}\n- 2026-03-01 call\n"));
        assert!(body.interactions.is_empty(), "{heading}");
    }
    let custom = vec!["Calls:".to_string(), "Life events".to_string()];
    let options = BodyOptions {
        log_sections: &custom,
        log_words: false,
    };
    let body = parse_body(
        "## calls\n- 2026-03-01 x\n## Log\n- 2026-03-02 y\n",
        1,
        "a.md",
        &options,
    );
    assert_eq!(dates(&body), ["2026-03-01"]);
    let body = parse_body("## Life events\n- 2026-03-01 x\n", 1, "a.md", &options);
    assert!(body.interactions.is_empty());
}

#[test]
fn list_items_before_any_heading_are_no_interactions() {
    let body = parse("- 2026-03-01 call\n");
    assert!(body.interactions.is_empty());
}

#[test]
fn log_subheading_is_looked_through_but_life_events_is_not() {
    let body =
        parse("## Log\n### Work\n- 2026-03-01 call\n### Life events\n- 2026-03-02 wedding\n");
    assert_eq!(dates(&body), ["2026-03-01"]);
}

#[test]
fn a_new_section_ends_the_log() {
    let body = parse("## Log\n- 2026-03-01 call\n## About\n- 2026-03-02 born\n");
    assert_eq!(dates(&body), ["2026-03-01"]);
}

#[test]
fn item_content_holds_nested_items_and_continuation_lines() {
    let body = parse(
        "## Log\n- 2026-03-01 Coffee\n  continued here\n  - nested point\n    - deeper [ask:: intro]\n  by:: them\n- 2026-03-05 Call\n",
    );
    assert_eq!(dates(&body), ["2026-03-01", "2026-03-05"]);
    let first = &body.interactions[0];
    assert!(first.text.contains("continued here"), "{}", first.text);
    assert!(first.text.contains("nested point"), "{}", first.text);
    assert!(first.text.contains("deeper"), "{}", first.text);
    assert_eq!(first.asks, ["intro"]);
    assert_eq!(first.by, Some(By::Them));
    assert!(!body.interactions[1].text.contains("nested"));
}

#[test]
fn loose_item_paragraphs_are_content() {
    let body = parse("## Log\n- 2026-03-01 Coffee\n\n  second paragraph\n  learned:: has a cat\n\n- 2026-03-02 x\n");
    assert_eq!(dates(&body), ["2026-03-01", "2026-03-02"]);
    assert!(body.interactions[0].text.contains("second paragraph"));
    assert_eq!(body.interactions[0].learned, ["has a cat"]);
    assert!(body.learned.is_empty());
}

#[test]
fn nested_dated_item_is_content_of_its_parent() {
    let body = parse("## Log\n- 2026-03-01 Trip\n  - 2026-03-02 Dinner\n");
    assert_eq!(dates(&body), ["2026-03-01"]);
    assert!(body.interactions[0].text.contains("Dinner"));
}

#[test]
fn items_in_a_dated_heading_are_its_content() {
    let body = parse("## Log\n### 2026-03-01 Coffee\n- 2026-03-02 follow up [give:: book]\n");
    assert_eq!(dates(&body), ["2026-03-01"]);
    assert_eq!(body.interactions[0].gives, ["book"]);
}

#[test]
fn undated_items_in_log_are_ignored() {
    let body = parse("## Log\n- call soon\n- [x] called\n");
    assert!(body.interactions.is_empty());
    assert!(body.problems.is_empty());
}

#[test]
fn invalid_date_in_list_item() {
    let body = parse("## Log\n- 2026-13-01 call\n- [[2026-02-30]] x\n");
    assert!(body.interactions.is_empty());
    assert_eq!(body.problems.len(), 2);
    assert!(body
        .problems
        .iter()
        .all(|p| p.kind == ProblemKind::InvalidDate));
    assert_eq!(body.problems[0].span.line, 2);
    assert_eq!(body.problems[0].span.column, Some(3));
    assert_eq!(body.problems[1].span.line, 3);
}

#[test]
fn invalid_date_in_a_plan_is_still_reported() {
    let body = parse("## Log\n- [ ] 2026-02-30 call\n## About\n- 2026-04-31 moved\n");
    assert!(body.interactions.is_empty());
    assert_eq!(body.problems.len(), 2);
}

#[test]
fn loose_checked_task_item() {
    let body = parse("## Log\n- [x] 2026-03-01 call\n\n  more text\n\n- [ ] 2026-03-02 plan\n");
    assert_eq!(dates(&body), ["2026-03-01"]);
    assert!(body.interactions[0].text.contains("more text"));
}

// ---- inline fields in interactions ----

#[test]
fn interaction_fields_in_all_three_forms() {
    let body = parse(
        "## 2026-03-01 Coffee\nby:: me\nWe met (ask:: an intro to Bob) and [give:: a book].\n- give:: feedback\n- learned:: she sails\nask:: a résumé read\n",
    );
    let i = &body.interactions[0];
    assert_eq!(i.by, Some(By::Me));
    assert_eq!(i.asks, ["an intro to Bob", "a résumé read"]);
    assert_eq!(i.gives, ["a book", "feedback"]);
    assert_eq!(i.learned, ["she sails"]);
}

#[test]
fn by_aliases_and_first_wins() {
    for (field, by) in [
        ("initiated:: them", By::Them),
        ("initiator:: both", By::Both),
        ("By:: Me", By::Me),
    ] {
        let body = parse(&format!("## 2026-03-01 x\n{field}\n"));
        assert_eq!(body.interactions[0].by, Some(by), "{field}");
    }
    let body = parse("## 2026-03-01 x\nby:: them\nby:: me\n");
    assert_eq!(body.interactions[0].by, Some(By::Them));
}

#[test]
fn field_in_the_dated_heading_itself() {
    let body =
        parse("## 2026-03-01 Coffee [by:: them]\n## Log\n- 2026-03-02 call (by:: me) [ask:: x]\n");
    assert_eq!(body.interactions[0].by, Some(By::Them));
    assert_eq!(body.interactions[1].by, Some(By::Me));
    assert_eq!(body.interactions[1].asks, ["x"]);
}

#[test]
fn mid_line_field_in_log_line() {
    let body = parse("## Log\n- 2026-03-01 coffee by:: them\n");
    assert_eq!(body.interactions[0].by, Some(By::Them));
}

#[test]
fn bad_by_value_is_a_problem() {
    let body = parse_at("## 2026-03-01 Coffee\nsaid hi [by:: maybe]\n", 7);
    assert_eq!(body.interactions[0].by, None);
    assert_eq!(body.problems.len(), 1);
    let problem = &body.problems[0];
    assert_eq!(problem.kind, ProblemKind::InvalidValue);
    assert_eq!(problem.message, "invalid `by` value `maybe`");
    assert_eq!(problem.help.as_deref(), Some("use `me`, `them` or `both`"));
    assert_eq!(problem.span.line, 8);
    assert_eq!(problem.span.column, Some(9));
    assert_eq!(problem.span.end_column, Some(21));
}

#[test]
fn empty_by_is_unknown_not_a_problem() {
    let body = parse("## 2026-03-01 Coffee\nby::\n");
    assert_eq!(body.interactions[0].by, None);
    assert!(body.problems.is_empty());
}

#[test]
fn learned_outside_interactions() {
    let body = parse("learned:: likes jazz\n## Log\n- [learned:: has two kids]\n- 2026-03-01 x learned:: inside\n");
    assert_eq!(body.learned, ["likes jazz", "has two kids"]);
    assert_eq!(body.interactions[0].learned, ["inside"]);
}

#[test]
fn fields_in_code_are_not_fields() {
    let body = parse("## 2026-03-01 x\n`by:: me`\n```\nask:: y\n```\n");
    assert_eq!(body.interactions[0].by, None);
    assert!(body.interactions[0].asks.is_empty());
}

#[test]
fn field_in_quote_inside_interaction_applies() {
    let body = parse("## 2026-03-01 x\n> by:: them\n");
    assert_eq!(body.interactions[0].by, Some(By::Them));
}

// ---- ignore comments ----

#[test]
fn ignore_comment_before_heading() {
    let body = parse_at(
        "intro\n\n<!-- vaultnet-ignore all-about-me, VN104 -->\n### 2026-03-01 Coffee\n",
        4,
    );
    let i = &body.interactions[0];
    let comment = i.ignore.as_deref().unwrap();
    assert_eq!(comment.rules, ["all-about-me", "VN104"]);
    let span = comment.span;
    assert_eq!(span.line, 6);
    assert_eq!(span.column, Some(1));
    assert!(body.stray_ignores.is_empty());
}

#[test]
fn ignore_comment_before_list_item() {
    let body =
        parse("## Log\n- 2026-03-01 a\n<!-- vaultnet-ignore early-ask -->\n- 2026-03-02 b\n");
    assert!(body.interactions[0].ignore.is_none());
    assert_eq!(
        body.interactions[1].ignore.as_ref().unwrap().rules,
        ["early-ask"]
    );
    assert!(body.stray_ignores.is_empty());
}

#[test]
fn indented_ignore_comment_inside_a_list() {
    let body = parse("## Log\n- 2026-03-01 a\n  <!-- vaultnet-ignore x -->\n- 2026-03-02 b\n");
    assert_eq!(body.interactions[1].ignore.as_ref().unwrap().rules, ["x"]);
}

#[test]
fn multi_line_ignore_comment_ends_on_the_line_before() {
    let body = parse("<!-- vaultnet-ignore\n  a b -->\n## 2026-03-01 x\n");
    assert_eq!(
        body.interactions[0].ignore.as_ref().unwrap().rules,
        ["a", "b"]
    );
    assert_eq!(body.interactions[0].ignore.as_ref().unwrap().span.line, 1);
}

#[test]
fn stray_ignore_comments() {
    let body = parse(
        "<!-- vaultnet-ignore a -->\n\n## 2026-03-01 x\n<!-- vaultnet-ignore b -->\nplain text\n<!-- other comment -->\n",
    );
    assert!(body.interactions[0].ignore.is_none());
    let stray: Vec<(usize, Vec<String>)> = body
        .stray_ignores
        .iter()
        .map(|(s, r)| (s.line, r.clone()))
        .collect();
    assert_eq!(
        stray,
        [(1, vec!["a".to_string()]), (4, vec!["b".to_string()])]
    );
}

#[test]
fn ignore_before_an_undated_item_is_stray() {
    let body = parse("## Log\n<!-- vaultnet-ignore x -->\n- call\n");
    assert_eq!(body.stray_ignores.len(), 1);
}

// ---- mentions ----

#[test]
fn link_forms() {
    let body =
        parse("Met [[Ada Lovelace]], [[Bob|Robert]] and [[Cy#Work]] and [[People/Di.md|Di]].\n");
    assert_eq!(
        targets(&body),
        ["Ada Lovelace", "Bob", "Cy", "People/Di.md"]
    );
    assert_eq!(
        body.mentions[0].text,
        "Met Ada Lovelace, Robert and Cy#Work and Di."
    );
}

#[test]
fn markdown_links_to_notes_are_mentions() {
    let body =
        parse("See [Ada](People/Ada%20Lovelace.md) and [site](https://x.org/a) and [b](#top).\n");
    assert_eq!(targets(&body), ["People/Ada Lovelace.md"]);
}

#[test]
fn mention_span_and_line_numbers() {
    let body = parse_at("first\n\ncall with  [[Ada]] today\n", 12);
    let span = body.mentions[0].span;
    assert_eq!(span.line, 14);
    assert_eq!(span.column, Some(12));
    assert_eq!(span.end_column, Some(19));
}

#[test]
fn mention_text_is_the_paragraph_or_item() {
    let body = parse("Para one [[A]]\ncontinues.\n\n- item [[B]]\n  - nested [[C]]\n");
    assert_eq!(body.mentions[0].text, "Para one A\ncontinues.");
    assert_eq!(body.mentions[1].text, "item B");
    assert_eq!(body.mentions[2].text, "nested C");
}

#[test]
fn mention_exclusions() {
    let cases = [
        "`[[Ada]]`",
        "```\n[[Ada]]\n```",
        "    [[Ada]] indented code",
        "> [[Ada]] said",
        "> [!note]\n> [[Ada]] in a callout",
        "- [ ] call [[Ada]]",
        "- [ ] plan\n  - with [[Ada]]",
        "![[Ada]]",
        "lunch [[Ada]] [appointment:: 12:00]",
        "- call [[Ada]] (scheduled:: 2026-03-09)",
        "planned:: yes\nmeet [[Ada]]",
        "> with:: Ada",
    ];
    for case in cases {
        let body = parse(case);
        assert!(
            body.mentions.is_empty(),
            "{case:?} gave {:?}",
            body.mentions
        );
    }
}

#[test]
fn checked_tasks_and_plain_items_are_mentions() {
    let body = parse("- [x] called [[Ada]]\n- met [[Bob]]\n");
    assert_eq!(targets(&body), ["Ada", "Bob"]);
}

#[test]
fn embed_next_to_a_link() {
    let body = parse("![[Ada]] and [[Bob]]\n");
    assert_eq!(targets(&body), ["Bob"]);
}

#[test]
fn attendees_line_and_participants_section() {
    let body =
        parse("Attendees: [[Ada]], [[Bob]]\n\n## Participants\n- [[Cy]]\n\n## Attendees\n[[Di]]\n");
    assert_eq!(targets(&body), ["Ada", "Bob", "Cy", "Di"]);
}

#[test]
fn person_fields_name_people() {
    let body = parse(
        "with:: Ada Lovelace, [[Bob]]\n\nLunch [person:: Cy] and (met:: \"Di\", @eve)\n\n- people:: [[Fay|F]]; Gus\n",
    );
    assert_eq!(
        targets(&body),
        ["Ada Lovelace", "Bob", "Cy", "Di", "eve", "Fay", "Gus"]
    );
    let cy = &body.mentions[2];
    assert_eq!(cy.span.line, 3);
    assert_eq!(cy.span.column, Some(17));
    assert_eq!(cy.span.end_column, Some(19));
}

#[test]
fn inline_fields_apply_to_mentions() {
    let body = parse(
        "Coffee with [[Ada]] by:: them\n[ask:: intro] [give:: book] (learned:: sails)\n\nLater [[Bob]].\n",
    );
    let ada = &body.mentions[0];
    assert_eq!(ada.by, Some(By::Them));
    assert_eq!(ada.asks, ["intro"]);
    assert_eq!(ada.gives, ["book"]);
    assert_eq!(ada.learned, ["sails"]);
    let bob = &body.mentions[1];
    assert_eq!(bob.by, None);
    assert!(bob.asks.is_empty());
}

#[test]
fn mentions_in_headings_and_tables() {
    let body = parse("## Call with [[Ada]]\n\n| who | note |\n|---|---|\n| [[Bob\\|B]] | hi |\n");
    assert_eq!(targets(&body), ["Ada", "Bob"]);
}

#[test]
fn same_name_twice_in_a_block_is_one_mention() {
    let body = parse("[[Ada]] and [[Ada|her]], with:: Ada\n\nlater [[Ada]]\n");
    let lines: Vec<usize> = body.mentions.iter().map(|m| m.span.line).collect();
    assert_eq!(lines, [1, 3]);
}

#[test]
fn many_mentions_share_a_text_budget() {
    let mut text = String::new();
    for i in 0..1_000 {
        let _ = write!(text, "[[P{i}]] ");
    }
    let body = parse(&text);
    assert_eq!(body.mentions.len(), 1_000);
    assert!(body.mentions.iter().all(|m| m.text.len() <= 256));
}

#[test]
fn empty_and_self_links_are_no_mentions() {
    let body = parse("[[#Heading]] and [[]] and [[ ]]\n");
    assert!(body.mentions.is_empty(), "{:?}", body.mentions);
}

// ---- tags ----

#[test]
fn inline_tags() {
    let body = parse(
        "# Title #inh\n#person met at #type/person\n`#code` and [[Ada#Work]] and https://x.org/#frag\n```\n#fenced\n```\n[label #inlink](https://x.org)\n",
    );
    assert_eq!(body.tags, ["inh", "person", "type/person"]);
}

#[test]
fn hash_heading_is_no_tag() {
    let body = parse("# person\n#contact\n");
    assert_eq!(body.tags, ["contact"]);
}

// ---- sections, title, interests ----

#[test]
fn sections_with_plain_text() {
    let body = parse_at("Intro **bold** text.\n\n# Ada\n## Work\nAt *Acme* [[Bob|with Bob]].\n\n- item one\n- item two\n## Empty\n", 3);
    let got: Vec<(&str, usize, &str)> = body
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.line, s.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("", 3, "Intro bold text."),
            ("Ada", 5, ""),
            ("Work", 6, "At Acme with Bob.\nitem one\nitem two"),
            ("Empty", 11, ""),
        ]
    );
}

#[test]
fn no_pre_heading_section_without_text() {
    let body = parse("\n\n## A\nx\n");
    assert_eq!(body.sections.len(), 1);
    assert_eq!(body.sections[0].heading, "A");
    assert_eq!(body.sections[0].line, 3);
}

#[test]
fn title_only_when_single_h1() {
    assert_eq!(
        parse("# Ada *Lovelace*\ntext\n## Sub\n").title.as_deref(),
        Some("Ada Lovelace")
    );
    assert_eq!(parse("# A\n# B\n").title, None);
    assert_eq!(parse("## A\n").title, None);
    assert_eq!(parse("Ada\n===\n").title.as_deref(), Some("Ada"));
}

#[test]
fn interests_sections() {
    let body = parse_at(
        "## Interests\n- Sailing\n- [[Jazz]] music\n  - bebop\n### Outdoors\n- hiking\n## Work\n- Acme\n## hobbies:\n* chess\n## LIKES\n1. cats\n## Passions\nPainting\n",
        20,
    );
    let got: Vec<(&str, usize)> = body
        .interests
        .iter()
        .map(|f| (f.value.as_str(), f.span.line))
        .collect();
    assert_eq!(
        got,
        [
            ("Sailing", 21),
            ("Jazz music", 22),
            ("bebop", 23),
            ("hiking", 25),
            ("chess", 29),
            ("cats", 31),
            ("Painting", 33)
        ]
    );
    assert_eq!(body.interests[0].span.column, Some(3));
}

#[test]
fn a_log_under_the_interests_heading_is_no_interest() {
    // As generated and as written: dated `###` entries right below
    // `## Interests` are interactions, their lines and fields not interests.
    let body = parse(
        "## Interests\n- climbing\n\nlikes:: tea\n\n### 2021-10-23 helped debug\nby:: both\nask:: an intro\nWe planned Lisbon.\n- a list in the entry\n### 2022-01-23 lunch\nBerlin.\n",
    );
    let got: Vec<&str> = body.interests.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(got, ["climbing"]);
    assert_eq!(dates(&body), ["2021-10-23", "2022-01-23"]);
    assert_eq!(body.interactions[0].asks, ["an intro"]);
}

// ---- spans: first line, CRLF ----

#[test]
fn spans_with_first_line_and_crlf() {
    let text = "# Ada\r\n\r\n## Log\r\n- 2026-03-01 call [by:: nope]\r\n  with [[Bob]]\r\n\r\n### 2026-03-02 Coffee\r\n";
    let body = parse_at(text, 5);
    assert_eq!(dates(&body), ["2026-03-01", "2026-03-02"]);
    let item = &body.interactions[0];
    assert_eq!(item.span.line, 8);
    assert_eq!(item.span.column, Some(3));
    assert_eq!(item.span.end_column, Some(30));
    assert_eq!(item.text, "2026-03-01 call [by:: nope]\nwith Bob");
    let heading = &body.interactions[1];
    assert_eq!(heading.span.line, 11);
    assert_eq!(heading.span.column, Some(5));
    assert_eq!(body.problems[0].span.line, 8);
    assert_eq!(body.problems[0].span.column, Some(19));
    assert_eq!(body.mentions[0].span.line, 9);
    assert_eq!(body.mentions[0].span.column, Some(8));
    assert_eq!(body.sections[1].line, 7);
    assert!(!body.sections.iter().any(|s| s.text.contains('\r')));
}

#[test]
fn crlf_code_block_text_has_no_carriage_returns() {
    let body = parse("## 2026-03-01 x\r\n```\r\nsome code\r\nmore\r\n```\r\n");
    assert!(!body.sections[0].text.contains('\r'));
    assert!(!body.interactions[0].text.contains('\r'));
    assert!(body.interactions[0].text.contains("some code\nmore"));
}

#[test]
fn wrapped_date_columns() {
    let body = parse("## Log\n- [x] **2026-03-01** a\n- [[2026-03-02]] b\n");
    assert_eq!(body.interactions[0].span.column, Some(9));
    assert_eq!(body.interactions[1].span.column, Some(5));
}

// ---- robustness ----

#[test]
fn empty_and_whitespace_bodies() {
    for text in ["", "\n", "\r\n", "   ", "\u{feff}"] {
        let body = parse(text);
        assert!(body.interactions.is_empty());
    }
}

#[test]
fn hostile_input_never_panics() {
    let long = "é".repeat(10_000);
    let cases = [
        "[[".to_string(),
        "]]".to_string(),
        "[[a|".to_string(),
        "![[".to_string(),
        "[[a]]]]".to_string(),
        "<!--".to_string(),
        "<!-- vaultnet-ignore".to_string(),
        "- [".to_string(),
        "- [x]".to_string(),
        "- [x] ".to_string(),
        "## ".to_string(),
        "#".to_string(),
        "| a |\n|---|\n| [[b\\|c]] |".to_string(),
        "> - [ ] > [[a]]".to_string(),
        "by:: \u{0}".to_string(),
        "\u{0}\u{1}\u{7f}\r\r\n".to_string(),
        "## \u{200b}2026-03-01".to_string(),
        format!("## Log\n- 2026-03-01 {long} [by:: {long}]"),
        format!("[[{long}]] with:: {long}"),
        "[x](%zz%) [y](%e9.md) [z](%)".to_string(),
    ];
    for case in cases {
        let _ = parse(&case);
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let quotes = format!("{} [[Ada]] by:: me", ">".repeat(50_000));
    let _ = parse(&quotes);
    let mut lists = String::from("## Log\n");
    for depth in 0..2_000 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- 2026-03-01 x\n");
    }
    let _ = parse(&lists);
    let brackets = format!(
        "{}{}{}",
        "[".repeat(20_000),
        "*".repeat(20_000),
        "(".repeat(20_000)
    );
    let _ = parse(&brackets);
    let mixed = "> - ".repeat(5_000);
    let _ = parse(&mixed);
}

#[test]
fn huge_interaction_text_is_capped() {
    let long = "word ".repeat(20_000);
    let body = parse(&format!("## 2026-03-01 x\n{long}\n"));
    assert!(body.interactions[0].text.len() <= TEXT_CAP);
    assert!(body.sections[0].text.len() > TEXT_CAP);
}

#[test]
fn public_inline_fields() {
    let fields =
        inline_fields("- by:: me\nsome (ask:: x) and [give:: y]\n```\nlearned:: no\n```\n");
    let expected: Vec<(String, String)> = [("by", "me"), ("ask", "x"), ("give", "y")]
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect();
    assert_eq!(fields, expected);
}

#[test]
fn interaction_date_values() {
    let body = parse("## 2026-03-01 x\n");
    assert_eq!(body.interactions[0].date, day("2026-03-01"));
}

mod properties {
    use proptest::prelude::*;

    use super::parse;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_text_parses(text in "\\PC*") {
            let _ = parse(&text);
        }

        #[test]
        fn markdown_like_text_parses(text in "([-*>#\\[\\]()!|`:x \n\r0-9]|é|by|::|\\[\\[|<!--|-->|vaultnet-ignore|## Log\n){0,80}") {
            let body = parse(&text);
            for mention in &body.mentions {
                prop_assert!(mention.span.line >= 1);
            }
        }
    }
}

#[test]
fn contact_fields_read_every_alias_once() {
    let fields = contact_fields(
        "Lunch [initiated:: them] (ask:: an intro)\ngive:: a book\nby:: me\nlearned:: she rows",
    );
    assert_eq!(fields.by, Some(By::Them));
    assert_eq!(fields.asks, ["an intro"]);
    assert_eq!(fields.gives, ["a book"]);
    assert_eq!(fields.learned, ["she rows"]);
}

#[test]
fn unchecked_dated_tasks_anywhere_are_plans() {
    let body = parse(
        "Intro.\n\n- [ ] 2026-11-01 call about the offer\n- [ ] [[2026-11-20]] — send the deck\n\
         - [ ] ask Ada about Lisbon 📅 2026-12-05\n- [x] 2026-10-01 done already\n\
         - [ ] no date at all\n- [ ] 2026-12-24 parent\n  - [ ] 2026-12-25 nested step\n\n\
         ## Log\n- [ ] 2027-01-02 in the log too\n",
    );
    let plans: Vec<(String, &str, usize)> = body
        .plans
        .iter()
        .map(|p| (p.date.to_string(), p.text.as_str(), p.span.line))
        .collect();
    assert_eq!(
        plans,
        [
            ("2026-11-01".to_string(), "call about the offer", 3),
            ("2026-11-20".to_string(), "send the deck", 4),
            ("2026-12-05".to_string(), "ask Ada about Lisbon", 5),
            ("2026-12-24".to_string(), "parent", 8),
            ("2027-01-02".to_string(), "in the log too", 12),
        ]
    );
    assert!(body.plans.iter().all(|p| p.source == PlanSource::Task));
    assert!(body.interactions.is_empty(), "plans are not contact");
}
