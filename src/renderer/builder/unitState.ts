/**
 * What the canvas shows for each unit, decided from frames alone (DESIGN §3):
 * a never-positive unit is *dead* where its activation passes no gradient
 * (relu, relu6) and *dormant* elsewhere; a unit that was dead in an earlier
 * frame and is alive now has *revived* (the store's revival record says
 * which, store/revivals.ts) and is highlighted for a while.
 */
import type { LayerFrame } from '../../core/protocol/messages';
import type { RevivalState } from '../store/revivals';

export type UnitState = 'alive' | 'dead' | 'dormant' | 'revived';

/** A revived unit stays highlighted for this many frames (about two seconds at the core's frame rate). */
export const REVIVED_FRAMES = 60;

export function unitState(layer: LayerFrame, unit: number, revivals: RevivalState | null): UnitState {
  if (layer.deadMask[unit]) return layer.zeroGradientWhenInactive ? 'dead' : 'dormant';
  const at = revivals?.revivedAt[layer.index]?.[unit] ?? -1;
  if (at >= 0 && revivals!.seq - at < REVIVED_FRAMES) return 'revived';
  return 'alive';
}

/** Units a layer draws as a heat band (one thin cell per unit) instead of circles. */
export const BAND_THRESHOLD = 24;

export function drawsAsBand(units: number): boolean {
  return units > BAND_THRESHOLD;
}

export interface LinkStyle {
  color: 'positive' | 'negative';
  /** Stroke width in px, growing with |w| and capped so big weights do not swamp the picture. */
  width: number;
  opacity: number;
}

const MAX_LINK_WIDTH = 6;

/**
 * Playground style: sign → colour, magnitude → thickness. `scale` is the
 * layer's largest |w|. Width and opacity come in steps (0.1 px, 0.05) too
 * small to see. With continuous values, ~1,000 links taking new ones ten
 * times a second, Chromium's restyles of the drawing grew from 0.1 to over
 * a second each within ten seconds of training a 2-32-32-3 network (steps
 * of 0.001 still did), and frames from the core waited behind them; with
 * these steps most links keep their values from one frame to the next and
 * restyles stay short.
 */
export function linkStyle(weight: number, scale: number): LinkStyle {
  const m = scale > 0 ? Math.min(1, Math.abs(weight) / scale) : 0;
  return {
    color: weight >= 0 ? 'positive' : 'negative',
    width: Math.round((0.4 + m * (MAX_LINK_WIDTH - 0.4)) * 10) / 10,
    opacity: Math.round((0.15 + 0.75 * m) * 20) / 20,
  };
}

/** Largest |w| of a weight matrix (0 for none). */
export function maxAbs(values: Float32Array | null): number {
  if (!values) return 0;
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m) m = a;
  }
  return m;
}

/**
 * The colour of an activation rate: a ramp from a dark (never active) to a
 * bright (always active) tone, in HSL so it reads on both themes.
 */
export function rateColor(rate: number): string {
  const r = Math.max(0, Math.min(1, rate));
  const light = 28 + r * 40;
  const sat = 35 + r * 50;
  return `hsl(32 ${sat.toFixed(0)}% ${light.toFixed(0)}%)`;
}
