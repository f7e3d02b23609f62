#!/usr/bin/env node
// The portable part of the host (core/, interfaces/, abi/, backends/noble.ts, host.ts, portable.ts) must
// import nothing Node-only, so it runs in browsers and edge runtimes. Fails on any `node:` import,
// any bare Node builtin, or a reference to `process`/`Buffer` in those files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'host', 'src');
const files = [];
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts')) files.push(p);
  }
};
walk(join(src, 'core'));
walk(join(src, 'interfaces'));
walk(join(src, 'abi')); // the witx and wasi:crypto@0.11.0 adapters
files.push(join(src, 'backends', 'noble.ts'), join(src, 'backends', 'types.ts'), join(src, 'host.ts'), join(src, 'portable.ts'));

const builtins = new Set(builtinModules);
const problems = [];
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    const spec = m[1];
    if (spec.startsWith('node:') || builtins.has(spec)) problems.push(`${relative(root, f)}: imports ${spec}`);
    if (spec.includes('backends/node') || spec.includes('/runtime/')) problems.push(`${relative(root, f)}: imports ${spec}`);
  }
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  for (const [name, re] of [['process', /\bprocess\s*\./], ['Buffer', /(?<![\w$])Buffer\s*[.(]/], ['require', /(?<![\w$.])require\s*\(/]]) {
    if (re.test(code)) problems.push(`${relative(root, f)}: uses ${name}`);
  }
}
if (problems.length) {
  console.error('portable files use Node-only APIs:\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log(`${files.length} portable files import nothing Node-only`);
