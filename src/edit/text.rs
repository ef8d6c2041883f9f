//! Small readers of a note's raw text that writers need to build edits
//! in the note's own style: its line ending and where each line starts.

/// A note's line ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
}

impl LineEnding {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }
}

/// The line ending the note uses most (LF for a note with none).
#[must_use]
pub fn line_ending(text: &str) -> LineEnding {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    if crlf > lf {
        LineEnding::CrLf
    } else {
        LineEnding::Lf
    }
}

/// Byte offset of the start of each line (1-based line `n` starts at
/// `starts[n - 1]`); a final entry for the end of the text when it ends
/// with a line break is not added.
#[must_use]
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        text.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1)
            .filter(|i| *i < text.len()),
    );
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_ending() {
        assert_eq!(line_ending("a\r\nb\r\n"), LineEnding::CrLf);
        assert_eq!(line_ending("a\nb\n"), LineEnding::Lf);
        assert_eq!(line_ending("a"), LineEnding::Lf);
    }

    #[test]
    fn finds_line_starts() {
        assert_eq!(line_starts("a\nbc\n"), vec![0, 2]);
        assert_eq!(line_starts("a\nbc"), vec![0, 2]);
        assert_eq!(line_starts(""), vec![0]);
    }
}
