import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/experiment/errors';
import { defaultExperiment, parseExperiment, parseExperimentText, serializeExperiment } from '../../src/core/experiment/parse';

/** The example of DESIGN §4, verbatim. */
const DESIGN_EXAMPLE = `{
  "format": "relu-lab/experiment@1",
  "name": "Dying ReLU: bias -100",
  "seed": 42,
  "data": { "kind": "spiral", "samples": 600, "noise": 0.1, "classes": 3, "testFraction": 0.2 },
  "network": {
    "inputs": 2,
    "layers": [
      { "units": 16, "activation": "relu", "init": "he-normal", "bias": 0 },
      { "units": 16, "activation": { "kind": "leaky-relu", "alpha": 0.01 } },
      { "units": 3, "activation": "linear" }
    ],
    "loss": "softmax-cross-entropy"
  },
  "weights": null,
  "training": {
    "optimizer": { "kind": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": false, "weightDecay": 0 },
    "batchSize": 32, "epochs": 20, "steps": null, "shuffle": true
  },
  "monitor": { "every": 10, "probe": 1024, "bins": 40 }
}`;

/** The smallest valid file: everything else defaulted. */
function minimal(): Record<string, any> {
  return {
    format: 'relu-lab/experiment@1',
    data: { kind: 'xor' },
    network: { inputs: 2, layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'linear' }], loss: 'softmax-cross-entropy' },
    training: { optimizer: { kind: 'sgd', lr: 0.05 } },
  };
}

/** Runs `edit` on a minimal file and returns the message parseExperiment throws. */
function errorOf(edit: (raw: Record<string, any>) => void): string {
  const raw = minimal();
  edit(raw);
  try {
    parseExperiment(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('parseExperiment', () => {
  it('accepts the DESIGN §4 example as written', () => {
    const e = parseExperimentText(DESIGN_EXAMPLE);
    expect(e.name).toBe('Dying ReLU: bias -100');
    expect(e.seed).toBe(42);
    expect(e.network.layers[0]).toEqual({ units: 16, activation: { kind: 'relu' }, init: 'he-normal', bias: 0 });
    expect(e.network.layers[1]).toEqual({ units: 16, activation: { kind: 'leaky-relu', alpha: 0.01 }, init: 'torch-default', bias: null });
    expect(e.training.optimizer).toEqual({ kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0 });
  });

  it('fills every default of a minimal file', () => {
    const e = parseExperiment(minimal());
    expect(e.name).toBe('Untitled experiment');
    expect(e.seed).toBe(1);
    expect(e.data).toEqual({ kind: 'xor', samples: 600, noise: 0.1, classes: 2, testFraction: 0.2 });
    expect(e.network.layers[0]).toEqual({ units: 4, activation: { kind: 'relu' }, init: 'torch-default', bias: null });
    expect(e.weights).toBeNull();
    expect(e.training).toEqual({
      optimizer: { kind: 'sgd', lr: 0.05, momentum: 0, nesterov: false, weightDecay: 0 },
      batchSize: 32, epochs: 20, steps: null, shuffle: true,
    });
    expect(e.monitor).toEqual({ every: 10, probe: 1024, bins: 40 });
  });

  it('defaults data per kind', () => {
    const data = (d: object) => parseExperiment({ ...minimal(), data: d }).data;
    expect(data({ kind: 'spiral' })).toMatchObject({ samples: 600, classes: 3, noise: 0.1, testFraction: 0.2 });
    expect(data({ kind: 'gaussians' })).toMatchObject({ classes: 3 });
    expect(data({ kind: 'moons' })).toMatchObject({ classes: 2 });
    expect(data({ kind: 'sine' })).toEqual({ kind: 'sine', samples: 400, noise: 0.05, classes: 0, testFraction: 0.2 });
    expect(data({ kind: 'mnist' })).toEqual({ kind: 'mnist', samples: 2000, testFraction: 0.2 });
    expect(data({ kind: 'csv', path: 'a.csv', labelColumn: 'y' })).toEqual({ kind: 'csv', path: 'a.csv', labelColumn: 'y', testFraction: 0.2 });
    expect(data({ kind: 'inline', x: [[0], [1]], y: [0, 1] })).toEqual({ kind: 'inline', x: [[0], [1]], y: [0, 1], testFraction: 0 });
  });

  it('fills activation alphas and optimizer hyper-parameters with PyTorch defaults', () => {
    const e = parseExperiment({
      ...minimal(),
      network: {
        inputs: 2,
        layers: [{ units: 3, activation: 'leaky-relu' }, { units: 3, activation: 'prelu' }, { units: 3, activation: { kind: 'elu' } }, { units: 2, activation: 'linear' }],
        loss: 'softmax-cross-entropy',
      },
    });
    expect(e.network.layers.map((l) => l.activation.alpha)).toEqual([0.01, 0.25, 1, undefined]);
    const opt = (o: object) => parseExperiment({ ...minimal(), training: { optimizer: o } }).training.optimizer;
    expect(opt({ kind: 'adam', lr: 1e-3 })).toEqual({ kind: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    expect(opt({ kind: 'adamw', lr: 1e-3 })).toEqual({ kind: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 });
    expect(opt({ kind: 'rmsprop', lr: 1e-2 })).toEqual({ kind: 'rmsprop', lr: 1e-2, rho: 0.99, eps: 1e-8, weightDecay: 0 });
  });

  it('accepts seed 0, batchSize "full", probe "train" and a step count', () => {
    const e = parseExperiment({ ...minimal(), seed: 0, training: { optimizer: { kind: 'sgd', lr: 1 }, batchSize: 'full', steps: 150 }, monitor: { probe: 'train' } });
    expect(e.seed).toBe(0);
    expect(e.training.batchSize).toBe('full');
    expect(e.training.steps).toBe(150);
    expect(e.monitor.probe).toBe('train');
  });

  it('embeds weights checked against the network', () => {
    const weights = {
      format: 'relu-lab/weights@1',
      layers: [
        { weight: [[1, 2], [3, 4], [5, 6], [7, 8]], bias: [0, 0, 0, 0] },
        { weight: [[1, 1, 1, 1], [2, 2, 2, 2]], bias: [0.5, -0.5] },
      ],
    };
    expect(parseExperiment({ ...minimal(), weights }).weights).toEqual(weights);
    expect(errorOf((r) => {
      r.weights = { ...weights, layers: [weights.layers[0], { weight: [[1, 1, 1], [2, 2, 2]], bias: [0, 0] }] };
    })).toBe('weights.layers[1].weight: expected 2 rows (out) of 4 numbers (in), got 2 × 3');
  });
});

describe('parseExperiment errors name the field and what was expected', () => {
  it('missing field', () => {
    expect(errorOf((r) => delete r.network.inputs)).toBe('network.inputs: missing (expected an integer in [1, 65536])');
    expect(errorOf((r) => delete r.training.optimizer.lr)).toBe('training.optimizer.lr: missing (expected a number ≥ 0)');
    expect(errorOf((r) => delete r.data)).toMatch(/^data: missing/);
  });

  it('wrong type', () => {
    expect(errorOf((r) => (r.seed = '42'))).toBe('seed: expected an integer in [0, 4294967295], got "42"');
    expect(errorOf((r) => (r.training.shuffle = 'yes'))).toBe('training.shuffle: expected true or false, got "yes"');
    expect(errorOf((r) => (r.network.layers = {}))).toBe('network.layers: expected an array of layers, the output layer last, got an object');
    expect(errorOf((r) => (r.training.batchSize = 'half'))).toBe('training.batchSize: expected an integer ≥ 1 or "full", got "half"');
  });

  it('unknown field', () => {
    expect(errorOf((r) => (r.training.optimiser = {}))).toBe(
      'training.optimiser: unknown field (expected one of: optimizer, batchSize, epochs, steps, shuffle)',
    );
    expect(errorOf((r) => (r.training.optimizer.beta1 = 0.9))).toBe(
      'training.optimizer.beta1: unknown field (expected one of: kind, lr, momentum, nesterov, weightDecay)',
    );
    expect(errorOf((r) => (r.data.classes = 3))).toBe('data.classes: xor always has 2 classes, got 3');
  });

  it('unknown activation, init, loss', () => {
    expect(errorOf((r) => (r.network.layers[0].activation = 'relux'))).toBe(
      'network.layers[0].activation: unknown activation "relux" (expected one of: linear, relu, leaky-relu, prelu, elu, sigmoid, tanh, relu6, gelu, silu, selu, softplus, mish)',
    );
    expect(errorOf((r) => (r.network.layers[1].init = 'kaiming'))).toMatch(/^network\.layers\[1\]\.init: unknown init "kaiming" \(expected one of: he-normal/);
    expect(errorOf((r) => (r.network.loss = 'nll'))).toBe('network.loss: unknown loss "nll" (expected one of: softmax-cross-entropy, mse, sigmoid-bce)');
  });

  it('negative, zero and fractional widths', () => {
    expect(errorOf((r) => (r.network.layers[0].units = -3))).toBe('network.layers[0].units: expected an integer in [1, 65536], got -3');
    expect(errorOf((r) => (r.network.layers[1].units = 0))).toBe('network.layers[1].units: expected an integer in [1, 65536], got 0');
    expect(errorOf((r) => (r.network.layers[0].units = 2.5))).toBe('network.layers[0].units: expected an integer in [1, 65536], got 2.5');
    expect(errorOf((r) => (r.network.layers = []))).toBe('network.layers: expected at least one layer (the output layer)');
  });

  it('alpha: only for leaky-relu, prelu, elu, and never negative', () => {
    expect(errorOf((r) => (r.network.layers[0].activation = { kind: 'relu', alpha: 0.1 }))).toBe(
      'network.layers[0].activation.alpha: not allowed for relu (only leaky-relu, prelu, elu have alpha)',
    );
    expect(errorOf((r) => (r.network.layers[0].activation = { kind: 'leaky-relu', alpha: -1 }))).toBe(
      'network.layers[0].activation.alpha: expected a number ≥ 0, got -1',
    );
  });

  it('nesterov without momentum (a PyTorch rule)', () => {
    expect(errorOf((r) => (r.training.optimizer.nesterov = true))).toBe(
      'training.optimizer.nesterov: nesterov needs momentum > 0 (PyTorch rule): set momentum or nesterov: false',
    );
  });

  it('format must be exactly experiment@1', () => {
    expect(errorOf((r) => (r.format = 'relu-lab/experiment@2'))).toBe('format: expected "relu-lab/experiment@1", got "relu-lab/experiment@2"');
    expect(errorOf((r) => delete r.format)).toBe('format: missing (expected "relu-lab/experiment@1")');
    expect(() => parseExperiment([])).toThrow('expected an object, got an array of 0');
  });

  it('inline data must be numbers', () => {
    expect(errorOf((r) => (r.data = { kind: 'inline', x: [[0, 1], [1, 'a']], y: [0, 1] }))).toBe('data.x[1][1]: expected a finite number, got "a"');
  });

  it('reports text that is not JSON with line and column', () => {
    const text = '{\n  "format": "relu-lab/experiment@1",\n  "seed": 4 2\n}';
    expect(() => parseExperimentText(text)).toThrow(new ValidationError('', "not valid JSON: expected ',' or '}', found \"2\" at line 3 column 13"));
    expect(() => parseExperimentText('', 'x.relu.json')).toThrow('not valid JSON: expected a value, found the end of the text at line 1 column 1 (in x.relu.json)');
  });
});

describe('serializeExperiment', () => {
  it('round-trips through parseExperiment', () => {
    const original = parseExperimentText(DESIGN_EXAMPLE);
    const custom = {
      ...original,
      network: { ...original.network, layers: original.network.layers.map((l, i) => (i === 1 ? { ...l, activation: { kind: 'prelu' as const, alpha: 0.1 } } : l)) },
    };
    for (const e of [original, custom, defaultExperiment(), parseExperiment({ ...minimal(), data: { kind: 'sine' }, network: { inputs: 1, layers: [{ units: 1, activation: 'linear' }], loss: 'mse' } })]) {
      expect(parseExperimentText(serializeExperiment(e))).toEqual(e);
    }
  });

  it('writes keys in a stable order and default alphas as plain names', () => {
    const text = serializeExperiment(parseExperimentText(DESIGN_EXAMPLE));
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'name', 'seed', 'data', 'network', 'weights', 'training', 'monitor']);
    expect(JSON.parse(text).network.layers[1].activation).toBe('leaky-relu');
    expect(serializeExperiment(parseExperimentText(serializeExperiment(parseExperimentText(DESIGN_EXAMPLE))))).toBe(text);
  });

  it('a plain JSON copy of a parsed experiment parses again (the renderer stores it that way)', () => {
    const sine = parseExperiment({ ...minimal(), data: { kind: 'sine' }, network: { inputs: 1, layers: [{ units: 1, activation: 'linear' }], loss: 'mse' } });
    expect(parseExperiment(JSON.parse(JSON.stringify(sine)))).toEqual(sine);
  });
});

describe('defaultExperiment', () => {
  it('is the 2 → 8 → 8 → 3 spiral network, and valid', () => {
    const e = defaultExperiment();
    expect(e.network.layers.map((l) => [l.units, l.activation.kind, l.init])).toEqual([
      [8, 'relu', 'he-normal'], [8, 'relu', 'he-normal'], [3, 'linear', 'he-normal'],
    ]);
    expect(e.training.optimizer).toMatchObject({ kind: 'sgd', lr: 0.1 });
    expect(parseExperiment(JSON.parse(JSON.stringify(e)))).toEqual(e);
    expect(defaultExperiment()).not.toBe(e);
  });
});
