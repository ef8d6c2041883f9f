#!/usr/bin/env bash
# Benchmarks vaultnet against its peers on synthetic vaults, in one run
# on one machine, and writes BENCHMARKS.md with medians and ratios.
#
#   bench/run.sh                 # 1k, 10k and 100k people (slow: ~15 min)
#   bench/run.sh 1000 10000      # chosen sizes
#   bench/run.sh --smoke         # 1k people, few runs, no BENCHMARKS.md (CI)
#
# Peers: ripgrep (the cost of reading every byte, and a plain word search)
# and SQLite FTS5 (the engine zk uses) on a database of the same notes
# built once. Installs hyperfine, ripgrep, sqlite3 and GNU time if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=0
sizes=()
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1 ;;
    *) sizes+=("$arg") ;;
  esac
done
if [ ${#sizes[@]} -eq 0 ]; then
  if [ $smoke = 1 ]; then sizes=(1000); else sizes=(1000 10000 100000); fi
fi
runs=10; warmup=3
[ $smoke = 1 ] && runs=2 && warmup=1

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rg >/dev/null || need+=(ripgrep)
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The smoke run (CI) checks that the script works, not how fast: it uses
# the debug build `cargo test` has just made instead of a release build
# of every dependency.
profile=release
[ $smoke = 1 ] && profile=debug
if [ $profile = release ]; then
  cargo build --release --locked --quiet --bin vaultnet --example gen_vault
else
  cargo build --locked --quiet --bin vaultnet --example gen_vault
fi
bin=$PWD/target/$profile/vaultnet
gen=$PWD/target/$profile/examples/gen_vault
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
results=$work/results.tsv
: > "$results"
export VAULTNET_TODAY=2026-11-25

# median of a hyperfine JSON export, in ms
median() { python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000, 1))' "$1"; }
bench() { # name size command...
  local name=$1 size=$2; shift 2
  hyperfine -N -i --warmup "$warmup" --runs "$runs" --export-json "$work/$name-$size.json" "$@" >/dev/null 2>&1 \
    || hyperfine -i --warmup "$warmup" --runs "$runs" --export-json "$work/$name-$size.json" "$@" >/dev/null
  printf '%s\t%s\t%s\n' "$size" "$name" "$(median "$work/$name-$size.json")" >> "$results"
}
peak_mb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {printf "%.0f", $6/1024}'; }

base_runs=$runs; base_warmup=$warmup
for n in "${sizes[@]}"; do
  vault=$work/vault-$n
  echo "== $n people"
  # Large vaults take seconds a run: fewer runs keep the whole script short.
  if [ "$n" -ge 100000 ]; then runs=3; warmup=1; else runs=$base_runs; warmup=$base_warmup; fi
  [ -d "$vault" ] || "$gen" "$vault" --people "$n" --seed 7 >/dev/null
  bytes=$(du -sb --exclude=.vaultnet "$vault" | cut -f1)
  files=$(find "$vault" -name '*.md' | wc -l)
  printf '%s\tbytes\t%s\n%s\tfiles\t%s\n' "$n" "$bytes" "$n" "$files" >> "$results"

  # `check` with its cache of parsed notes warm (the warm-up runs fill
  # it), as a hook or a second run finds it; and parsing every note.
  bench check "$n" "$bin check $vault --format json -o /dev/null --exit-zero"
  bench check_cold "$n" "$bin check $vault --format json -o /dev/null --exit-zero --no-cache"
  bench rg_scan "$n" "rg -c -i zqxjvwk $vault"
  bench people "$n" "$bin people $vault --format json"

  idx=$work/index-$n
  bench index_full "$n" --prepare "rm -rf $idx" "$bin index $vault --index-dir $idx -q"
  "$bin" index "$vault" --index-dir "$idx" -q
  bench find_warm "$n" "$bin find pets $vault --index-dir $idx --format json"
  bench rg_search "$n" "rg -l -i -w pets $vault"
  note=$(find "$vault/People" -name '*.md' -print -quit)
  bench find_after_edit "$n" --prepare "sh -c 'echo \"- 2026-11-20: talked about her pets [by:: them]\" >> \"$note\"'" \
    "$bin find pets $vault --index-dir $idx --format json"

  db=$work/fts-$n.db
  if [ ! -f "$db" ]; then
    python3 - "$vault" "$db" <<'PY'
import os, sqlite3, sys
vault, db = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
con.execute("CREATE VIRTUAL TABLE notes USING fts5(path UNINDEXED, body, tokenize='porter unicode61')")
rows = []
for d, _, fs in os.walk(vault):
    for f in fs:
        if f.endswith(".md"):
            p = os.path.join(d, f)
            rows.append((p, open(p, encoding="utf-8", errors="replace").read()))
con.executemany("INSERT INTO notes VALUES (?, ?)", rows)
con.commit()
PY
  fi
  bench fts5_search "$n" "sqlite3 $db \"SELECT path FROM notes WHERE notes MATCH 'pets' ORDER BY rank LIMIT 10\""

  printf '%s\trss_check\t%s\n' "$n" "$(peak_mb "$bin" check "$vault" --format json -o /dev/null --exit-zero)" >> "$results"
  printf '%s\trss_check_cold\t%s\n' "$n" "$(peak_mb "$bin" check "$vault" --format json -o /dev/null --exit-zero --no-cache)" >> "$results"
  printf '%s\trss_index\t%s\n' "$n" "$(peak_mb "$bin" index "$vault" --index-dir "$work/rss-index-$n" -q)" >> "$results"
  printf '%s\trss_find\t%s\n' "$n" "$(peak_mb "$bin" find pets "$vault" --index-dir "$idx" --format json)" >> "$results"
  printf '%s\trss_people\t%s\n' "$n" "$(peak_mb "$bin" people "$vault" --format json)" >> "$results"
done

if [ $smoke = 1 ]; then
  echo "smoke run ok"
  column -t "$results"
  exit 0
fi

python3 bench/report.py "$results" > BENCHMARKS.md
echo "wrote BENCHMARKS.md"
