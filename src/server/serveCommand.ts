/**
 * `relu-lab serve --logdir DIR [--host 127.0.0.1] [--port 6070]`: checks
 * the options, finds the web app, starts the server, says how to reach it
 * (also over `ssh -L`), and stops cleanly on Ctrl+C. Shared by the CLI
 * (`npx relu-lab serve`, which builds the web app on first use) and the
 * desktop app's executable (`relu-lab serve …`, which serves the renderer
 * it ships).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, type RunServer } from './server';

export const DEFAULT_PORT = 6070;
export const DEFAULT_HOST = '127.0.0.1';

/** A flag's value is wrong: the CLI answers exit 2 with this message. */
export class ServeUsageError extends Error {}

/** The command's flags, as the argument parser (src/cli/args.ts) takes them. */
export const SERVE_FLAGS = { logdir: { value: '<dir>', required: true }, host: { value: DEFAULT_HOST }, port: { value: String(DEFAULT_PORT) } } as const;

export const SERVE_ABOUT = `Serves the web app and the run folders under <dir> (written by
relu_lab.watch in PyTorch, or by relu-lab run), read-only: open the
address it prints to list the runs, open them, compare them and follow
them live. Binds 127.0.0.1 unless --host says otherwise.`;

export interface ServeFlags {
  logdir: string;
  host: string;
  port: number;
}

/** Validates the flags' raw values (strings as the argument parser gives them). */
export function parseServeFlags(flags: { logdir?: string; host?: string; port?: string }): ServeFlags {
  if (flags.logdir === undefined) throw new ServeUsageError('serve needs --logdir <dir>: the folder whose run folders to serve');
  const logdir = resolve(flags.logdir);
  let isDir = false;
  try {
    isDir = statSync(logdir).isDirectory();
  } catch {
    throw new ServeUsageError(`--logdir: ${flags.logdir} does not exist`);
  }
  if (!isDir) throw new ServeUsageError(`--logdir: ${flags.logdir} is not a folder`);
  const host = flags.host ?? DEFAULT_HOST;
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) throw new ServeUsageError(`--host: expected a host name or IP address, got "${host}"`);
  const port = flags.port === undefined ? DEFAULT_PORT : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeUsageError(`--port: expected an integer from 0 to 65535, got "${flags.port}"`);
  return { logdir, host: host.replace(/^\[(.*)\]$/, '$1'), port };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export interface ServeIo {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when the server should stop; by default on the first SIGINT (Ctrl+C) or SIGTERM. */
  stopped?: Promise<void>;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function interrupted(): Promise<void> {
  return new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The CLI's web app (out/web under the package), building it first where it is missing (once, from the sources: ~20 s). */
export async function ensureWebApp(packageRoot: string, io: ServeIo): Promise<string> {
  const webRoot = join(packageRoot, 'out', 'web');
  if (existsSync(join(webRoot, 'index.html'))) return webRoot;
  const vite = join(packageRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    throw new Error(`the web app is not built (${webRoot}) and cannot be built here (no vite in node_modules): run \`npm install\` and \`npm run build:web\` in ${packageRoot}`);
  }
  io.err('relu-lab serve: building the web app into out/web (first serve only, about 20 s)…\n');
  const code = await new Promise<number | null>((done) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], { cwd: packageRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (c) => done(c));
    child.on('error', () => done(null));
  });
  if (code !== 0 || !existsSync(join(webRoot, 'index.html'))) throw new Error('building the web app failed (see above); try `npm run build:web`');
  return webRoot;
}

/**
 * The command with the parser's positional arguments and flags: checks
 * them, finds the web app (`webApp`), serves until SIGINT/SIGTERM; resolves
 * with the exit code. Bad options throw ServeUsageError.
 */
export async function serveCommand(positional: readonly string[], flags: ReadonlyMap<string, string | true>, webApp: () => Promise<string>, io: ServeIo): Promise<number> {
  if (positional.length > 0) throw new ServeUsageError(`serve takes no file (got ${positional.join(' ')}); the runs' folder is --logdir <dir>`);
  const value = (name: string) => flags.get(name) as string | undefined;
  const options = parseServeFlags({ logdir: value('logdir'), host: value('host'), port: value('port') });
  return serve(options, await webApp(), io);
}

/** Serves until SIGINT/SIGTERM; resolves with the exit code. */
export async function serve(flags: ServeFlags, webRoot: string, io: ServeIo): Promise<number> {
  let server: RunServer;
  try {
    server = await startServer({ logdir: flags.logdir, webRoot, host: flags.host, port: flags.port, log: (m) => io.err(`relu-lab serve: ${m}\n`) });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ServeUsageError(`--port: ${flags.port} is already in use on ${flags.host}; pick another port with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ServeUsageError(`--host: ${flags.host} is not an address of this machine`);
    throw e;
  }
  const lines = [`ReLU Lab is serving the runs under ${flags.logdir}, read-only, at ${server.url}`];
  if (LOOPBACK.has(flags.host)) {
    lines.push(
      'Only this machine can open it. From another machine, forward the port over ssh:',
      `  ssh -L ${server.port}:127.0.0.1:${server.port} <user>@<this-machine>   then open http://localhost:${server.port}/`,
    );
  } else {
    lines.push(`Anyone who can reach ${flags.host}:${server.port} can read these runs (there is no login).`);
  }
  lines.push('Ctrl+C stops it.');
  io.out(`${lines.join('\n')}\n`);
  await (io.stopped ?? interrupted());
  await server.close();
  io.out('relu-lab serve: stopped.\n');
  return 0;
}
