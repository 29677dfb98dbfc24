/** The app menu's run exports: the metrics history with the experiment as JSON, and the one-file HTML report. */
import { exportReport, exportRunJson } from './actions';
import type { RunSubject } from './subject';
import type { RunHistory } from '../history';
import type { Platform } from '../platform/types';

export interface AppExportMenuProps {
  history: RunHistory;
  subject: RunSubject;
  platform: Platform;
}

function report(err: unknown): void {
  console.warn('export failed', err);
}

export function AppExportMenu({ history, subject, platform }: AppExportMenuProps) {
  const empty = history.length === 0;
  return (
    <>
      <button role="menuitem" data-testid="export-run-json" disabled={empty} onClick={() => void exportRunJson(history, subject, platform).catch(report)}>
        Run metrics + experiment (.json)
      </button>
      <button role="menuitem" data-testid="export-report" disabled={empty} onClick={() => void exportReport(history, subject, platform).catch(report)}>
        HTML report (interactive, offline)
      </button>
    </>
  );
}
