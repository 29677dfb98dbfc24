/** The instruments as the app shell uses them (contract with the layout: keep these names). */
export { InstrumentPanels, type InstrumentPanelsProps } from './InstrumentPanels';
