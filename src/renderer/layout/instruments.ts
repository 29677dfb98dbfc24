/** The instrument charts and their export items, from `src/renderer/charts` (the layout only places them). */
export { AppExportMenu, InstrumentPanels } from '../charts';
