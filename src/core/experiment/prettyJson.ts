/**
 * JSON.stringify(value, null, 2), except that arrays of numbers (a weight
 * row, a data row) stay on one line: a 16 × 16 weight matrix reads as 16
 * lines instead of 256, and diffs of files stay readable.
 */
export function prettyJson(value: unknown, indent = '  '): string {
  return write(value, '', indent) + '\n';
}

function write(value: unknown, current: string, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v === 'number' || typeof v === 'boolean' || v === null)) {
      return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    }
    const inner = current + indent;
    return `[\n${value.map((v) => inner + write(v, inner, indent)).join(',\n')}\n${current}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = current + indent;
    const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner, indent)}`);
    return `{\n${body.join(',\n')}\n${current}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
