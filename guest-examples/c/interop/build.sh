#!/bin/sh
# Builds build/interop.c.wasm (skips with a message if clang-19 / wasi-libc are missing).
# The commands themselves are in scripts/build-native-guests.mjs (also run by `npm install`).
cd "$(dirname "$0")/../../.." && exec node scripts/build-native-guests.mjs "$@" c-interop
