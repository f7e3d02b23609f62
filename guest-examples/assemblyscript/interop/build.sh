#!/bin/sh
# Builds build/interop.as.wasm (skips with a message if the npm package assemblyscript is missing).
# The commands themselves are in scripts/build-native-guests.mjs (also run by `npm install`).
cd "$(dirname "$0")/../../.." && exec node scripts/build-native-guests.mjs "$@" as-interop
