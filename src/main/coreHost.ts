/**
 * Runs the compute core in a utility process and wires it straight to the
 * renderer: main creates a MessageChannelMain and hands one end to each, so
 * frames never pass through main. If the core dies, main forks a new one,
 * sends the renderer a fresh port and tells it why.
 */
import { IPC } from '../preload/channels';
import type { MessageChannelLike, UtilityProcessLike, UtilityProcessModule } from './electronApi';

/** What the core needs of the window: a port, and a notice after a restart. */
export interface CoreTarget {
  postMessage(channel: string, message: unknown, transfer: unknown[]): void;
  send(channel: string, ...args: unknown[]): void;
}

export interface CoreHostOptions {
  utilityProcess: UtilityProcessModule;
  MessageChannelMain: new () => MessageChannelLike;
  corePath: string;
  target: CoreTarget;
  /** Timer for the back-off after repeated crashes. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  now?: () => number;
  log?: (message: string) => void;
}

/** More crashes than this within the window and restarts slow down, so a crash loop cannot spin the CPU. */
const CRASHES_BEFORE_BACKOFF = 3;
const CRASH_WINDOW_MS = 60_000;
const BACKOFF_MS = 5_000;

export class CoreHost {
  private child: UtilityProcessLike | null = null;
  /** Whether the current child already got a port (a second request means the renderer reloaded). */
  private connected = false;
  private stopped = false;
  private crashes: number[] = [];
  private readonly expectedExits = new WeakSet<UtilityProcessLike>();
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly now: () => number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: CoreHostOptions) {
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.now = options.now ?? (() => Date.now());
    this.log = options.log ?? (() => {});
  }

  /**
   * Gives the renderer a port to a core. A renderer that asks again (it
   * reloaded) gets a fresh core: a session keeps one client.
   */
  connect(): void {
    if (this.stopped) return;
    if (this.child && this.connected) this.replaceChild();
    if (!this.child) this.child = this.fork();
    this.handOverPorts(this.child);
  }

  /** Ends the core for good (window closed, app quitting). */
  stop(): void {
    this.stopped = true;
    if (this.child) {
      this.expectedExits.add(this.child);
      this.child.kill();
      this.child = null;
    }
  }

  get running(): boolean {
    return this.child !== null;
  }

  private replaceChild(): void {
    const old = this.child;
    if (!old) return;
    this.expectedExits.add(old);
    old.kill();
    this.child = null;
    this.connected = false;
  }

  private fork(): UtilityProcessLike {
    const child = this.options.utilityProcess.fork(this.options.corePath, [], { serviceName: 'ReLU Lab core', stdio: 'inherit' });
    child.on('exit', (code: number | null) => this.onExit(child, code));
    child.on('error', (type: string, location: string) => this.log(`core error: ${type} at ${location}`));
    return child;
  }

  private handOverPorts(child: UtilityProcessLike): void {
    const { port1, port2 } = new this.options.MessageChannelMain();
    child.postMessage({ type: 'port' }, [port1]);
    this.options.target.postMessage(IPC.corePort, null, [port2]);
    this.connected = true;
  }

  private onExit(child: UtilityProcessLike, code: number | null): void {
    if (this.expectedExits.has(child) || this.stopped) return;
    if (this.child !== child) return;
    this.child = null;
    this.connected = false;
    const reason = 'The compute core stopped unexpectedly';
    this.log(`${reason} (exit code ${code ?? 'none'}); restarting it`);
    const now = this.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const restart = () => {
      if (this.stopped || this.child) return;
      this.child = this.fork();
      this.options.target.send(IPC.coreRestarted, { reason, exitCode: code });
      this.handOverPorts(this.child);
    };
    if (this.crashes.length > CRASHES_BEFORE_BACKOFF) this.setTimer(restart, BACKOFF_MS);
    else restart();
  }
}
