import { describe, expect, it, vi } from 'vitest';
import { defaultExperiment } from '../../src/core/experiment/parse';
import type { Command, CoreEvent } from '../../src/core/protocol/messages';
import { divergenceMessage } from '../../src/core/train/divergence';
import { canRedo, canUndo, createAppStore, DEFAULT_SPEED, documentTitle, isDirty, loadingOtherData, undoLabel, unsavedDesign } from '../../src/renderer/store/appStore';
import { addHiddenLayer, changeDataKind, removeHiddenLayer, moveHiddenLayer, updateLayer, withLoss } from '../../src/renderer/store/designEdits';
import { UNDO_LIMIT } from '../../src/renderer/store/undoStack';
import { frame } from './history-frames';

/** A store wired to a recording fake core, already told the default design is loaded. */
function setup() {
  const sent: Command[] = [];
  const app = createAppStore();
  app.actions.attach((c) => sent.push(c));
  const loaded = (): void => {
    const e = app.store.getState().design.present;
    app.actions.receive({ type: 'loaded', experiment: e, dataset: {} as never, totalSteps: 100 } as CoreEvent);
    app.actions.receive({ type: 'status', state: 'paused', step: 0, epoch: 0, totalSteps: 100, samplesPerSecond: 0 });
  };
  app.actions.loadIntoCore();
  loaded();
  sent.length = 0;
  return { app, sent, loaded, state: () => app.store.getState() };
}

describe('design changes', () => {
  it('adds a hidden layer before the output and reloads the core at step 0', () => {
    const { app, sent, state } = setup();
    expect(app.actions.edit(addHiddenLayer)).toBeNull();
    const layers = state().design.present.network.layers;
    expect(layers.map((l) => l.units)).toEqual([8, 8, 8, 3]);
    expect(layers[3].activation.kind).toBe('linear');
    expect(sent).toHaveLength(1);
    expect(sent[0].type).toBe('load');
  });

  it('refuses an invalid value with a message naming the field, and keeps the previous design', () => {
    const { app, sent, state } = setup();
    const before = state().design.present;
    const refusal = app.actions.edit((e) => updateLayer(e, 0, { units: 0 }));
    expect(refusal).toMatch(/network\.layers\[0\]\.units/);
    expect(state().design.present).toBe(before);
    expect(state().design.past).toHaveLength(0);
    expect(sent).toHaveLength(0);
  });

  it('refuses a network that no longer fits the data (output units vs classes)', () => {
    const { app, state } = setup();
    expect(app.actions.edit((e) => updateLayer(e, 2, { units: 5 }))).toMatch(/3 classes/);
    expect(state().design.present.network.layers[2].units).toBe(3);
  });

  it('sends live hyper-parameters as set commands and keeps the run', () => {
    const { app, sent } = setup();
    app.actions.edit((e) => ({ ...e, training: { ...e.training, optimizer: { ...e.training.optimizer, lr: 0.03 }, batchSize: 64 } }));
    expect(sent).toEqual([
      { type: 'set', path: 'training.optimizer.lr', value: 0.03 },
      { type: 'set', path: 'training.batchSize', value: 64 },
    ]);
  });

  it('takes a learning-rate tick without serializing or parsing the design, at either end', () => {
    const { app, sent, state } = setup();
    const stringify = vi.spyOn(JSON, 'stringify');
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(app.actions.edit((e) => ({ ...e, training: { ...e.training, optimizer: { ...e.training.optimizer, lr: 0.05 } } }), 'lr')).toBeNull();
      expect(isDirty(state())).toBe(true);
      expect(stringify).not.toHaveBeenCalled();
      expect(parse).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
      parse.mockRestore();
    }
    expect(state().design.present.training.optimizer.lr).toBe(0.05);
    expect(sent).toEqual([{ type: 'set', path: 'training.optimizer.lr', value: 0.05 }]);
  });

  it('refuses a bad live value with the rule files follow, and keeps the design', () => {
    const { app, sent, state } = setup();
    const refusal = app.actions.edit((e) => ({ ...e, training: { ...e.training, batchSize: 0 } }));
    expect(refusal).toBe('training.batchSize: expected an integer ≥ 1 or "full", got 0');
    expect(state().design.past).toHaveLength(0);
    expect(sent).toEqual([]);
  });

  it('a new optimizer goes to the core whole', () => {
    const { app, sent } = setup();
    app.actions.edit((e) => ({ ...e, training: { ...e.training, optimizer: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 } } }));
    expect(sent).toEqual([{ type: 'set', path: 'training.optimizer', value: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 } }]);
  });

  it('reshapes the network when the data set changes (MNIST: 784 inputs, 10 outputs)', () => {
    const { app, state } = setup();
    expect(app.actions.edit((e) => changeDataKind(e, 'mnist'))).toBeNull();
    const n = state().design.present.network;
    expect(n.inputs).toBe(784);
    expect(n.layers[n.layers.length - 1].units).toBe(10);
    app.actions.edit((e) => changeDataKind(e, 'sine'));
    expect(state().design.present.network.loss).toBe('mse');
    expect(state().design.present.network.inputs).toBe(1);
  });

  it('moves and removes hidden layers, never the output', () => {
    let e = updateLayer(addHiddenLayer(defaultExperiment()), 2, { units: 5 });
    e = moveHiddenLayer(e, 2, 0);
    expect(e.network.layers.map((l) => l.units)).toEqual([5, 8, 8, 3]);
    expect(removeHiddenLayer(e, 3)).toBe(e);
    expect(removeHiddenLayer(e, 0).network.layers.map((l) => l.units)).toEqual([8, 8, 3]);
  });
});

describe('undo and redo', () => {
  it('undoes and redoes every design change, telling the core each time', () => {
    const { app, sent, state, loaded } = setup();
    app.actions.edit((e) => updateLayer(e, 1, { bias: -100 }));
    loaded();
    app.actions.edit(addHiddenLayer);
    loaded();
    sent.length = 0;
    app.actions.undo();
    expect(state().design.present.network.layers).toHaveLength(3);
    expect(state().design.present.network.layers[1].bias).toBe(-100);
    loaded();
    app.actions.undo();
    expect(state().design.present.network.layers[1].bias).toBeNull();
    expect(sent.map((c) => c.type)).toEqual(['load', 'load']);
    app.actions.redo();
    expect(state().design.present.network.layers[1].bias).toBe(-100);
    app.actions.undo();
    app.actions.undo();
    expect(state().design.present.network.layers[1].bias).toBeNull();
  });

  it('keeps at most UNDO_LIMIT steps', () => {
    const { app, state } = setup();
    for (let i = 0; i < UNDO_LIMIT + 20; i++) app.actions.edit((e) => ({ ...e, seed: i + 2 }));
    expect(state().design.past).toHaveLength(UNDO_LIMIT);
  });

  it('a new edit after undo drops the redo branch', () => {
    const { app, state } = setup();
    app.actions.edit((e) => ({ ...e, seed: 7 }));
    app.actions.undo();
    app.actions.edit((e) => ({ ...e, seed: 9 }));
    app.actions.redo();
    expect(state().design.present.seed).toBe(9);
  });
});

describe('a document replaced without asking (a lesson, a link)', () => {
  const lesson = { ...defaultExperiment(), name: 'The dying ReLU', seed: 42 };

  it('comes back whole with Undo, unsaved changes, history and file name included, and Redo goes forward again', () => {
    const { app, state, sent } = setup();
    app.actions.openDocument(JSON.stringify({ ...defaultExperiment(), seed: 3 }), 'mine.relu.json', '/home/me/mine.relu.json');
    app.actions.edit((e) => ({ ...e, seed: 4 }));
    app.actions.edit((e) => ({ ...e, seed: 5 }));
    const mine = state().documentId;
    sent.length = 0;

    app.actions.replaceDocument(lesson);
    expect(state().design.present.seed).toBe(42);
    expect(state().design.past).toHaveLength(0);
    expect(isDirty(state())).toBe(false);
    expect(state().fileName).toBeNull();
    expect(state().documentId).not.toBe(mine);
    expect(canUndo(state())).toBe(true);
    expect(undoLabel(state())).toBe('Undo: back to “mine.relu.json” (Ctrl+Z)');
    // The replaced work is still unsaved work: the close prompt and the autosave see it.
    expect(unsavedDesign(state())).toMatchObject({ experiment: { seed: 5 }, fileName: 'mine.relu.json' });
    expect(sent.map((c) => c.type)).toEqual(['load']);

    app.actions.undo();
    expect(state().documentId).toBe(mine);
    expect(state().design.present.seed).toBe(5);
    expect(documentTitle(state())).toBe('mine.relu.json');
    expect(state().filePath).toBe('/home/me/mine.relu.json');
    expect(isDirty(state())).toBe(true);
    expect(sent.map((c) => c.type)).toEqual(['load', 'load']);
    // Its own history is back too.
    app.actions.undo();
    expect(state().design.present.seed).toBe(4);
    app.actions.redo();
    app.actions.redo();
    expect(state().design.present.seed).toBe(42);
    expect(state().documentId).not.toBe(mine);
  });

  it('is dropped by New or Open (which ask first), and Redo forgets it after a new edit', () => {
    const { app, state } = setup();
    app.actions.edit((e) => ({ ...e, seed: 9 }));
    app.actions.replaceDocument(lesson);
    app.actions.undo();
    expect(canRedo(state())).toBe(true);
    app.actions.edit((e) => ({ ...e, seed: 10 }));
    expect(canRedo(state())).toBe(false);
    app.actions.replaceDocument(lesson);
    app.actions.newDocument();
    expect(canUndo(state())).toBe(false);
    expect(unsavedDesign(state())).toBeNull();
  });
});

describe('while the core loads', () => {
  it('knows when the data shown is not the design\'s any more (MNIST takes seconds), and when it is the same data reloaded', () => {
    const { app, state, loaded } = setup();
    expect(loadingOtherData(state())).toBe(false);
    app.actions.edit(addHiddenLayer);
    expect(state().loading).toBe(true);
    // A new layer reloads the same data: the preview stays as it is.
    expect(loadingOtherData(state())).toBe(false);
    loaded();
    app.actions.edit((e) => changeDataKind(e, 'circles'));
    expect(loadingOtherData(state())).toBe(true);
    loaded();
    expect(loadingOtherData(state())).toBe(false);
  });
});

describe('the dirty flag', () => {
  it('is set by a change, cleared by saving, and cleared again by undoing back to the saved design', () => {
    const { app, state } = setup();
    expect(isDirty(state())).toBe(false);
    app.actions.edit((e) => ({ ...e, seed: 5 }));
    expect(isDirty(state())).toBe(true);
    app.actions.undo();
    expect(isDirty(state())).toBe(false);
    app.actions.redo();
    app.actions.markSaved('mine.relu.json');
    expect(isDirty(state())).toBe(false);
    expect(state().fileName).toBe('mine.relu.json');
  });

  it('opening a file starts a clean document; a broken file is refused with its field path', () => {
    const { app, state } = setup();
    app.actions.edit((e) => ({ ...e, seed: 5 }));
    const text = JSON.stringify({ ...defaultExperiment(), seed: 11 });
    expect(app.actions.openDocument(text, 'a.relu.json')).toBeNull();
    expect(state().design.present.seed).toBe(11);
    expect(state().design.past).toHaveLength(0);
    expect(isDirty(state())).toBe(false);
    const bad = JSON.stringify({ ...defaultExperiment(), seed: -1 });
    expect(app.actions.openDocument(bad, 'b.relu.json')).toMatch(/^seed: /);
    expect(state().design.present.seed).toBe(11);
  });
});

describe('core events', () => {
  it("a divergence notice gives the core's account (what it saw, what to try) once, with no advice of its own", () => {
    const { app, state } = setup();
    const message = divergenceMessage({
      step: 12,
      seen: "layer 1 (relu)'s weights became NaN in the update of step 11",
      causes: ['the learning rate (now 0.1) is too high for this network: try 0.01 or lower'],
    });
    app.actions.receive({ type: 'error', code: 'diverged', message, detail: 'step 12' });
    const n = state().notices.at(-1)!;
    expect(n.code).toBe('diverged');
    expect(n.title).toBe('Training diverged');
    expect(n.message).toBe(message);
    const shown = [n.title, n.message, n.detail ?? ''].join('\n');
    expect(shown.match(/learning rate/g)).toHaveLength(1);
    expect(shown).not.toMatch(/\b(Try|Lower)\b/);
  });

  it('keeps the last checkpoint for crash recovery and resumes from it', () => {
    const { app, sent, state } = setup();
    const weights = { format: 'relu-lab/weights@1' as const, layers: [] };
    app.actions.receive({ type: 'weights', step: 40, weights, checkpoint: true });
    expect(state().checkpoint).toEqual({ step: 40, weights });
    app.actions.loadIntoCore(state().checkpoint!);
    expect(sent.find((c) => c.type === 'load')).toMatchObject({ type: 'load', resume: { step: 40 } });
    expect(state().checkpoint).toEqual({ step: 40, weights });
  });

  it('forgets the checkpoint when the design is loaded as a new run: it was another run\'s', () => {
    const { app, state } = setup();
    app.actions.receive({ type: 'weights', step: 40, weights: { format: 'relu-lab/weights@1', layers: [] }, checkpoint: true });
    app.actions.edit((e) => ({ ...e, network: { ...e.network, layers: e.network.layers.map((l, i) => (i === 0 ? { ...l, units: l.units + 1 } : l)) } }));
    expect(state().loading).toBe(true);
    expect(state().checkpoint).toBeNull();
  });
});

describe('notices and restarts of a run', () => {
  it('a successful load clears the errors of the previous attempt but keeps other notices', () => {
    const { app, state, loaded } = setup();
    app.actions.receive({ type: 'error', code: 'bad-data', message: 'data.csv line 3: expected a number' });
    app.actions.notify({ level: 'info', code: 'autosave', title: 'Unsaved work found', message: 'restore?' });
    loaded();
    expect(state().notices.map((n) => n.code)).toEqual(['autosave']);
  });

  it('Train after a divergence starts the run over instead of continuing from NaN weights', () => {
    const { app, sent } = setup();
    app.actions.receive({ type: 'status', state: 'diverged', step: 12, epoch: 1, totalSteps: 100, samplesPerSecond: 0 });
    app.actions.toggleTrain();
    expect(sent).toEqual([{ type: 'reset' }, { type: 'play' }]);
  });
});

describe('merged edits', () => {
  it('a slider drag undoes as one change', () => {
    const { app, state } = setup();
    const lr = (v: number) => (e: ReturnType<typeof state>['design']['present']) => ({ ...e, training: { ...e.training, optimizer: { ...e.training.optimizer, lr: v } } });
    app.actions.edit((e) => ({ ...e, seed: 3 }));
    for (const v of [0.2, 0.3, 0.5, 0.8]) app.actions.edit(lr(v), 'lr-slider');
    expect(state().design.present.training.optimizer.lr).toBe(0.8);
    app.actions.undo();
    expect(state().design.present.training.optimizer.lr).toBe(0.1);
    expect(state().design.present.seed).toBe(3);
  });
});

describe('losses', () => {
  it('sigmoid-bce on two classes gets one output unit; mse on classes is refused with the reason', () => {
    const { app, state } = setup();
    app.actions.edit((e) => changeDataKind(e, 'circles'));
    expect(app.actions.edit((e) => withLoss(e, 'sigmoid-bce'))).toBeNull();
    const n = state().design.present.network;
    expect(n.layers[n.layers.length - 1].units).toBe(1);
    expect(app.actions.edit((e) => withLoss(e, 'mse'))).toMatch(/classification set/);
    expect(state().design.present.network.loss).toBe('sigmoid-bce');
  });
});

describe('loaded weights', () => {
  const weightsFor = (sizes: number[][]) => ({
    format: 'relu-lab/weights@1' as const,
    layers: sizes.map(([out, inp]) => ({ weight: Array.from({ length: out }, () => new Array(inp).fill(0.1)), bias: new Array(out).fill(0) })),
  });

  it('survive a bias change but are dropped when the layer no longer fits them', () => {
    const { app, state } = setup();
    expect(app.actions.edit((e) => ({ ...e, weights: weightsFor([[8, 2], [8, 8], [3, 8]]) }))).toBeNull();
    app.actions.edit((e) => updateLayer(e, 0, { bias: -1 }));
    expect(state().design.present.weights).not.toBeNull();
    app.actions.edit((e) => updateLayer(e, 0, { activation: { kind: 'prelu', alpha: 0.25 } }));
    expect(state().design.present.weights).toBeNull();
  });
});

describe('training speed', () => {
  it('slows the core down, is not a design change, and is told again to a fresh core', () => {
    const { app, sent, state } = setup();
    // A new window trains at a watchable pace, told to the core with the first load.
    expect(state().speed).toBe(DEFAULT_SPEED);
    app.actions.setSpeed(10);
    expect(sent).toEqual([{ type: 'set', path: 'run.stepsPerSecond', value: 10 }]);
    expect(isDirty(state())).toBe(false);
    sent.length = 0;
    app.actions.loadIntoCore();
    expect(sent.map((c) => c.type)).toEqual(['load', 'set']);
    expect(sent[1]).toEqual({ type: 'set', path: 'run.stepsPerSecond', value: 10 });
  });
});

describe('requests to the core', () => {
  const weights = (bias: number) => ({ format: 'relu-lab/weights@1' as const, layers: [{ weight: [[1]], bias: [bias] }] });

  it('answers each weights request with its own reply, in order, and ignores checkpoints meanwhile', async () => {
    const { app, sent } = setup();
    const first = app.actions.requestWeights();
    const second = app.actions.requestWeights();
    expect(sent).toEqual([{ type: 'exportWeights' }, { type: 'exportWeights' }]);
    app.actions.receive({ type: 'weights', step: 5, weights: weights(5), checkpoint: true });
    app.actions.receive({ type: 'weights', step: 7, weights: weights(7), checkpoint: false });
    app.actions.receive({ type: 'weights', step: 9, weights: weights(9), checkpoint: false });
    await expect(first).resolves.toEqual({ step: 7, weights: weights(7) });
    await expect(second).resolves.toEqual({ step: 9, weights: weights(9) });
    expect(app.store.getState().weightRequests).toHaveLength(0);
  });

  it('refuses the requests a restarted core will never answer, then loads the design into the new core from the checkpoint', async () => {
    const { app, sent, state } = setup();
    app.actions.receive({ type: 'weights', step: 40, weights: weights(1), checkpoint: true });
    const pending = app.actions.requestWeights();
    sent.length = 0;
    app.actions.coreReplaced('the core crashed');
    await expect(pending).rejects.toThrow(/restarted before it answered/);
    expect(state().weightRequests).toHaveLength(0);
    expect(sent[0]).toMatchObject({ type: 'load', resume: { step: 40 } });
    expect(state().notices.at(-1)).toMatchObject({ code: 'core-restarted', message: 'the core crashed. Your design and charts are kept; training resumes from step 40.' });
  });

  it('refuses a weights request at once when no network is loaded', async () => {
    const app = createAppStore();
    const sent: Command[] = [];
    app.actions.attach((c) => sent.push(c));
    await expect(app.actions.requestWeights()).rejects.toThrow(/No network is loaded/);
    expect(sent).toEqual([]);
  });
});

describe('the run record', () => {
  it('any source of frames fills the history and the revival marks through the same actions', () => {
    const { app, state } = setup();
    app.actions.beginRun(null);
    app.actions.addFrame(frame(1, [{ rates: [0, 0.5] }]));
    app.actions.addFrame(frame(2, [{ rates: [0.25, 0.5] }]));
    expect(state().history.length).toBe(2);
    expect(state().frame?.step).toBe(2);
    expect(Array.from(state().revivals.revivedAt[0])).toEqual([2, -1]);
    app.actions.beginRun(null);
    expect(state().history.length).toBe(0);
    expect(state().frame).toBeNull();
  });
});

describe('notices', () => {
  it('a button of a notice runs its answer and removes the notice', () => {
    const { app, state } = setup();
    const answers: string[] = [];
    const id = app.actions.notify({ level: 'info', title: 'Unsaved work found', message: 'restore?', actions: [{ id: 'restore', label: 'Restore' }], respond: (a) => answers.push(a) });
    app.actions.answer(id, 'restore');
    expect(answers).toEqual(['restore']);
    expect(state().notices).toEqual([]);
  });

  it('gives every notice its own id and keeps the latest five', () => {
    const { app, state } = setup();
    const ids = Array.from({ length: 7 }, (_, i) => app.actions.notify({ level: 'info', title: 't', message: `m${i}` }));
    expect(new Set(ids).size).toBe(7);
    expect(state().notices.map((n) => n.message)).toEqual(['m2', 'm3', 'm4', 'm5', 'm6']);
  });
});
