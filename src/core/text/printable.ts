/**
 * Text from a file (an experiment's name, a field's value) made safe to
 * print on a terminal or show in a dialog: control characters (C0, DEL,
 * C1: ANSI and OSC escapes start with them) and bidirectional overrides
 * become visible `\u001b` escapes, so the text cannot move the cursor,
 * retitle the window, fake a line or reorder what is shown.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
