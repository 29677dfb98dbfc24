/**
 * The comparison view's state: the form (variable, values, seeds), the job's
 * progress, and the runs and table as they arrive from the worker.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { PlannedRunInfo } from '../../core/compare/workerProtocol';
import type { RunResult } from '../../core/compare/runner';
import type { CompareVariable } from '../../core/compare/spec';
import type { ResultRow } from '../../core/compare/table';
import { experimentToRaw } from '../store/checkDesign';
import { app } from '../store';
import { compareClient } from './compareClient';
import { specFromForm, type CompareForm } from './form';

export interface CompareState {
  form: CompareForm;
  jobId: number | null;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  error: string | null;
  variable: CompareVariable | null;
  labels: string[];
  plan: PlannedRunInfo[];
  results: RunResult[];
  rows: ResultRow[];
  csv: string | null;
  progress: { run: number; step: number; total: number; done: number; runs: number } | null;
  /** Name of the experiment the results belong to (file names of exports). */
  experimentName: string;
}

export const DEFAULT_FORM: CompareForm = {
  variable: 'activation',
  layer: 0,
  activations: ['relu', 'leaky-relu', 'elu'],
  inits: ['he-normal', 'xavier-normal'],
  numbers: '0.1, 0.01',
  seeds: 1,
};

export const compareState = createStore<CompareState>(() => ({
  form: DEFAULT_FORM,
  jobId: null,
  status: 'idle',
  error: null,
  variable: null,
  labels: [],
  plan: [],
  results: [],
  rows: [],
  csv: null,
  progress: null,
  experimentName: '',
}));

export function useCompare<T>(selector: (s: CompareState) => T): T {
  return useStore(compareState, selector);
}

export function setForm(change: Partial<CompareForm>): void {
  compareState.setState((s) => ({ form: { ...s.form, ...change } }));
}

/** Starts the comparison of the form's values on the current design; returns a refusal message or null. */
export function runComparison(): string | null {
  const s = compareState.getState();
  if (s.status === 'running') return 'A comparison is already running.';
  const design = app.store.getState().design.present;
  const files = app.store.getState().files;
  const spec = specFromForm(s.form, design.network.layers.length - 1);
  if (typeof spec === 'string') return spec;
  const jobId = compareClient().start(
    {
      type: 'compare',
      experiment: experimentToRaw(design),
      spec,
      ...(design.data.kind === 'csv' && files[design.data.path] !== undefined ? { files: { [design.data.path]: files[design.data.path] } } : {}),
    },
    (event) => {
      if (compareState.getState().jobId !== jobId) return;
      switch (event.type) {
        case 'plan':
          compareState.setState({ variable: event.variable as CompareVariable, labels: event.labels, plan: event.runs });
          return;
        case 'progress':
          compareState.setState({ progress: { run: event.run, step: event.step, total: event.total, done: event.done, runs: event.runs } });
          return;
        case 'run':
          compareState.setState((st) => ({ results: [...st.results, event.result] }));
          return;
        case 'table':
          compareState.setState({ rows: event.rows, csv: event.csv });
          return;
        case 'done':
          compareState.setState({ status: event.cancelled ? 'cancelled' : 'done', progress: null });
          return;
        case 'error':
          compareState.setState({ status: 'error', error: event.message, progress: null });
          return;
        case 'cell':
          return;
      }
    },
  );
  compareState.setState({
    jobId, status: 'running', error: null, variable: null, labels: [], plan: [], results: [], rows: [], csv: null,
    progress: null, experimentName: design.name,
  });
  return null;
}

export function cancelComparison(): void {
  const { jobId, status } = compareState.getState();
  if (jobId !== null && status === 'running') compareClient().cancel(jobId);
}
