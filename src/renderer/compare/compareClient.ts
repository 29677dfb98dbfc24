/**
 * The renderer's side of the comparison worker: one worker for the app's
 * lifetime, job ids, and every event validated on arrival (a malformed one
 * ends its job with an error instead of corrupting the view).
 */
import { parseCompareEvent, type CompareEvent, type CompareRequest } from '../../core/compare/workerProtocol';

type Listener = (event: CompareEvent) => void;

export interface WorkerLike {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export class CompareClient {
  private nextId = 1;
  private readonly listeners = new Map<number, Listener>();

  constructor(private readonly worker: WorkerLike) {
    worker.onmessage = (e) => this.receive(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      for (const [id, listener] of this.listeners) listener({ type: 'error', id, message: `the comparison worker failed: ${e.message || 'unknown error'}` });
      this.listeners.clear();
    };
  }

  /** Starts a job; `listener` gets its events until `done` or `error`. Returns the job id. */
  start(request: DistributiveOmit<Exclude<CompareRequest, { type: 'cancel' }>, 'id'>, listener: Listener): number {
    const id = this.nextId++;
    this.listeners.set(id, listener);
    this.worker.postMessage({ ...request, id });
    return id;
  }

  cancel(id: number): void {
    this.worker.postMessage({ type: 'cancel', id });
  }

  receive(data: unknown): void {
    let event: CompareEvent;
    try {
      event = parseCompareEvent(data);
    } catch (e) {
      const id = typeof (data as { id?: unknown })?.id === 'number' ? (data as { id: number }).id : -1;
      const listener = this.listeners.get(id);
      this.listeners.delete(id);
      listener?.({ type: 'error', id, message: `unexpected message from the comparison worker: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    const listener = this.listeners.get(event.id);
    if (event.type === 'done' || event.type === 'error') this.listeners.delete(event.id);
    listener?.(event);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

let shared: CompareClient | null = null;

/** The app's comparison worker, started on first use. */
export function compareClient(): CompareClient {
  if (!shared) {
    const worker = new Worker(new URL('../../core/host/compare-worker.ts', import.meta.url), { type: 'module', name: 'relu-lab-compare' });
    shared = new CompareClient(worker as unknown as WorkerLike);
  }
  return shared;
}
