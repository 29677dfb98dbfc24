/** The notices the app shows, newest last: added, answered (a notice's buttons), dismissed. */
import type { Store } from './appStore';
import type { Notice } from './notices';

/** At most this many notices stay on screen; older ones give way. */
const MAX_NOTICES = 5;

export interface NoticeSliceState {
  notices: Notice[];
  /** The id the next notice gets. */
  nextNoticeId: number;
}

export function initialNotices(): NoticeSliceState {
  return { notices: [], nextNoticeId: 1 };
}

export function noticeActions(store: Store) {
  const { setState: set } = store;
  return {
    /** Shows a notice; returns its id. Repeats of the same message replace the older one instead of stacking up. */
    notify(notice: Omit<Notice, 'id'>): number {
      let id = 0;
      set((s) => {
        id = s.nextNoticeId;
        return {
          nextNoticeId: id + 1,
          notices: [...s.notices.filter((n) => n.message !== notice.message).slice(-(MAX_NOTICES - 1)), { ...notice, id }],
        };
      });
      return id;
    },

    dismiss(id: number): void {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },

    /** A click on one of a notice's buttons: its `respond` runs, and the notice goes. */
    answer(id: number, actionId: string): void {
      const notice = store.getState().notices.find((n) => n.id === id);
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
      notice?.respond?.(actionId);
    },

    /** Removes the notices with these codes (a fresh run answers the errors of the previous attempt). */
    dropNotices(codes: ReadonlySet<string>): void {
      set((s) => ({ notices: s.notices.filter((n) => !n.code || !codes.has(n.code)) }));
    },
  };
}
