/**
 * The desktop app's executable as a command: `relu-lab serve --logdir runs`
 * given to the packaged app (or `electron . serve …` in development) serves
 * runs to browsers, as `npx relu-lab serve` does, instead of opening a
 * window — the renderer it ships is the web app it serves. Anything else
 * starts the app as usual.
 */
import { parseArgs, UsageError } from '../cli/args';
import { SERVE_FLAGS, serveCommand, ServeUsageError, type ServeIo } from '../server/serveCommand';

/** The arguments after the executable (and, unpackaged, after the app folder) when they ask for `serve`; else null. */
export function serveArguments(argv: readonly string[], isPackaged: boolean): string[] | null {
  const args = argv.slice(isPackaged ? 1 : 2);
  return args[0] === 'serve' ? args : null;
}

/** Runs `serve` with those arguments; resolves with the exit code (2 for bad options, said on `io.err`). */
export async function runServe(args: readonly string[], rendererRoot: string, io: ServeIo): Promise<number> {
  try {
    const parsed = parseArgs(args, { serve: { flags: SERVE_FLAGS } });
    if (parsed.help) {
      io.out('relu-lab serve --logdir <dir> [--host 127.0.0.1] [--port 6070]\n');
      return 0;
    }
    return await serveCommand(parsed.positional, parsed.flags, async () => rendererRoot, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ServeUsageError) {
      io.err(`relu-lab: ${e.message}\n`);
      return 2;
    }
    io.err(`relu-lab: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
