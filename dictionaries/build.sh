#!/usr/bin/env bash
# Build rensa's dictionaries from their sources. Run from the repository root:
#   bash dictionaries/build.sh
# Needs root (or sudo) for apt-get when Debian packages are missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

APT_PKGS=(hunspell-sv hunspell-no hunspell-da hunspell-tools wswedish wnorwegian wdanish)
# NB: do not add myspell-nb, it conflicts with (removes) hunspell-no.

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

missing=()
for p in "${APT_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"; then
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  fi
fi

python3 -c 'import wordfreq' 2>/dev/null || python3 -m pip install wordfreq
# faker (MIT) is optional: extra Nordic given names/surnames from its locale data.
python3 -c 'import faker' 2>/dev/null || python3 -m pip install faker || echo "faker not installed; continuing without it"

time python3 dictionaries/build_lists.py

# Compile the TSVs into the committed .fst files (Rust side, crate rensa-lexicon).
cargo run --release -p rensa-dict-compile --example compile -- dictionaries/build dictionaries
# The consonant clusters the compiled lists open and close words with (restore's shape repairs).
cargo run --release -p rensa-dict-compile --example clusters -- dictionaries
# The letter models (restore's reading of names the lists lack).
cargo run --release -p rensa-dict-compile --example letters -- dictionaries
