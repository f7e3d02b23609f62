#!/usr/bin/env bash
# Installs the Debian packages that the non-JavaScript guests need (issue 8/9):
#   C:    clang-19, lld-19, wasi-libc, libclang-rt-19-dev-wasm32   (wasm32-wasi C, ~270 MB)
#   Rust: rustc, libstd-rust-dev-wasm32, lld-14                     (Debian rustc 1.63 + wasm std, ~540 MB)
# AssemblyScript comes from npm (devDependency), nothing to install here.
# Idempotent: packages already installed are skipped. Run as root or with sudo available.
# `.ci/run` calls it before `npm ci`; without these packages `npm install` skips the C/Rust guests
# with a message and their tests report as skipped.
set -euo pipefail
PKGS=(clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 rustc libstd-rust-dev-wasm32 lld-14)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then echo "toolchains: all present (${PKGS[*]})"; exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "toolchains: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
