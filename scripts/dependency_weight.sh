#!/usr/bin/env bash
# Dependency weight of the `cronofy` crate, as a user gets it: a new crate in a temporary
# directory that depends on `cronofy` (default features), resolved with the repository's
# Cargo.lock, then:
#   - the packages of its dependency tree (`cargo tree -e normal`, and with build
#     dependencies and proc macros, everything a clean build compiles), and the duplicates;
#   - the clean build time of that tree in an empty target directory (dev profile; also
#     release with RELEASE=1).
#
# Usage: scripts/dependency_weight.sh           (RELEASE=1 scripts/dependency_weight.sh)
# Leaves nothing behind.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cronofy-deps.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export CARGO_TARGET_DIR="$WORK/target"

cp "$ROOT/rust-toolchain.toml" "$WORK/"
cp "$ROOT/Cargo.lock" "$WORK/"
mkdir -p "$WORK/src"
echo '//! Depends on cronofy, nothing else.' > "$WORK/src/lib.rs"
cat > "$WORK/Cargo.toml" <<EOF
[package]
name = "cronofy-user"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
cronofy = { path = "$ROOT/cronofy" }
EOF

cd "$WORK"
cargo fetch -q
# Every package but the user's crate itself, once ("(*)" marks repeats, "(proc-macro)" kinds).
packages() {
  cargo tree -e "$1" --prefix none 2>/dev/null |
    sed -E 's/ \((\*|proc-macro|\/[^)]*)\)//g' | grep -v '^cronofy-user ' | sort -u
}
normal=$(packages normal)
all=$(packages normal,build)
echo "toolchain: $(rustc --version)"
echo "packages in cronofy's dependency tree (cronofy and its workspace crates included):"
printf '  normal dependencies (cargo tree -e normal):           %d\n' "$(wc -l <<< "$normal")"
printf '  with build dependencies and proc macros (compiled):   %d\n' "$(wc -l <<< "$all")"
echo "  only needed to build (build scripts, proc macros' own deps):"
comm -13 <(echo "$normal") <(echo "$all") | sed 's/^/    /'
echo "duplicated packages (two versions compiled):"
cargo tree -e normal,build --duplicates 2>/dev/null | grep -E '^[a-z]' | sed 's/^/    /' || true

now() { date +%s.%N; }
elapsed() { awk "BEGIN { printf \"%.1f\", $2 - $1 }"; }
start=$(now)
cargo build -q
end=$(now)
echo "clean build, dev profile (cargo build, empty target dir, $(nproc) cores): $(elapsed "$start" "$end") s"
if [[ "${RELEASE:-0}" == 1 ]]; then
  start=$(now)
  cargo build -q --release
  end=$(now)
  echo "clean build, release profile: $(elapsed "$start" "$end") s"
fi
