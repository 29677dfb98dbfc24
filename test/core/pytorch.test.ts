import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultExperiment, serializeExperiment } from '../../src/core/experiment/parse';
import {
  ACTIVATION_KINDS, INIT_KINDS, LOSS_KINDS,
  type ActivationKind, type Experiment, type LayerSpec, type LossKind, type OptimizerSpec, type WeightsFile,
} from '../../src/core/experiment/types';
import { optimizerDefaults } from '../../src/core/experiment/defaults';
import { generatePyTorch, pytorchLayerNames, sequentialLayout } from '../../src/core/export/pytorch';
import { Network } from '../../src/core/nn/network';
import { Rng } from '../../src/core/random/rng';
import { parseWeightsText, serializeWeights } from '../../src/core/weights/format';
import { runTorch, runTorchScripts, TORCH_PYTHON } from '../torch';

const work = mkdtempSync(join(tmpdir(), 'relu-lab-pytorch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function experimentWith(activations: ActivationKind[], options: { loss?: LossKind; optimizer?: OptimizerSpec; layer?: Partial<LayerSpec> } = {}): Experiment {
  const e = defaultExperiment();
  const loss = options.loss ?? 'softmax-cross-entropy';
  const layers: LayerSpec[] = activations.map((kind, i) => ({
    units: 3 + i,
    activation: kind === 'leaky-relu' ? { kind, alpha: 0.2 } : kind === 'prelu' ? { kind, alpha: 0.3 } : kind === 'elu' ? { kind, alpha: 0.7 } : { kind },
    init: INIT_KINDS[i % INIT_KINDS.length],
    bias: i === 1 ? -100 : null,
    ...options.layer,
  }));
  layers.push({ units: loss === 'softmax-cross-entropy' ? 3 : 2, activation: { kind: 'linear' }, init: 'he-normal', bias: null });
  return { ...e, name: 'All of "it"\nin one', network: { inputs: 2, layers, loss }, training: { ...e.training, optimizer: options.optimizer ?? e.training.optimizer } };
}

const HIDDEN = ACTIVATION_KINDS.filter((k) => k !== 'linear');

/** Trained-looking weights for `e`: a seeded init, every PReLU slope moved off its init. */
function weightsFor(e: Experiment, seed = 7): { network: Network; weights: WeightsFile } {
  const network = new Network(e.network, 16);
  network.initialize(new Rng(seed));
  const weights = network.getWeights();
  weights.layers.forEach((l) => { if (l.alpha !== undefined) l.alpha = 0.05; });
  network.setWeights(weights);
  return { network, weights };
}

/** 16 inputs of `e`, the outputs ReLU Lab computes for them, and Python lines printing torch's outputs as JSON. */
function forwardCheck(e: Experiment, network: Network): { expected: number[]; script: string } {
  const rng = new Rng(3);
  const x = Float32Array.from({ length: 16 * e.network.inputs }, () => rng.uniform(-3, 3));
  const expected = Array.from(network.forward(x, 16));
  const script = `\nx = torch.tensor(${JSON.stringify(Array.from(x))}, dtype=torch.float32).reshape(16, ${e.network.inputs})\nwith torch.no_grad():\n    print(json.dumps(model(x).flatten().tolist()))\n`;
  return { expected, script };
}

function expectSameOutputs(stdout: string, expected: number[]): void {
  const got = JSON.parse(stdout) as number[];
  expect(got).toHaveLength(expected.length);
  got.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-4 + 1e-4 * Math.abs(expected[i])));
}

describe('generatePyTorch', () => {
  it('writes the network as nn.Sequential, naming every layer with its shape and activation', () => {
    const e = experimentWith(['relu', 'leaky-relu', 'prelu', 'elu']);
    const code = generatePyTorch(e);
    expect(code).toContain('import torch\nfrom torch import nn\n');
    const linears = [...code.matchAll(/nn\.Linear\((\d+), (\d+)\),\s+# model\[(\d+)\]: (hidden layer \d|output layer)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3]), m[4]]);
    expect(linears).toEqual([[2, 3, 0, 'hidden layer 1'], [3, 4, 2, 'hidden layer 2'], [4, 5, 4, 'hidden layer 3'], [5, 6, 6, 'hidden layer 4'], [6, 3, 8, 'output layer']]);
    expect(code).toContain('nn.ReLU(),');
    expect(code).toContain('nn.LeakyReLU(negative_slope=0.2),');
    expect(code).toContain('nn.PReLU(num_parameters=1, init=0.3),');
    expect(code).toContain('nn.ELU(alpha=0.7),');
  });

  it('maps every activation to its torch.nn module', () => {
    const code = generatePyTorch(experimentWith([...HIDDEN]));
    for (const module of ['nn.ReLU()', 'nn.Sigmoid()', 'nn.Tanh()', 'nn.ReLU6()', 'nn.GELU()', 'nn.SiLU()', 'nn.SELU()', 'nn.Softplus()', 'nn.Mish()']) {
      expect(code).toContain(module);
    }
    expect(code.match(/nn\.Linear\(/g)).toHaveLength(HIDDEN.length + 1);
  });

  it('writes each init scheme and the bias overrides with nn.init', () => {
    const e = experimentWith(['relu', 'relu', 'relu', 'relu', 'relu', 'relu', 'relu']);
    const code = generatePyTorch(e);
    expect(code).toContain("nn.init.kaiming_normal_(model[0].weight, nonlinearity='relu')");
    expect(code).toContain("nn.init.kaiming_uniform_(model[2].weight, nonlinearity='relu')");
    expect(code).toContain('nn.init.constant_(model[2].bias, -100.0)');
    expect(code).toContain('nn.init.xavier_normal_(model[4].weight)');
    expect(code).toContain('nn.init.xavier_uniform_(model[6].weight)');
    expect(code).toContain("nn.init.kaiming_normal_(model[8].weight, nonlinearity='linear')");
    // torch-default (layer 5, model[10]) is nn.Linear's own init: nothing to write.
    expect(code).not.toMatch(/nn\.init\.\w+\(model\[10\]/);
    expect(code).toContain('nn.init.zeros_(model[12].weight)');
  });

  it('writes the loss and the optimizer with their parameters', () => {
    const cases: [LossKind, OptimizerSpec, string, string][] = [
      ['softmax-cross-entropy', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.0005 }, 'nn.CrossEntropyLoss()',
        'torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.0005)'],
      ['mse', optimizerDefaults('adam', 0.001), 'nn.MSELoss()',
        'torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)'],
      ['sigmoid-bce', optimizerDefaults('adamw', 0.003), 'nn.BCEWithLogitsLoss()',
        'torch.optim.AdamW(model.parameters(), lr=0.003, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)'],
      ['mse', { kind: 'rmsprop', lr: 0.01, rho: 0.9, eps: 1e-6, weightDecay: 0 }, 'nn.MSELoss()',
        'torch.optim.RMSprop(model.parameters(), lr=0.01, alpha=0.9, eps=0.000001, weight_decay=0.0)'],
    ];
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(LOSS_KINDS));
    for (const [loss, optimizer, lossCode, optimizerCode] of cases) {
      const code = generatePyTorch(experimentWith(['relu', 'tanh'], { loss, optimizer }));
      expect(code).toContain(`loss_fn = ${lossCode}`);
      expect(code).toContain(`optimizer = ${optimizerCode}`);
    }
  });

  it('names the run folder layers as the module paths of the exported nn.Sequential', () => {
    const e = experimentWith(['relu', 'linear', 'prelu']);
    expect(sequentialLayout(e.network)).toEqual({ linear: [0, 2, 3, 5], activation: [1, null, 4, null] });
    // A hidden layer without an activation module is named after its nn.Linear.
    expect(pytorchLayerNames(e.network)).toEqual(['1', '2', '4']);
  });

  it('loads embedded weights from the experiment file where it is named, from the code otherwise', () => {
    const e = experimentWith(['relu', 'prelu']);
    const withWeights = { ...e, weights: weightsFor(e).weights };
    expect(generatePyTorch(withWeights, { experimentFile: 'runs/x.relu.json' })).toContain('with open("runs/x.relu.json") as f:\n    saved = json.load(f)["weights"]');
    const inline = generatePyTorch(withWeights);
    expect(inline).toContain('saved = {"format": "relu-lab/weights@1", "layers": [');
    expect(inline).toContain('model[3].weight.fill_(saved["layers"][1]["alpha"])');
    // A weights file given by the user wins over the embedded ones.
    expect(generatePyTorch(withWeights, { weightsFile: 'w.json', experimentFile: 'x.relu.json' })).toContain('with open("w.json") as f:\n    saved = json.load(f)\n');
    expect(generatePyTorch(e)).not.toContain('saved =');
  });

  it('keeps names with quotes, line breaks and control characters inside one comment line', () => {
    const e = { ...experimentWith(['relu']), name: 'All of "it"\nin\u0000one \u001b[31mred\u001b[0m \u202eevil' };
    const code = generatePyTorch(e, { weightsFile: 'a "quoted"\\path.json' });
    expect(code.split('\n')[0]).toBe('# All of "it" in\\u0000one \\u001b[31mred\\u001b[0m \\u202eevil — generated by ReLU Lab from a relu-lab/experiment@1 file.');
    expect(code).toContain('with open("a \\"quoted\\"\\\\path.json") as f:');
    expect(code).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });
});

describe.skipIf(!TORCH_PYTHON)('generatePyTorch in real PyTorch', () => {
  it('runs with every activation, loss and optimizer, and trains a step', () => {
    const scripts: string[] = [];
    const labels: string[] = [];
    for (const loss of LOSS_KINDS) {
      for (const kind of ['sgd', 'adam', 'adamw', 'rmsprop'] as const) {
        const e = experimentWith([...HIDDEN], { loss, optimizer: optimizerDefaults(kind, 0.01) });
        const width = e.network.layers.at(-1)!.units;
        const y = loss === 'softmax-cross-entropy' ? 'torch.randint(0, 3, (8,))' : `torch.rand(8, ${width})`;
        scripts.push(`${generatePyTorch(e)}\nloss = train_step(torch.randn(8, 2), ${y})\nassert isinstance(loss, float) and loss == loss, loss\n`);
        labels.push(`${loss} ${kind}`);
      }
    }
    runTorchScripts(scripts, work).forEach((r, i) => expect(r.error, labels[i]).toBeNull());
  });

  it('loads a weights file so the model gives the same outputs as ReLU Lab', () => {
    const e = experimentWith([...HIDDEN], { layer: { bias: null } });
    const { network, weights } = weightsFor(e);
    writeFileSync(join(work, 'trained weights.json'), serializeWeights(weights));
    const code = generatePyTorch(e, { weightsFile: 'trained weights.json' });
    for (let l = 0; l < e.network.layers.length; l++) expect(code).toContain(`torch.tensor(saved["layers"][${l}]["weight"])`);
    expect(code).toContain('.weight.fill_(saved["layers"][2]["alpha"])');
    const check = forwardCheck(e, network);
    const r = runTorch(code + check.script, work);
    expect(r.stderr).toBe('');
    expectSameOutputs(r.stdout, check.expected);
  });

  it('loads an experiment\'s own weights, from the code or from the experiment file, with the same outputs', () => {
    const e = experimentWith(['relu', 'prelu', 'tanh'], { layer: { bias: null } });
    const { network, weights } = weightsFor(e, 11);
    const withWeights: Experiment = { ...e, weights };
    writeFileSync(join(work, 'with weights.relu.json'), serializeExperiment(withWeights));
    const check = forwardCheck(e, network);
    const results = runTorchScripts([
      generatePyTorch(withWeights) + check.script,
      generatePyTorch(withWeights, { experimentFile: 'with weights.relu.json' }) + check.script,
    ], work);
    for (const r of results) {
      expect(r.error).toBeNull();
      expectSameOutputs(r.stdout, check.expected);
    }
  });

  it('writes trained PyTorch weights back as a file ReLU Lab imports, prelu slopes included', () => {
    const e = experimentWith(['relu', 'prelu', 'elu']);
    const script = `${generatePyTorch(e)}
with torch.no_grad():
    for i, m in enumerate(model):
        if isinstance(m, nn.Linear):
            m.weight.fill_(0.5 + i)
            m.bias.fill_(-i)
    model[3].weight.fill_(0.125)
save_relu_lab_weights(model, "from-pytorch.json")
`;
    const r = runTorch(script, work);
    expect(r.stderr).toBe('');
    const weights = parseWeightsText(readFileSync(join(work, 'from-pytorch.json'), 'utf8'), e.network);
    expect(weights.layers.map((l) => [l.weight[0][0], l.bias[0], l.alpha])).toEqual([[0.5, 0, undefined], [2.5, -2, 0.125], [4.5, -4, undefined], [6.5, -6, undefined]]);
  });

  it('fails loudly in Python when the weights file does not fit the model', () => {
    const e = experimentWith(['relu']);
    writeFileSync(join(work, 'other.json'), serializeWeights(weightsFor(experimentWith(['relu', 'relu'])).weights));
    const r = runTorch(generatePyTorch(e, { weightsFile: 'other.json' }), work);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('the weights file has a different number of layers');
  });

  it('compiles and runs whatever characters the experiment\'s name holds', () => {
    const names = ['nul\u0000byte', 'carriage\rreturn', 'escape \u001b]0;title\u0007 sequence', 'right-to-left \u202e override', 'line\u2028separator', '\u0085next line'];
    const results = runTorchScripts(names.map((name) => generatePyTorch({ ...experimentWith(['relu']), name })), work);
    results.forEach((r, i) => expect(r.error, JSON.stringify(names[i])).toBeNull());
  });

  it('has commented relu_lab lines that, uncommented, watch training into a run folder named like the CLI\'s', () => {
    const e = { ...experimentWith(['relu', 'linear', 'prelu']), monitor: { every: 2, probe: 8, bins: 12 } };
    const code = generatePyTorch(e);
    const uncommented = code.replace(/^(\s*)# (import relu_lab|watch = relu_lab\.watch\(|watch\.step\()/gm, '$1$2');
    expect(uncommented.match(/^\s*(import relu_lab|watch = relu_lab|watch\.step)/gm)).toHaveLength(3);
    // Seeded (the code seeds torch itself after x_probe is drawn): the same numbers on every run.
    const script = `import torch\ntorch.manual_seed(0)\nx_probe = torch.randn(8, 2)\n${uncommented}
for _ in range(5):
    train_step(torch.randn(8, 2), torch.randint(0, 3, (8,)))
watch.close()
`;
    const dir = mkdtempSync(join(work, 'watch-'));
    const r = runTorch(script, dir);
    expect(r.stderr).toBe('');
    const info = JSON.parse(readFileSync(join(dir, 'runs', 'pytorch', 'run.json'), 'utf8'));
    expect(info.monitor).toEqual({ every: 2, probe: 8, bins: 12 });
    // The linear hidden layer has no activation module: relu_lab sees the two others, under the CLI's names for them.
    expect(info.layers.map((l: { name: string }) => l.name)).toEqual(['1', '4']);
    expect(pytorchLayerNames(e.network)).toEqual(['1', '2', '4']);
    const steps = readFileSync(join(dir, 'runs', 'pytorch', 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).step);
    expect(steps).toEqual([0, 2, 4, 5]);
  });
});
