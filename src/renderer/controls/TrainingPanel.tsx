/** Loss, optimizer and its parameters, learning rate, batch size, duration, seed. */
import { useState } from 'react';
import { optimizerDefaults } from '../../core/experiment/defaults';
import { LOSS_KINDS, type Experiment, type LossKind, type OptimizerKind, type OptimizerSpec } from '../../core/experiment/types';
import { actions, useApp } from '../store';
import { withLoss } from '../store/designEdits';
import { LearningRate } from './LearningRate';
import { NumberField } from './NumberField';

const OPTIMIZERS: OptimizerKind[] = ['sgd', 'adam', 'adamw', 'rmsprop'];

const editTraining = (patch: Partial<Experiment['training']>): string | null =>
  actions.edit((e) => ({ ...e, training: { ...e.training, ...patch } }));

const editOptimizer = (patch: Record<string, unknown>, mergeKey?: string): string | null =>
  actions.edit((e) => ({ ...e, training: { ...e.training, optimizer: { ...e.training.optimizer, ...patch } as OptimizerSpec } }), mergeKey);

export function TrainingPanel() {
  const e = useApp((s) => s.design.present);
  const [error, setError] = useState<string | null>(null);
  const t = e.training;
  const o = t.optimizer;
  const full = t.batchSize === 'full';

  return (
    <section className="panel" aria-label="Training">
      <h2>Training</h2>
      <div className="field">
        <label htmlFor="loss">loss</label>
        <select id="loss" data-testid="loss" value={e.network.loss} onChange={(ev) => setError(actions.edit((x) => withLoss(x, ev.target.value as LossKind)))}>
          {LOSS_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="optimizer">optimizer</label>
        <select
          id="optimizer"
          data-testid="optimizer"
          value={o.kind}
          onChange={(ev) => setError(editTraining({ optimizer: { ...optimizerDefaults(ev.target.value as OptimizerKind, o.lr) } }))}
        >
          {OPTIMIZERS.map((k) => <option key={k} value={k}>{k === 'sgd' ? 'SGD' : k === 'adam' ? 'Adam' : k === 'adamw' ? 'AdamW' : 'RMSprop'}</option>)}
        </select>
      </div>
      {error && <div className="field-error" role="alert">{error}</div>}
      <LearningRate value={o.lr} onCommit={(lr, key) => editOptimizer({ lr }, key)} />
      <div className="field-grid">
        {o.kind === 'sgd' && (
          <>
            <NumberField compact label="momentum" testId="momentum" value={o.momentum} min={0} max={0.999} step={0.05} onCommit={(v) => editOptimizer({ momentum: v ?? 0 })} />
            <div className="field compact checkbox">
              <label><input type="checkbox" data-testid="nesterov" checked={o.nesterov} onChange={(ev) => setError(editOptimizer({ nesterov: ev.target.checked }))} /> Nesterov</label>
            </div>
          </>
        )}
        {(o.kind === 'adam' || o.kind === 'adamw') && (
          <>
            <NumberField compact label="β₁" testId="beta1" value={o.beta1} min={0} max={0.9999} step={0.01} onCommit={(v) => editOptimizer({ beta1: v ?? 0.9 })} />
            <NumberField compact label="β₂" testId="beta2" value={o.beta2} min={0} max={0.99999} step={0.001} onCommit={(v) => editOptimizer({ beta2: v ?? 0.999 })} />
            <NumberField compact label="ε" testId="eps" value={o.eps} min={0} step="any" onCommit={(v) => editOptimizer({ eps: v ?? 1e-8 })} />
          </>
        )}
        {o.kind === 'rmsprop' && (
          <>
            <NumberField compact label="ρ (alpha)" testId="rho" value={o.rho} min={0} max={0.9999} step={0.01} onCommit={(v) => editOptimizer({ rho: v ?? 0.99 })} />
            <NumberField compact label="ε" testId="eps" value={o.eps} min={0} step="any" onCommit={(v) => editOptimizer({ eps: v ?? 1e-8 })} />
          </>
        )}
        <NumberField compact label="weight decay" testId="weight-decay" value={o.weightDecay} min={0} max={1} step={0.0001} onCommit={(v) => editOptimizer({ weightDecay: v ?? 0 })} />
      </div>
      <div className="field-grid">
        {full ? (
          <div className="field compact"><label>batch size</label><div className="static">full batch</div></div>
        ) : (
          <NumberField compact label="batch size" testId="batch-size" value={t.batchSize as number} integer min={1} max={65536} step={1} onCommit={(v) => editTraining({ batchSize: v ?? 32 })} />
        )}
        <div className="field compact checkbox">
          <label><input type="checkbox" data-testid="full-batch" checked={full} onChange={(ev) => setError(editTraining({ batchSize: ev.target.checked ? 'full' : 32 }))} /> full batch</label>
        </div>
        {t.steps === null ? (
          <NumberField compact label="epochs" testId="epochs" value={t.epochs} integer min={1} max={100000} step={1} onCommit={(v) => editTraining({ epochs: v ?? t.epochs })} />
        ) : (
          <NumberField compact label="steps" testId="steps" value={t.steps} integer min={1} max={10000000} step={1} onCommit={(v) => editTraining({ steps: v ?? t.steps })} />
        )}
        <div className="field compact">
          <label htmlFor="duration">stop after</label>
          <select id="duration" data-testid="duration" value={t.steps === null ? 'epochs' : 'steps'} onChange={(ev) => setError(editTraining({ steps: ev.target.value === 'steps' ? 1000 : null }))}>
            <option value="epochs">epochs</option>
            <option value="steps">steps</option>
          </select>
        </div>
      </div>
      <div className="seed-row">
        <NumberField compact label="seed" testId="seed" value={e.seed} integer min={0} max={4294967295} step={1} onCommit={(v) => actions.edit((x) => ({ ...x, seed: v ?? x.seed }))} />
        <button data-testid="new-seed" title="A fresh random seed: new initial weights and new data" onClick={() => actions.edit((x) => ({ ...x, seed: Math.floor(Math.random() * 2 ** 31) }))}>
          New seed
        </button>
      </div>
    </section>
  );
}
