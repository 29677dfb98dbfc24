import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/renderer/charts/figures/types';
import { runExportCommand } from '../../src/renderer/export/menuExports';
import type { Platform, SaveRequest } from '../../src/renderer/platform/types';
import { createAppStore } from '../../src/renderer/store/appStore';
import { frame } from './history-frames';

/** A store with a short run in its history, and a platform that records what it is asked to save. */
function setup() {
  const app = createAppStore();
  app.actions.beginRun(null);
  for (const step of [0, 10, 20]) app.actions.addFrame(frame(step, [{ rates: [0.5, step > 10 ? 0 : 0.25] }]));
  const saved: SaveRequest[] = [];
  const platform: Platform = { kind: 'web', saveBytes: async (r) => (saved.push(r), true), openText: async () => null, pickRun: async () => null, droppedRun: async () => null };
  return { app, saved, platform };
}

describe('the menu’s exports', () => {
  it('save the first chart as CSV before any chart has been worked with', async () => {
    const { app, saved, platform } = setup();
    expect(await runExportCommand('export-csv', app, platform)).toBe(true);
    expect(saved.map((r) => r.suggestedName)).toEqual(['untitled-experiment_loss_step-20.csv']);
  });

  it('save the focused chart as it shows now: its chart and the step scrubbed to', async () => {
    const { app, saved, platform } = setup();
    app.actions.focusChart({ chart: 'sparsity', upto: 10, options: DEFAULT_OPTIONS });
    await runExportCommand('export-csv', app, platform);
    expect(saved[0].suggestedName).toBe('untitled-experiment_sparsity_step-10.csv');
    const rows = String(saved[0].data).trimEnd().split('\n');
    expect(rows).toHaveLength(3); // the header and the records of steps 0 and 10
  });

  it('save the run as JSON, and say so instead of saving when the run has no records', async () => {
    const { app, saved, platform } = setup();
    expect(await runExportCommand('export-run-json', app, platform)).toBe(true);
    expect(saved[0].suggestedName).toBe('untitled-experiment_run_step-20.json');
    app.actions.beginRun(null);
    expect(await runExportCommand('export-run-json', app, platform)).toBe(false);
    expect(saved).toHaveLength(1);
    expect(app.store.getState().notices.at(-1)?.title).toBe('Nothing to export yet');
  });

  it('turn a failed save into an error notice', async () => {
    const { app, platform } = setup();
    const failing: Platform = { ...platform, saveBytes: async () => { throw new Error('disk full'); } };
    expect(await runExportCommand('export-csv', app, failing)).toBe(false);
    expect(app.store.getState().notices.at(-1)).toMatchObject({ level: 'error', message: 'disk full' });
  });
});
