/**
 * Property tests (fast-check) for the protocol: any message either is a
 * command or is refused by parseCommand naming the field, and a session fed
 * any sequence of messages answers each bad one with an `error` event naming
 * the field — never an internal error, a throw or a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, SETTABLE_PATHS, type CoreEvent } from '../../src/core/protocol/messages';
import { BadMessage, parseCommand } from '../../src/core/protocol/validate';
import { startSession } from '../../src/core/session/session';
import { base, FIELD, mutate, mutation, nasty } from '../core/hostile-input';

const TYPES = ['load', 'play', 'pause', 'step', 'reset', 'set', 'probe', 'exportWeights', 'bornDead', 'inspect', 'ack'];

/** Messages a buggy or hostile renderer could send: junk, wrong envelopes, commands with wrong fields, experiments with wrong fields. */
const message = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.record({ protocol: fc.oneof(fc.constant(PROTOCOL_VERSION), nasty), type: fc.oneof(fc.constantFrom(...TYPES), nasty) }),
  fc.record({ protocol: fc.constant(PROTOCOL_VERSION), type: fc.constantFrom('step', 'bornDead'), n: nasty, trials: nasty }),
  fc.record({ protocol: fc.constant(PROTOCOL_VERSION), type: fc.constant('reset'), seed: nasty }),
  fc.record({ protocol: fc.constant(PROTOCOL_VERSION), type: fc.constant('set'), path: fc.oneof(fc.constantFrom(...SETTABLE_PATHS), nasty), value: nasty }),
  fc.record({ protocol: fc.constant(PROTOCOL_VERSION), type: fc.constant('inspect'), unit: fc.oneof(nasty, fc.record({ layer: nasty, unit: nasty })) }),
  fc.record({ protocol: fc.constant(PROTOCOL_VERSION), type: fc.constant('ack'), seq: nasty }),
  fc.array(mutation, { minLength: 1, maxLength: 2 }).map((m) => ({ protocol: PROTOCOL_VERSION, type: 'load', experiment: mutate(m) })),
  fc.record({
    protocol: fc.constant(PROTOCOL_VERSION),
    type: fc.constant('load'),
    experiment: fc.constant({ ...base, data: { kind: 'csv', path: 'd.csv', labelColumn: 'label' } }),
    files: fc.oneof(nasty, fc.dictionary(fc.constantFrom('d.csv', 'e.csv'), fc.oneof(nasty, fc.constantFrom('x1,x2,label\n1,2,a\n3,4,b\n', 'x1,x2,label\n1e39,2,a\n')))),
    resume: fc.oneof(fc.constant(undefined), nasty, fc.record({ step: nasty, weights: nasty })),
  }, { requiredKeys: ['protocol', 'type', 'experiment'] }),
);

/** What an error event's message starts with: the field (or place), then ': '. */
const NAMES_A_FIELD = new RegExp(`^(${FIELD.source.slice(1, -1)}): `, 's');

describe('parseCommand', () => {
  it('returns a command or throws BadMessage naming the field', () => {
    fc.assert(
      fc.property(message, (m) => {
        try {
          const command = parseCommand(m);
          expect(TYPES).toContain(command.type);
        } catch (e) {
          if (!(e instanceof BadMessage)) throw e;
          expect(e.message).toMatch(/^(expected a command object, got |[\w.]+(\["[^"]*"\])?: )/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a session fed any messages', () => {
  it('answers every bad one with an error event naming the field, and never fails inside', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 6 }), async (messages) => {
        const events: CoreEvent[] = [];
        const slices: Array<() => void> = [];
        let receive: (data: unknown) => void = () => {};
        startSession(
          { post: (event) => void events.push(event), onMessage: (handler) => (receive = handler) },
          // Training slices run one round at a time, below, so `play` cannot run on forever.
          { now: () => performance.now(), schedule: (fn) => void slices.push(fn), later: (fn) => void slices.push(fn) },
        );
        receive({ protocol: PROTOCOL_VERSION, type: 'load', experiment: base });
        for (const m of [...messages, { protocol: PROTOCOL_VERSION, type: 'pause' }]) {
          expect(() => receive(m)).not.toThrow();
          await new Promise((done) => setImmediate(done));
          slices.splice(0).forEach((slice) => slice());
          await new Promise((done) => setImmediate(done));
        }
        for (const e of events) {
          if (e.type !== 'error') continue;
          expect(e.code).not.toBe('internal');
          if (e.code === 'diverged') continue;
          if (e.code === 'no-experiment') expect(e.message).toMatch(/^\w+: no experiment is loaded/);
          else if (!e.message.startsWith('expected a command object')) expect(e.message).toMatch(NAMES_A_FIELD);
        }
      }),
      { numRuns: 150 },
    );
  });
});
