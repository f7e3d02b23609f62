#!/usr/bin/env node
// `npm run limbo -- <limbo.json> [--json out.json] [--filter id] [--profile auto|rfc5280|webpki] [--timeout ms]
// [--verifier module.js] [--verbose]`: the x509-limbo harness (host/src/conformance/limbo/), from the build in ../build/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'build', 'host', 'src', 'conformance', 'limbo', 'cli.js');
if (!existsSync(cli)) {
  console.error(`limbo: ${cli} does not exist: run npm install / npm run build first`);
  process.exit(2);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
