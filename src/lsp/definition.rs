//! `textDocument/definition`: a `[[Person]]` link, a participant value
//! or an inline person field's value opens the person's note, at the
//! line that names them.

use lsp_types::{Location, Position, Range, Url};

use super::document::{self, Target};
use super::workspace::Workspace;

/// The note of the person named under the cursor.
#[must_use]
pub fn definition(ws: &Workspace, text: &str, position: Position) -> Option<Location> {
    let Target::Name(name) = document::target_at(text, position)? else {
        return None;
    };
    let person = ws.person(&name)?;
    let uri = Url::from_file_path(ws.root.join(&person.path)).ok()?;
    let line = person.name_span.line.saturating_sub(1) as u32;
    Some(Location {
        uri,
        range: Range::new(Position::new(line, 0), Position::new(line, 0)),
    })
}
