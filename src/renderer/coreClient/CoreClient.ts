/**
 * The renderer's one voice to the core, over whatever port it is given: a
 * Web Worker or a MessagePort relayed by Electron's preload. Components and
 * the store never know which.
 */
import { PROTOCOL_VERSION, type Command, type CoreEvent, type EventType } from '../../core/protocol/messages';
import { BadEvent, parseEvent } from './validateEvent';

/** The part of Worker and MessagePort the client uses. */
export interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

type Handler<T extends EventType> = (event: Extract<CoreEvent, { type: T }>) => void;

export class CoreClient {
  private readonly handlers = new Map<EventType, Set<(event: CoreEvent) => void>>();
  private invalidHandler: (problem: string) => void = () => {};

  constructor(private port: PortLike) {
    this.attach(port);
  }

  /** A restarted core comes with a new port; handlers stay. */
  replacePort(port: PortLike): void {
    this.port.onmessage = null;
    this.port = port;
    this.attach(port);
  }

  send(command: Command): void {
    this.port.postMessage({ ...command, protocol: PROTOCOL_VERSION });
  }

  on<T extends EventType>(type: T, handler: Handler<T>): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    const h = handler as (event: CoreEvent) => void;
    set.add(h);
    return () => set.delete(h);
  }

  /** Events that failed validation: the store shows them as error notices. */
  onInvalid(handler: (problem: string) => void): void {
    this.invalidHandler = handler;
  }

  /** Dispatches one raw message; exported for tests and for hosts that deliver messages themselves. */
  receive(data: unknown): void {
    let event: CoreEvent;
    try {
      event = parseEvent(data);
    } catch (e) {
      this.invalidHandler(e instanceof BadEvent ? e.message : String(e));
      return;
    }
    const set = this.handlers.get(event.type);
    if (set) for (const h of set) h(event);
    // Acked only after the handlers (the store) took the frame: the core keeps at most two in flight.
    if (event.type === 'frame') this.send({ type: 'ack', seq: event.frame.seq });
  }

  private attach(port: PortLike): void {
    port.onmessage = (event) => this.receive(event.data);
  }
}
