/**
 * The app menu's export items (File ▸ Export in Electron), routed to the same
 * export functions as the buttons: the chart ones save the focused chart
 * (the one the user last worked with, the first chart before that) as it
 * shows now, PNGs at the charts' export scale.
 */
import { CHARTS } from '../charts/figures';
import { DEFAULT_OPTIONS, type ChartView } from '../charts/figures/types';
import type { Platform } from '../platform/types';
import type { AppState, AppStore } from '../store/appStore';
import { exportChartCsv, exportChartImage, exportReport, exportRunJson, type ChartExport } from './actions';
import { labSubject, type RunSubject } from './subject';
import type { RunHistory } from '../history';

export type ExportCommand = 'export-png' | 'export-svg' | 'export-csv' | 'export-run-json' | 'export-report';

/** What the menu's chart exports save. */
export function menuChart(s: AppState): ChartView {
  return s.focusedChart ?? { chart: CHARTS[0].id, upto: Infinity, options: DEFAULT_OPTIONS };
}

/** What the menu exports: the lab's run, unless another (a viewed run) is given. */
export interface ExportTarget {
  history: RunHistory;
  subject: RunSubject;
}

/** Runs one export command; a failure or an empty run becomes a notice. Resolves true when a file was saved. */
export async function runExportCommand(command: ExportCommand, app: AppStore, platform: Platform, target?: ExportTarget): Promise<boolean> {
  const s = app.store.getState();
  const history = target?.history ?? s.history;
  const subject = target?.subject ?? labSubject(s.design.present);
  const chart: ChartExport = { ...menuChart(s), history, subject, platform };
  try {
    switch (command) {
      case 'export-png':
        return await exportChartImage(chart, 'png', s.exportScale);
      case 'export-svg':
        return await exportChartImage(chart, 'svg', 1);
      case 'export-csv':
        return await exportChartCsv(chart);
      case 'export-run-json':
      case 'export-report':
        if (history.length === 0) {
          app.actions.notify({ level: 'info', code: 'file', title: 'Nothing to export yet', message: 'The run has no records yet: press Step or Train first.' });
          return false;
        }
        return await (command === 'export-run-json' ? exportRunJson : exportReport)(history, subject, platform);
    }
  } catch (e) {
    app.actions.notify({ level: 'error', code: 'file', title: 'The export failed', message: e instanceof Error ? e.message : String(e) });
    return false;
  }
}
