/**
 * What a desktop user sees of the layout, measured in the page: scrollbars
 * that should not be there, and controls cut off — by an ancestor that
 * clips or scrolls sideways, by the window, or inside themselves (a label
 * wider than its button, a select's choice wider than the select, text cut
 * with an ellipsis) unless a tooltip gives the whole name.
 */
import type { Page } from '@playwright/test';

/** Launch options for these checks: Playwright's headless Chromium hides scrollbars unless told not to. */
export const SHOW_SCROLLBARS = { ignoreDefaultArgs: ['--hide-scrollbars'] };

export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element): string => {
      const id = el.getAttribute('data-testid');
      const text = (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id ? ` data-testid="${id}"` : ''}> "${text}"`;
    };
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth} px)`);
    if (root.scrollHeight > root.clientHeight) problems.push(`the page scrolls (${root.scrollHeight} > ${root.clientHeight} px)`);
    for (const sidebar of document.querySelectorAll<HTMLElement>('.sidebar')) {
      if (sidebar.scrollWidth > sidebar.clientWidth) problems.push(`the sidebar scrolls sideways (${sidebar.scrollWidth} > ${sidebar.clientWidth} px)`);
    }
    const shown = (el: HTMLElement): boolean => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0;
    };
    // Hidden behind a modal dialog: only the dialog's controls are the user's to see then.
    const modal = [...document.querySelectorAll<HTMLElement>('[aria-modal="true"]')].pop() ?? null;
    // Controls, and pictures (the data preview, the charts) that a clipping panel would cut.
    const controls = [...document.querySelectorAll<HTMLElement>('button, select, input:not([type="hidden"]), textarea, [role="tab"], a[href], canvas, [role="img"]')]
      .filter((el) => shown(el) && (!modal || modal.contains(el)));
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      // Below the window is fine inside a panel that scrolls down; past its sides never is.
      if (box.right > innerWidth + 0.5 || box.left < -0.5) problems.push(`${name(el)} is past the window's side`);
      // Ancestors that cut what overflows them sideways (scrolling down is fine: that is what a tall panel does).
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible') continue;
        const clip = a.getBoundingClientRect();
        if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5) {
          problems.push(`${name(el)} is cut by ${name(a)} (overflow-x ${style.overflowX})`);
          break;
        }
        if ((style.overflowY === 'hidden' || style.overflowY === 'clip') && (box.top < clip.top - 0.5 || box.bottom > clip.bottom + 0.5)) {
          problems.push(`${name(el)} is cut off vertically by ${name(a)}`);
          break;
        }
      }
      // A picture stays inside the card or panel that holds it.
      if (el.tagName === 'CANVAS' && el.parentElement) {
        const holder = el.parentElement.closest<HTMLElement>('section, aside, .preview-box, .stage-picture') ?? el.parentElement;
        const frame = holder.getBoundingClientRect();
        if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) problems.push(`${name(el)} runs past the side of ${name(holder)}`);
      }
      const tooltip = el.getAttribute('title') ?? '';
      if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1 && !tooltip) problems.push(`${name(el)}: its label is wider than the button and no tooltip says it`);
      if (el instanceof HTMLSelectElement && el.selectedIndex >= 0) {
        const style = getComputedStyle(el);
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = el.options[el.selectedIndex].text;
        // The arrow takes ~16 px of the box besides the padding.
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
        if (canvas.measureText(text).width > room + 1 && !tooltip.includes(text)) problems.push(`${name(el)} shows "${text}" cut, without a tooltip`);
      }
    }
    // Text cut with an ellipsis (or to a few lines) must say the rest in a tooltip, its own or its control's.
    for (const el of document.querySelectorAll('*')) {
      if (!(el instanceof HTMLElement) || !shown(el) || (modal && !modal.contains(el))) continue;
      const style = getComputedStyle(el);
      const clamped = style.webkitLineClamp !== 'none' && style.webkitLineClamp !== '' && el.scrollHeight > el.clientHeight + 1;
      const ellipsis = style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1;
      if (!clamped && !ellipsis) continue;
      const holder = el.closest('[title]');
      const text = el.innerText.trim();
      if (!holder || !(holder.getAttribute('title') ?? '').includes(text)) problems.push(`${name(el)} is cut without a tooltip giving "${text}"`);
    }
    return problems;
  });
}
