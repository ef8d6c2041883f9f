//! Obsidian inline tags (`#person`, `#type/person`) in a block's text.
//! A tag starts after whitespace or at the start of the text, so `#` in
//! the middle of a word, a URL fragment or a `[[Note#heading]]` link is
//! no tag; the caller leaves code and link text out of what it scans.

use std::collections::HashSet;
use std::ops::Range;

/// Tags of `text` without `#`, skipping byte ranges in `skip` (links,
/// sorted), added to `out` unless `seen` holds them already.
pub(super) fn scan_tags(
    text: &str,
    skip: &[Range<usize>],
    out: &mut Vec<String>,
    seen: &mut HashSet<String>,
) {
    let mut skip = skip.iter().peekable();
    for (i, _) in text.match_indices('#') {
        while skip.peek().is_some_and(|r| r.end <= i) {
            skip.next();
        }
        if skip.peek().is_some_and(|r| r.contains(&i)) {
            continue;
        }
        if !text[..i]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
        {
            continue;
        }
        let rest = &text[i + 1..];
        let len: usize = rest
            .chars()
            .take_while(|c| is_tag_char(*c))
            .map(char::len_utf8)
            .sum();
        let tag = rest[..len].trim_end_matches('/');
        let valid =
            !tag.is_empty() && !tag.starts_with('/') && tag.chars().any(|c| !c.is_ascii_digit());
        if valid && !seen.contains(tag) {
            seen.insert(tag.to_string());
            out.push(tag.to_string());
        }
    }
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan_tags(text, &[], &mut out, &mut HashSet::new());
        out
    }

    #[test]
    fn plain_and_nested_tags() {
        assert_eq!(
            tags("#person met at #type/person."),
            vec!["person", "type/person"]
        );
        assert_eq!(tags("a #café_2-x b"), vec!["café_2-x"]);
    }

    #[test]
    fn tag_after_a_link_is_glued_to_it() {
        let mut out = Vec::new();
        scan_tags(
            "[[a]]#b #c",
            std::slice::from_ref(&(0..5)),
            &mut out,
            &mut HashSet::new(),
        );
        assert_eq!(out, vec!["c"]);
    }

    #[test]
    fn not_tags() {
        assert!(tags("a#b").is_empty());
        assert!(tags("see https://x.org/#frag").is_empty());
        assert!(tags("issue #123").is_empty());
        assert!(tags("# spaced").is_empty());
        assert!(tags("##double").is_empty());
        assert!(tags("#/x").is_empty());
    }

    #[test]
    fn duplicates_are_dropped_and_trailing_slash_trimmed() {
        assert_eq!(tags("#a #a #b/"), vec!["a", "b"]);
    }

    #[test]
    fn skipped_ranges_hold_no_tag() {
        let text = "[[Ada #x]] #y";
        let mut out = Vec::new();
        scan_tags(
            text,
            std::slice::from_ref(&(0..10)),
            &mut out,
            &mut HashSet::new(),
        );
        assert_eq!(out, vec!["y"]);
    }
}
