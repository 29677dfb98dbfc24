/** Shared steps of the browser tests: open the app, read numbers the UI shows. */
import { expect, type Page } from '@playwright/test';

/** Opens the app and collects console errors and page errors for the test to check. */
export async function openApp(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('./');
  // The core loaded the default experiment once Train is enabled.
  await expect(page.getByTestId('train-toggle')).toBeEnabled();
  return errors;
}

export async function currentStep(page: Page): Promise<number> {
  const text = (await page.getByTestId('status-step').textContent()) ?? '';
  const m = /Step (\d+)/.exec(text);
  if (!m) throw new Error(`status-step shows no step: ${text}`);
  return Number(m[1]);
}

/** The loss of the latest frame; waits for one, since a reload (a changed design) clears it at any moment. */
export async function currentLoss(page: Page): Promise<number> {
  let loss = '';
  await expect.poll(async () => (loss = (await page.getByTestId('status-loss').getAttribute('data-loss')) ?? ''), { timeout: 30_000 }).not.toBe('');
  return Number(loss);
}

export async function waitForStepAtLeast(page: Page, step: number): Promise<void> {
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(step);
}
