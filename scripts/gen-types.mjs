#!/usr/bin/env node
// Generates host/generated/ from wit/ with `jco types` (host side of the `imports` world), and
// host/generated-wit011/ from wit-upstream/0.11.0/ (the upstream `wasi:crypto@0.11.0` package
// served by host/src/abi/wit011; same world name).
// `--check` regenerates into a temporary folder and fails if a committed folder differs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jco = join(root, 'node_modules', '@bytecodealliance', 'jco', 'dist', 'jco.js');
const target = join(root, 'host', 'generated');

/** Every generated folder: its WIT package and where the types go. */
const TARGETS = [
  { wit: join(root, 'wit'), dir: target },
  { wit: join(root, 'wit-upstream', '0.11.0'), dir: join(root, 'host', 'generated-wit011') },
];

function generate(outDir, wit = join(root, 'wit')) {
  execFileSync(process.execPath, [jco, 'types', wit, '-n', 'imports', '-q', '-o', outDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

if (process.argv.includes('--check')) {
  for (const { wit, dir } of TARGETS) {
    const name = relative(root, dir);
    const tmp = mkdtempSync(join(tmpdir(), 'wasi-crypto-types-'));
    try {
      generate(tmp, wit);
      const fresh = listFiles(tmp);
      let committed = [];
      try {
        committed = listFiles(dir);
      } catch {
        committed = [];
      }
      const problems = [];
      for (const f of new Set([...fresh, ...committed])) {
        if (!fresh.includes(f)) problems.push(`${f}: committed but no longer generated`);
        else if (!committed.includes(f)) problems.push(`${f}: generated but not committed`);
        else if (!readFileSync(join(tmp, f)).equals(readFileSync(join(dir, f)))) problems.push(`${f}: differs`);
      }
      if (problems.length) {
        console.error(`${name}/ is stale (run \`npm run gen-types\`):\n  ` + problems.join('\n  '));
        process.exitCode = 1;
      } else {
        console.log(`${name}/ is fresh (${fresh.length} files)`);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
} else {
  for (const { wit, dir } of TARGETS) {
    rmSync(dir, { recursive: true, force: true });
    generate(dir, wit);
    console.log(`wrote ${listFiles(dir).length} files to ${relative(root, dir)}/`);
  }
}
