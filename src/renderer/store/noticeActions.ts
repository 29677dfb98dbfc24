/** What a notice's buttons do, by notice id (functions stay out of the store's serializable state). */
export const noticeActions = new Map<number, (actionId: string) => void>();
