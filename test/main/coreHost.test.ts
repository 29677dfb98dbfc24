import { describe, expect, it } from 'vitest';
import { IPC } from '../../src/preload/channels';
import { CoreHost } from '../../src/main/coreHost';
import { FakeMessageChannel, FakePort, FakeUtilityProcessModule, FakeWebContents } from './fakes';

function host() {
  const utilityProcess = new FakeUtilityProcessModule();
  const renderer = new FakeWebContents();
  const timers: Array<{ fn: () => void; ms: number }> = [];
  let now = 0;
  const core = new CoreHost({
    utilityProcess,
    MessageChannelMain: FakeMessageChannel,
    corePath: '/opt/relu-lab/out/main/core.js',
    target: renderer,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    now: () => now,
  });
  return { core, utilityProcess, renderer, timers, advance: (ms: number) => (now += ms) };
}

const portsTo = (renderer: FakeWebContents) => renderer.posted.filter((p) => p.channel === IPC.corePort).map((p) => p.transfer[0] as FakePort);
const notices = (renderer: FakeWebContents) => renderer.sent.filter((s) => s.channel === IPC.coreRestarted).map((s) => s.args[0]);

describe('CoreHost', () => {
  it('forks the core and gives it and the renderer the two ends of one channel', () => {
    const { core, utilityProcess, renderer } = host();
    core.connect();
    expect(utilityProcess.forked).toHaveLength(1);
    const child = utilityProcess.forked[0]!;
    expect(child.modulePath).toBe('/opt/relu-lab/out/main/core.js');
    expect(child.messages).toHaveLength(1);
    expect(child.messages[0]!.message).toEqual({ type: 'port' });
    const corePort = child.messages[0]!.transfer[0] as FakePort;
    const rendererPort = portsTo(renderer)[0]!;
    expect(rendererPort).toBeInstanceOf(FakePort);
    expect(rendererPort.id).toBe(corePort.id + 1); // port1 and port2 of the same channel
  });

  it('restarts a crashed core, sends a fresh port and tells the renderer why', () => {
    const { core, utilityProcess, renderer } = host();
    core.connect();
    utilityProcess.forked[0]!.crash(1);
    expect(utilityProcess.forked).toHaveLength(2);
    expect(utilityProcess.forked[1]!.messages[0]!.message).toEqual({ type: 'port' });
    const ports = portsTo(renderer);
    expect(ports).toHaveLength(2);
    expect(ports[1]).not.toBe(ports[0]);
    expect(notices(renderer)).toEqual([{ reason: 'The compute core stopped unexpectedly', exitCode: 1 }]);
    // The notice comes before the port, so the renderer knows the port is a replacement.
    expect(renderer.channels).toEqual([IPC.corePort, IPC.coreRestarted, IPC.corePort]);
    expect(core.running).toBe(true);
  });

  it('gives a reloaded renderer a fresh core, without a crash notice', () => {
    const { core, utilityProcess, renderer } = host();
    core.connect();
    core.connect();
    expect(utilityProcess.forked).toHaveLength(2);
    expect(utilityProcess.forked[0]!.killed).toBe(true);
    expect(portsTo(renderer)).toHaveLength(2);
    expect(notices(renderer)).toEqual([]);
  });

  it('does not restart a core it stopped on purpose', () => {
    const { core, utilityProcess, renderer } = host();
    core.connect();
    core.stop();
    expect(utilityProcess.forked[0]!.killed).toBe(true);
    expect(utilityProcess.forked).toHaveLength(1);
    expect(notices(renderer)).toEqual([]);
    core.connect();
    expect(utilityProcess.forked).toHaveLength(1);
  });

  it('slows down when the core keeps crashing', () => {
    const { core, utilityProcess, timers, advance } = host();
    core.connect();
    for (let i = 0; i < 3; i++) {
      utilityProcess.forked.at(-1)!.crash(134);
      advance(1000);
    }
    expect(utilityProcess.forked).toHaveLength(4);
    expect(timers).toHaveLength(0);
    utilityProcess.forked.at(-1)!.crash(134);
    expect(utilityProcess.forked).toHaveLength(4);
    expect(timers).toEqual([{ fn: expect.any(Function), ms: 5000 }]);
    timers[0]!.fn();
    expect(utilityProcess.forked).toHaveLength(5);
  });
});
