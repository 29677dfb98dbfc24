import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultExperiment } from '../../src/core/experiment/parse';
import {
  ACTIVATION_KINDS, INIT_KINDS, LOSS_KINDS,
  type ActivationKind, type Experiment, type LayerSpec, type LossKind, type OptimizerSpec,
} from '../../src/core/experiment/types';
import { optimizerDefaults } from '../../src/core/experiment/defaults';
import { generatePyTorch } from '../../src/core/export/pytorch';
import { Network } from '../../src/core/nn/network';
import { Rng } from '../../src/core/random/rng';
import { parseWeightsText, serializeWeights } from '../../src/core/weights/format';

/** A NumPy stand-in for torch with PyTorch's signatures and forward definitions (torch is not installed here). */
const TORCH_STUB = fileURLToPath(new URL('./pytorch-stub', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'relu-lab-pytorch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function python(args: string[], input: string, cwd = work): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('python3', args, { input, cwd, encoding: 'utf8', env: { ...process.env, PYTHONPATH: TORCH_STUB } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function parsesAsPython(code: string): void {
  const r = python(['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], code);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

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
    parsesAsPython(code);
  });

  it('maps every activation to its torch.nn module and parses as Python', () => {
    const code = generatePyTorch(experimentWith([...HIDDEN]));
    for (const module of ['nn.ReLU()', 'nn.Sigmoid()', 'nn.Tanh()', 'nn.ReLU6()', 'nn.GELU()', 'nn.SiLU()', 'nn.SELU()', 'nn.Softplus()', 'nn.Mish()']) {
      expect(code).toContain(module);
    }
    expect(code.match(/nn\.Linear\(/g)).toHaveLength(HIDDEN.length + 1);
    parsesAsPython(code);
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
    parsesAsPython(code);
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
      parsesAsPython(code);
    }
  });

  it('runs against PyTorch signatures: every constructor, init and optimizer keyword exists', () => {
    for (const loss of LOSS_KINDS) {
      for (const kind of ['sgd', 'adam', 'adamw', 'rmsprop'] as const) {
        const code = generatePyTorch(experimentWith([...HIDDEN], { loss, optimizer: optimizerDefaults(kind, 0.01) }));
        const r = python(['-'], code);
        expect(r.stderr, `${loss} ${kind}`).toBe('');
        expect(r.status).toBe(0);
      }
    }
  });

  it('loads a weights file so the model gives the same outputs as ReLU Lab', () => {
    const e = experimentWith([...HIDDEN], { layer: { bias: null } });
    const network = new Network(e.network, 16);
    network.initialize(new Rng(7));
    // Make every PReLU alpha differ from its init, as after training.
    const weights = network.getWeights();
    weights.layers.forEach((l) => { if (l.alpha !== undefined) l.alpha = 0.05; });
    network.setWeights(weights);
    writeFileSync(join(work, 'trained weights.json'), serializeWeights(weights));

    const rng = new Rng(3);
    const x = Float32Array.from({ length: 16 * 2 }, () => rng.uniform(-3, 3));
    const expected = Array.from(network.forward(x, 16));
    const code = generatePyTorch(e, { weightsFile: 'trained weights.json' });
    expect(code).toContain('json.load(f)');
    for (let l = 0; l < e.network.layers.length; l++) expect(code).toContain(`torch.tensor(saved["layers"][${l}]["weight"])`);
    expect(code).toContain('.weight.fill_(saved["layers"][2]["alpha"])');

    const probe = `\nimport numpy as np\nx = np.array(${JSON.stringify(Array.from(x))}, dtype=np.float32).astype(np.float64).reshape(16, 2)\nprint(json.dumps(model(x).ravel().tolist()))\n`;
    const r = python(['-'], code + probe);
    expect(r.stderr).toBe('');
    const got = JSON.parse(r.stdout) as number[];
    expect(got).toHaveLength(expected.length);
    got.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-4 + 1e-4 * Math.abs(expected[i])));
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
    const r = python(['-'], script);
    expect(r.stderr).toBe('');
    const weights = parseWeightsText(readFileSync(join(work, 'from-pytorch.json'), 'utf8'), e.network);
    expect(weights.layers.map((l) => [l.weight[0][0], l.bias[0], l.alpha])).toEqual([[0.5, 0, undefined], [2.5, -2, 0.125], [4.5, -4, undefined], [6.5, -6, undefined]]);
  });

  it('fails loudly in Python when the weights file does not fit the model', () => {
    const e = experimentWith(['relu']);
    const other = experimentWith(['relu', 'relu']);
    const network = new Network(other.network, 1);
    network.initialize(new Rng(1));
    writeFileSync(join(work, 'other.json'), serializeWeights(network.getWeights()));
    const r = python(['-'], generatePyTorch(e, { weightsFile: 'other.json' }));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('the weights file has a different number of layers');
  });

  it('keeps names with quotes and line breaks inside comments', () => {
    const code = generatePyTorch(experimentWith(['relu']), { weightsFile: 'a "quoted"\\path.json' });
    expect(code.split('\n')[0]).toBe('# All of "it" in one — generated by ReLU Lab from a relu-lab/experiment@1 file.');
    expect(code).toContain('with open("a \\"quoted\\"\\\\path.json") as f:');
    parsesAsPython(code);
  });
});
