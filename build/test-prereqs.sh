#!/usr/bin/env bash
# `npm test`'s pretest: the suite runs real tools (no mocks), so they must be there before it starts.
#   git, age, git-filter-repo, nix-instantiate (Debian: nix-bin), and Go 1.19 with sprig and yaml.v3
#   for the Go template oracle (../shared/tools/gotmpl-oracle), which this script also builds.
# On Debian/Ubuntu as root (or with password-less sudo) the missing packages are installed with
# apt-get; anywhere else the script names what is missing and exits 1: a test never skips a tool.
# CHEZMOI_SOPS_NO_INSTALL=1 only checks.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shared="${CHEZMOI_SOPS_SHARED:-$here/../../shared}"

# Debian package → a command it provides (the oracle's Go libraries are checked by package only).
packages=(git:git age:age git-filter-repo:git-filter-repo nix-bin:nix-instantiate bsdutils:script
  golang-1.19-go:/usr/lib/go-1.19/bin/go golang-github-masterminds-sprig-dev: golang-gopkg-yaml.v3-dev:)

have_dpkg=0; command -v dpkg-query >/dev/null 2>&1 && have_dpkg=1
missing=()
for entry in "${packages[@]}"; do
  pkg="${entry%%:*}" cmd="${entry#*:}"
  if ((have_dpkg)); then
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  elif [ -n "$cmd" ] && ! command -v "${cmd##*/}" >/dev/null 2>&1; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || { sudo -n true 2>/dev/null && sudo="sudo -n"; } || sudo="none"
  if ((have_dpkg)) && command -v apt-get >/dev/null 2>&1 && [ "$sudo" != none ] && [ -z "${CHEZMOI_SOPS_NO_INSTALL:-}" ]; then
    echo "test-prereqs: installing ${missing[*]}" >&2
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" ca-certificates >&2
  else
    echo "test-prereqs: the tests need these packages, which are not installed: ${missing[*]}" >&2
    echo "  Debian/Ubuntu: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    echo "  elsewhere: install git, age, git-filter-repo, Nix (nix-instantiate) and Go 1.19+ for ../shared/tools/gotmpl-oracle" >&2
    exit 1
  fi
fi

# The suite commits in temporary repositories: git needs an identity (only set when none is).
git config --global user.email >/dev/null 2>&1 || git config --global user.email "tests@chezmoi-sops.invalid"
git config --global user.name >/dev/null 2>&1 || git config --global user.name "chezmoi-sops tests"

# The Go oracle, built once where test/template/oracle.ts looks for it (skipped when it exists).
if [ -z "${GOTMPL_ORACLE:-}" ] && [ ! -x /tmp/gotmpl-oracle/bin/gotmpl-oracle ] && [ ! -x "$shared/tools/gotmpl-oracle/bin/gotmpl-oracle" ]; then
  [ -f "$shared/tools/gotmpl-oracle/build.sh" ] || { echo "test-prereqs: $shared/tools/gotmpl-oracle is missing (set CHEZMOI_SOPS_SHARED)" >&2; exit 1; }
  # Built from a scratch copy: build.sh writes beside itself when it can, and ../shared is read-only by rule.
  src="$(mktemp -d /tmp/gotmpl-oracle-src.XXXXXX)"
  cp -R "$shared/tools/gotmpl-oracle/." "$src/"
  rm -rf "$src/bin"
  built="$(bash "$src/build.sh" | tail -n 1)"
  mkdir -p /tmp/gotmpl-oracle/bin
  mv "$built" /tmp/gotmpl-oracle/bin/gotmpl-oracle.tmp && mv /tmp/gotmpl-oracle/bin/gotmpl-oracle.tmp /tmp/gotmpl-oracle/bin/gotmpl-oracle
  rm -rf "$src"
fi
