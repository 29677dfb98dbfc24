/**
 * Export ▸ Weights after a run diverged: NaN and ∞ have no JSON form, so the
 * app saves the last finite weights it kept (and says which step they are
 * of), or, with none, saves nothing and says why. The renderer runs against
 * a stand-in for the preload's `window.reluLab`; the core's answer is given.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopApi } from '../../src/preload/api';
import type { WeightsFile } from '../../src/core/experiment/types';
import { parseWeightsText, weightsFinite } from '../../src/core/weights/format';

const saves: Array<Parameters<DesktopApi['saveFile']>[0]> = [];
const api = {
  platform: 'electron',
  saveFile: async (options: Parameters<DesktopApi['saveFile']>[0]) => {
    saves.push(options);
    return { path: `/home/u/${options.suggestedName}` };
  },
} as unknown as DesktopApi;

let documents: typeof import('../../src/renderer/documents/documentActions');
let store: typeof import('../../src/renderer/store');

const weights = (w: number, b: number): WeightsFile => ({ format: 'relu-lab/weights@1', layers: [{ weight: [[w, 0.5]], bias: [b] }] });

beforeAll(async () => {
  vi.stubGlobal('window', { reluLab: api, confirm: () => true });
  documents = await import('../../src/renderer/documents/documentActions');
  store = await import('../../src/renderer/store');
});

beforeEach(() => {
  saves.length = 0;
  store.app.store.setState({ notices: [], checkpoint: null });
  vi.spyOn(store.actions, 'requestWeights').mockResolvedValue({ step: 40, weights: weights(Number.NaN, Infinity) });
});

const notices = () => store.app.store.getState().notices;

describe('weights of a diverged run', () => {
  it('are not finite: NaN, ∞ and −∞ anywhere make them so', () => {
    expect(weightsFinite(weights(1, 2))).toBe(true);
    expect(weightsFinite(weights(Number.NaN, 2))).toBe(false);
    expect(weightsFinite(weights(1, -Infinity))).toBe(false);
    expect(weightsFinite({ format: 'relu-lab/weights@1', layers: [{ weight: [[1]], bias: [0], alpha: Number.NaN }] })).toBe(false);
  });

  it('are replaced by the last finite ones the app kept, and the notice says of which step', async () => {
    store.app.store.setState({ checkpoint: { step: 30, weights: weights(0.25, -1) } });
    await documents.exportWeights();
    expect(saves).toHaveLength(1);
    expect(saves[0]!.suggestedName).toContain('step-30');
    expect(parseWeightsText(saves[0]!.data as string)).toEqual(weights(0.25, -1));
    expect(notices().at(-1)).toMatchObject({ level: 'warning', title: 'Saving the weights of step 30' });
    expect(notices().at(-1)!.message).toContain('The weights at step 40 are not all finite numbers (the run diverged)');
  });

  it('with no finite copy, nothing is saved and the notice says why and what to do', async () => {
    store.app.store.setState({ checkpoint: { step: 40, weights: weights(Number.NaN, 0) } });
    await documents.saveWithWeights();
    expect(saves).toEqual([]);
    expect(notices().at(-1)).toMatchObject({ level: 'error', title: 'No weights to save' });
    expect(notices().at(-1)!.message).toContain('Reset, lower the learning rate and train again');
  });
});
