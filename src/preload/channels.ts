/** IPC channel names shared by main and the preload: one place, so they cannot drift apart. */
export const IPC = {
  openFile: 'relu-lab:open-file',
  openRecent: 'relu-lab:open-recent',
  saveFile: 'relu-lab:save-file',
  readDataFile: 'relu-lab:read-data-file',
  getRecentFiles: 'relu-lab:get-recent-files',
  getTheme: 'relu-lab:get-theme',
  setTheme: 'relu-lab:set-theme',
  setDocumentState: 'relu-lab:set-document-state',
  requestCorePort: 'relu-lab:request-core-port',
  openExternal: 'relu-lab:open-external',
  openRunFolder: 'relu-lab:open-run-folder',
  openDroppedRun: 'relu-lab:open-dropped-run',
  runStart: 'relu-lab:run-start',
  runAck: 'relu-lab:run-ack',
  runStop: 'relu-lab:run-stop',
  /** main → renderer */
  menu: 'relu-lab:menu',
  coreRestarted: 'relu-lab:core-restarted',
  corePort: 'relu-lab:core-port',
  runEvent: 'relu-lab:run-event',
} as const;
