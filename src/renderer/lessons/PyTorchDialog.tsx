/**
 * "Copy as PyTorch": the design as PyTorch code. After training, or for an
 * experiment with its own weights, the code also loads a weights file, and
 * the dialog saves exactly the weights it refers to (a snapshot taken when
 * the dialog opened).
 */
import { useEffect, useState } from 'react';
import type { WeightsFile } from '../../core/experiment/types';
import { generatePyTorch } from '../../core/export/pytorch';
import { serializeWeights } from '../../core/weights/format';
import { baseName, weightsFileName } from '../platform/fileNames';
import { platform } from '../platform/current';
import { actions, app } from '../store';
import './lessons.css';

/** The core answers `exportWeights` at once; a missing answer (no core) must not leave the dialog waiting. */
const WEIGHTS_TIMEOUT_MS = 3000;

interface Snapshot {
  code: string;
  weights: { name: string; file: WeightsFile } | null;
}

async function snapshot(): Promise<Snapshot> {
  const s = app.store.getState();
  const design = s.design.present;
  if (s.run.state === 'empty' || s.run.step === 0) {
    // Untrained: the network starts from the experiment's own weights where it has them, so the code loads those.
    if (!design.weights) return { code: generatePyTorch(design), weights: null };
    const name = weightsFileName(baseName(s.fileName ?? design.name), 0);
    return { code: generatePyTorch(design, { weightsFile: name }), weights: { name, file: design.weights } };
  }
  const answer = await Promise.race([
    actions.requestWeights(),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), WEIGHTS_TIMEOUT_MS)),
  ]);
  if (!answer) return { code: generatePyTorch(design), weights: null };
  const name = weightsFileName(baseName(s.fileName ?? design.name), answer.step);
  return { code: generatePyTorch(design, { weightsFile: name }), weights: { name, file: answer.weights } };
}

export function PyTorchDialog({ onClose }: { onClose: () => void }) {
  const [snap, setSnap] = useState<Snapshot | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    let live = true;
    void snapshot().then((s) => live && setSnap(s));
    return () => {
      live = false;
    };
  }, []);
  const copy = async (): Promise<void> => {
    if (!snap) return;
    try {
      await navigator.clipboard.writeText(snap.code);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="lab-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="lab-modal lab-code-modal" role="dialog" aria-modal="true" aria-label="PyTorch code" data-testid="pytorch-dialog">
        <div className="lab-overlay-head">
          <h2>PyTorch code</h2>
          <button onClick={onClose}>Close</button>
        </div>
        {!snap && <p className="muted">Reading the trained weights…</p>}
        {snap && (
          <>
            <div className="lab-row">
              <button className="primary-outline" data-testid="pytorch-copy" onClick={() => void copy()}>Copy to clipboard</button>
              {snap.weights && (
                <button
                  data-testid="pytorch-save-weights"
                  onClick={() => void platform.saveBytes({ suggestedName: snap.weights!.name, mime: 'application/json', extensions: ['json'], data: serializeWeights(snap.weights!.file) })}
                >
                  Save {snap.weights.name}
                </button>
              )}
              {copied === 'yes' && <span className="small" role="status">Copied.</span>}
              {copied === 'failed' && <span className="small field-error" role="alert">The clipboard is not available here: select the code below and copy it.</span>}
            </div>
            <p className="muted small">
              {snap.weights
                ? 'Save the weights file next to the script: the code loads it, so PyTorch gives the same outputs as this network now.'
                : 'Train first to get code that also loads the trained weights.'}
            </p>
            <textarea className="lab-code" data-testid="pytorch-code" readOnly spellCheck={false} value={snap.code} onFocus={(e) => e.currentTarget.select()} />
          </>
        )}
      </div>
    </div>
  );
}
