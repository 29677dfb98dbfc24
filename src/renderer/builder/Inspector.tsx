/**
 * One unit up close: its pre-activation histogram over the probe set with
 * the zero cut-off, its activation rate over time, incoming weights and bias,
 * and for a dead or dormant unit the reason in words.
 */
import { useEffect, useRef, useState } from 'react';
import type { Histogram, UnitDetail } from '../../core/protocol/messages';
import { actions, useApp } from '../store';
import { deadReason } from './deadReason';
import { unitState } from './unitState';
import { useLayer } from '../layout/layers';

const W = 260;
const H = 90;

function PreHistogram({ hist }: { hist: Histogram }) {
  const n = hist.counts.length;
  let peak = 1;
  for (let i = 0; i < n; i++) peak = Math.max(peak, hist.counts[i]);
  const span = hist.max - hist.min || 1;
  const zeroX = ((0 - hist.min) / span) * W;
  const bars = Array.from(hist.counts, (c, i) => {
    const h = (c / peak) * (H - 14);
    const left = hist.min + (i * span) / n;
    return <rect key={i} x={(i * W) / n + 0.5} y={H - 12 - h} width={Math.max(1, W / n - 1)} height={h} className={left + span / n <= 0 ? 'bar neg' : 'bar pos'} />;
  });
  return (
    <svg width={W} height={H} className="mini-chart" data-testid="inspector-histogram" role="img" aria-label="Pre-activation histogram">
      {bars}
      {zeroX >= 0 && zeroX <= W ? <line className="zero-line" x1={zeroX} x2={zeroX} y1={0} y2={H - 12} /> : null}
      <text x={0} y={H - 1} className="axis">{hist.min.toPrecision(3)}</text>
      <text x={W} y={H - 1} textAnchor="end" className="axis">{hist.max.toPrecision(3)}</text>
      {zeroX >= 0 && zeroX <= W ? <text x={zeroX + 3} y={10} className="axis">0</text> : null}
      {zeroX > W ? <text x={W} y={10} textAnchor="end" className="axis zero-off">all &lt; 0 (zero is further right) →</text> : null}
      {zeroX < 0 ? <text x={0} y={10} className="axis zero-off">← zero is further left: all &gt; 0</text> : null}
    </svg>
  );
}

function RateSparkline({ values }: { values: number[] }) {
  if (values.length < 2) return <div className="muted small">collecting…</div>;
  const pts = values.map((v, i) => `${((i / (values.length - 1)) * W).toFixed(1)},${(4 + (1 - v) * (40 - 8)).toFixed(1)}`).join(' ');
  return (
    <svg width={W} height={40} className="mini-chart" role="img" aria-label="Activation rate over time">
      <polyline points={pts} className="spark" />
    </svg>
  );
}

/** Incoming weights of an image input (MNIST: 28 × 28) drawn as the image they weigh: orange > 0, blue < 0. */
function WeightImage({ weights, side }: { weights: Float32Array; side: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    let scale = 0;
    for (let i = 0; i < weights.length; i++) scale = Math.max(scale, Math.abs(weights[i]));
    const image = ctx.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const m = scale > 0 ? weights[i] / scale : 0;
      const a = Math.abs(m);
      // Blend from a neutral grey towards the sign's colour.
      const [r, g, b] = m >= 0 ? [240, 160, 75] : [90, 169, 230];
      image.data[i * 4] = 128 + (r - 128) * a;
      image.data[i * 4 + 1] = 128 + (g - 128) * a;
      image.data[i * 4 + 2] = 128 + (b - 128) * a;
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [weights, side]);
  return <canvas ref={ref} width={side} height={side} className="weight-image" data-testid="inspector-weight-image" role="img" aria-label={`The unit's ${side * side} incoming weights as a ${side} × ${side} image: orange above 0, blue below`} />;
}

/**
 * Incoming weights as bars around zero, then the bias. The bars share the
 * weights' scale: a bias far larger (at init the bias may be 0.1 against
 * weights of 0.01, or −100 in a lesson) is drawn to the edge with its value
 * written on it, rather than shrinking every weight to nothing.
 */
function Weights({ detail }: { detail: UnitDetail }) {
  const side = Math.round(Math.sqrt(detail.incoming.length));
  if (side >= 8 && side * side === detail.incoming.length) return <WeightImage weights={detail.incoming} side={side} />;
  const w = detail.incoming;
  const shown = Math.min(w.length, 64);
  let scale = 0;
  for (let i = 0; i < shown; i++) scale = Math.max(scale, Math.abs(w[i]));
  scale = scale || Math.abs(detail.bias) || 1;
  const rowH = shown > 16 ? 4 : 10;
  const half = W / 2 - 2;
  const barsH = (shown + 1) * rowH;
  const biasY = shown * rowH + 1;
  const biasLen = Math.min(1, Math.abs(detail.bias) / scale) * half;
  const biasOff = Math.abs(detail.bias) > scale;
  const biasX = detail.bias >= 0 ? W / 2 : W / 2 - biasLen;
  return (
    <svg width={W} height={barsH + 14} className="mini-chart" data-testid="inspector-weights" role="img" aria-label={`${shown} incoming weights between ${(-scale).toPrecision(2)} and ${scale.toPrecision(2)}, and the bias ${detail.bias.toPrecision(3)}`}>
      <line x1={W / 2} x2={W / 2} y1={0} y2={barsH} className="zero-line faint" />
      {Array.from(w.subarray(0, shown), (v, i) => {
        const len = (Math.abs(v) / scale) * half;
        return <rect key={i} x={v >= 0 ? W / 2 : W / 2 - len} y={i * rowH + 1} width={len} height={rowH - 1} className={v >= 0 ? 'bar pos' : 'bar neg'} />;
      })}
      <rect x={biasX} y={biasY} width={biasLen} height={Math.max(rowH - 1, 3)} className="bar bias" data-testid="inspector-bias-bar" />
      {biasOff && <text className="axis bias-off" x={detail.bias >= 0 ? W - 2 : 2} y={biasY + rowH - 1} textAnchor={detail.bias >= 0 ? 'end' : 'start'}>bias {detail.bias.toPrecision(3)} {detail.bias >= 0 ? '→' : '←'}</text>}
      <text className="axis" x={0} y={barsH + 11}>{(-scale).toPrecision(2)}</text>
      <text className="axis" x={W / 2} y={barsH + 11} textAnchor="middle">0</text>
      <text className="axis" x={W} y={barsH + 11} textAnchor="end">{scale.toPrecision(2)}</text>
    </svg>
  );
}

export function Inspector() {
  const selected = useApp((s) => s.selected)!;
  const frame = useApp((s) => s.frame);
  const revivals = useApp((s) => s.revivals);
  const [rates, setRates] = useState<number[]>([]);
  const lastSeq = useRef(-1);
  const key = `${selected.layer}:${selected.unit}`;
  const ref = useRef<HTMLElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  // A popover: Escape closes it, focus goes to its Close button and back to what had it before.
  useLayer(true, () => actions.selectUnit(null), ref, { initialFocus: closeButton });

  useEffect(() => {
    setRates([]);
    lastSeq.current = -1;
  }, [key]);

  const layer = frame?.layers[selected.layer];
  const detail = frame?.unit && frame.unit.layer === selected.layer && frame.unit.unit === selected.unit ? frame.unit : null;
  useEffect(() => {
    if (!frame || !layer || selected.unit >= layer.units || frame.seq === lastSeq.current) return;
    lastSeq.current = frame.seq;
    const r = layer.activationRate[selected.unit];
    setRates((prev) => (prev.length >= 300 ? [...prev.slice(1), r] : [...prev, r]));
  }, [frame, layer, selected.unit]);

  const state = layer && selected.unit < layer.units ? unitState(layer, selected.unit, revivals) : null;
  return (
    <aside ref={ref} className="inspector" data-testid="inspector" role="dialog" aria-label={`Unit inspector: hidden layer ${selected.layer + 1}, unit ${selected.unit + 1}`}>
      <header>
        <strong>Hidden {selected.layer + 1} · unit {selected.unit + 1}</strong>
        {state && <span className={`state-pill ${state}`} data-testid="inspector-state">{state}</span>}
        <span className="spacer" />
        <button ref={closeButton} className="icon" title="Close (Esc)" aria-label="Close the unit inspector" data-testid="inspector-close" onClick={() => actions.selectUnit(null)}>✕</button>
      </header>
      {!detail ? (
        <div className="muted small">Waiting for the core to measure this unit…</div>
      ) : (
        <div className="inspector-body">
          <div>
            <div className="caption">pre-activation on {frame!.probe.samples} probe samples (zero marked)</div>
            <PreHistogram hist={detail.preHist} />
          </div>
          <div className="kv">
            <span>activation rate</span><b>{(detail.activationRate * 100).toFixed(1)}%</b>
            <span>max pre-activation</span><b>{detail.preMax.toPrecision(3)}</b>
            <span>bias</span><b>{detail.bias.toPrecision(3)}</b>
          </div>
          {(state === 'dead' || state === 'dormant') && layer && (
            <p className={`reason ${state}`} data-testid="inspector-reason">{deadReason(detail, frame!.probeSize, layer.zeroGradientWhenInactive)}</p>
          )}
          <div>
            <div className="caption">activation rate over time</div>
            <RateSparkline values={rates} />
          </div>
          <div>
            <div className="caption">
              {Math.sqrt(detail.incoming.length) % 1 === 0 && detail.incoming.length >= 64
                ? `incoming weights as an image (${detail.incoming.length} inputs; orange > 0, blue < 0)`
                : `incoming weights${detail.incoming.length > 64 ? ` (first 64 of ${detail.incoming.length})` : ''} and bias (last bar)`}
            </div>
            <Weights detail={detail} />
          </div>
        </div>
      )}
    </aside>
  );
}
