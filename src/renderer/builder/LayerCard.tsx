/** The controls of one hidden layer, sitting above its column of units. */
import { useState, type DragEvent } from 'react';
import { ACTIVATION_DEFAULT_ALPHA, ACTIVATION_KINDS, INIT_KINDS, type ActivationKind, type InitKind, type LayerSpec } from '../../core/experiment/types';
import type { LayerFrame } from '../../core/protocol/messages';
import { NumberField } from '../controls/NumberField';
import { actions } from '../store';
import { activationOf, moveHiddenLayer, removeHiddenLayer, updateLayer } from '../store/designEdits';

export const LAYER_DRAG_TYPE = 'application/x-relu-lab-layer';

interface Props {
  index: number;
  hiddenCount: number;
  spec: LayerSpec;
  stats: LayerFrame | null;
  width: number;
}

export function LayerCard({ index, hiddenCount, spec, stats, width }: Props) {
  const [dropHint, setDropHint] = useState(false);
  const [selectError, setSelectError] = useState<string | null>(null);
  const id = `layer-${index}`;
  const alpha = ACTIVATION_DEFAULT_ALPHA[spec.activation.kind] !== undefined;
  const dead = stats?.deadCount ?? 0;
  const word = stats && !stats.zeroGradientWhenInactive ? 'dormant' : 'dead';

  const change = (patch: Partial<LayerSpec>): string | null => actions.edit((e) => updateLayer(e, index, patch));
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setDropHint(false);
    const from = Number(e.dataTransfer.getData(LAYER_DRAG_TYPE));
    if (Number.isInteger(from)) actions.edit((x) => moveHiddenLayer(x, from, index));
  };

  return (
    <div
      className={`layer-card${dropHint ? ' drop-hint' : ''}`}
      style={{ width: width - 10 }}
      data-testid={id}
      data-units={spec.units}
      data-dead={dead}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(LAYER_DRAG_TYPE)) {
          e.preventDefault();
          setDropHint(true);
        }
      }}
      onDragLeave={() => setDropHint(false)}
      onDrop={onDrop}
    >
      <div
        className="layer-head"
        draggable
        title="Drag to reorder"
        onDragStart={(e) => {
          e.dataTransfer.setData(LAYER_DRAG_TYPE, String(index));
          e.dataTransfer.effectAllowed = 'move';
        }}
      >
        <span className="grip" aria-hidden>⠿</span>
        <span className="layer-title" title={`Layer ${index + 1}: hidden layer ${index + 1} of ${hiddenCount}; drag the header to reorder`}>Layer {index + 1}</span>
        <button className="icon danger" data-testid={`${id}-remove`} title={`Remove layer ${index + 1}`} aria-label={`Remove layer ${index + 1}`} onClick={() => actions.edit((e) => removeHiddenLayer(e, index))}>✕</button>
      </div>
      <NumberField compact label="units" testId={`${id}-units`} value={spec.units} min={1} max={1024} integer step={1} onCommit={(v) => change({ units: v ?? spec.units })} />
      <div className="field compact">
        <label htmlFor={`${id}-act`}>activation</label>
        <select
          id={`${id}-act`}
          data-testid={`${id}-activation`}
          title={spec.activation.kind}
          value={spec.activation.kind}
          onChange={(e) => setSelectError(change({ activation: activationOf(e.target.value as ActivationKind, spec.activation.alpha) }))}
        >
          {ACTIVATION_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </div>
      {alpha && (
        <NumberField
          compact
          label={spec.activation.kind === 'prelu' ? 'α init' : 'α'}
          testId={`${id}-alpha`}
          value={spec.activation.alpha ?? null}
          min={0}
          onCommit={(v) => change({ activation: { kind: spec.activation.kind, alpha: v ?? ACTIVATION_DEFAULT_ALPHA[spec.activation.kind] } })}
        />
      )}
      <div className="field compact">
        <label htmlFor={`${id}-init-sel`}>init</label>
        <select id={`${id}-init-sel`} data-testid={`${id}-init`} title={spec.init} value={spec.init} onChange={(e) => setSelectError(change({ init: e.target.value as InitKind }))}>
          {INIT_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </div>
      <NumberField compact label="bias" testId={`${id}-bias`} value={spec.bias} allowEmpty placeholder="scheme" title="Empty: the init scheme's bias" onCommit={(v) => change({ bias: v })} />
      {selectError && <div className="field-error" role="alert">{selectError}</div>}
      <div className="layer-foot">
        <button className="icon" data-testid={`${id}-left`} title={`Move layer ${index + 1} left`} aria-label={`Move layer ${index + 1} left`} disabled={index === 0} onClick={() => actions.edit((e) => moveHiddenLayer(e, index, index - 1))}>‹</button>
        <button className="icon" data-testid={`${id}-right`} title={`Move layer ${index + 1} right`} aria-label={`Move layer ${index + 1} right`} disabled={index === hiddenCount - 1} onClick={() => actions.edit((e) => moveHiddenLayer(e, index, index + 1))}>›</button>
        <div className={`layer-stats${dead > 0 ? ' has-dead' : ''}`} data-testid={`${id}-stats`}>
          {stats ? (
            <>
              <span title="Share of (probe sample, unit) pairs with pre-activation ≤ 0">{Math.round(stats.inactiveFraction * 100)}% inactive</span>
              <span className="dead-count">{dead}/{spec.units} {word}</span>
            </>
          ) : (
            <span className="muted">no statistics yet</span>
          )}
        </div>
      </div>
    </div>
  );
}
