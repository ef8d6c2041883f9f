"""Turns bench/run.sh results (label, name, value) into BENCHMARKS.md.

A label is `<style>-<people>`: `gen` is the project's generator
(`examples/gen_vault.rs`), `short` the second style (`bench/gen_short.py`).
"""
import os
import platform
import subprocess
import sys
from collections import defaultdict

rows = defaultdict(dict)
for line in open(sys.argv[1]):
    label, name, value = line.rstrip("\n").split("\t")
    if value:
        rows[label][name] = float(value)


def order(label):
    style, n = label.rsplit("-", 1)
    return (int(n), style)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def ms(r, key):
    v = r.get(key)
    return f"{v:,.0f} ms" if v is not None else "—"


def ratio(r, a, b):
    if a in r and r.get(b):
        return f"{r[a] / r[b]:.2f}×"
    return "—"


def mb(r, key):
    v = r.get(key)
    return f"{v:,.0f} MB" if v is not None else "—"


def table(head, cells):
    print("| " + " | ".join(head) + " |")
    print("|" + "---:|" * len(head))
    for label in sorted(rows, key=order):
        r = rows[label]
        print("| " + " | ".join([label, f"{int(r.get('files', 0)):,}", f"{r.get('bytes', 0) / 1e6:.0f}"] + [c(r) for c in cells]) + " |")
    print()


cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
mem = sh("free -g | awk '/Mem/ {print $2}'")
print("# Benchmarks\n")
print("Measured by `bench/run.sh` in one run on one machine; every figure is a")
print("median of hyperfine runs (warm page cache). Ratios compare vaultnet with")
print("a peer measured in the same run; absolute times are context only.\n")
print(f"- machine: {os.cpu_count()} cores ({cpu}), {mem} GiB, {platform.system()} {platform.release()}")
rg_version = sh("rg --version | head -1")
sqlite_version = sh("sqlite3 --version | cut -d' ' -f1")
print(f"- peers: {rg_version}; SQLite {sqlite_version} (FTS5, porter tokenizer);")
print("  `examples/floors.rs` (the required crates alone)")
print(f"- vaultnet: {sh('git rev-parse --short HEAD')}")
print("- vaults: `gen-N` is `cargo run --release --example gen_vault -- OUT --people N --seed 7`")
print("  (long person notes with their own logs, some of tens of kB); `short-N` is")
print("  `bench/gen_short.py OUT --people N --seed 11` (contact cards of ~420 bytes,")
print("  three journal or meeting notes per person)\n")

print("## check\n")
table(["vault", "files", "MB", "check", "check (full format)", "after 1 edit", "--no-cache", "rg scan", "check / rg",
       "full / rg", "edit / rg", "no-cache / rg",
       "floor: read", "floor: +markdown", "floor: +yaml", "people"],
      [lambda r: ms(r, "check"), lambda r: ms(r, "check_full"), lambda r: ms(r, "check_edit"), lambda r: ms(r, "check_cold"),
       lambda r: ms(r, "rg_scan"),
       lambda r: ratio(r, "check", "rg_scan"), lambda r: ratio(r, "check_full", "rg_scan"),
       lambda r: ratio(r, "check_edit", "rg_scan"), lambda r: ratio(r, "check_cold", "rg_scan"),
       lambda r: ms(r, "floor_read"), lambda r: ms(r, "floor_markdown"), lambda r: ms(r, "floor_yaml"), lambda r: ms(r, "people")])

print("## find and index\n")
table(["vault", "files", "MB", "find (warm)", "rg -l -w", "find / rg", "FTS5", "find / FTS5", "after 1 edit",
       "after add/delete person", "after rename", "person / edit", "index (new)", "index --rebuild", "floor: tantivy"],
      [lambda r: ms(r, "find_warm"), lambda r: ms(r, "rg_search"), lambda r: ratio(r, "find_warm", "rg_search"),
       lambda r: ms(r, "fts5_search"), lambda r: ratio(r, "find_warm", "fts5_search"), lambda r: ms(r, "find_after_edit"),
       lambda r: ms(r, "find_after_person"), lambda r: ms(r, "find_after_rename"),
       lambda r: ratio(r, "find_after_person", "find_after_edit"),
       lambda r: ms(r, "index_full"), lambda r: ms(r, "index_rebuild"), lambda r: ms(r, "floor_index")])

print("## Peak resident memory (`/usr/bin/time -v`)\n")
table(["vault", "files", "MB", "check", "check after 1 edit", "check --no-cache", "index", "find", "people"],
      [lambda r: mb(r, "rss_check"), lambda r: mb(r, "rss_check_edit"), lambda r: mb(r, "rss_check_cold"),
       lambda r: mb(r, "rss_index"), lambda r: mb(r, "rss_find"), lambda r: mb(r, "rss_people")])

print("Commands: `vaultnet check VAULT --format json -o /dev/null --exit-zero` on an")
print("unchanged vault (its stored report), after appending a line to one note (the")
print("cache of parsed notes for the rest), and with `--no-cache` (every note parsed);")
print("`vaultnet check VAULT --exit-zero` (the default `full` format, stdout not a")
print("terminal) on the unchanged vault;")
print("vs `rg -c -i <absent pattern> VAULT`; `vaultnet find pets VAULT --format json`")
print("on a warm index vs `rg -l -i -w pets VAULT` and an FTS5 `MATCH 'pets'` query,")
print("and right after one note was edited, a person added or deleted, or a person")
print("renamed; `vaultnet index` into a new folder and `--rebuild` over an existing one.")
print("Floors: `examples/floors.rs parse` (read / + pulldown-cmark / + serde_yaml, each")
print("a separate parallel pass that reads again) and `floors index` (the whole text of")
print("every note as one document of one field, two writer threads).")

analysis = os.path.join(os.path.dirname(__file__), "ANALYSIS.md")
if os.path.exists(analysis):
    print()
    print(open(analysis, encoding="utf-8").read().rstrip())
