#!/usr/bin/env node
// Generates host/generated/ from wit/ with `jco types` (host side of the `imports` world), and
// host/generated-wit011/ from wit-upstream/0.11.0/ (the upstream `wasi:crypto@0.11.0` package
// served by host/src/abi/wit011). Upstream keeps its two batch interfaces in batch/, outside the
// package folder and commented out of its `imports` world; so that the host can serve them too
// (they answer not-implemented), the 0.11.0 types are generated from a temporary copy of the
// package with batch/*.wit beside it and one extra world, BATCH_WORLD below, that imports
// everything. The committed wit-upstream/0.11.0/ stays verbatim.
// `--check` regenerates into a temporary folder and fails if a committed folder differs.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jco = join(root, 'node_modules', '@bytecodealliance', 'jco', 'dist', 'jco.js');
const target = join(root, 'host', 'generated');

const BATCH_WORLD = `package wasi:crypto@0.11.0;

/// Generation only (scripts/gen-types.mjs): upstream's imports plus its batch interfaces.
world imports-with-batch {
  include imports;
  import wasi-ephemeral-crypto-signatures-batch;
  import wasi-ephemeral-crypto-symmetric-batch;
}
`;

/** A temporary copy of wit-upstream/0.11.0 with batch/*.wit and BATCH_WORLD in the package folder. */
function upstreamWithBatch() {
  const src = join(root, 'wit-upstream', '0.11.0');
  const tmp = mkdtempSync(join(tmpdir(), 'wasi-crypto-wit011-'));
  for (const dir of [src, join(src, 'batch')]) {
    for (const f of readdirSync(dir)) if (f.endsWith('.wit')) copyFileSync(join(dir, f), join(tmp, f));
  }
  writeFileSync(join(tmp, 'zz-imports-with-batch.wit'), BATCH_WORLD);
  return tmp;
}

/** Every generated folder: its WIT package (a folder, or a function making one), world, and where the types go. */
const TARGETS = [
  { wit: join(root, 'wit'), world: 'imports', dir: target },
  { wit: upstreamWithBatch, world: 'imports-with-batch', dir: join(root, 'host', 'generated-wit011') },
];

function generate(outDir, wit = join(root, 'wit'), world = 'imports') {
  const folder = typeof wit === 'function' ? wit() : wit;
  try {
    execFileSync(process.execPath, [jco, 'types', folder, '-n', world, '-q', '-o', outDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } finally {
    if (folder !== wit) rmSync(folder, { recursive: true, force: true });
  }
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
  for (const { wit, world, dir } of TARGETS) {
    const name = relative(root, dir);
    const tmp = mkdtempSync(join(tmpdir(), 'wasi-crypto-types-'));
    try {
      generate(tmp, wit, world);
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
  for (const { wit, world, dir } of TARGETS) {
    rmSync(dir, { recursive: true, force: true });
    generate(dir, wit, world);
    console.log(`wrote ${listFiles(dir).length} files to ${relative(root, dir)}/`);
  }
}
