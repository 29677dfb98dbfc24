/** Shared steps of the browser tests: open the app, read numbers the UI shows. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * A run folder in the browser's private file system (a real directory
 * handle), which the page's directory picker then returns: what a user
 * picking a folder gives the web build. `lines`: the records to write (all
 * of the fixture's by default).
 */
export async function pickableFolder(page: Page, name: string, fixture: string, lines?: { metrics: string[]; units: string[] }): Promise<void> {
  const read = (file: string): string[] => readFileSync(join(fixture, file), 'utf8').trimEnd().split('\n');
  const { metrics, units } = lines ?? { metrics: read('metrics.jsonl'), units: read('units.jsonl') };
  await page.evaluate(async ({ name, runJson, metricsText, unitsText }) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
    const write = async (file: string, text: string) => {
      const w = await (await dir.getFileHandle(file, { create: true })).createWritable();
      await w.write(text);
      await w.close();
    };
    await write('run.json', runJson);
    await write('units.jsonl', unitsText);
    await write('metrics.jsonl', metricsText);
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => dir;
  }, { name, runJson: readFileSync(join(fixture, 'run.json'), 'utf8'), metricsText: `${metrics.join('\n')}\n`, unitsText: `${units.join('\n')}\n` });
}
