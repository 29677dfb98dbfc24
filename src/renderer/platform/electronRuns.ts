/**
 * Runs in Electron: main shows the dialog, reads and follows the folder;
 * the renderer gets an opaque id and the folder's name, and events over the
 * bridge, acknowledging each once its listener is done with it.
 */
import type { DesktopApi, OpenedRun } from '../../preload/api';
import type { RunSource } from '../runs/source';
import type { PickedRun } from './types';

/** Main's refusal without Electron's wrapping ("Error invoking remote method '…': RunOpenError: …"). */
export function ipcErrorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, '');
}

export function electronRunSource(api: DesktopApi, runId: string, label: string): RunSource {
  let streams = 0;
  return {
    label,
    start(listener) {
      const stream = ++streams;
      let stopped = false;
      const off = api.onRunEvent((message) => {
        if (stopped || message.runId !== runId || message.stream !== stream) return;
        void (async () => {
          try {
            await listener(message.event);
          } catch (e) {
            console.error(`run ${label}: the reader failed on an event`, e);
          }
          if (!stopped) api.ackRunEvent(runId, stream, message.seq);
        })();
      });
      api.startRun(runId, stream);
      return () => {
        if (stopped) return;
        stopped = true;
        off();
        api.stopRun(runId, stream);
      };
    },
  };
}

function pickedRun(api: DesktopApi, opened: OpenedRun): PickedRun {
  return 'json' in opened ? { kind: 'json', name: opened.json.name, text: opened.json.text } : { kind: 'folder', source: electronRunSource(api, opened.runId, opened.label) };
}

async function unwrapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw new Error(ipcErrorMessage(e));
  }
}

export function electronRuns(api: DesktopApi) {
  return {
    async pickRun(): Promise<PickedRun | null> {
      const opened = await unwrapped(() => api.openRunFolder());
      return opened ? pickedRun(api, opened) : null;
    },
    droppedRun(data: DataTransfer): Promise<PickedRun | null> {
      // Taken now: the browser empties the DataTransfer once the drop handler returns.
      const files = Array.from(data.files ?? []);
      if (files.length === 0) return Promise.resolve(null);
      return unwrapped(() => api.openDroppedRun(...files)).then((opened) => pickedRun(api, opened));
    },
  };
}
