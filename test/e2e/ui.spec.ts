/**
 * The app as a desktop user meets it: every main view fits windows from
 * 1024 × 700 to 2560 × 1440 with no control cut and no sideways scrollbar
 * (scrollbars shown, as on a desktop), passes an automated accessibility
 * check (axe), and behaves like a desktop app: Escape closes what is open
 * and focus goes back where it was.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { openApp, pickableFolder } from './helpers';
import { layoutProblems, SHOW_SCROLLBARS } from './layout';

const RUN_FOLDER = 'test/fixtures/runs/cnn-small';
const SIZES: [number, number][] = [[1024, 700], [1280, 800], [1920, 1080], [2560, 1440]];

async function fits(page: Page, view: string): Promise<void> {
  expect(await layoutProblems(page), `${view} at ${page.viewportSize()!.width}×${page.viewportSize()!.height}`).toEqual([]);
}

/** The start screen's lesson cards as they read on screen (their titles cut to two lines): no two alike. */
async function visibleCardTitles(page: Page): Promise<string[]> {
  return page.locator('[data-testid="start-lessons"] .lab-card-title').evaluateAll((titles) => titles.map((title) => {
    const box = title.getBoundingClientRect();
    const range = document.createRange();
    let text = '';
    const node = title.firstChild!;
    for (let i = 0; i < (node.textContent ?? '').length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      if (r.bottom <= box.bottom + 0.5) text += node.textContent![i];
    }
    return text;
  }));
}

// As a desktop user sees it: with scrollbars.
test.use({ launchOptions: { ...config.use?.launchOptions, ...SHOW_SCROLLBARS } });

test.describe('layout', () => {
  for (const [width, height] of SIZES) {
    test(`every main view fits ${width}×${height}: no control cut, no sideways scrollbar`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      const errors = await openApp(page);
      await fits(page, 'the start screen');
      const cards = await visibleCardTitles(page);
      expect(new Set(cards).size, cards.join(' | ')).toBe(cards.length);

      await page.getByTestId('center-data').click();
      await expect(page.getByTestId('stage-scatter')).toBeVisible();
      await fits(page, 'the data view');
      await page.getByTestId('center-network').click();

      await page.getByTestId('lessons').click();
      await expect(page.getByTestId('preset-gallery')).toBeVisible();
      await fits(page, 'the lessons dialog');
      await page.getByTestId('preset-dying-lr').click();
      for (let i = 0; i < 3; i++) await page.getByTestId('step').click();
      await expect(page.getByTestId('status-step')).toContainText('Step 3');
      await expect(page.getByTestId('output-layer')).toBeInViewport();
      // An export's status in a chart's header wraps as a whole, it does not squeeze a button to "S…".
      const heatmap = page.getByTestId('chart-dead-heatmap');
      const saving = page.waitForEvent('download');
      await heatmap.getByTestId('export-svg').click();
      await saving;
      await expect(heatmap.getByTestId('export-status')).toHaveText('SVG saved');
      await fits(page, 'a lesson with three hidden layers, trained, an export saved');

      await page.locator('.network-svg .hidden').first().click();
      await expect(page.getByTestId('inspector-weights').or(page.getByTestId('inspector-weight-image'))).toBeVisible();
      await fits(page, 'the unit inspector');
      await page.keyboard.press('Escape');

      await page.getByTestId('copy-pytorch').click();
      await expect(page.getByTestId('pytorch-code')).toBeVisible();
      await fits(page, 'the PyTorch dialog');
      await page.keyboard.press('Escape');

      await page.getByTestId('compare').click();
      await expect(page.getByTestId('compare-view')).toBeVisible();
      await fits(page, 'the comparison view');
      await page.keyboard.press('Escape');

      await pickableFolder(page, 'cnn-small', RUN_FOLDER);
      await page.getByTestId('open-run').click();
      await expect(page.getByTestId('run-activity')).toHaveAttribute('data-activity', 'finished');
      await fits(page, 'the run viewer');
      expect(errors).toEqual([]);
    });
  }
});

test.describe('accessibility', () => {
  /**
   * Serious and critical violations of the WCAG rules axe checks, with the
   * elements they were found on. Inside a plotly graph is left out: the
   * graph is one image to assistive technology (role="img" with a name, the
   * next test), and its SVG's thousands of nodes double axe's time.
   */
  async function violations(page: Page): Promise<string[]> {
    const { violations } = await new AxeBuilder({ page }).exclude('.plotly-graph > *').analyze();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`);
  }

  for (const theme of ['dark', 'light']) {
    test(`the main views have no serious or critical axe violations (${theme} theme)`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('relu-lab:theme', t), theme);
      const errors = await openApp(page);
      expect(await violations(page), 'start screen').toEqual([]);

      for (let i = 0; i < 3; i++) await page.getByTestId('step').click();
      await page.locator('.network-svg .hidden').first().click();
      await expect(page.getByTestId('inspector')).toBeVisible();
      expect(await violations(page), 'training, unit inspector open').toEqual([]);
      await page.keyboard.press('Escape');

      await page.getByTestId('center-data').click();
      await expect(page.getByTestId('stage-scatter')).toBeVisible();
      expect(await violations(page), 'data view').toEqual([]);
      await page.getByTestId('center-network').click();

      await page.getByTestId('lessons').click();
      await expect(page.getByTestId('preset-gallery')).toBeVisible();
      expect(await violations(page), 'lessons dialog').toEqual([]);
      await page.keyboard.press('Escape');

      // A short design, so the comparison's three runs finish in a moment.
      await page.getByTestId('duration').selectOption('steps');
      await page.getByTestId('steps').fill('60');
      await page.getByTestId('steps').press('Enter');
      await page.getByTestId('compare').click();
      await page.getByTestId('compare-run').click();
      await expect(page.getByTestId('compare-table').locator('tbody tr')).toHaveCount(3, { timeout: 60_000 });
      await expect(page.getByTestId('compare-progress')).toHaveCount(0, { timeout: 60_000 });
      expect(await violations(page), 'comparison with results').toEqual([]);
      await page.keyboard.press('Escape');

      await page.getByTestId('copy-pytorch').click();
      await expect(page.getByTestId('pytorch-code')).toBeVisible();
      expect(await violations(page), 'PyTorch dialog').toEqual([]);
      await page.keyboard.press('Escape');

      await pickableFolder(page, 'cnn-small', RUN_FOLDER);
      await page.getByTestId('open-run').click();
      await expect(page.getByTestId('run-activity')).toHaveAttribute('data-activity', 'finished');
      expect(await violations(page), 'run viewer').toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  test('every chart has an accessible name that says what it shows', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('step').click();
    const names = await page.locator('.plotly-graph').evaluateAll((graphs) => graphs.map((g) => [g.getAttribute('role'), g.getAttribute('aria-label')]));
    expect(names).toHaveLength(6);
    for (const [role, name] of names) {
      expect(role).toBe('img');
      expect(name!.length).toBeGreaterThan(30);
    }
    expect(new Set(names.map(([, n]) => n)).size).toBe(6);
  });
});

test.describe('keyboard', () => {
  test('Escape closes the Export menu, the unit inspector, the dialogs and an enlarged chart; focus goes back to what opened them', async ({ page }) => {
    const errors = await openApp(page);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

    // The Export menu: its first item gets the focus, the arrows move, Escape closes.
    await page.getByTestId('export-menu').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeVisible();
    await expect(page.getByRole('menuitem').first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem').nth(1)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    expect(await focused()).toBe('export-menu');

    // A dialog keeps Tab inside itself, and gives the focus back.
    await page.getByTestId('copy-pytorch').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('pytorch-dialog');
    await expect(dialog).toBeVisible();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    // Space in a dialog presses its button, it does not train the network behind it.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(await focused()).toBe('copy-pytorch');
    await expect(page.getByTestId('run-state')).not.toHaveAttribute('data-state', 'running');

    await page.getByTestId('lessons').click();
    await expect(page.getByTestId('preset-gallery')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('preset-gallery')).toHaveCount(0);
    expect(await focused()).toBe('lessons');

    await page.getByTestId('compare').click();
    await expect(page.getByTestId('compare-view')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('compare-view')).toHaveCount(0);
    expect(await focused()).toBe('compare');

    await page.getByTestId('step').click();
    await page.locator('.network-svg .hidden').first().click();
    await expect(page.getByTestId('inspector-close')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('inspector')).toHaveCount(0);

    // Two layers open: Escape closes the one on top only.
    await page.getByTestId('enlarge-loss').click();
    await expect(page.getByTestId('chart-loss')).toHaveClass(/enlarged/);
    await page.getByTestId('export-menu').click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(page.getByTestId('chart-loss')).toHaveClass(/enlarged/);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('chart-loss')).not.toHaveClass(/enlarged/);
    expect(errors).toEqual([]);
  });

  test('focus is visible, and Tab goes through the header, the sidebar, the network and the charts in reading order', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('start-lessons').getByTitle('Hide').click();
    await page.locator('body').click({ position: { x: 600, y: 30 } });
    const order: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const area = el.closest('.app-header, .sidebar, .center, .instruments, .status-bar');
        const outline = getComputedStyle(el).outlineStyle;
        return { area: area ? area.className.split(' ')[0] : 'none', outline };
      });
      expect(at.outline, `focus ring of element ${i}`).not.toBe('none');
      if (order.at(-1) !== at.area) order.push(at.area);
    }
    expect(order.slice(0, 4)).toEqual(['app-header', 'sidebar', 'center', 'instruments']);
  });
});
