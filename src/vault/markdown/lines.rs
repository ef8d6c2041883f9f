//! Byte offsets to file lines and columns, through a table of line
//! starts built once per note, so every [`Span`] names a line of the file
//! and a 1-based column counted in characters.

use std::cell::Cell;
use std::ops::Range;

use crate::model::Span;

pub(super) struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the first byte of each line; `starts[0] == 0`.
    starts: Vec<usize>,
    /// File line of the text's first line.
    first_line: usize,
    /// Last column computed: `(line index, byte offset, column)`. Queries
    /// mostly move forward along a line, so counting resumes from here and
    /// a long single-line note stays linear.
    cache: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(text: &'a str, first_line: usize) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        // `match_indices` with a `char` jumps with `memchr`.
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            first_line: first_line.max(1),
            cache: Cell::new((0, 0, 1)),
        }
    }

    /// Index (0-based) of the line holding `offset`.
    fn index(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The line holding `offset` and the offset where it starts.
    pub(super) fn line_at(&self, offset: usize) -> (&'a str, usize) {
        let index = self.index(offset);
        let start = self.starts[index];
        let end = self.starts.get(index + 1).map_or(self.text.len(), |e| *e);
        let line = self.text.get(start..end).unwrap_or("");
        (line.trim_end_matches(['\n', '\r']), start)
    }

    /// The offset where the line after the one holding `offset` starts.
    pub(super) fn next_line(&self, offset: usize) -> Option<usize> {
        self.starts.get(self.index(offset) + 1).copied()
    }

    /// 1-based file line of a byte offset.
    pub(super) fn line(&self, offset: usize) -> usize {
        self.first_line + self.index(offset)
    }

    /// 1-based column (in characters) of a byte offset.
    pub(super) fn column(&self, offset: usize) -> usize {
        let offset = floor_boundary(self.text, offset);
        let index = self.index(offset);
        let start = self.starts[index];
        let (c_index, c_offset, c_column) = self.cache.get();
        let (from, column) = if c_index == index && c_offset <= offset && c_offset >= start {
            (c_offset, c_column)
        } else {
            (start, 1)
        };
        let column = column + self.text.get(from..offset).map_or(0, |s| s.chars().count());
        self.cache.set((index, offset, column));
        column
    }

    /// Offset just past the visible content of the line holding `offset`
    /// (before `\r\n` and trailing blanks).
    pub(super) fn content_end(&self, offset: usize) -> usize {
        let index = self.index(offset);
        let start = self.starts[index];
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |s| s - 1);
        let line = self.text.get(start..end).unwrap_or("");
        start + line.trim_end().len()
    }

    /// A span from `range.start` to `range.end` (exclusive).
    pub(super) fn span(&self, range: Range<usize>) -> Span {
        let line = self.line(range.start);
        let column = self.column(range.start);
        let mut end = range.end.max(range.start);
        // A range that takes in its line's `\n` ends on that line, not
        // at the start of the next (which may not exist).
        if end > range.start && self.text.as_bytes().get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        Span {
            line,
            column: Some(column),
            end_line: Some(self.line(end)),
            end_column: Some(self.column(end).max(column)),
        }
    }
}

/// The largest char boundary at or below `offset` (clamped to the text).
pub(crate) fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_from_first_line() {
        let text = "ab\ncd\r\nef";
        let index = LineIndex::new(text, 5);
        assert_eq!(index.line(0), 5);
        assert_eq!(index.line(2), 5);
        assert_eq!(index.line(3), 6);
        assert_eq!(index.line(7), 7);
        assert_eq!(index.column(4), 2);
        assert_eq!(index.column(8), 2);
        assert_eq!(index.column(3), 1);
    }

    #[test]
    fn columns_count_characters() {
        let text = "éé x";
        let index = LineIndex::new(text, 1);
        assert_eq!(index.column(5), 4);
        // Inside a character: the column of that character.
        assert_eq!(index.column(1), 1);
        assert_eq!(index.column(99), 5);
    }

    #[test]
    fn cache_goes_backwards_safely() {
        let text = "abcdef\nxyz";
        let index = LineIndex::new(text, 1);
        assert_eq!(index.column(5), 6);
        assert_eq!(index.column(2), 3);
        assert_eq!(index.column(8), 2);
        assert_eq!(index.column(4), 5);
    }

    #[test]
    fn content_end_skips_crlf_and_blanks() {
        let text = "hello  \r\nworld";
        let index = LineIndex::new(text, 1);
        assert_eq!(index.content_end(2), 5);
        assert_eq!(index.content_end(10), 14);
    }

    #[test]
    fn span_on_one_line() {
        let text = "x\n  [[Ada]]";
        let index = LineIndex::new(text, 10);
        let span = index.span(4..11);
        assert_eq!(
            span,
            Span {
                line: 11,
                column: Some(3),
                end_line: Some(11),
                end_column: Some(10)
            }
        );
    }

    #[test]
    fn a_span_ending_with_its_newline_ends_on_its_line() {
        let index = LineIndex::new("<!-- a\n", 1);
        let span = index.span(0..7);
        assert_eq!((span.end_line, span.end_column), (Some(1), Some(7)));
    }

    #[test]
    fn zero_first_line_is_one() {
        assert_eq!(LineIndex::new("", 0).line(0), 1);
    }
}
