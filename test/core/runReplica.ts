/**
 * What a consumer of a run source can rebuild from its events: run.json's
 * text and each record file's bytes. It checks the delivery contract on the
 * way (bytes in order from offset 0 with no gap; a restart starts a file
 * over), so every test that feeds it checks that too.
 */
import type { RunSourceEvent } from '../../src/core/rundir/events';

export class RunReplica {
  readonly events: RunSourceEvent[] = [];
  info: string | undefined;
  private readonly files = new Map<string, Uint8Array[]>();
  private readonly lengths = new Map<string, number>();

  /** The listener to hand a source. */
  readonly listener = (event: RunSourceEvent): void => this.take(event);

  take(event: RunSourceEvent): void {
    this.events.push(event);
    if (event.type === 'info') this.info = event.text;
    if (event.type === 'restart') {
      this.files.delete(event.file);
      this.lengths.delete(event.file);
    }
    if (event.type === 'bytes') {
      const length = this.lengths.get(event.file) ?? 0;
      if (event.offset !== length) throw new Error(`${event.file}: bytes at offset ${event.offset}, but ${length} bytes were delivered (a gap or an overlap)`);
      if (event.bytes.length === 0) throw new Error(`${event.file}: an empty bytes event`);
      this.files.set(event.file, [...(this.files.get(event.file) ?? []), event.bytes]);
      this.lengths.set(event.file, length + event.bytes.length);
    }
  }

  text(file: string): string {
    const parts = this.files.get(file) ?? [];
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return new TextDecoder().decode(all);
  }

  types(): string[] {
    return this.events.map((e) => (e.type === 'bytes' || e.type === 'restart' || e.type === 'missing' ? `${e.type}:${e.file}` : e.type));
  }

  /** Events of one type, narrowed. */
  of<T extends RunSourceEvent['type']>(type: T): Array<Extract<RunSourceEvent, { type: T }>> {
    return this.events.filter((e): e is Extract<RunSourceEvent, { type: T }> => e.type === type);
  }
}

/** `data` followed by `text`'s UTF-8 bytes, as a new array (what appending to a file leaves). */
export function appended(data: Uint8Array, text: string | Uint8Array): Uint8Array {
  const more = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const all = new Uint8Array(data.length + more.length);
  all.set(data);
  all.set(more, data.length);
  return all;
}
