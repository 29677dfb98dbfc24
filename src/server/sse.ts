/**
 * Server-Sent Events to one client. A client that stops reading is dropped
 * once what waits for it passes a small bound, so a slow or stuck viewer
 * never makes the server's memory grow; its browser reconnects on its own
 * and is told the current state again.
 */
import type { ServerResponse } from 'node:http';

/** Bytes queued for one client before it is dropped. */
export const MAX_QUEUED_BYTES = 256 * 1024;
const HEARTBEAT_MS = 15_000;

export class SseClient {
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(private readonly res: ServerResponse, headers: Record<string, string>, private readonly onClose: () => void) {
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Proxies such as nginx would otherwise hold events back.
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    res.on('close', () => this.close());
    // A comment now and then keeps proxies from closing an idle stream.
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref?.();
  }

  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.res.end();
    this.onClose();
  }

  private write(text: string): void {
    if (this.closed) return;
    if (this.res.writableLength > MAX_QUEUED_BYTES) {
      this.res.destroy();
      this.close();
      return;
    }
    this.res.write(text);
  }
}
