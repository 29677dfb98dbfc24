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
  /**
   * Asked before a complete line is decoded, with its first bytes (at most
   * HEAD_BYTES): true passes it over undecoded (`line` is not called), which
   * saves decoding lines a reader will not read.
   */
  skip?(lineNumber: number, end: number, head: Uint8Array): boolean;
}

/** The most of a line `skip` is shown. */
export const HEAD_BYTES = 64;

const NEWLINE = 0x0a;

/** Every host the core runs in (Node, workers, pages) has TextDecoder, though ECMAScript, whose types the core is checked against, does not define it. */
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}
const Decoder = (globalThis as unknown as { TextDecoder: new (label: string) => Utf8Decoder }).TextDecoder;

/** A whole file's bytes as text (run.json). */
export function decodeUtf8(bytes: Uint8Array): string {
  return new Decoder('utf-8').decode(bytes);
}

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
        const line = bytes.subarray(start, end);
        if (sink.skip?.(this.lineNumber, base + end + 1, line.subarray(0, HEAD_BYTES))) this.lineNumber++;
        else this.emit(this.decoder.decode(line), sink, base + end + 1);
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
    else if (sink.skip?.(this.lineNumber, end, concatBytes(this.pending, this.pendingBytes, HEAD_BYTES))) this.lineNumber++;
    else this.emit(this.decoder.decode(concatBytes(this.pending, this.pendingBytes)), sink, end);
    this.pending = [];
    this.pendingBytes = 0;
    this.skipping = false;
  }

  private emit(text: string, sink: LineSink, end: number): void {
    // Files written on Windows end their lines in CRLF.
    sink.line(text.endsWith('\r') ? text.slice(0, -1) : text, this.lineNumber++, end);
  }
}

/** `parts` one after the other (`total` bytes in all), or their first `most` bytes; a single part as it is. */
export function concatBytes(parts: readonly Uint8Array[], total: number, most = total): Uint8Array {
  if (parts.length === 1) return parts[0].subarray(0, most);
  const out = new Uint8Array(Math.min(total, most));
  let at = 0;
  for (const p of parts) {
    if (at >= out.length) break;
    const take = p.subarray(0, out.length - at);
    out.set(take, at);
    at += take.length;
  }
  return out;
}
