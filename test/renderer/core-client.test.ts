import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../src/core/protocol/messages';
import { CoreClient, type PortLike } from '../../src/renderer/coreClient/CoreClient';

class FakePort implements PortLike {
  sent: unknown[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  deliver(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }
}

const hist = { counts: new Uint32Array(2), min: 0, max: 1 };
const frameEvent = (seq: number) => ({
  protocol: 1, type: 'frame',
  frame: { seq, step: 0, epoch: 0, loss: 1, accuracy: null, testLoss: null, testAccuracy: null, probeSize: 10, probe: { samples: 10, slice: 0, slices: 1 }, layers: [], outputWeight: null, boundary: null, unit: null },
});

describe('CoreClient', () => {
  it('adds the protocol version to commands', () => {
    const port = new FakePort();
    new CoreClient(port).send({ type: 'step', n: 3 });
    expect(port.sent).toEqual([{ type: 'step', n: 3, protocol: 1 }]);
  });

  it('hands typed events to their handlers and acks each frame after they ran', () => {
    const port = new FakePort();
    const client = new CoreClient(port);
    const order: string[] = [];
    client.on('frame', (e) => order.push(`frame ${e.frame.seq}`));
    port.postMessage = (m) => order.push(`sent ${JSON.stringify(m)}`);
    port.deliver(frameEvent(7));
    expect(order).toEqual(['frame 7', 'sent {"type":"ack","seq":7,"protocol":1}']);
  });

  it('records malformed and unknown events as problems instead of throwing', () => {
    const port = new FakePort();
    const client = new CoreClient(port);
    const problems: string[] = [];
    const statuses: CoreEvent[] = [];
    client.onInvalid((p) => problems.push(p));
    client.on('status', (e) => statuses.push(e));
    port.deliver({ protocol: 1, type: 'teleport' });
    port.deliver({ protocol: 1, type: 'status', state: 'running', step: 'three', epoch: 0, totalSteps: 0, samplesPerSecond: 0 });
    port.deliver({ protocol: 2, type: 'ready' });
    port.deliver('hello');
    const bad = frameEvent(1);
    (bad.frame as Record<string, unknown>).layers = [{ index: 0, units: 2, deadMask: [0, 1] }];
    port.deliver(bad);
    const plainArray = frameEvent(2);
    (plainArray.frame as Record<string, unknown>).outputWeight = [0.5, -0.5];
    port.deliver(plainArray);
    expect(statuses).toEqual([]);
    expect(problems).toHaveLength(6);
    expect(problems[0]).toContain('unknown event "teleport"');
    expect(problems[1]).toBe('status.step: missing or of the wrong type');
    expect(problems[4]).toMatch(/^frame\.frame\.layers\[0\]\./);
    expect(problems[5]).toBe('frame.frame.outputWeight: missing or of the wrong type');
    expect(port.sent).toEqual([]);
  });

  it('checks which probe samples a frame says it measured', () => {
    const port = new FakePort();
    const client = new CoreClient(port);
    const problems: string[] = [];
    const seen: unknown[] = [];
    client.onInvalid((p) => problems.push(p));
    client.on('frame', (e) => seen.push(e.frame.probe));
    const withProbe = (probe: unknown) => {
      const ev = frameEvent(3);
      (ev.frame as Record<string, unknown>).probe = probe;
      return ev;
    };
    port.deliver(withProbe({ samples: 3, slice: 2, slices: 4 }));
    port.deliver(withProbe(undefined));
    port.deliver(withProbe({ samples: 3, slice: 4, slices: 4 }));
    port.deliver(withProbe({ samples: 11, slice: 0, slices: 1 }));
    port.deliver(withProbe({ samples: 2.5, slice: 0, slices: 4 }));
    expect(seen).toEqual([{ samples: 3, slice: 2, slices: 4 }]);
    expect(problems).toEqual([
      'frame.frame.probe: missing or of the wrong type',
      'frame.frame.probe: expected slice < slices and samples ≤ probeSize (10), got {"samples":3,"slice":4,"slices":4}',
      'frame.frame.probe: expected slice < slices and samples ≤ probeSize (10), got {"samples":11,"slice":0,"slices":1}',
      'frame.frame.probe.samples: missing or of the wrong type',
    ]);
  });

  it('accepts a full frame layer with typed arrays', () => {
    const port = new FakePort();
    const client = new CoreClient(port);
    const seen: number[] = [];
    client.on('frame', (e) => seen.push(e.frame.layers[0].deadCount));
    const ev = frameEvent(2);
    (ev.frame as Record<string, unknown>).layers = [{
      index: 0, units: 2, activation: 'relu', zeroGradientWhenInactive: true, inactiveFraction: 0.5, zeroFraction: 0.5,
      deadCount: 1, gradNorm: 0, weightNorm: 0, updateRatio: 0, alpha: null, activationRate: new Float32Array(2),
      preMax: new Float32Array(2), deadMask: Uint8Array.of(0, 1), preHist: hist, postHist: hist, gradHist: hist, weightHist: hist,
      weight: null, bias: null,
    }];
    port.deliver(ev);
    expect(seen).toEqual([1]);
  });
});
