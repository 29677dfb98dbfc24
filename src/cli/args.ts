/** A small, strict argv parser: the CLI has three commands and a handful of flags. */
export interface ParsedArgs {
  command: string | null;
  positional: string[];
  flags: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], valueFlags: ReadonlySet<string>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (valueFlags.has(name)) {
        const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
      } else {
        if (eq >= 0) throw new UsageError(`--${name} takes no value`);
        flags.set(name, true);
      }
    } else if (arg === '-h') {
      flags.set('help', true);
    } else {
      positional.push(arg);
    }
  }
  return { command: positional.shift() ?? null, positional, flags };
}
