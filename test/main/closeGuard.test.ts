import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../src/preload/api';
import { CloseGuard, windowTitle } from '../../src/main/closeGuard';
import { FakeBrowserWindow, FakeDialog, settle } from './fakes';

function guarded() {
  const window = new FakeBrowserWindow({ width: 800, height: 600 });
  const dialog = new FakeDialog();
  const sent: MenuCommand[] = [];
  const guard = new CloseGuard(window, dialog, (c) => sent.push(c));
  return { window, dialog, sent, guard };
}

describe('CloseGuard', () => {
  it('shows the document in the title with an edited marker', () => {
    const { window, guard } = guarded();
    guard.setDocumentState({ title: 'spiral', dirty: true });
    expect(window.title).toBe('• spiral — ReLU Lab');
    expect(window.edited).toBe(true);
    guard.setDocumentState({ title: 'spiral', dirty: false });
    expect(window.title).toBe(windowTitle('spiral', false));
    expect(window.title).toBe('spiral — ReLU Lab');
  });

  it('closes a clean window without asking', () => {
    const { window, dialog } = guarded();
    window.close();
    expect(window.destroyed).toBe(true);
    expect(dialog.calls).toEqual([]);
  });

  it('asks before closing unsaved changes; Cancel keeps the window', async () => {
    const { window, dialog, guard } = guarded();
    guard.setDocumentState({ title: 'spiral', dirty: true });
    dialog.messageBoxResponse = 2;
    window.close();
    await settle();
    expect(dialog.calls[0]!.options).toMatchObject({ buttons: ['Save', "Don't Save", 'Cancel'], cancelId: 2, message: expect.stringContaining('spiral') });
    expect(window.destroyed).toBe(false);
  });

  it("Don't Save closes anyway", async () => {
    const { window, dialog, guard } = guarded();
    guard.setDocumentState({ title: 'spiral', dirty: true });
    dialog.messageBoxResponse = 1;
    window.close();
    await settle();
    expect(window.destroyed).toBe(true);
  });

  it('Save asks the renderer to save and closes once the document is clean', async () => {
    const { window, dialog, guard, sent } = guarded();
    guard.setDocumentState({ title: 'spiral', dirty: true });
    dialog.messageBoxResponse = 0;
    window.close();
    await settle();
    expect(sent).toEqual(['save']);
    expect(window.destroyed).toBe(false);
    guard.setDocumentState({ title: 'spiral', dirty: false });
    expect(window.destroyed).toBe(true);
  });

  it('stays open when the save the close asked for is cancelled', async () => {
    const { window, dialog, guard } = guarded();
    guard.setDocumentState({ title: 'spiral', dirty: true });
    dialog.messageBoxResponse = 0;
    window.close();
    await settle();
    guard.saveEnded(false);
    guard.setDocumentState({ title: 'spiral', dirty: false });
    expect(window.destroyed).toBe(false);
  });
});
