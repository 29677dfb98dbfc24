/**
 * Which units came back: a unit seen never-positive in an earlier frame of
 * the run and active now has revived (see DESIGN §3 for dead). Folded from each frame as
 * it arrives, so the record covers every frame, not only those a view drew.
 */
import type { Frame } from '../../core/protocol/messages';

export interface RevivalState {
  /** Per hidden layer, per unit: 1 once the unit has been seen never-positive in this run. */
  wasDead: Uint8Array[];
  /** Per hidden layer, per unit: seq of the frame where it came back, or -1. */
  revivedAt: Int32Array[];
  seq: number;
}

export function emptyRevivals(): RevivalState {
  return { wasDead: [], revivedAt: [], seq: 0 };
}

/** Folds one frame into the revival record; arrays are reused while the network keeps its shape. */
export function trackRevivals(state: RevivalState, frame: Frame): RevivalState {
  const layers = frame.layers;
  const reshaped = state.wasDead.length !== layers.length || layers.some((l, i) => state.wasDead[i].length !== l.units);
  const wasDead = reshaped ? layers.map((l) => new Uint8Array(l.units)) : state.wasDead;
  const revivedAt = reshaped ? layers.map((l) => new Int32Array(l.units).fill(-1)) : state.revivedAt;
  for (let i = 0; i < layers.length; i++) {
    const mask = layers[i].deadMask;
    const dead = wasDead[i];
    const back = revivedAt[i];
    for (let u = 0; u < mask.length; u++) {
      if (mask[u]) {
        dead[u] = 1;
        back[u] = -1;
      } else if (dead[u]) {
        dead[u] = 0;
        back[u] = frame.seq;
      }
    }
  }
  return { wasDead, revivedAt, seq: frame.seq };
}
