/** What the app tells the user outside a field: core errors, divergence, restarts, restored autosaves. */
import type { ErrorCode } from '../../core/protocol/messages';

export interface NoticeAction {
  label: string;
  id: string;
}

export interface Notice {
  id: number;
  level: 'error' | 'warning' | 'info';
  code?: ErrorCode | 'bad-event' | 'core-restarted' | 'autosave' | 'file' | 'run';
  title: string;
  message: string;
  detail?: string;
  actions?: NoticeAction[];
  /** What a click on one of `actions` does, given its id (the notice goes either way). */
  respond?: (actionId: string) => void;
}

const TITLES: Record<ErrorCode, string> = {
  'bad-message': 'The core refused a message',
  'bad-experiment': 'The experiment is not valid',
  'bad-data': 'The data could not be loaded',
  'bad-weights': 'The weights do not fit',
  'no-experiment': 'Nothing is loaded yet',
  diverged: 'Training diverged',
  internal: 'Internal error in the core',
};

export function noticeTitle(code: ErrorCode): string {
  return TITLES[code] ?? 'Error';
}
