import { expect, test } from '@playwright/test';
import { currentStep, openApp, waitForStepAtLeast } from './helpers';

test('the web build loads with no console errors, trains, and pauses', async ({ page }) => {
  const errors = await openApp(page);
  await expect(page.getByTestId('status-step')).toContainText('Step 0');
  // Served cross-origin isolated, so the core's worker may share memory with a helper thread (four cores or more).
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.screenshot({ path: 'test-results/app-start.png' });
  // Long enough that the run is still going when the test pauses it.
  await page.getByTestId('epochs').fill('5000');
  await page.getByTestId('epochs').press('Enter');
  await expect(page.getByTestId('progress')).toHaveAttribute('max', '75000');

  await page.getByTestId('train-toggle').click();
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'running');
  await waitForStepAtLeast(page, 50);
  // Frames arrive: the layers report statistics and the drawing colours its units.
  await expect(page.getByTestId('layer-0-stats')).toContainText('inactive');
  await expect(page.getByTestId('unit-0-0')).not.toHaveAttribute('data-state', 'unknown');

  await page.getByTestId('train-toggle').click();
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'paused');
  const paused = await currentStep(page);
  await page.screenshot({ path: 'test-results/app-paused.png' });

  // The core stopped where it paused: each Step after it (handled in order behind the pause) advances exactly one.
  await page.getByTestId('step').click();
  await expect.poll(() => currentStep(page)).toBe(paused + 1);
  await page.getByTestId('step').click();
  await expect.poll(() => currentStep(page)).toBe(paused + 2);
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'paused');
  expect(errors).toEqual([]);
});

test('the theme toggles between dark and light and is remembered', async ({ page }) => {
  await openApp(page);
  const html = page.locator('html');
  const first = await html.getAttribute('data-theme');
  await page.getByTestId('theme-toggle').click();
  const second = first === 'dark' ? 'light' : 'dark';
  await expect(html).toHaveAttribute('data-theme', second);
  await page.screenshot({ path: `test-results/app-theme-${second}.png` });
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', second);
});
