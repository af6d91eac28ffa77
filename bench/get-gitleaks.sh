#!/usr/bin/env bash
# Fetch the gitleaks binary for the benchmarks into bench/.cache/ (never into the system):
# `apt-get download gitleaks` from Debian 13 (trixie) with a private sources list and private
# package lists, then `dpkg -x`. Prints the path of the binary on its last stdout line.
# Uses the machine's own Debian mirror (taken from its apt sources), suite changed to trixie.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="$here/.cache"
bin="$cache/gitleaks/usr/bin/gitleaks"
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi
command -v gitleaks >/dev/null 2>&1 && { command -v gitleaks; exit 0; }

apt_dir="$cache/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$cache/gitleaks"
mirror="$({ grep -hoE '^(URIs:|deb) +[a-z]+://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null || true; } \
  | sed -E 's/^(URIs:|deb) +//; s/ *$//' | head -n1)"
mirror="${mirror:-http://deb.debian.org/debian}"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
printf 'deb [signed-by=%s] %s trixie main\n' "$keyring" "$mirror" > "$apt_dir/sources.list"
opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::Archives=$apt_dir/archives"
      -o Debug::NoLocking=1 -o APT::Get::List-Cleanup=0)
apt-get "${opts[@]}" -qq update >&2
(cd "$apt_dir" && apt-get "${opts[@]}" -qq download gitleaks >&2)
deb="$(ls -t "$apt_dir"/gitleaks_*.deb | head -n1)"
dpkg -x "$deb" "$cache/gitleaks"
"$bin" version >&2
echo "$bin"
