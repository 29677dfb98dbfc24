/** The instrument column: the run's charts, each with the export controls for what it shows. */
import { InstrumentPanels } from '../charts';
import type { ChartView } from '../charts/figures/types';
import { ExportToolbar } from '../export/ExportToolbar';
import { labSubject } from '../export/subject';
import { platform } from '../platform/current';
import { actions, useApp } from '../store';

export function Instruments() {
  const history = useApp((s) => s.history);
  const version = useApp((s) => s.historyVersion);
  const experiment = useApp((s) => s.design.present);
  const scale = useApp((s) => s.exportScale);
  const focused = useApp((s) => s.focusedChart?.chart ?? null);
  return (
    <InstrumentPanels
      history={history}
      version={version}
      exports={(view: () => ChartView) => (
        <ExportToolbar target={() => ({ ...view(), history, subject: labSubject(experiment), platform })} scale={scale} onScale={actions.setExportScale} />
      )}
      focusedChart={focused}
      onFocusChart={actions.focusChart}
      onSelectUnit={(layer, unit) => actions.selectUnit({ layer, unit })}
    />
  );
}
