#!/usr/bin/env bash
# Fetches gitleaks (the peer a user would pick) from Debian 13 (trixie), where it is a static binary, without
# touching the machine's apt state: a private sources list (same mirror as the machine, suite trixie),
# private lists/cache dirs, `apt-get download`, then `dpkg -x` into bench/.cache/. Prints the binary path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="$here/.cache/gitleaks"
bin="$cache/root/usr/bin/gitleaks"
if [[ -x "$bin" ]]; then echo "$bin"; exit 0; fi
mkdir -p "$cache/lists/partial" "$cache/apt-cache/archives/partial" "$cache/root"

# The mirror of the machine's own Debian sources (deb822 .sources or one-line .list), else the default.
mirror="$(grep -hoE '^URIs:\s*\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v -- '-security' | awk '{print $2}' | head -1 || true)"
[[ -n "$mirror" ]] || mirror="$(grep -hE '^deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -v -- '-security' | grep -oE 'https?://\S+' | head -1 || true)"
[[ -n "$mirror" ]] || mirror="http://deb.debian.org/debian"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
echo "deb [signed-by=$keyring] $mirror trixie main" > "$cache/sources.list"

apt_opts=(-o "Dir::Etc::SourceList=$cache/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$cache/lists" -o "Dir::Cache=$cache/apt-cache" -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)")
apt-get "${apt_opts[@]}" -qq update >&2
(cd "$cache" && apt-get "${apt_opts[@]}" -qq download gitleaks >&2)
dpkg -x "$(ls "$cache"/gitleaks_*.deb | head -1)" "$cache/root"
"$bin" version >&2
echo "$bin"
