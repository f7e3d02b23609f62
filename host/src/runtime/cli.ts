/**
 * The `wasi-crypto` command line: `wasi-crypto run [options] <component.wasm> [args…]`, in the
 * manner of `wasmtime run`. Arguments after the component path go to the guest, whose argv[0] is
 * the component path as given. Errors are one line on stderr, prefixed `wasi-crypto: error: `;
 * usage errors exit with 2, other errors with 1, and a guest's exit code is passed through.
 * @module
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { NodeCryptoHostConfig } from '../index.js';
import { loadManifestFile, ManifestError } from '../slots/manifest.js';
import { RuntimeError, describeError } from './errors.js';
import { loadComponent } from './load.js';
import { isCoreModule } from './core-module.js';

const USAGE = `Usage: wasi-crypto run [options] <component.wasm> [args...]
       wasi-crypto --help

Runs a WebAssembly component that exports wasi:cli/run, with wasi:crypto provided by this host.
A core module (a WASI preview 1 command) runs with the witx wasi-crypto ABI (wasi_ephemeral_crypto_*).
Arguments after the component go to the guest (its argv[0] is the component path).
The guest gets no files, no environment variables and no network unless granted below.

Options for run:
  --dir HOST[::GUEST]   preopen the host directory HOST as GUEST (default: the same path); repeatable
  --env NAME[=VALUE]    set a guest environment variable; without =VALUE, copy the host's value; repeatable
  --cache-dir DIR       transpile cache (default: $WASI_CRYPTO_CACHE_DIR, else $XDG_CACHE_HOME/wasi-crypto-host,
                        else ~/.cache/wasi-crypto-host)
  -q, --quiet           no progress messages
  -h, --help            print this help

Key management (docs/key-management.md):
  --slots FILE          provision the key slots of the JSON manifest FILE (schemas/slot-manifest.schema.json);
                        relative key files are relative to FILE's folder, {"env": NAME} keys are read from
                        this process's environment; a manifest with any mistake is refused
  --keystore FILE       keep managed keys, external secrets and persistent slot keys in the SQLite file FILE
                        (created if missing), encrypted under the key of --kek-file; without it they last
                        only for this run
  --kek-file FILE       the 32-byte key-encryption key of --keystore: 32 raw bytes, or 64 hex digits
  --tenant NAME         the tenant whose keys and secrets this run sees (default: default)

The first run of a component transpiles it with jco and caches the result; later runs reuse it.
`;

/** A mistake on the command line (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What `wasi-crypto run` passes to `createCryptoHost`. */
export type CliHostConfig = Pick<NodeCryptoHostConfig, 'slots' | 'keystore' | 'tenant'>;

export interface RunCommand {
  component: string;
  guestArgs: string[];
  preopens: Record<string, string>;
  env: Record<string, string>;
  cacheDir?: string;
  quiet: boolean;
  /** From --slots, --keystore with --kek-file, --tenant: validated, files read. */
  hostConfig: CliHostConfig;
}

/** Longest tenant name (as `createCryptoHost` accepts). */
const MAX_TENANT = 256;
/** A KEK file is 32 raw bytes or 64 hex digits (and whitespace): nothing bigger is read. */
const MAX_KEK_FILE = 4096;

function fileProblem(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a parent of it is not a directory';
  return typeof code === 'string' ? code : describeError(e);
}

/** The KEK in `file`: exactly 32 bytes (raw), or 64 hex digits with optional surrounding whitespace. */
export function readKekFile(file: string): Uint8Array {
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new UsageError(`--kek-file ${file} is not a regular file`);
    if (st.size > MAX_KEK_FILE) throw new UsageError(`--kek-file ${file} must hold 32 raw bytes or 64 hex digits; it has ${st.size} bytes`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read --kek-file ${file}: ${fileProblem(e)}`);
  }
  if (bytes.length === 32) {
    const kek = Uint8Array.from(bytes);
    bytes.fill(0);
    return kek;
  }
  const text = bytes.toString('latin1').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) {
    bytes.fill(0);
    return new Uint8Array(Buffer.from(text, 'hex'));
  }
  const size = bytes.length;
  bytes.fill(0);
  throw new UsageError(`--kek-file ${file} must hold 32 raw bytes or 64 hex digits; it has ${size} bytes${/^[0-9a-fA-F]*$/.test(text) ? ` (${text.length} hex digits)` : ''}`);
}

/** The keystore file must be a regular file, or not exist yet in an existing directory. */
function checkKeystoreFile(file: string): void {
  try {
    if (!statSync(file).isFile()) throw new UsageError(`--keystore ${file} is not a regular file`);
    return;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if ((e as { code?: unknown }).code !== 'ENOENT') throw new UsageError(`cannot use --keystore ${file}: ${fileProblem(e)}`);
  }
  const dir = dirname(resolve(file));
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`--keystore ${file}: the folder ${dir} does not exist`);
}

function loadSlots(file: string, env: Record<string, string | undefined>): NonNullable<CliHostConfig['slots']> {
  try {
    return loadManifestFile(file, env);
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    const problems = e.problems;
    // `$` problems (unreadable file, bad JSON) name the file themselves.
    if (problems.length === 1 && problems[0]!.field === '$') throw new UsageError(`--slots: ${problems[0]!.message}`);
    const n = problems.length;
    throw new UsageError(`--slots ${file}: ${n === 1 ? 'a mistake' : `${n} mistakes`}, no slot provisioned: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
}

function optionValue(argv: string[], i: number, name: string, inline: string | undefined): [string, number] {
  if (inline !== undefined) return [inline, i];
  const value = argv[i + 1];
  if (value === undefined) throw new UsageError(`option ${name} needs a value`);
  return [value, i + 1];
}

/**
 * Parses the arguments of `wasi-crypto run` (after `run`) and validates the key-management
 * options: the slot manifest is loaded (its `env` keys from `hostEnv`), the KEK file read.
 * Throws {@link UsageError}.
 */
export function parseRunArgs(argv: string[], hostEnv: Record<string, string | undefined> = process.env): RunCommand | 'help' {
  const cmd: RunCommand = { component: '', guestArgs: [], preopens: {}, env: {}, quiet: false, hostConfig: {} };
  const once = new Map<string, string>();
  const single = (name: string, inline: string | undefined, i: number): [string, number] => {
    const [value, next] = optionValue(argv, i, name, inline);
    if (once.has(name)) throw new UsageError(`${name} given twice`);
    if (value === '') throw new UsageError(`${name} needs a non-empty value`);
    once.set(name, value);
    return [value, next];
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    switch (name) {
      case '-h':
      case '--help':
        return 'help';
      case '-q':
      case '--quiet':
        cmd.quiet = true;
        break;
      case '--dir': {
        let spec: string;
        [spec, i] = optionValue(argv, i, name, inline);
        const sep = spec.indexOf('::');
        const host = sep === -1 ? spec : spec.slice(0, sep);
        const guest = sep === -1 ? spec : spec.slice(sep + 2);
        if (!host || !guest) throw new UsageError(`--dir expects HOST[::GUEST], got ${JSON.stringify(spec)}`);
        cmd.preopens[guest] = host;
        break;
      }
      case '--env': {
        let spec: string;
        [spec, i] = optionValue(argv, i, name, inline);
        const sep = spec.indexOf('=');
        const key = sep === -1 ? spec : spec.slice(0, sep);
        if (!key) throw new UsageError(`--env expects NAME[=VALUE], got ${JSON.stringify(spec)}`);
        if (sep !== -1) cmd.env[key] = spec.slice(sep + 1);
        else if (hostEnv[key] !== undefined) cmd.env[key] = hostEnv[key]!;
        break;
      }
      case '--slots':
      case '--keystore':
      case '--kek-file':
      case '--tenant':
        [, i] = single(name, inline, i);
        break;
      case '--cache-dir':
        [cmd.cacheDir, i] = optionValue(argv, i, name, inline);
        break;
      default:
        throw new UsageError(`unknown option ${name} (see wasi-crypto --help)`);
    }
  }
  const component = argv[i];
  if (component === undefined) throw new UsageError('run needs a component (see wasi-crypto --help)');
  cmd.component = component;
  cmd.guestArgs = argv.slice(i + 1);

  const tenant = once.get('--tenant');
  if (tenant !== undefined) {
    if (tenant.length > MAX_TENANT) throw new UsageError(`--tenant must be at most ${MAX_TENANT} characters`);
    cmd.hostConfig.tenant = tenant;
  }
  const keystore = once.get('--keystore');
  const kekFile = once.get('--kek-file');
  if (keystore !== undefined && kekFile === undefined) throw new UsageError('--keystore needs --kek-file (the key that encrypts the keystore)');
  if (kekFile !== undefined && keystore === undefined) throw new UsageError('--kek-file needs --keystore (it is the key of the keystore)');
  if (keystore !== undefined && kekFile !== undefined) {
    checkKeystoreFile(keystore);
    cmd.hostConfig.keystore = { file: resolve(keystore), kek: readKekFile(kekFile) };
  }
  const slots = once.get('--slots');
  if (slots !== undefined) cmd.hostConfig.slots = loadSlots(slots, hostEnv);
  return cmd;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The first 8 bytes of `file`, or undefined if it cannot be read (loadComponent reports why). */
function header(file: string): Uint8Array | undefined {
  try {
    const fd = openSync(file, 'r');
    try {
      const b = new Uint8Array(8);
      return readSync(fd, b, 0, 8, 0) === 8 ? b : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** A core module (WASI preview 1 command) with the witx crypto imports (host/src/abi/witx). */
async function runCoreCommand(cmd: RunCommand): Promise<number> {
  const [{ runCoreModule }, { createCryptoHost }] = await Promise.all([import('./core-module.js'), import('../index.js')]);
  using host = createCryptoHost(cmd.hostConfig);
  return await runCoreModule(cmd.component, {
    host,
    args: [cmd.component, ...cmd.guestArgs],
    env: cmd.env,
    preopens: cmd.preopens,
  });
}

async function runCommand(cmd: RunCommand): Promise<number> {
  const head = header(cmd.component);
  if (head !== undefined && isCoreModule(head)) return await runCoreCommand(cmd);
  const loaded = await loadComponent(cmd.component, {
    ...(cmd.cacheDir !== undefined ? { cacheDir: cmd.cacheDir } : {}),
    onProgress: (message) => {
      if (!cmd.quiet || message.startsWith('warning:')) process.stderr.write(`wasi-crypto: ${oneLine(message)}\n`);
    },
  });
  // Imported here so that --help and usage errors load neither preview2-shim nor the crypto host.
  const [{ run }, { createCryptoHost }] = await Promise.all([import('./run.js'), import('../index.js')]);
  using host = createCryptoHost(cmd.hostConfig);
  return await run(loaded, {
    imports: host.getImportObject(),
    args: [cmd.component, ...cmd.guestArgs],
    env: cmd.env,
    preopens: cmd.preopens,
  });
}

/** Runs the CLI with `argv` (without node and the script); resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      process.stderr.write(USAGE);
      return 2;
    }
    if (command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (command !== 'run') {
      throw new UsageError(
        command.startsWith('-')
          ? `unknown option ${command} (see wasi-crypto --help)`
          : `unknown command ${command} (see wasi-crypto --help)`,
      );
    }
    const cmd = parseRunArgs(rest);
    if (cmd === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    return await runCommand(cmd);
  } catch (e) {
    process.stderr.write(`wasi-crypto: error: ${oneLine(describeError(e))}\n`);
    if (e instanceof UsageError) return 2;
    if (!(e instanceof RuntimeError) && process.env['WASI_CRYPTO_BACKTRACE']) console.error(e);
    return 1;
  }
}
