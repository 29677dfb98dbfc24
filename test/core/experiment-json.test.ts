import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineColumn, locateJsonError, parseJson } from '../../src/core/experiment/json';

/** Whether JSON.parse, the reference, takes the text. */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('locateJsonError', () => {
  it('is null exactly where JSON.parse accepts the text: any JSON, spaced or not', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        expect(locateJsonError(JSON.stringify(value, null, indent))).toBeNull();
      }),
    );
  });

  it('finds an error exactly where JSON.parse rejects the text: JSON with a character dropped, doubled or changed', () => {
    const edited = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('drop', 'double', 'change'), fc.constantFrom(...'{}[]:,"\\ 0-.eE+tfn\'x\n')).map(([text, at, how, c]) => {
      const i = at % (text.length + 1);
      if (how === 'drop') return text.slice(0, i) + text.slice(i + 1);
      if (how === 'double') return text.slice(0, i) + text.slice(i, i + 1) + text.slice(i);
      return text.slice(0, i) + c + text.slice(i + 1);
    });
    fc.assert(
      fc.property(edited, (text) => {
        const problem = locateJsonError(text);
        expect(problem === null).toBe(parses(text));
        if (problem) expect(problem.offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds what JSON.parse rejects, with a reason a person can act on', () => {
    const cases: [string, string, number][] = [
      ['{"a": 1,}', "expected a property name in double quotes, found \"}\"", 8],
      ['{"a" 1}', "expected ':' after the property name, found \"1\"", 5],
      ['[1, 2', "expected ',' or ']', found the end of the text", 5],
      ['{"a": "b}', 'unterminated string', 6],
      ["{'a': 1}", 'expected a property name in double quotes, found "\'"', 1],
      ['{"a": 01}', "expected ',' or '}', found \"1\"", 7],
      ['{"a": NaN}', 'expected a value, found "N"', 6],
      ['{} {}', 'expected the end of the text after the value, found "{"', 3],
      ['"bad \\x escape"', 'invalid escape in a string', 5],
    ];
    for (const [text, reason, offset] of cases) {
      expect(() => JSON.parse(text)).toThrow();
      expect(locateJsonError(text)).toEqual({ reason, offset });
    }
  });
});

describe('parseJson', () => {
  it('counts lines and columns from 1, across CRLF line ends', () => {
    expect(lineColumn('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(() => parseJson('{\r\n  "a": 1\r\n  "b": 2\r\n}', 'weights')).toThrow(
      "not valid JSON: expected ',' or '}', found \"\\\"\" at line 3 column 3",
    );
  });

  it('returns the value of valid text', () => {
    expect(parseJson('{"a": [1, 2]}', 'experiment')).toEqual({ a: [1, 2] });
  });
});
