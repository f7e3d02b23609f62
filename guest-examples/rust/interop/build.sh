#!/bin/sh
# Builds build/interop.rust.wasm (skips with a message if Debian's rustc 1.63 / wasm32 std are missing).
# The commands themselves are in scripts/build-native-guests.mjs (also run by `npm install`).
cd "$(dirname "$0")/../../.." && exec node scripts/build-native-guests.mjs "$@" rust-interop
