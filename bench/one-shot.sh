#!/usr/bin/env bash
# The one-shot promise on the demo, for any build: migrate --include-review --write, commit,
# purge run --yes --include-review; then how many of the values history reported before are still
# in some object, ref, .git file or work-tree file, and the exit codes of scan and history after.
# usage: bash bench/one-shot.sh [BIN]   (default: this checkout's bin/chezmoi-sops)
#   REVIEW_FLAG= bash bench/one-shot.sh OLD_BIN   for a build that has no --include-review (v0.1.0)
# The values are taken with this checkout's build, so two builds are judged on the same list.
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$here/bin/chezmoi-sops}"
review="${REVIEW_FLAG---include-review}"
judge="$here/bin/chezmoi-sops"
work="$(mktemp -d "${TMPDIR:-/tmp}/cs-one-shot.XXXXXX")"
trap 'rm -rf "$work"' EXIT
repo="$("$here/fixtures/demo/make-repo.sh" "$work/dotfiles")" || exit 2
mkdir -p "$work/nixos"
key="$(age-keygen 2>/dev/null | grep '^AGE-SECRET-KEY')"
printf 'creation_rules:\n  - path_regex: .*\\.yaml$\n    age: %s\n' "$(echo "$key" | age-keygen -y)" > "$work/nixos/.sops.yaml"
"$judge" history "$repo" --format json --show-secrets > "$work/before.json"
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const v = [...r.findings.map((f) => f.secret), ...r.variables.filter((x) => x.class === "review" || x.class === "secret").map((x) => x.value)];
  for (const s of new Set(v)) console.log(Buffer.from(s).toString("base64"));' "$work/before.json" > "$work/values"
cd "$repo"
SOPS_AGE_KEY="$key" "$bin" migrate . --sops-file "$work/nixos/secrets.yaml" $review --write --format json > "$work/migrate.json" 2>"$work/migrate.err"; m=$?
[ "$m" -le 1 ] || { echo "migrate failed (exit $m):"; head -3 "$work/migrate.err"; }
git add -A && git -c user.name=b -c user.email=b@example.com commit -qm "Move secrets to sops" >/dev/null
"$bin" purge run . --yes $review --backup-dir "$work/backup" > "$work/purge.out" 2>&1; p=$?
"$bin" scan . >/dev/null 2>&1; s=$?
"$bin" history . >/dev/null 2>&1; h=$?
git cat-file --batch-all-objects --batch > "$work/objects" 2>/dev/null
left=0 total=0
while read -r b64; do
  total=$((total + 1)); v="$(echo "$b64" | base64 -d)"
  if grep -rqF -- "$v" "$work/objects" .git $(git ls-files) 2>/dev/null; then left=$((left + 1)); fi
done < "$work/values"
echo "build: $bin"
echo "migrate exit $m, purge run exit $p ($(grep -c '^Verified: ' "$work/purge.out") 'Verified' line), scan after exit $s, history after exit $h"
echo "values history reported before: $total; still found somewhere after: $left"
