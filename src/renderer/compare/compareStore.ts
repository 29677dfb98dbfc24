/**
 * The comparison view's state: the form (variable, values, seeds), the job's
 * progress, and the runs and table as they arrive from the worker.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { PlannedRunInfo } from '../../core/compare/workerProtocol';
import type { RunResult } from '../../core/compare/runner';
import type { CompareSpec, CompareVariable } from '../../core/compare/spec';
import type { ResultRow } from '../../core/compare/table';
import { experimentToRaw } from '../store/checkDesign';
import { app } from '../store';
import { compareClient } from './compareClient';
import { formFromSpec, specFromForm, type CompareForm } from './form';

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
  /** What the current job trains (design, spec and data), to tell whether a request would repeat it. */
  requestKey: string | null;
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
  requestKey: null,
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
  const spec = specFromForm(s.form, design.network.layers.length - 1);
  if (typeof spec === 'string') return spec;
  start(spec);
  return null;
}

/**
 * Shows `spec` (a lesson's comparison) in the form and trains it at once,
 * in place of any comparison still running; a request the view already
 * holds (running or done, same design) is not trained again.
 */
export function showComparison(spec: CompareSpec): void {
  compareState.setState((s) => ({ form: formFromSpec(spec, s.form) }));
  const { status, requestKey } = compareState.getState();
  if ((status === 'running' || status === 'done') && requestKey === requestOf(spec).key) return;
  cancelComparison();
  start(spec);
}

function requestOf(spec: CompareSpec) {
  const { design, files } = app.store.getState();
  const experiment = design.present;
  const request = {
    type: 'compare' as const,
    experiment: experimentToRaw(experiment),
    spec,
    ...(experiment.data.kind === 'csv' && files[experiment.data.path] !== undefined ? { files: { [experiment.data.path]: files[experiment.data.path] } } : {}),
  };
  return { request, name: experiment.name, key: JSON.stringify(request) };
}

function start(spec: CompareSpec): void {
  const { request, name, key } = requestOf(spec);
  const jobId = compareClient().start(
    request,
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
    progress: null, experimentName: name, requestKey: key,
  });
}

export function cancelComparison(): void {
  const { jobId, status } = compareState.getState();
  if (jobId !== null && status === 'running') compareClient().cancel(jobId);
}
