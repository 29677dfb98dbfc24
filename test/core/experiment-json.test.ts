import { describe, expect, it } from 'vitest';
import { lineColumn, locateJsonError, parseJson } from '../../src/core/experiment/json';

describe('locateJsonError', () => {
  it('is null for valid JSON', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null] ', '{"a": {"b": []}}']) {
      expect(locateJsonError(text)).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    }
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
