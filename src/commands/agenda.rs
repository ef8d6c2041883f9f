//! `vaultnet agenda [PATH]`: who to reach out to in the coming days and
//! what to talk about ([`crate::agenda`]).

use super::{stdout_error, today, vault_settings, Outcome, Streams};
use crate::agenda::agenda;
use crate::cli::{AgendaArgs, AgendaFormat, GlobalArgs};
use crate::error::Result;
use crate::lint::settings::LintSettings;
use crate::output::agenda::{write_json, write_markdown, write_text};
use crate::output::people::NO_PEOPLE_HELP;
use crate::vault::{load, LoadOptions};

pub fn run(args: &AgendaArgs, global: &GlobalArgs, streams: &mut Streams<'_>) -> Result<Outcome> {
    let root = super::vault_target(args.path.as_deref(), global)?.root;
    let (settings, rules) = vault_settings(&root, global)?;
    // The same `[rules.no-follow-up] follow_up` the rule reads, checked
    // the same way (a bad value is a config error, exit 2).
    let lint = LintSettings::new(&rules, settings.config_path.as_deref(), None, None)?;
    let follow_up = lint.options.no_follow_up.follow_up.0;
    let vault = load(&settings, LoadOptions::default());
    let agenda = agenda(&vault, today(global), args.days, follow_up);
    match args.format {
        AgendaFormat::Json => write_json(streams.out, &agenda),
        AgendaFormat::Text => write_text(streams.out, &agenda, global.quiet),
        AgendaFormat::Markdown => write_markdown(streams.out, &agenda),
    }
    .map_err(stdout_error)?;
    if vault.people.is_empty() && !global.quiet {
        writeln!(streams.err, "{NO_PEOPLE_HELP}").map_err(stdout_error)?;
    }
    Ok(Outcome::Success)
}
