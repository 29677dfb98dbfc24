/**
 * The web build's run sources in real Chromium: a folder picked with
 * <input webkitdirectory>, a real directory handle (the origin-private file
 * system) followed while it is written, dropped files and a dropped run
 * JSON. A test-only page (served by routing, never part of the build) loads
 * the sources' modules bundled here with esbuild.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const RUN_JSON = '{"format":"relu-lab/rundir@1","name":"cnn"}';
const line = (step: number) => `{"step":${step},"epoch":null,"loss":${(1 / (step + 1)).toFixed(4)},"layers":[]}\n`;
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => line(from + i)).join('');

type HarnessState = {
  label: string | null;
  info: string | null;
  metrics: string;
  units: string;
  types: string[];
  caughtUp: Array<{ following: boolean }>;
  missing: string[];
  restarts: string[];
  error: string;
  json: { name: string; text: string } | null;
};

let script = '';
test.beforeAll(async () => {
  const bundle = await build({ entryPoints: [join(here, 'harness', 'runSources.ts')], bundle: true, format: 'esm', write: false, target: 'es2022' });
  script = bundle.outputFiles[0]!.text;
});

async function openHarness(page: Page): Promise<void> {
  await page.route('**/__test__/runs.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>run sources</title><button id="pick">pick</button><button id="pick-handle">pick handle</button><script type="module" src="runs.js"></script>' }),
  );
  await page.route('**/__test__/runs.js', (route) => route.fulfill({ contentType: 'text/javascript', body: script }));
  await page.goto('./__test__/runs.html');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'yes');
}

const state = (page: Page) => page.evaluate(() => (window as unknown as { runHarness: { state(): HarnessState } }).runHarness.state());

test('a run folder picked with <input webkitdirectory> is read whole, in order, as a snapshot', async ({ page }) => {
  const folder = test.info().outputPath('cnn-lr0.5');
  mkdirSync(join(folder, 'older'), { recursive: true });
  writeFileSync(join(folder, 'run.json'), RUN_JSON);
  // Bigger than one 1 MiB slice, so the reading goes in several.
  writeFileSync(join(folder, 'units.jsonl'), lines(0, 30_000));
  writeFileSync(join(folder, 'metrics.jsonl'), lines(0, 30_000));
  writeFileSync(join(folder, 'older', 'units.jsonl'), 'not this one\n');
  await openHarness(page);

  const choosing = page.waitForEvent('filechooser');
  await page.locator('#pick').click();
  await (await choosing).setFiles(folder);
  await expect.poll(async () => (await state(page)).caughtUp, { timeout: 30_000 }).toEqual([{ type: 'caughtUp', following: false }]);
  const s = await state(page);
  expect(s.label).toBe('cnn-lr0.5');
  expect(s.info).toBe(RUN_JSON);
  expect(s.metrics).toBe(lines(0, 30_000));
  expect(s.units).toBe(lines(0, 30_000));
  expect(s.types.filter((t) => t === 'bytes:units.jsonl').length).toBeGreaterThan(1);
  expect(s.missing).toEqual([]);
});

test('a directory handle is followed live: appends, a rewrite, a deleted file, the folder deleted', async ({ page }) => {
  await openHarness(page);
  await page.evaluate(
    ({ runJson, records }) => (window as any).runHarness.opfsFolder('live-run', { 'run.json': runJson, 'units.jsonl': records, 'metrics.jsonl': records }),
    { runJson: RUN_JSON, records: lines(0, 3) },
  );
  await expect.poll(async () => (await state(page)).caughtUp).toEqual([{ type: 'caughtUp', following: true }]);
  expect((await state(page)).label).toBe('live-run');

  const write = (file: string, text: string, append: boolean) => page.evaluate((a) => (window as any).runHarness.write('live-run', a.file, a.text, a.append), { file, text, append });
  for (let step = 3; step < 6; step++) {
    await write('units.jsonl', line(step), true);
    await write('metrics.jsonl', line(step), true);
    await expect.poll(async () => (await state(page)).metrics, { timeout: 5_000 }).toBe(lines(0, step + 1));
  }
  expect((await state(page)).units).toBe(lines(0, 6));

  await write('metrics.jsonl', line(100), false);
  await expect.poll(async () => (await state(page)).metrics).toBe(line(100));
  expect((await state(page)).restarts).toEqual([expect.stringMatching(/^metrics\.jsonl shrank from \d+ to \d+ bytes/)]);

  await page.evaluate(() => (window as any).runHarness.remove('live-run', 'units.jsonl'));
  await expect.poll(async () => (await state(page)).missing).toEqual(['units.jsonl: units.jsonl was deleted; what was read of it is kept']);
  await page.evaluate(() => (window as any).runHarness.remove('live-run', null));
  await expect.poll(async () => (await state(page)).missing).toContain('run.json: the run folder "live-run" is gone (deleted or moved); what was read of run.json is kept');
});

test('dropped run files and a dropped run JSON open; a dropped image is refused by name', async ({ page }) => {
  await openHarness(page);
  const drop = (files: Array<{ name: string; text: string }>) =>
    page.evaluate(async (list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([f.text], f.name));
      await (window as any).runHarness.drop(data);
    }, files);

  await drop([{ name: 'run.json', text: RUN_JSON }, { name: 'metrics.jsonl', text: lines(0, 2) }, { name: 'units.jsonl', text: lines(0, 2) }]);
  await expect.poll(async () => (await state(page)).caughtUp).toHaveLength(1);
  expect(await state(page)).toMatchObject({ info: RUN_JSON, metrics: lines(0, 2), units: lines(0, 2), missing: [] });

  const exported = '{"format":"relu-lab/run@1","metrics":[]}';
  await drop([{ name: 'spiral_run.json', text: exported }]);
  expect((await state(page)).json).toEqual({ name: 'spiral_run.json', text: exported });

  await drop([{ name: 'loss.png', text: 'PNG' }]);
  expect((await state(page)).error).toBe('loss.png is not a run: open a run folder (run.json, metrics.jsonl, units.jsonl) or a run exported as JSON');
});
