#!/usr/bin/env node
// Launcher for the wasi-crypto CLI; the TypeScript build (`npm run build`) writes ../build/.
import { main } from '../build/host/src/runtime/cli.js';

process.exitCode = await main(process.argv.slice(2));
