//! `textDocument/publishDiagnostics`: `check`'s findings for a note, as
//! LSP diagnostics.
//!
//! The mapping, documented in `docs/editors.md`: severity error, warning
//! and info become Error, Warning and Information; `code` is the rule
//! name with its code, `stale-relationship (VN101)`, so both show in the
//! editor as they do in `check`; the help follows the message on a new
//! line; `source` is `vaultnet`; `codeDescription.href` is the rule's
//! page in the crate docs ([`RULE_DOCS`]); a duplicate person carries
//! the other note as related information.

use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, Position, Range, Url,
};

use super::document;
use crate::lint::{Diagnostic, Level};

/// Where each rule's documentation lives: its module's page in the
/// crate docs, `<RULE_DOCS><rule_name>/index.html`. The same text is
/// printed by `vaultnet rule NAME`.
pub const RULE_DOCS: &str = "https://docs.rs/vaultnet/latest/vaultnet/lint/rules/";

/// The LSP diagnostic for one finding of the note whose text is `text`.
/// `url_of` turns a vault-relative path into the note's URL (for the
/// other note of a duplicate).
#[must_use]
pub fn to_lsp(
    d: &Diagnostic,
    text: &str,
    url_of: &dyn Fn(&str) -> Option<Url>,
    other_text: &dyn Fn(&str) -> Option<String>,
) -> LspDiagnostic {
    let range = document::range(
        text,
        d.span.line,
        d.span.column,
        d.span.end_line,
        d.span.end_column,
    );
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    LspDiagnostic {
        range,
        severity: Some(severity(d.level)),
        code: Some(NumberOrString::String(code(d))),
        code_description: rule_url(d.rule).map(|href| CodeDescription { href }),
        source: Some("vaultnet".to_string()),
        message,
        related_information: related(d, url_of, other_text),
        tags: None,
        data: None,
    }
}

/// `stale-relationship (VN101)`.
#[must_use]
pub fn code(d: &Diagnostic) -> String {
    format!("{} ({})", d.rule, d.code)
}

#[must_use]
pub fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warning => DiagnosticSeverity::WARNING,
        Level::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The docs page of a rule, by its name.
#[must_use]
pub fn rule_url(rule: &str) -> Option<Url> {
    Url::parse(&format!("{RULE_DOCS}{}/index.html", rule.replace('-', "_"))).ok()
}

/// The other note of a `duplicate-person` finding, whose message ends
/// with its path (`` `Ada` also names the person in People/Ada 2.md ``).
fn related(
    d: &Diagnostic,
    url_of: &dyn Fn(&str) -> Option<Url>,
    other_text: &dyn Fn(&str) -> Option<String>,
) -> Option<Vec<DiagnosticRelatedInformation>> {
    if d.rule != "duplicate-person" {
        return None;
    }
    let (_, path) = d.message.rsplit_once(" also names the person in ")?;
    let uri = url_of(path)?;
    let range = other_text(path)
        .and_then(|text| {
            let name = d.message.split('`').nth(1)?;
            let (line, l) = text
                .split('\n')
                .enumerate()
                .find(|(_, l)| l.contains(name))?;
            let start = l.find(name)?;
            Some(Range::new(
                Position::new(line as u32, document::column(l, start)),
                Position::new(line as u32, document::column(l, start + name.len())),
            ))
        })
        .unwrap_or_default();
    Some(vec![DiagnosticRelatedInformation {
        location: Location { uri, range },
        message: format!(
            "the other note naming `{}`",
            d.person.as_deref().unwrap_or("them")
        ),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn a_finding_maps_to_an_lsp_diagnostic() {
        let d = Diagnostic {
            code: "VN101",
            rule: "stale-relationship",
            level: Level::Error,
            message: "no contact for 200 days".into(),
            path: "People/Ada.md".into(),
            span: Span::line(2),
            person: Some("Ada".into()),
            help: Some("ask about sailing".into()),
        };
        let lsp = to_lsp(&d, "---\nname: Ada\n---\n", &|_| None, &|_| None);
        assert_eq!(lsp.severity, Some(DiagnosticSeverity::ERROR));
        assert_eq!(
            lsp.code,
            Some(NumberOrString::String("stale-relationship (VN101)".into()))
        );
        assert_eq!(
            lsp.range,
            Range::new(Position::new(1, 0), Position::new(1, 9))
        );
        assert_eq!(
            lsp.message,
            "no contact for 200 days\nhelp: ask about sailing"
        );
        assert_eq!(
            lsp.code_description.unwrap().href.as_str(),
            "https://docs.rs/vaultnet/latest/vaultnet/lint/rules/stale_relationship/index.html"
        );
    }
}
