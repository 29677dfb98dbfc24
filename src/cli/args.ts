/**
 * The command line: a command first, then its positional arguments and
 * flags. Each command names exactly the flags it takes, so anything else is
 * refused (naming the flag, and the close one on a typo) instead of ignored.
 */
import { closest } from './suggest';

export interface FlagSpec {
  /** The value's placeholder in help (`<dir>`); absent for a switch, which takes no value. */
  value?: string;
  required?: boolean;
}

export interface CommandFlags {
  flags: Readonly<Record<string, FlagSpec>>;
}

export interface ParsedArgs {
  /** null when the line names no command (then `help` says whether help was asked for). */
  command: string | null;
  positional: string[];
  flags: Map<string, string | true>;
  help: boolean;
}

export class UsageError extends Error {}

const isHelp = (arg: string): boolean => arg === '--help' || arg === '-h';

export function parseArgs(argv: readonly string[], commands: Readonly<Record<string, CommandFlags>>): ParsedArgs {
  const names = Object.keys(commands);
  const first = argv[0];
  if (first === undefined) return { command: null, positional: [], flags: new Map(), help: false };
  if (isHelp(first) || first === 'help') return { command: null, positional: [], flags: new Map(), help: true };
  if (first.startsWith('-')) throw new UsageError(`expected a command first (${names.join(', ')}), got ${first}; see --help`);
  const spec = commands[first];
  if (!spec) {
    const near = closest(first, names);
    throw new UsageError(`unknown command "${first}" (${near ? `did you mean ${near}? ` : ''}commands: ${names.join(', ')}; see --help)`);
  }

  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  let help = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (isHelp(arg)) {
      help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq >= 0 ? eq : undefined) : arg.slice(1);
    const flag = Object.hasOwn(spec.flags, name) ? spec.flags[name] : undefined;
    if (!flag) throw new UsageError(unknownFlag(arg.slice(0, eq >= 0 ? eq : undefined), name, first, commands));
    if (flags.has(name)) throw new UsageError(`--${name} is given twice`);
    if (flag.value === undefined) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value (${flag.value})`);
    flags.set(name, value);
  }
  if (!help) {
    for (const [name, flag] of Object.entries(spec.flags)) {
      if (flag.required && !flags.has(name)) throw new UsageError(`${first} needs --${name} ${flag.value ?? ''}`.trimEnd());
    }
  }
  return { command: first, positional, flags, help };
}

function unknownFlag(written: string, name: string, command: string, commands: Readonly<Record<string, CommandFlags>>): string {
  const own = Object.keys(commands[command].flags);
  const takes = own.length ? `${command} takes ${own.map((f) => `--${f}`).join(', ')}` : `${command} takes no flags`;
  const owners = Object.keys(commands).filter((c) => c !== command && Object.hasOwn(commands[c].flags, name));
  if (owners.length) return `${written} is a flag of ${owners.join(' and ')}, not of ${command} (${takes})`;
  const near = closest(name, own);
  return `unknown flag ${written} (${near ? `did you mean --${near}? ` : ''}${takes})`;
}

/** One usage line per command: `relu-lab run <experiment.relu.json> --out <dir>`, optional flags in brackets. */
export function usageLine(program: string, command: string, args: string, spec: CommandFlags): string {
  const flags = Object.entries(spec.flags).map(([name, f]) => {
    const text = f.value === undefined ? `--${name}` : `--${name} ${f.value}`;
    return f.required ? text : `[${text}]`;
  });
  return [program, command, args, ...flags].filter((s) => s !== '').join(' ');
}
