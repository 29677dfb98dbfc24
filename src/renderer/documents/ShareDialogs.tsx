/**
 * The web build's share links: a dialog with the link to the open
 * experiment, and the dialog an opened link shows — what it will load, and
 * a warning when that replaces unsaved work — before anything is replaced.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Experiment } from '../../core/experiment/types';
import { Modal } from '../layout/Modal';
import { actions, isDirty, unsavedDesign, useApp } from '../store';
import { showLab } from '../viewer/viewerStore';
import { describeExperiment, MAX_LINK_CHARS, readShareFragment, shareUrl } from './shareLink';

interface ShareState {
  /** The share dialog is open. */
  sharing: boolean;
  /** An experiment a link brought, waiting for the user to open it or not. */
  incoming: Experiment | null;
}

export const shareState = createStore<ShareState>(() => ({ sharing: false, incoming: null }));

export function openShareDialog(): void {
  shareState.setState({ sharing: true });
}

/** The link's fragment has been dealt with: a reload must not ask again. */
function forgetFragment(): void {
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

/** Reads the page's fragment: a valid experiment waits for the user's answer, a broken one is refused with what is wrong. */
export async function receiveShareLink(): Promise<void> {
  const shared = await readShareFragment(location.hash);
  if (!shared) return;
  forgetFragment();
  if (shared.ok) shareState.setState({ incoming: shared.experiment });
  else actions.notify({ level: 'error', code: 'file', title: 'The link does not hold a valid experiment', message: `${shared.message}. Nothing was changed.` });
}

function ShareDialog() {
  const experiment = useApp((s) => s.design.present);
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    let live = true;
    void shareUrl(experiment, location).then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [experiment]);
  const tooLong = url !== null && url.length > MAX_LINK_CHARS;
  const copy = async (): Promise<void> => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      field.current?.select();
      setCopied('failed');
    }
  };
  return (
    <Modal title="Share this experiment" onClose={() => shareState.setState({ sharing: false })} className="share-modal" testId="share-dialog" initialFocus={field}>
      <p className="muted small">
        Anyone who opens this link in a browser gets “{experiment.name}” as it is now: the network, the data settings and the training settings.
        Trained weights are not in it{experiment.data.kind === 'csv' ? `, nor the CSV file “${experiment.data.path}”: send it along` : ''}.
      </p>
      <label className="field">
        <span className="muted small">link</span>
        <input ref={field} data-testid="share-url" readOnly value={url ?? 'Making the link…'} onFocus={(e) => e.currentTarget.select()} />
      </label>
      {tooLong && <div className="field-error" role="alert">This experiment makes a link of {url!.length} characters, longer than links can safely be ({MAX_LINK_CHARS}): save it as a file and send that instead.</div>}
      <div className="lab-row">
        <button className="primary-outline" data-testid="share-copy" disabled={!url || tooLong} onClick={() => void copy()}>Copy link</button>
        {copied === 'yes' && <span className="small" role="status">Copied.</span>}
        {copied === 'failed' && <span className="small field-error" role="alert">The clipboard is not available here: the link is selected, copy it with Ctrl+C.</span>}
      </div>
    </Modal>
  );
}

function IncomingDialog({ experiment }: { experiment: Experiment }) {
  // The name of the unsaved work the link would replace (a string: a selector must not make a new object per call).
  const replaces = useApp((s) => {
    const unsaved = unsavedDesign(s);
    return unsaved ? unsaved.fileName ?? unsaved.experiment.name : null;
  });
  const dirty = useApp(isDirty);
  const openButton = useRef<HTMLButtonElement>(null);
  const close = (): void => shareState.setState({ incoming: null });
  const open = (): void => {
    close();
    // Undoable, as a lesson is: Undo brings back what was open.
    actions.replaceDocument(experiment);
    showLab();
  };
  return (
    <Modal title="Open the experiment from this link?" onClose={close} className="share-modal" testId="link-dialog" initialFocus={openButton}>
      <p><strong data-testid="link-name">{experiment.name}</strong></p>
      <ul className="link-summary small" data-testid="link-summary">
        {describeExperiment(experiment).map((line) => <li key={line}>{line}</li>)}
      </ul>
      {replaces && (
        <p className="error-box" data-testid="link-replaces" role="alert">
          It replaces {dirty ? 'your unsaved changes to' : 'the unsaved work in'} “{replaces}”. Undo (Ctrl+Z) brings them back, or save them first.
        </p>
      )}
      <div className="lab-row">
        <button ref={openButton} className="primary-outline" data-testid="link-open" onClick={open}>Open it</button>
        <button data-testid="link-keep" onClick={close}>Keep what is open</button>
      </div>
    </Modal>
  );
}

export function ShareDialogs() {
  const sharing = useStore(shareState, (s) => s.sharing);
  const incoming = useStore(shareState, (s) => s.incoming);
  return (
    <>
      {sharing && <ShareDialog />}
      {incoming && <IncomingDialog experiment={incoming} />}
    </>
  );
}
