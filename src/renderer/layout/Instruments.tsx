/**
 * The instrument column: a run's charts, each with the export controls for
 * what it shows, and the focused chart and PNG scale the store keeps for the
 * menu's exports. The lab's live run and a viewed run both show theirs here.
 */
import { InstrumentPanels } from '../charts';
import type { ChartView } from '../charts/figures/types';
import { ExportToolbar } from '../export/ExportToolbar';
import { labSubject, type RunSubject } from '../export/subject';
import type { RunHistory } from '../history';
import { platform } from '../platform/current';
import { actions, useApp } from '../store';

export interface RunInstrumentsProps {
  history: RunHistory;
  version: number;
  /** What the exports are of. */
  subject: RunSubject;
  onSelectUnit: (layer: number, unit: number) => void;
}

export function RunInstruments({ history, version, subject, onSelectUnit }: RunInstrumentsProps) {
  const scale = useApp((s) => s.exportScale);
  const focused = useApp((s) => s.focusedChart?.chart ?? null);
  return (
    <InstrumentPanels
      history={history}
      version={version}
      exports={(view: () => ChartView) => (
        <ExportToolbar target={() => ({ ...view(), history, subject, platform })} scale={scale} onScale={actions.setExportScale} />
      )}
      focusedChart={focused}
      onFocusChart={actions.focusChart}
      onSelectUnit={onSelectUnit}
    />
  );
}

/** The lab's own run. */
export function Instruments() {
  const history = useApp((s) => s.history);
  const version = useApp((s) => s.historyVersion);
  const experiment = useApp((s) => s.design.present);
  return (
    <RunInstruments
      history={history}
      version={version}
      subject={labSubject(experiment)}
      onSelectUnit={(layer, unit) => actions.selectUnit({ layer, unit })}
    />
  );
}
