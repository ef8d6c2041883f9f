"""Turns bench/run.sh results (size, name, value) into BENCHMARKS.md."""
import os
import platform
import subprocess
import sys
from collections import defaultdict

rows = defaultdict(dict)
for line in open(sys.argv[1]):
    size, name, value = line.rstrip("\n").split("\t")
    rows[int(size)][name] = float(value)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
mem = sh("free -g | awk '/Mem/ {print $2}'")
print("# Benchmarks\n")
print("Measured by `bench/run.sh` in one run on one machine; every figure is a")
print("median of hyperfine runs (warm page cache). Ratios compare vaultnet with")
print("a peer measured in the same run; absolute times are context only.\n")
print(f"- machine: {os.cpu_count()} cores ({cpu}), {mem} GiB, {platform.system()} {platform.release()}")
rg_version = sh("rg --version | head -1")
sqlite_version = sh("sqlite3 --version | cut -d' ' -f1")
print(f"- peers: {rg_version}; SQLite {sqlite_version} (FTS5, porter tokenizer)")
print(f"- vaultnet: {sh('git rev-parse --short HEAD')}")
print("- vaults: `cargo run --release --example gen_vault -- OUT --people N --seed 7`\n")


def ratio(a, b):
    return f"{a / b:.2f}×" if b else "n/a"


print("| people | files | MB | check | check --no-cache | rg scan | check / rg | no-cache / rg | find (warm) | rg -l -w | find / rg | FTS5 | find / FTS5 | index (full) | find after edit | after-edit / warm | people |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for size in sorted(rows):
    r = rows[size]
    print(
        f"| {size:,} | {int(r['files']):,} | {r['bytes'] / 1e6:.0f} "
        f"| {r['check']:.0f} ms | {r['check_cold']:.0f} ms | {r['rg_scan']:.0f} ms "
        f"| {ratio(r['check'], r['rg_scan'])} | {ratio(r['check_cold'], r['rg_scan'])} "
        f"| {r['find_warm']:.0f} ms | {r['rg_search']:.0f} ms | {ratio(r['find_warm'], r['rg_search'])} "
        f"| {r['fts5_search']:.0f} ms | {ratio(r['find_warm'], r['fts5_search'])} "
        f"| {r['index_full']:.0f} ms | {r['find_after_edit']:.0f} ms | {ratio(r['find_after_edit'], r['find_warm'])} "
        f"| {r['people']:.0f} ms |"
    )
print("\nPeak resident memory (`/usr/bin/time -v`):\n")
print("| people | check | check --no-cache | index | find | people |")
print("|---:|---:|---:|---:|---:|---:|")
for size in sorted(rows):
    r = rows[size]
    print(
        f"| {size:,} | {r['rss_check']:.0f} MB | {r['rss_check_cold']:.0f} MB | {r['rss_index']:.0f} MB "
        f"| {r['rss_find']:.0f} MB | {r['rss_people']:.0f} MB |"
    )
print()
print("Commands: `vaultnet check VAULT --format json -o /dev/null --exit-zero` (its cache")
print("of parsed notes warm, as the warm-up runs leave it; `--no-cache` parses every note) vs")
print("`rg -c -i <absent pattern> VAULT`; `vaultnet find pets VAULT --format json`")
print("on a warm index vs `rg -l -i -w pets VAULT` and an FTS5 `MATCH 'pets'` query;")
print("`vaultnet index` from scratch; `find` right after appending a line to one note.")

analysis = os.path.join(os.path.dirname(__file__), "ANALYSIS.md")
if os.path.exists(analysis):
    print()
    print(open(analysis, encoding="utf-8").read().rstrip())
