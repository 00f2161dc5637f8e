#!/usr/bin/env bash
# Builds the counter test guest (a multiboot ELF) into the given file.
set -euo pipefail
out=${1:?usage: build-guest.sh OUTPUT.elf}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
as --32 -o "$tmp/guest.o" "$here/counter-guest.S"
ld -m elf_i386 -Ttext=0x100000 -e _start -o "$out" "$tmp/guest.o"
