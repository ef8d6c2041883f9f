//! `<!-- vaultnet-ignore RULE… -->` comments: the rules they name and
//! where they sit in the note.

use std::ops::Range;

const KEYWORD: &str = "vaultnet-ignore";

/// Every `vaultnet-ignore` comment in `html` (source text starting at
/// byte `base` of the note): its byte range in the note and its rule
/// names or codes, split on spaces and commas.
pub(super) fn ignore_comments(html: &str, base: usize) -> Vec<(Range<usize>, Vec<String>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = html.get(from..).and_then(|s| s.find("<!--")) {
        let open = from + found;
        let inner_start = open + 4;
        let close = html[inner_start..].find("-->").map(|p| inner_start + p);
        let inner_end = close.unwrap_or(html.len());
        let end = close.map_or(html.len(), |c| c + 3);
        from = end.max(inner_start);
        let inner = html[inner_start..inner_end].trim_start();
        let Some(head) = inner.get(..KEYWORD.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(KEYWORD) {
            continue;
        }
        let rest = &inner[KEYWORD.len()..];
        if rest.starts_with(|c: char| !(c.is_whitespace() || c == ':')) {
            continue;
        }
        let rules = rest
            .split(|c: char| c.is_whitespace() || c == ',' || c == ':')
            // A comment inside a block quote carries `>` markers on its lines.
            .filter(|r| !r.is_empty() && *r != ">")
            .map(str::to_string)
            .collect();
        out.push((base + open..base + end, rules));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(html: &str) -> Vec<Vec<String>> {
        ignore_comments(html, 0)
            .into_iter()
            .map(|(_, r)| r)
            .collect()
    }

    #[test]
    fn rules_split_on_spaces_and_commas() {
        assert_eq!(
            rules("<!-- vaultnet-ignore stale-relationship, VN107  early-ask -->"),
            vec![vec!["stale-relationship", "VN107", "early-ask"]]
        );
        assert_eq!(rules("<!--vaultnet-ignore: a-->"), vec![vec!["a"]]);
        assert_eq!(rules("<!-- VaultNet-Ignore a -->"), vec![vec!["a"]]);
    }

    #[test]
    fn empty_and_multi_line() {
        assert_eq!(
            rules("<!-- vaultnet-ignore -->"),
            vec![Vec::<String>::new()]
        );
        assert_eq!(
            rules("<!-- vaultnet-ignore\n  a\n  b -->"),
            vec![vec!["a", "b"]]
        );
    }

    #[test]
    fn other_comments_are_not_ignores() {
        assert!(rules("<!-- note -->").is_empty());
        assert!(rules("<!-- vaultnet-ignored a -->").is_empty());
        assert!(rules("<div>vaultnet-ignore a</div>").is_empty());
    }

    #[test]
    fn ranges_and_several_comments() {
        let html = "x <!-- vaultnet-ignore a --> <!-- vaultnet-ignore b";
        let found = ignore_comments(html, 10);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, 12..38);
        assert_eq!(found[1].0.end, 10 + html.len());
        assert_eq!(found[1].1, vec!["b"]);
    }
}
