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
  /** main → renderer */
  menu: 'relu-lab:menu',
  coreRestarted: 'relu-lab:core-restarted',
  corePort: 'relu-lab:core-port',
} as const;
