#!/usr/bin/env node
// Generates host/generated/ from wit/ with `jco types` (host side of the `imports` world).
// `--check` regenerates into a temporary folder and fails if host/generated/ differs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jco = join(root, 'node_modules', '@bytecodealliance', 'jco', 'dist', 'jco.js');
const target = join(root, 'host', 'generated');

function generate(outDir) {
  execFileSync(process.execPath, [jco, 'types', join(root, 'wit'), '-n', 'imports', '-q', '-o', outDir], {
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
  const tmp = mkdtempSync(join(tmpdir(), 'wasi-crypto-types-'));
  try {
    generate(tmp);
    const fresh = listFiles(tmp);
    const committed = listFiles(target);
    const problems = [];
    for (const f of new Set([...fresh, ...committed])) {
      if (!fresh.includes(f)) problems.push(`${f}: committed but no longer generated`);
      else if (!committed.includes(f)) problems.push(`${f}: generated but not committed`);
      else if (!readFileSync(join(tmp, f)).equals(readFileSync(join(target, f)))) problems.push(`${f}: differs`);
    }
    if (problems.length) {
      console.error('host/generated/ is stale (run `npm run gen-types`):\n  ' + problems.join('\n  '));
      process.exit(1);
    }
    console.log(`host/generated/ is fresh (${fresh.length} files)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  rmSync(target, { recursive: true, force: true });
  generate(target);
  console.log(`wrote ${listFiles(target).length} files to host/generated/`);
}
