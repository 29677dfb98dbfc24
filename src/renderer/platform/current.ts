/** The Platform instance of this window, chosen once at start. */
import { actions } from '../store';
import { currentPlatform } from './index';
import { SaveFailedError, type Platform } from './types';

/**
 * Exports are saved from many places (panels, menus, dialogs): a save that
 * failed is shown here, once for all of them, and resolves false as a
 * cancelled one does.
 */
function showingSaveFailures(platform: Platform): Platform {
  return {
    ...platform,
    saveBytes: (request) =>
      platform.saveBytes(request).catch((e: unknown) => {
        if (!(e instanceof SaveFailedError)) throw e;
        actions.notify({ level: 'error', code: 'file', title: `${e.fileName} was not saved`, message: e.message });
        return false;
      }),
  };
}

export const platform = showingSaveFailures(currentPlatform());
