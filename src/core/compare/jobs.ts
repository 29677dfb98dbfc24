/**
 * The comparison worker's logic, host-free: validates requests, loads the
 * data once per job, trains the planned runs (or estimates the grid cells)
 * one per scheduled slice, so a `cancel` can arrive between them, and posts
 * progress and results.
 */
import { loadDataset } from '../data/load';
import type { Dataset, ReadText } from '../data/types';
import { ValidationError } from '../experiment/errors';
import { parseExperiment } from '../experiment/parse';
import type { Experiment } from '../experiment/types';
import { comparisonCsv } from './csv';
import { estimateCell } from './grid';
import { parseCompareRequest, type CompareEvent, type CompareRequest } from './workerProtocol';
import { planComparison } from './plan';
import { trainPlannedRun, type RunResult } from './runner';
import { parseCompareSpec, valueLabel } from './spec';
import { summarizeComparison } from './table';

export interface JobHost {
  post(event: CompareEvent): void;
  now(): number;
  /** Runs `fn` after pending messages (a cancel) have been handled. */
  schedule(fn: () => void): void;
}

export class CompareJobs {
  private readonly cancelled = new Set<number>();

  constructor(private readonly host: JobHost) {}

  receive(raw: unknown): void {
    let request: CompareRequest;
    try {
      request = parseCompareRequest(raw);
    } catch (e) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : 0;
      this.host.post({ type: 'error', id, message: messageOf(e) });
      return;
    }
    switch (request.type) {
      case 'cancel':
        this.cancelled.add(request.id);
        return;
      case 'compare':
        void this.guard(request.id, () => this.compare(request));
        return;
      case 'bornDeadGrid':
        void this.guard(request.id, () => this.grid(request));
        return;
    }
  }

  private async guard(id: number, job: () => Promise<void>): Promise<void> {
    try {
      await job();
    } catch (e) {
      this.host.post({ type: 'error', id, message: messageOf(e) });
    }
  }

  private async load(raw: unknown, files: Record<string, string> | undefined): Promise<{ experiment: Experiment; dataset: Dataset }> {
    const experiment = parseExperiment(raw);
    const readText: ReadText = async (path) => {
      if (files && path in files) return files[path];
      throw new ValidationError('data.path', `the file "${path}" was not sent with the request`, 'data');
    };
    return { experiment, dataset: await loadDataset(experiment.data, experiment.network, experiment.seed, readText) };
  }

  private async compare(request: Extract<CompareRequest, { type: 'compare' }>): Promise<void> {
    const { id } = request;
    const { experiment, dataset } = await this.load(request.experiment, request.files);
    const spec = parseCompareSpec(request.spec, experiment.network.layers.length - 1);
    const runs = planComparison(experiment, spec);
    const labels = spec.values.map((_, v) => valueLabel(spec, v));
    this.host.post({
      type: 'plan', id, variable: spec.variable, labels,
      runs: runs.map(({ index, valueIndex, label, seed }) => ({ index, valueIndex, label, seed })),
    });
    const results: RunResult[] = [];
    for (const run of runs) {
      await this.yieldToMessages();
      if (this.cancelled.delete(id)) {
        this.host.post({ type: 'done', id, cancelled: true });
        return;
      }
      const progress = (step: number, total: number): void =>
        this.host.post({ type: 'progress', id, run: run.index, step, total, done: results.length, runs: runs.length });
      const result = trainPlannedRun(run, dataset, () => this.host.now(), progress);
      results.push(result);
      this.host.post({ type: 'run', id, result });
    }
    const rows = summarizeComparison(labels, results);
    this.host.post({ type: 'table', id, rows, csv: comparisonCsv(spec.variable, rows) });
    this.host.post({ type: 'done', id, cancelled: false });
  }

  private async grid(request: Extract<CompareRequest, { type: 'bornDeadGrid' }>): Promise<void> {
    const { id, depths, widths, trials } = request;
    const { experiment, dataset } = await this.load(request.experiment, request.files);
    const cells = depths.length * widths.length;
    let done = 0;
    for (const depth of depths) {
      for (const width of widths) {
        await this.yieldToMessages();
        if (this.cancelled.delete(id)) {
          this.host.post({ type: 'done', id, cancelled: true });
          return;
        }
        const cell = estimateCell(experiment, dataset, depth, width, trials);
        this.host.post({ type: 'cell', id, cell, done: ++done, cells });
      }
    }
    this.host.post({ type: 'done', id, cancelled: false });
  }

  private yieldToMessages(): Promise<void> {
    return new Promise((resolve) => this.host.schedule(resolve));
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
