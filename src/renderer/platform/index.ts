import { electronPlatform } from './electron';
import type { Platform } from './types';
import { webPlatform } from './web';

export type { Platform, PickedFile, PickedRun, SaveRequest } from './types';

/** The Platform of the host this renderer runs in. */
export function currentPlatform(): Platform {
  return window.reluLab ? electronPlatform(window.reluLab) : webPlatform();
}
