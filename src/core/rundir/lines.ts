/**
 * Cuts a growing file's bytes into lines, whatever the chunk boundaries:
 * a line is handed out only once its newline has arrived (a run being
 * written ends in a partial line, completed later), numbered from 1 as an
 * editor numbers them. A line longer than `maxLineBytes` is not kept in
 * memory: it is reported by number and skipped up to its newline.
 */
export interface LineSink {
  /** `end`: the file offset just past the line's newline. */
  line(text: string, lineNumber: number, end: number): void;
  tooLong(lineNumber: number, bytes: number): void;
}

const NEWLINE = 0x0a;

/** Every host the core runs in (Node, workers, pages) has TextDecoder, though ECMAScript, whose types the core is checked against, does not define it. */
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}
const Decoder = (globalThis as unknown as { TextDecoder: new (label: string) => Utf8Decoder }).TextDecoder;

export class LineSplitter {
  private readonly decoder = new Decoder('utf-8');
  /** Bytes of the line not yet complete, in arrival order. */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** The current line passed the limit: drop its bytes until its newline. */
  private skipping = false;
  private lineNumber = 1;
  private consumed = 0;

  constructor(private readonly maxLineBytes: number) {}

  /** Bytes taken so far: the file offset the next chunk must start at. */
  get offset(): number {
    return this.consumed;
  }

  /** Bytes of an unfinished last line. */
  get partialBytes(): number {
    return this.pendingBytes;
  }

  push(bytes: Uint8Array, sink: LineSink): void {
    const base = this.consumed;
    this.consumed += bytes.length;
    let start = 0;
    while (start < bytes.length) {
      const end = bytes.indexOf(NEWLINE, start);
      if (end < 0) {
        this.keep(bytes.subarray(start));
        return;
      }
      if (this.pendingBytes === 0 && end - start <= this.maxLineBytes) {
        // The usual case, a whole line inside one chunk: decoded in place, no copy.
        this.emit(this.decoder.decode(bytes.subarray(start, end)), sink, base + end + 1);
      } else {
        this.keep(bytes.subarray(start, end));
        this.finishLine(sink, base + end + 1);
      }
      start = end + 1;
    }
  }

  /** Forgets everything: the file is read again from its first byte. */
  reset(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.skipping = false;
    this.lineNumber = 1;
    this.consumed = 0;
  }

  private keep(part: Uint8Array): void {
    if (part.length === 0) return;
    this.pendingBytes += part.length;
    if (this.skipping) return;
    if (this.pendingBytes > this.maxLineBytes) {
      this.skipping = true;
      this.pending = [];
      return;
    }
    // A copy: the caller's chunk may be a view of a buffer it reuses or transfers.
    this.pending.push(part.slice());
  }

  private finishLine(sink: LineSink, end: number): void {
    if (this.skipping) sink.tooLong(this.lineNumber++, this.pendingBytes);
    else this.emit(this.decoder.decode(this.pending.length === 1 ? this.pending[0] : concat(this.pending, this.pendingBytes)), sink, end);
    this.pending = [];
    this.pendingBytes = 0;
    this.skipping = false;
  }

  private emit(text: string, sink: LineSink, end: number): void {
    // Files written on Windows end their lines in CRLF.
    sink.line(text.endsWith('\r') ? text.slice(0, -1) : text, this.lineNumber++, end);
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
