/**
 * JSON text → value, with errors that say where (line and column) in every
 * engine. JSON.parse's messages differ between V8 versions and often carry
 * no position, so on failure a small scanner re-reads the text to find the
 * first offending character and say what was expected there.
 */
import { ValidationError } from './errors';
import type { ErrorKind } from './fields';

export function parseJson(text: string, kind: ErrorKind, source?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const problem = locateJsonError(text) ?? { reason: String((error as Error).message), offset: text.length };
    const { line, column } = lineColumn(text, problem.offset);
    const where = source ? ` (in ${source})` : '';
    throw new ValidationError('', `not valid JSON: ${problem.reason} at line ${line} column ${column}${where}`, kind);
  }
}

export interface JsonProblem {
  reason: string;
  /** Offset of the offending character in the text. */
  offset: number;
}

/** 1-based line and column of a text offset, as editors show them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class JsonSyntax extends Error {
  constructor(readonly reason: string, readonly offset: number) {
    super(reason);
  }
}

/** The first syntax error of `text`, or null when it is valid JSON. */
export function locateJsonError(text: string): JsonProblem | null {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const found = (): string => (i >= text.length ? 'the end of the text' : JSON.stringify(text[i]));
  const expect = (what: string): never => {
    throw new JsonSyntax(`expected ${what}, found ${found()}`, i);
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else expect('a value');
  };
  const str = (): void => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            throw new JsonSyntax('invalid \\u escape in a string', i);
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          throw new JsonSyntax('invalid escape in a string', i);
        }
      } else if (c.charCodeAt(0) < 0x20) {
        throw new JsonSyntax('unescaped control character (such as a line break) in a string', i);
      } else {
        i++;
      }
    }
    throw new JsonSyntax('unterminated string', start);
  };
  const num = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) expect('a value');
    i += match![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) throw new JsonSyntax('nesting too deep', i);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') expect('a property name in double quotes');
        str();
        ws();
        if (text[i] !== ':') expect("':' after the property name");
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        expect("',' or '}'");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        expect("',' or ']'");
      }
    } else if (c === '"') str();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c >= '0' && c <= '9')) num();
    else expect('a value');
  };
  try {
    value(0);
    ws();
    if (i < text.length) expect('the end of the text after the value');
    return null;
  } catch (error) {
    if (error instanceof JsonSyntax) return { reason: error.reason, offset: error.offset };
    // Too deep for the call stack: still a useful answer.
    return { reason: 'nesting too deep', offset: i };
  }
}
