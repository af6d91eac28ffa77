#!/usr/bin/env bash
# History benchmark: builds (once) a large dotfiles repo with planted secrets, then times our history scan
# and gitleaks on it in the same run: wall time, MB of git objects per second, peak memory, recall.
#   bench/history.sh [--regen] [--lib] [--commits N] [--files N]
#   Times `node bin/chezmoi-sops history` (the CLI with the real chezmoi-aware scanner); --lib times the
#   library with the stand-in scanner of bench/history-scanner.mjs instead (bench/history-run.mjs).
# Targets: our wall <= 0.75x gitleaks, peak memory < 250 MB, recall 100%.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/bench/out"
repo="$out/history-repo"
regen=0 cli=1 gen_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --regen) regen=1 ;;
    --lib) cli=0 ;;
    --commits|--files) gen_args+=("$1" "$2"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out"

if [[ $regen = 1 || ! -f "$repo.planted.json" ]]; then
  start=$(date +%s.%N)
  node "$root/bench/gen-history-repo.mjs" "$repo" "${gen_args[@]}"
  echo "generated in $(echo "$(date +%s.%N) - $start" | bc) s"
fi
(cd "$root" && npx tsc -p tsconfig.json >/dev/null 2>&1 || true) # others' work in progress may not type-check; dist/ is still emitted
gitleaks="$("$root/bench/get-gitleaks.sh")"

# Peak RSS and wall time of a command (GNU time when present, else the shell's clock and the tool's own report).
measure() { # label outfile cmd...
  local label="$1" tfile="$out/$1.time"; shift
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%e %M' -o "$tfile" "$@" >"$out/$label.stdout" 2>"$out/$label.stderr" || true
  else
    local s; s=$(date +%s.%N); "$@" >"$out/$label.stdout" 2>"$out/$label.stderr" || true
    echo "$(echo "$(date +%s.%N) - $s" | bc) 0" >"$tfile"
  fi
  read -r wall rss < <(tail -n 1 "$tfile") # GNU time prefixes "Command exited with non-zero status N"
  printf '%s %s\n' "$wall" "$rss"
}

objects_mb=$(git -C "$repo" cat-file --batch-all-objects --batch-check='%(objectsize)' | awk '{s+=$1} END {printf "%.1f", s/1048576}')
pack_mb=$(du -sm "$repo/.git/objects" | cut -f1)
commits=$(git -C "$repo" rev-list --all --count)

if [[ $cli = 1 ]]; then
  read -r our_wall our_rss < <(measure ours node "$root/bin/chezmoi-sops" history "$repo" --format json --show-secrets --quiet --output "$out/ours.json")
else
  read -r our_wall our_rss < <(measure ours node "$root/bench/history-run.mjs" "$repo" "$out/ours.json")
fi
read -r gl_wall gl_rss < <(measure gitleaks "$gitleaks" detect --source "$repo" --log-opts=--all --no-banner --report-format json --report-path "$out/gitleaks.json" --exit-code 0)

echo "repo: $commits commits, $objects_mb MB of git objects (uncompressed; $pack_mb MB on disk)"
printf '%-10s %8s %10s %10s\n' tool 'wall s' 'MB/s' 'peak MB'
printf '%-10s %8.2f %10.1f %10.0f\n' ours "$our_wall" "$(echo "$objects_mb / $our_wall" | bc -l)" "$(echo "$our_rss / 1024" | bc -l)"
printf '%-10s %8.2f %10.1f %10.0f\n' gitleaks "$gl_wall" "$(echo "$objects_mb / $gl_wall" | bc -l)" "$(echo "$gl_rss / 1024" | bc -l)"
ratio=$(echo "$our_wall / $gl_wall" | bc -l)
printf 'wall ratio ours/gitleaks: %.2f (target <= 0.75)\n' "$ratio"
recall_ok=0; node "$root/bench/history-recall.mjs" "$repo.planted.json" "$out/ours.json" "$out/gitleaks.json" || recall_ok=1
fail=0
(( $(echo "$ratio > 0.75" | bc -l) )) && { echo "FAIL: wall time target"; fail=1; }
(( our_rss >= 250 * 1024 )) && { echo "FAIL: peak memory target"; fail=1; }
(( recall_ok != 0 )) && { echo "FAIL: recall target"; fail=1; }
[[ $fail = 0 ]] && echo "all targets met"
exit $fail
