/** The app menu's run exports: the metrics history with the experiment as JSON, and the one-file HTML report. */
import type { Experiment } from '../../core/experiment/types';
import { exportReport, exportRunJson } from './actions';
import type { RunHistory } from '../history';
import type { Platform } from '../platform/types';

export interface AppExportMenuProps {
  history: RunHistory;
  experiment: Experiment;
  platform: Platform;
}

function report(err: unknown): void {
  console.warn('export failed', err);
}

export function AppExportMenu({ history, experiment, platform }: AppExportMenuProps) {
  const empty = history.length === 0;
  return (
    <>
      <button role="menuitem" data-testid="export-run-json" disabled={empty} onClick={() => void exportRunJson(history, experiment, platform).catch(report)}>
        Run metrics + experiment (.json)
      </button>
      <button role="menuitem" data-testid="export-report" disabled={empty} onClick={() => void exportReport(history, experiment, platform).catch(report)}>
        HTML report (interactive, offline)
      </button>
    </>
  );
}
