/**
 * Small readers for validating untrusted JSON values field by field. Each
 * one either returns a typed value or throws a ValidationError naming the
 * field path and what was expected, so callers read like a schema.
 */
import { ValidationError } from './errors';
import { FLOAT32_MAX } from './limits';

export type ErrorKind = ValidationError['kind'];
export type Obj = Record<string, unknown>;

/** `a.b` + `c` → `a.b.c`; the root has an empty path. A key that is not a plain name is quoted: `a["my key"]`, `[""]`. */
export function join(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
  return path ? `${path}.${key}` : key;
}

export function at(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** A short, quoted rendering of an offending value for messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

export function fail(path: string, expected: string, kind: ErrorKind): never {
  throw new ValidationError(path, expected, kind);
}

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with only `allowed` keys; unknown keys are errors listing what is allowed. */
export function object(value: unknown, path: string, allowed: readonly string[], kind: ErrorKind): Obj {
  if (!isObj(value)) fail(path, `expected an object, got ${describe(value)}`, kind);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      fail(join(path, key), `unknown field (expected one of: ${allowed.join(', ')})`, kind);
    }
  }
  return value;
}

/** Reads a field of an already-checked object, `undefined` when absent. */
export function required(obj: Obj, path: string, key: string, expected: string, kind: ErrorKind): unknown {
  const value = obj[key];
  if (value === undefined) fail(join(path, key), `missing (expected ${expected})`, kind);
  return value;
}

export interface NumberRule {
  integer?: boolean;
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive upper bound. */
  below?: number;
}

/** "an integer ≥ 1", "a number in [0, 1)" … derived from the rule so messages never drift from checks. */
export function numberExpectation(rule: NumberRule): string {
  const noun = rule.integer ? 'an integer' : 'a number';
  const lo = rule.min !== undefined ? `[${rule.min}` : rule.above !== undefined ? `(${rule.above}` : null;
  const hi = rule.max !== undefined ? `${rule.max}]` : rule.below !== undefined ? `${rule.below})` : null;
  if (lo && hi) return `${noun} in ${lo}, ${hi}`;
  if (rule.min !== undefined) return `${noun} ≥ ${rule.min}`;
  if (rule.above !== undefined) return `${noun} > ${rule.above}`;
  if (rule.max !== undefined) return `${noun} ≤ ${rule.max}`;
  if (rule.below !== undefined) return `${noun} < ${rule.below}`;
  return noun;
}

export function satisfies(value: unknown, rule: NumberRule): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (rule.integer && !Number.isInteger(value)) return false;
  if (rule.min !== undefined && value < rule.min) return false;
  if (rule.above !== undefined && value <= rule.above) return false;
  if (rule.max !== undefined && value > rule.max) return false;
  if (rule.below !== undefined && value >= rule.below) return false;
  return true;
}

export function number(value: unknown, path: string, rule: NumberRule, kind: ErrorKind): number {
  if (!satisfies(value, rule)) fail(path, `expected ${numberExpectation(rule)}, got ${describe(value)}`, kind);
  return float32(value, path, numberExpectation(rule), kind);
}

/** Numbers beyond float32's range pass as finite here but become Infinity in the core: refused, naming the field. */
function float32(value: number, path: string, expectation: string, kind: ErrorKind): number {
  if (Math.abs(value) > FLOAT32_MAX) fail(path, `expected ${expectation} that float32 can hold (|x| ≤ 3.4e38), got ${describe(value)}`, kind);
  return value;
}

/** An optional numeric field: `fallback` when absent. */
export function numberField(obj: Obj, path: string, key: string, rule: NumberRule, fallback: number, kind: ErrorKind): number {
  const value = obj[key];
  return value === undefined ? fallback : number(value, join(path, key), rule, kind);
}

export function requiredNumber(obj: Obj, path: string, key: string, rule: NumberRule, kind: ErrorKind): number {
  return number(required(obj, path, key, numberExpectation(rule), kind), join(path, key), rule, kind);
}

export function string(value: unknown, path: string, kind: ErrorKind, nonEmpty = false): string {
  if (typeof value !== 'string') fail(path, `expected a string, got ${describe(value)}`, kind);
  if (nonEmpty && value.trim() === '') fail(path, 'expected a non-empty string', kind);
  return value;
}

export function boolean(value: unknown, path: string, kind: ErrorKind): boolean {
  if (typeof value !== 'boolean') fail(path, `expected true or false, got ${describe(value)}`, kind);
  return value;
}

/** One of a fixed list of strings; `what` names it in the message ("activation", "loss"). */
export function oneOf<T extends string>(value: unknown, path: string, options: readonly T[], what: string, kind: ErrorKind): T {
  if (typeof value !== 'string') {
    fail(path, `expected a ${what} name (one of: ${options.join(', ')}), got ${describe(value)}`, kind);
  }
  if (!(options as readonly string[]).includes(value)) {
    fail(path, `unknown ${what} ${JSON.stringify(value)} (expected one of: ${options.join(', ')})`, kind);
  }
  return value as T;
}

export function array(value: unknown, path: string, expected: string, kind: ErrorKind): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected ${expected}, got ${describe(value)}`, kind);
  return value;
}

/** An array of finite numbers. */
export function numbers(value: unknown, path: string, kind: ErrorKind): number[] {
  const list = array(value, path, 'an array of numbers', kind);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(at(path, i), `expected a finite number, got ${describe(v)}`, kind);
    float32(v, at(path, i), 'a finite number', kind);
  }
  return list as number[];
}

/** An array of arrays of finite numbers (rows may differ in length: callers check shapes with context). */
export function numberRows(value: unknown, path: string, kind: ErrorKind): number[][] {
  const rows = array(value, path, 'an array of rows (arrays of numbers)', kind);
  for (let i = 0; i < rows.length; i++) numbers(rows[i], at(path, i), kind);
  return rows as number[][];
}
