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
  return <canvas ref={ref} width={side} height={side} className="weight-image" data-testid="inspector-weight-image" />;
}

function Weights({ detail }: { detail: UnitDetail }) {
  const side = Math.round(Math.sqrt(detail.incoming.length));
  if (side >= 8 && side * side === detail.incoming.length) return <WeightImage weights={detail.incoming} side={side} />;
  const w = detail.incoming;
  const shown = Math.min(w.length, 64);
  let scale = Math.abs(detail.bias);
  for (let i = 0; i < shown; i++) scale = Math.max(scale, Math.abs(w[i]));
  scale = scale || 1;
  const rowH = shown > 16 ? 4 : 10;
  const rows = [...Array.from(w.subarray(0, shown)), detail.bias];
  return (
    <svg width={W} height={rows.length * rowH + 2} className="mini-chart" role="img" aria-label="Incoming weights and bias">
      <line x1={W / 2} x2={W / 2} y1={0} y2={rows.length * rowH} className="zero-line faint" />
      {rows.map((v, i) => {
        const len = (Math.abs(v) / scale) * (W / 2 - 2);
        return <rect key={i} x={v >= 0 ? W / 2 : W / 2 - len} y={i * rowH + 1} width={len} height={rowH - 1} className={i === rows.length - 1 ? 'bar bias' : v >= 0 ? 'bar pos' : 'bar neg'} />;
      })}
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
    <aside className="inspector" data-testid="inspector" aria-label="Unit inspector">
      <header>
        <strong>Hidden {selected.layer + 1} · unit {selected.unit + 1}</strong>
        {state && <span className={`state-pill ${state}`} data-testid="inspector-state">{state}</span>}
        <span className="spacer" />
        <button className="icon" title="Close" onClick={() => actions.selectUnit(null)}>✕</button>
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
