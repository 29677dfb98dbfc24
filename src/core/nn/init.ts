import type { InitKind } from '../experiment/types';
import type { Rng } from '../random/rng';

/**
 * Fills a layer's weight (fanOut × fanIn) and bias with the named scheme,
 * PyTorch's formulas (kaiming_* with mode fan_in and gain √2, xavier_* with
 * gain 1, nn.Linear's default). Bias is 0 except for torch-default, whose
 * bias is drawn after the weights from U(−1/√fan_in, 1/√fan_in) like
 * nn.Linear.reset_parameters. Draw order: weights row-major, then bias.
 */
export function initializeLayer(
  kind: InitKind,
  weight: Float32Array,
  bias: Float32Array,
  fanIn: number,
  fanOut: number,
  rng: Rng,
): void {
  const count = fanIn * fanOut;
  bias.fill(0, 0, fanOut);
  switch (kind) {
    case 'he-normal':
      return fillNormal(weight, count, Math.sqrt(2 / fanIn), rng);
    case 'he-uniform':
      return fillUniform(weight, count, Math.sqrt(6 / fanIn), rng);
    case 'xavier-normal':
      return fillNormal(weight, count, Math.sqrt(2 / (fanIn + fanOut)), rng);
    case 'xavier-uniform':
      return fillUniform(weight, count, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'lecun-normal':
      return fillNormal(weight, count, Math.sqrt(1 / fanIn), rng);
    case 'torch-default': {
      const bound = 1 / Math.sqrt(fanIn);
      fillUniform(weight, count, bound, rng);
      fillUniform(bias, fanOut, bound, rng);
      return;
    }
    case 'zeros':
      weight.fill(0, 0, count);
      return;
    default:
      throw new Error(`unknown init ${String(kind satisfies never)}`);
  }
}

function fillNormal(target: Float32Array, count: number, std: number, rng: Rng): void {
  for (let i = 0; i < count; i++) target[i] = std * rng.normal();
}

function fillUniform(target: Float32Array, count: number, bound: number, rng: Rng): void {
  for (let i = 0; i < count; i++) target[i] = rng.uniform(-bound, bound);
}
