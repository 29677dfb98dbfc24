/**
 * Checks what arrives from the core before the store touches it: the
 * envelope, the event type and the fields each type needs. The core is a
 * separate process that may be older, newer or broken; a bad event becomes
 * a notice naming the field, never an exception in a React render.
 */
import { PROTOCOL_VERSION, type CoreEvent } from '../../core/protocol/messages';

export class BadEvent extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadEvent';
  }
}

type Obj = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num: Check = (v) => typeof v === 'number';
const str: Check = (v) => typeof v === 'string';
const bool: Check = (v) => typeof v === 'boolean';
const obj: Check = isObj;
const nullableNum: Check = (v) => v === null || typeof v === 'number';
const nullableObj: Check = (v) => v === null || isObj(v);
const f32: Check = (v) => v instanceof Float32Array;
const u8: Check = (v) => v instanceof Uint8Array;
const nullableF32: Check = (v) => v === null || v instanceof Float32Array;
const histogram: Check = (v) => isObj(v) && v.counts instanceof Uint32Array && num(v.min) && num(v.max);
const RUN_STATES = ['empty', 'paused', 'running', 'done', 'diverged'];

const REQUIRED: Record<CoreEvent['type'], Record<string, Check>> = {
  ready: {},
  loaded: { experiment: obj, dataset: obj, totalSteps: num },
  status: { state: (v) => RUN_STATES.includes(v as string), step: num, epoch: num, totalSteps: num, samplesPerSecond: num },
  frame: { frame: obj },
  weights: { step: num, weights: obj, checkpoint: bool },
  bornDead: { trials: num, done: num, probability: num, stderr: num },
  error: { code: str, message: str },
};

const FRAME: Record<string, Check> = {
  seq: num, step: num, epoch: num, loss: num, accuracy: nullableNum, testLoss: nullableNum, testAccuracy: nullableNum,
  probeSize: num, probe: obj, layers: Array.isArray, outputWeight: nullableF32, boundary: nullableObj, unit: nullableObj,
};

const count: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const PROBE: Record<string, Check> = { samples: count, slice: count, slices: count };

const LAYER: Record<string, Check> = {
  index: num, units: num, activation: str, zeroGradientWhenInactive: bool, inactiveFraction: num, zeroFraction: num,
  deadCount: num, gradNorm: num, weightNorm: num, activationRate: f32, preMax: f32, deadMask: u8,
  preHist: histogram, postHist: histogram, gradHist: histogram, weightHist: histogram, weight: nullableF32, bias: nullableF32,
};

const DATASET: Record<string, Check> = {
  description: str, inputs: num, outputs: num, classes: num, trainSize: num, testSize: num,
  featureNames: Array.isArray, classNames: Array.isArray, preview: (v) => isObj(v) && f32(v.x) && f32(v.y) && num(v.n),
};

function checkFields(value: Obj, rules: Record<string, Check>, path: string): void {
  for (const [key, check] of Object.entries(rules)) {
    if (!check(value[key])) throw new BadEvent(`${path}.${key}: missing or of the wrong type`);
  }
}

/** Returns the event (envelope dropped) or throws BadEvent naming what was wrong. */
export function parseEvent(data: unknown): CoreEvent {
  if (!isObj(data)) throw new BadEvent('expected an event object');
  if (data.protocol !== PROTOCOL_VERSION) throw new BadEvent(`protocol: expected ${PROTOCOL_VERSION}, got ${String(data.protocol)}`);
  const type = data.type;
  if (typeof type !== 'string' || !(type in REQUIRED)) throw new BadEvent(`type: unknown event ${JSON.stringify(type)}`);
  checkFields(data, REQUIRED[type as CoreEvent['type']], type);
  if (type === 'frame') {
    const frame = data.frame as Obj;
    checkFields(frame, FRAME, 'frame.frame');
    const probe = frame.probe as Obj;
    checkFields(probe, PROBE, 'frame.frame.probe');
    if ((probe.slice as number) >= (probe.slices as number) || (probe.samples as number) > (frame.probeSize as number)) {
      throw new BadEvent(`frame.frame.probe: expected slice < slices and samples ≤ probeSize (${String(frame.probeSize)}), got ${JSON.stringify(probe)}`);
    }
    (frame.layers as unknown[]).forEach((layer, i) => {
      if (!isObj(layer)) throw new BadEvent(`frame.frame.layers[${i}]: expected an object`);
      checkFields(layer, LAYER, `frame.frame.layers[${i}]`);
    });
    if (isObj(frame.boundary) && !(frame.boundary.values instanceof Float32Array)) {
      throw new BadEvent('frame.frame.boundary.values: expected a Float32Array');
    }
    if (isObj(frame.unit)) checkFields(frame.unit, { layer: num, unit: num, preHist: histogram, incoming: f32, bias: num, activationRate: num, preMax: num }, 'frame.frame.unit');
  }
  if (type === 'loaded') checkFields(data.dataset as Obj, DATASET, 'loaded.dataset');
  const { protocol: _protocol, ...event } = data;
  return event as unknown as CoreEvent;
}
