/** Electron's Platform: native dialogs through the preload bridge; the renderer never sees the file system. */
import type { DesktopApi } from '../../preload/api';
import { electronRuns } from './electronRuns';
import { SaveFailedError, type PickedFile, type Platform, type SaveRequest } from './types';

export function electronPlatform(api: DesktopApi): Platform {
  return {
    kind: 'electron',
    async saveBytes(request: SaveRequest): Promise<boolean> {
      const saved = await api.saveFile({
        suggestedName: request.suggestedName,
        filters: [{ name: request.extensions.join(', ').toUpperCase(), extensions: request.extensions }],
        data: request.data,
      });
      if (saved && 'error' in saved) throw new SaveFailedError(request.suggestedName, saved.error);
      return saved !== null;
    },
    async openText(options): Promise<PickedFile | null> {
      const file = await api.openFile({ title: options.title, filters: [{ name: options.extensions.join(', '), extensions: options.extensions }] });
      return file ? { name: file.name, path: file.path, text: file.text } : null;
    },
    ...electronRuns(api),
  };
}
