//! `check --format junit`: `JUnit` XML for CI systems that show test
//! reports (GitLab, Jenkins, Azure, test-report actions). Each note with
//! findings is a `<testsuite>`, each finding a `<testcase>` holding a
//! `<failure>`; a clean run is one passing test case, so the report is
//! never empty. Written by hand: the shape is small and fixed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::RenderContext;
use crate::lint::{Diagnostic, Report};

/// Writes the XML document with a final newline.
pub fn render(report: &Report, ctx: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(document(report, ctx).as_bytes())
}

/// The XML document.
#[must_use]
pub fn document(report: &Report, ctx: &RenderContext<'_>) -> String {
    let mut by_file: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for d in &report.diagnostics {
        by_file.entry(ctx.display_path(d)).or_default().push(d);
    }
    let total = report.diagnostics.len();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if total == 0 {
        xml.push_str(
            "<testsuites name=\"vaultnet\" tests=\"1\" failures=\"0\" errors=\"0\">\n  \
             <testsuite name=\"vaultnet\" tests=\"1\" failures=\"0\" errors=\"0\">\n    \
             <testcase name=\"no problems found\" classname=\"vaultnet\"/>\n  \
             </testsuite>\n</testsuites>\n",
        );
        return xml;
    }
    let _ = writeln!(
        xml,
        "<testsuites name=\"vaultnet\" tests=\"{total}\" failures=\"{total}\" errors=\"0\">"
    );
    for (path, findings) in &by_file {
        let n = findings.len();
        let raw_path = path;
        let path = escape(path);
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{path}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\">"
        );
        for d in findings {
            let location = match d.span.column {
                Some(column) => format!("{raw_path}:{}:{column}", d.span.line),
                None => format!("{raw_path}:{}", d.span.line),
            };
            let mut body = format!("{location}: {}", d.message);
            if let Some(person) = &d.person {
                let _ = write!(body, "\nperson: {person}");
            }
            if let Some(help) = &d.help {
                let _ = write!(body, "\nhelp: {help}");
            }
            let _ = writeln!(
                xml,
                "    <testcase name=\"{} {} at line {}\" classname=\"{path}\" file=\"{path}\" line=\"{}\">\n      \
                 <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                d.code,
                d.rule,
                d.span.line,
                d.span.line,
                d.level.as_str(),
                escape(&d.message),
                escape_text(&body),
            );
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

/// Escapes text for an XML attribute. Characters XML 1.0 cannot hold at
/// all (most C0 controls) become U+FFFD; line ends and tabs become
/// character references, which attribute normalisation would otherwise
/// turn into spaces.
#[must_use]
pub fn escape(text: &str) -> String {
    escape_with(text, true)
}

/// Escapes text for element content: as [`escape`], but line ends stay.
#[must_use]
pub fn escape_text(text: &str) -> String {
    escape_with(text, false)
}

fn escape_with(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' if !attribute => out.push('\n'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c if c.is_control() && u32::from(c) < 0x20 => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1b}\n"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{fffd}&#10;"
        );
        assert_eq!(escape_text("a\nb\r<"), "a\nb&#13;&lt;");
    }
}
