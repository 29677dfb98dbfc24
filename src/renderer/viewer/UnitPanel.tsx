/**
 * One unit of a viewed run: its activation rate over the whole run (every
 * kept record), whether it is active, never active (dead or dormant) and
 * since when, or when it came back. Opened by a click on a cell of the
 * layers' strips or of the dying-neuron heatmap; Escape closes it.
 */
import { useEffect, useRef } from 'react';
import { layerName, unitLabel } from '../charts/figures/theme';
import { neverActiveWord, percent, unitStory } from './runFacts';
import { selectRunUnit, useShownVersion, useViewer } from './viewerStore';

/** The panel is 300 px wide with 12 px of padding each side. */
const W = 276;
const H = 110;
const PAD = { l: 30, r: 8, t: 8, b: 20 };

export function UnitPanel() {
  const selected = useViewer((s) => s.selectedUnit);
  const history = useViewer((s) => s.history);
  useShownVersion();
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!selected) return;
    const opener = document.activeElement as HTMLElement | null;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') selectRunUnit(null);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      opener?.focus?.();
    };
  }, [selected?.layer, selected?.unit]);

  if (!selected) return null;
  const layer = history.layers[selected.layer];
  const rows = history.rateRows(selected.layer);
  const story = layer ? unitStory(history, selected.layer, selected.unit) : null;
  if (!layer || !rows || !story) return null;

  const n = rows.length;
  const first = rows.step(0);
  const last = rows.step(n - 1);
  const x = (step: number) => PAD.l + (last > first ? ((step - first) / (last - first)) * (W - PAD.l - PAD.r) : (W - PAD.l - PAD.r) / 2);
  const y = (rate: number) => PAD.t + (1 - rate) * (H - PAD.t - PAD.b);
  let path = '';
  for (let r = 0; r < n; r++) path += `${r === 0 ? 'M' : 'L'}${x(rows.step(r)).toFixed(1)},${y(rows.value(r, selected.unit)).toFixed(1)}`;
  const word = neverActiveWord(layer);
  const state = story.never ? word : story.revivedAt !== null ? 'revived' : 'alive';
  const title = `${layerName(layer)} · ${unitLabel(layer, selected.unit)}`;

  return (
    <aside className="inspector unit-panel" role="dialog" aria-label={`${title}: activation rate over time`} data-testid="unit-panel">
      <header>
        <strong className="ellipsis">{title}</strong>
        <span className={`state-pill ${state}`} data-testid="unit-state">{state}</span>
        <span className="spacer" />
        <button ref={close} className="icon" title="Close (Esc)" aria-label="Close" onClick={() => selectRunUnit(null)}>✕</button>
      </header>
      <div className="inspector-body">
        <div>
          <div className="caption">Activation rate over the run (share of probe samples with pre-activation &gt; 0)</div>
          <svg className="mini-chart" width={W} height={H} role="img" aria-label={`activation rate of ${title} from step ${first} to ${last}`}>
            <line className="zero-line faint" x1={PAD.l} x2={W - PAD.r} y1={y(0)} y2={y(0)} />
            <text className="axis" x={PAD.l - 4} y={y(1) + 4} textAnchor="end">1</text>
            <text className="axis zero-off" x={PAD.l - 4} y={y(0) + 3} textAnchor="end">0</text>
            <text className="axis" x={PAD.l} y={H - 4}>step {first}</text>
            <text className="axis" x={W - PAD.r} y={H - 4} textAnchor="end">{last}</text>
            <path className="spark" d={path} data-testid="unit-rate-path" />
          </svg>
        </div>
        <div className="kv">
          <span>rate at step {last}</span><b data-testid="unit-rate">{percent(story.rate)}</b>
          {story.never && story.since !== null && <><span>{word} since</span><b>step {story.since}</b></>}
          {story.revivedAt !== null && <><span>active again at</span><b>step {story.revivedAt}</b></>}
          <span>records kept</span><b>{n}{history.sampling > 1 ? ` (1 in ${history.sampling})` : ''}</b>
        </div>
        <p className={`reason ${story.never && word === 'dormant' ? 'dormant' : ''}`}>
          {story.never
            ? word === 'dead'
              ? 'Its pre-activation is ≤ 0 on every probe sample, so ReLU passes it no gradient: gradient descent cannot bring it back.'
              : `Never positive on the probe, but ${layer.activation} still passes it some gradient: it can recover.`
            : story.revivedAt !== null
              ? 'It was never active at an earlier record and fires again now.'
              : 'It fires on part of the probe set and learns.'}
        </p>
      </div>
    </aside>
  );
}
