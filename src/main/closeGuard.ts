/**
 * The window's title and unsaved-changes state, and the "Save changes?"
 * question when a window with unsaved changes closes. Saving is the
 * renderer's job (it owns the document), so "Save" asks it to save and closes
 * once it reports a clean document; a cancelled save keeps the window open.
 */
import type { MenuCommand } from '../preload/api';
import type { BrowserWindowLike, DialogLike } from './electronApi';

export const SAVE_BUTTONS = ['Save', "Don't Save", 'Cancel'] as const;

export function windowTitle(title: string, dirty: boolean): string {
  return `${dirty ? '• ' : ''}${title} — ReLU Lab`;
}

export class CloseGuard {
  private title = 'Untitled';
  private dirty = false;
  private closeAllowed = false;
  private closeAfterSave = false;
  private asking = false;

  constructor(
    private readonly window: BrowserWindowLike,
    private readonly dialog: DialogLike,
    private readonly sendMenu: (command: MenuCommand) => void,
  ) {
    window.on('close', (event: { preventDefault(): void }) => this.onClose(event));
  }

  get isDirty(): boolean {
    return this.dirty;
  }

  setDocumentState(state: { title: string; dirty: boolean }): void {
    this.title = state.title;
    this.dirty = state.dirty;
    this.window.setTitle(windowTitle(state.title, state.dirty));
    this.window.setDocumentEdited?.(state.dirty);
    if (this.closeAfterSave && !state.dirty) this.closeNow();
  }

  /** The save the close asked for ended without saving (dialog cancelled or failed): stay open. */
  saveEnded(saved: boolean): void {
    if (!saved) this.closeAfterSave = false;
  }

  private closeNow(): void {
    this.closeAllowed = true;
    this.closeAfterSave = false;
    this.window.close();
  }

  private onClose(event: { preventDefault(): void }): void {
    if (this.closeAllowed || !this.dirty) return;
    event.preventDefault();
    if (this.asking) return;
    this.asking = true;
    void this.dialog
      .showMessageBox(this.window, {
        type: 'question',
        buttons: [...SAVE_BUTTONS],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
        title: 'ReLU Lab',
        message: `Save changes to "${this.title}" before closing?`,
        detail: "Your changes will be lost if you don't save them.",
      })
      .then(({ response }) => {
        if (response === 0) {
          this.closeAfterSave = true;
          this.sendMenu('save');
        } else if (response === 1) {
          this.closeNow();
        }
      })
      .finally(() => {
        this.asking = false;
      });
  }
}
