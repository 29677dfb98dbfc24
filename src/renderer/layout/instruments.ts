/// <reference types="vite/client" />
/**
 * The instrument charts and their exports come from `src/renderer/charts`
 * (built in parallel by the instruments work). Until that module is in the
 * tree the layout shows a placeholder; the glob resolves to nothing rather
 * than breaking the build.
 */
import type { ComponentType } from 'react';
import type { Experiment } from '../../core/experiment/types';
import type { Platform } from '../platform/types';

export interface InstrumentPanelsProps {
  history: unknown;
  version: number;
  experiment: Experiment;
  platform: Platform;
  onSelectUnit: (layer: number, unit: number) => void;
}

export interface AppExportMenuProps {
  history: unknown;
  experiment: Experiment;
  platform: Platform;
}

type ChartsModule = {
  InstrumentPanels?: ComponentType<InstrumentPanelsProps>;
  AppExportMenu?: ComponentType<AppExportMenuProps>;
};

const found = import.meta.glob<ChartsModule>('../charts/index.ts', { eager: true });
const charts: ChartsModule = Object.values(found)[0] ?? {};

export const InstrumentPanels = charts.InstrumentPanels ?? null;
export const AppExportMenu = charts.AppExportMenu ?? null;
