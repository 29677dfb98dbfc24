import type { Dataset } from '../data/types';
import type { Experiment } from '../experiment/types';
import { Network } from '../nn/network';
import { Rng, STREAM } from '../random/rng';
import { selectProbe, type ProbeSet } from './probe';

export interface BornDeadResult {
  trials: number;
  /** Trials in which some hidden layer was inactive on every probe input. */
  dead: number;
  probability: number;
  /** Standard error of the Monte Carlo estimate, √(p(1−p)/trials). */
  stderr: number;
}

/**
 * Monte Carlo estimate of the probability that a fresh random init of the
 * experiment's network is born dead (DESIGN §3; Lu et al. 2019): some hidden
 * layer whose units are all inactive (pre-activation ≤ 0) on every probe input.
 * Uses the layers' init schemes and bias overrides, never `weights`.
 */
export class BornDeadEstimator {
  private readonly network: Network;
  private readonly probe: ProbeSet;
  private readonly rng: Rng;
  private trials = 0;
  private dead = 0;

  constructor(experiment: Experiment, dataset: Dataset) {
    this.probe = selectProbe(dataset.train, dataset.inputs, experiment.monitor.probe, experiment.seed);
    this.network = new Network(experiment.network, Math.max(this.probe.n, 1));
    this.rng = Rng.derive(experiment.seed, STREAM.bornDead);
  }

  /** Runs `count` more trials. */
  run(count: number): void {
    const net = this.network;
    const hidden = net.layers.length - 1;
    for (let t = 0; t < count; t++) {
      net.initialize(this.rng);
      net.forward(this.probe.x, this.probe.n);
      let bornDead = false;
      for (let l = 0; l < hidden && !bornDead; l++) bornDead = allInactive(net.layers[l].pre, this.probe.n * net.layers[l].units);
      this.trials++;
      if (bornDead) this.dead++;
    }
  }

  result(): BornDeadResult {
    const p = this.trials > 0 ? this.dead / this.trials : 0;
    return {
      trials: this.trials,
      dead: this.dead,
      probability: p,
      stderr: this.trials > 0 ? Math.sqrt((p * (1 - p)) / this.trials) : 0,
    };
  }
}

function allInactive(pre: Float32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (pre[i] > 0) return false;
  return true;
}
