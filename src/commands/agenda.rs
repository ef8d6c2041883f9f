//! `vaultnet agenda`: soon.
use super::{Outcome, Streams};
use crate::cli::{AgendaArgs, GlobalArgs};
use crate::error::{Error, Result};
pub fn run(
    _args: &AgendaArgs,
    _global: &GlobalArgs,
    _streams: &mut Streams<'_>,
) -> Result<Outcome> {
    Err(Error::Usage("agenda: not built yet".into()))
}
