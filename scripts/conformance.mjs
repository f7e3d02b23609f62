#!/usr/bin/env node
// `npm run conformance -- [--backend node|noble|all] [--verbose] <vectors.json>…`: the Wycheproof
// conformance runner (host/src/conformance/), from the TypeScript build in ../build/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'build', 'host', 'src', 'conformance', 'cli.js');
if (!existsSync(cli)) {
  console.error(`conformance: ${cli} does not exist: run npm install / npm run build first`);
  process.exit(2);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = main(process.argv.slice(2));
