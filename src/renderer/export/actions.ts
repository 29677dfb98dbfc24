/** What the export buttons do: build the file, name it, hand it to the platform (save dialog or download). */
import { chartSpec } from '../charts/figures';
import { EXPORT_THEME } from '../charts/figures/theme';
import type { ChartView } from '../charts/figures/types';
import { loadPlotly, plotlyBundleText } from '../charts/plotly';
import type { RunHistory } from '../history';
import type { Platform } from '../platform/types';
import { chartCsv } from './csv';
import { exportFileName } from '../platform/fileNames';
import { renderImage } from './image';
import { reportHtml } from './report';
import { runJson } from './runJson';
import type { RunSubject } from './subject';

/** A chart as shown, and what its files need besides: the run, what it is named after, where to save. */
export interface ChartExport extends ChartView {
  history: RunHistory;
  subject: RunSubject;
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
  const figure = spec.build({ history: e.history, upto: e.upto, options: e.options, theme: EXPORT_THEME, title: `${spec.title} — ${e.subject.name}` });
  const bytes = await renderImage(await loadPlotly(), figure, format, scale);
  return e.platform.saveBytes({
    suggestedName: exportFileName(e.subject.name, e.chart, shownStep(e.history, e.upto), format),
    mime: format === 'png' ? 'image/png' : 'image/svg+xml',
    extensions: [format],
    data: bytes,
  });
}

export function exportChartCsv(e: ChartExport): Promise<boolean> {
  return e.platform.saveBytes({
    suggestedName: exportFileName(e.subject.name, e.chart, shownStep(e.history, e.upto), 'csv'),
    mime: 'text/csv',
    extensions: ['csv'],
    data: chartCsv(e.chart, e.history, e.upto, e.options),
  });
}

export function exportRunJson(history: RunHistory, subject: RunSubject, platform: Platform): Promise<boolean> {
  return platform.saveBytes({
    suggestedName: exportFileName(subject.name, 'run', history.lastStep(), 'json'),
    mime: 'application/json',
    extensions: ['json'],
    data: runJson(history, subject),
  });
}

export async function exportReport(history: RunHistory, subject: RunSubject, platform: Platform): Promise<boolean> {
  const html = reportHtml(history, subject, await plotlyBundleText());
  return platform.saveBytes({
    suggestedName: exportFileName(subject.name, 'report', history.lastStep(), 'html'),
    mime: 'text/html',
    extensions: ['html'],
    data: html,
  });
}
