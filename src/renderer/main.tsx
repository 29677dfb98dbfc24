/** Starts the renderer: store, core connection, shortcuts, documents, then React. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectCore } from './coreClient/connect';
import { offerRestore, startAutosave } from './documents/autosave';
import { onKeyDown, runMenuCommand } from './documents/shortcuts';
import { app, documentTitle, isDirty } from './store';
import type { CoreEvent } from '../core/protocol/messages';
import { attachBornDeadClient } from './borndead/bornDeadStore';
import { lessonState } from './lessons/lessonState';
import { openPreset } from './lessons/presets';
import { servedByReluLab, watchRunList } from './runs/serveApi';
import { setServedRuns, viewerStore } from './viewer/viewerStore';
import './styles.css';

const { actions, store } = app;

function wireCore(): void {
  const { client, onNewPort } = connectCore();
  actions.attach((command) => client.send(command));
  client.onInvalid((problem) => actions.notify({ level: 'error', code: 'bad-event', title: 'Unexpected message from the core', message: problem }));
  const types: CoreEvent['type'][] = ['ready', 'loaded', 'status', 'frame', 'weights', 'bornDead', 'error'];
  for (const type of types) client.on(type, (event) => actions.receive(event));
  attachBornDeadClient(client);
  // The design is ours; a new core gets it back, resuming from the last checkpoint the old one sent.
  onNewPort((reason) => actions.coreReplaced(reason));
  actions.loadIntoCore();
}

function applyTheme(theme: 'dark' | 'light'): void {
  document.documentElement.dataset.theme = theme;
}

function wireHost(): void {
  const api = window.reluLab;
  const stored = localStorage.getItem('relu-lab:theme');
  if (stored === 'light' || stored === 'dark') actions.setTheme(stored);
  else if (window.matchMedia?.('(prefers-color-scheme: light)').matches) actions.setTheme('light');
  if (api) void api.getTheme().then((t) => actions.setTheme(t));

  let lastTitle = '';
  store.subscribe((s, prev) => {
    if (s.theme !== prev.theme) {
      applyTheme(s.theme);
      localStorage.setItem('relu-lab:theme', s.theme);
      api?.setTheme(s.theme);
    }
    const title = documentTitle(s);
    const dirty = isDirty(s);
    const text = `${dirty ? '• ' : ''}${title} — ReLU Lab`;
    if (text !== lastTitle) {
      lastTitle = text;
      document.title = text;
      api?.setDocumentState({ title, dirty });
    }
  });
  applyTheme(store.getState().theme);

  window.addEventListener('keydown', onKeyDown);
  if (api) {
    api.onMenu((command) =>
      runMenuCommand(command, (c) => {
        if (c === 'theme-dark' || c === 'theme-light') actions.setTheme(c === 'theme-dark' ? 'dark' : 'light');
        else if (c === 'lessons') lessonState.setState({ galleryOpen: true });
        else if (typeof c === 'object' && c.kind === 'new-from-preset') openPreset(c.preset);
      }),
    );
  } else {
    // Electron asks before closing through main; the browser needs beforeunload.
    window.addEventListener('beforeunload', (e) => {
      if (isDirty(store.getState())) {
        e.preventDefault();
        e.returnValue = '';
      }
    });
  }
  offerRestore(app, localStorage);
  startAutosave(app, localStorage);
}

/** A page sent by `relu-lab serve` starts on its run list, which it follows. */
async function wireServe(): Promise<void> {
  if (window.reluLab || !(await servedByReluLab())) return;
  setServedRuns([]);
  watchRunList((runs) => setServedRuns(runs), (error) => setServedRuns(null, error));
}

/** The lab's training stops while a recorded run is shown: nobody would see it, and it would take the viewer's CPU. */
function pauseLabWhileViewing(): void {
  viewerStore.subscribe((v, prev) => {
    if (prev.mode === 'lab' && v.mode !== 'lab' && store.getState().run.state === 'running') actions.toggleTrain();
  });
}

wireHost();
wireCore();
pauseLabWhileViewing();
void wireServe();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
