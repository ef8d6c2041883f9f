//! The physical floors the benchmarks compare vaultnet against: what
//! the required crates alone cost on a vault, with none of vaultnet's
//! own work. `bench/run.sh` runs it beside vaultnet and ripgrep.
//!
//! ```text
//! cargo run --release --example floors -- parse VAULT
//! cargo run --release --example floors -- index VAULT OUT_DIR
//! ```
//!
//! `parse` reads every note in parallel (as `check --no-cache` does)
//! and prints three times in ms, each a pass of its own: reading the
//! bytes; reading them and running pulldown-cmark's event stream over
//! the body; reading them and parsing the front matter with `serde_yaml`.
//! `index` indexes every note's whole text as one document of one text
//! field with tantivy's own tokenizer, two writer threads, one commit:
//! the least an index of the vault can cost.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn notes(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect()
}

fn split(text: &str) -> (&str, &str) {
    if let Some(rest) = text.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---\n") {
            return (&rest[..end], &rest[end + 5..]);
        }
    }
    ("", text)
}

fn timed(label: &str, f: impl FnOnce() -> usize) {
    let started = Instant::now();
    let n = f();
    println!(
        "{label}\t{:.1}\t(checksum {n})",
        started.elapsed().as_secs_f64() * 1000.0
    );
}

fn parse(root: &Path) {
    let files = notes(root);
    let read = |p: &PathBuf| std::fs::read_to_string(p).unwrap_or_default();
    timed("read_ms", || files.par_iter().map(|p| read(p).len()).sum());
    timed("markdown_ms", || {
        files
            .par_iter()
            .map(|p| {
                let text = read(p);
                let options = pulldown_cmark::Options::ENABLE_TABLES
                    | pulldown_cmark::Options::ENABLE_TASKLISTS;
                pulldown_cmark::Parser::new_ext(split(&text).1, options).count()
            })
            .sum()
    });
    timed("yaml_ms", || {
        files
            .par_iter()
            .map(|p| {
                let text = read(p);
                serde_yaml::from_str::<serde_yaml::Value>(split(&text).0)
                    .map_or(0, |v| v.as_mapping().map_or(0, serde_yaml::Mapping::len))
            })
            .sum()
    });
}

fn index(root: &Path, out: &Path) -> tantivy::Result<()> {
    use tantivy::schema::{Schema, STORED, STRING, TEXT};
    let started = Instant::now();
    let mut schema = Schema::builder();
    let path = schema.add_text_field("path", STRING | STORED);
    let body = schema.add_text_field("body", TEXT);
    std::fs::create_dir_all(out)?;
    let index = tantivy::Index::create_in_dir(out, schema.build())?;
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(2, 2 * 60_000_000)?;
    let files = notes(root);
    let (tx, rx) = std::sync::mpsc::sync_channel::<(String, String)>(256);
    std::thread::scope(|scope| -> tantivy::Result<()> {
        scope.spawn(move || {
            files.par_iter().for_each_with(tx, |tx, p| {
                let text = std::fs::read_to_string(p).unwrap_or_default();
                let _ = tx.send((p.to_string_lossy().into_owned(), text));
            });
        });
        for (p, text) in rx {
            writer.add_document(tantivy::doc!(path => p, body => text))?;
        }
        Ok(())
    })?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!("index_ms\t{:.1}", started.elapsed().as_secs_f64() * 1000.0);
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, vault] if cmd == "parse" => parse(Path::new(vault)),
        [cmd, vault, out] if cmd == "index" => {
            if let Err(e) = index(Path::new(vault), Path::new(out)) {
                eprintln!("floors: {e}");
                std::process::exit(2);
            }
        }
        _ => {
            eprintln!("usage: floors parse VAULT | floors index VAULT OUT_DIR");
            std::process::exit(2);
        }
    }
}
