/**
 * The `wasi-crypto` command line: `wasi-crypto run [options] <component.wasm> [args…]`, in the
 * manner of `wasmtime run`. Arguments after the component path go to the guest, whose argv[0] is
 * the component path as given. Errors are one line on stderr, prefixed `wasi-crypto: error: `;
 * usage errors exit with 2, other errors with 1, and a guest's exit code is passed through.
 * @module
 */
import { RuntimeError, describeError } from './errors.js';
import { loadComponent } from './load.js';

const USAGE = `Usage: wasi-crypto run [options] <component.wasm> [args...]
       wasi-crypto --help

Runs a WebAssembly component that exports wasi:cli/run, with wasi:crypto provided by this host.
Arguments after the component go to the guest (its argv[0] is the component path).
The guest gets no files, no environment variables and no network unless granted below.

Options for run:
  --dir HOST[::GUEST]   preopen the host directory HOST as GUEST (default: the same path); repeatable
  --env NAME[=VALUE]    set a guest environment variable; without =VALUE, copy the host's value; repeatable
  --cache-dir DIR       transpile cache (default: $WASI_CRYPTO_CACHE_DIR, else $XDG_CACHE_HOME/wasi-crypto-host,
                        else ~/.cache/wasi-crypto-host)
  -q, --quiet           no progress messages
  -h, --help            print this help

The first run of a component transpiles it with jco and caches the result; later runs reuse it.
`;

class UsageError extends Error {}

interface RunCommand {
  component: string;
  guestArgs: string[];
  preopens: Record<string, string>;
  env: Record<string, string>;
  cacheDir?: string;
  quiet: boolean;
}

function optionValue(argv: string[], i: number, name: string, inline: string | undefined): [string, number] {
  if (inline !== undefined) return [inline, i];
  const value = argv[i + 1];
  if (value === undefined) throw new UsageError(`option ${name} needs a value`);
  return [value, i + 1];
}

function parseRun(argv: string[]): RunCommand | 'help' {
  const cmd: RunCommand = { component: '', guestArgs: [], preopens: {}, env: {}, quiet: false };
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
        else if (process.env[key] !== undefined) cmd.env[key] = process.env[key]!;
        break;
      }
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
  return cmd;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

async function runCommand(cmd: RunCommand): Promise<number> {
  const loaded = await loadComponent(cmd.component, {
    ...(cmd.cacheDir !== undefined ? { cacheDir: cmd.cacheDir } : {}),
    onProgress: (message) => {
      if (!cmd.quiet || message.startsWith('warning:')) process.stderr.write(`wasi-crypto: ${oneLine(message)}\n`);
    },
  });
  // Imported here so that --help and usage errors load neither preview2-shim nor the crypto host.
  const [{ run }, { createCryptoHost }] = await Promise.all([import('./run.js'), import('../index.js')]);
  using host = createCryptoHost();
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
    const cmd = parseRun(rest);
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
