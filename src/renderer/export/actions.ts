/** What the export buttons do: build the file, name it, hand it to the platform (save dialog or download). */
import type { Experiment } from '../../core/experiment/types';
import { chartSpec } from '../charts/figures';
import { EXPORT_THEME } from '../charts/figures/theme';
import type { ChartView } from '../charts/figures/types';
import { loadPlotly } from '../charts/plotly';
import type { RunHistory } from '../history';
import type { Platform } from '../platform/types';
import { chartCsv } from './csv';
import { exportFileName } from './fileNames';
import { renderImage } from './image';
import { plotlyBundleText, reportHtml } from './report';
import { runJson } from './runJson';

/** A chart as shown, and what its files need besides: the run, the experiment it is named after, where to save. */
export interface ChartExport extends ChartView {
  history: RunHistory;
  experiment: Experiment;
  platform: Platform;
}

/** The scales a PNG export offers. */
export const EXPORT_SCALES = [1, 2, 3] as const;

/** The step a file is named after: the one shown. */
export function shownStep(history: RunHistory, upto: number): number {
  const n = history.countUpTo(upto);
  return n > 0 ? history.step(n - 1) : 0;
}

export async function exportChartImage(e: ChartExport, format: 'png' | 'svg', scale: number): Promise<boolean> {
  const spec = chartSpec(e.chart);
  const figure = spec.build({ history: e.history, upto: e.upto, options: e.options, theme: EXPORT_THEME, title: `${spec.title} — ${e.experiment.name}` });
  const bytes = await renderImage(await loadPlotly(), figure, format, scale);
  return e.platform.saveBytes({
    suggestedName: exportFileName(e.experiment.name, e.chart, shownStep(e.history, e.upto), format),
    mime: format === 'png' ? 'image/png' : 'image/svg+xml',
    extensions: [format],
    data: bytes,
  });
}

export function exportChartCsv(e: ChartExport): Promise<boolean> {
  return e.platform.saveBytes({
    suggestedName: exportFileName(e.experiment.name, e.chart, shownStep(e.history, e.upto), 'csv'),
    mime: 'text/csv',
    extensions: ['csv'],
    data: chartCsv(e.chart, e.history, e.upto, e.options),
  });
}

export function exportRunJson(history: RunHistory, experiment: Experiment, platform: Platform): Promise<boolean> {
  return platform.saveBytes({
    suggestedName: exportFileName(experiment.name, 'run', history.lastStep(), 'json'),
    mime: 'application/json',
    extensions: ['json'],
    data: runJson(history, experiment),
  });
}

export async function exportReport(history: RunHistory, experiment: Experiment, platform: Platform): Promise<boolean> {
  const html = reportHtml(history, experiment, await plotlyBundleText());
  return platform.saveBytes({
    suggestedName: exportFileName(experiment.name, 'report', history.lastStep(), 'html'),
    mime: 'text/html',
    extensions: ['html'],
    data: html,
  });
}
