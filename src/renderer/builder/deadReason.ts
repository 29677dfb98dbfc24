/**
 * Says in words why a unit is dead or dormant, from what the frame measured:
 * its largest pre-activation over the probe set, its bias and its incoming weights.
 */
import type { UnitDetail } from '../../core/protocol/messages';

const fmt = (x: number): string => {
  const s = Math.abs(x) >= 100 || Number.isInteger(x) ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(1) : x.toPrecision(2);
  return s.replace('-', '−');
};

export function deadReason(detail: UnitDetail, probeSize: number, zeroGradient: boolean): string {
  let sumAbsW = 0;
  for (let i = 0; i < detail.incoming.length; i++) sumAbsW += Math.abs(detail.incoming[i]);
  const head = `pre-activation ≤ 0 for all ${probeSize} probe samples (max ${fmt(detail.preMax)})`;
  // Inputs are of order 1, so Σ|w| bounds what the weights can add; a bias beyond it decides alone.
  const biasDominates = detail.bias < 0 && Math.abs(detail.bias) > sumAbsW;
  const cause = biasDominates ? `; bias ${fmt(detail.bias)} dominates` : '; its weights push every input below zero';
  const outcome = zeroGradient
    ? ' — its gradient is 0 everywhere, so training cannot revive it.'
    : ' — it is dormant: its activation still passes gradient, so it can recover.';
  return head + cause + outcome;
}
