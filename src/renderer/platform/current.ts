/** The Platform instance of this window, chosen once at start. */
import { currentPlatform } from './index';

export const platform = currentPlatform();
