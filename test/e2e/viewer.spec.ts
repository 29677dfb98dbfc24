/**
 * The run viewer, as a user meets it: `relu-lab serve` on a run folder the
 * Python package wrote (test/fixtures/runs/cnn-small, a CNN whose channels
 * died of a too-high learning rate) — the list, the run, its dead channels
 * in the heatmap, records appended while the page watches; the same folder
 * through Open Run… in the web build; a run JSON the app exported opened
 * again; and a broken folder, read as far as it goes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openApp, pickableFolder as pickable } from './helpers';

const FIXTURE = 'test/fixtures/runs/cnn-small';
const pickableFolder = (page: Page, name: string, lines: { metrics: string[]; units: string[] }) => pickable(page, name, FIXTURE, lines);
const fixtureLines = (file: string) => readFileSync(join(FIXTURE, file), 'utf8').trimEnd().split('\n');
const metrics = fixtureLines('metrics.jsonl');
const units = fixtureLines('units.jsonl');
const info = JSON.parse(readFileSync(join(FIXTURE, 'run.json'), 'utf8')) as { name: string; layers: { name: string; units: number }[] };
const lastRecord = JSON.parse(metrics[metrics.length - 1]) as { step: number; layers: { deadCount: number }[] };
const lastUnits = JSON.parse(units[units.length - 1]) as { layers: { activationRate: number[] }[] };
/** Channels of the first layer never active at the end: what the heatmap must show dead. */
const deadChannels = lastUnits.layers[0].activationRate.flatMap((r, c) => (r === 0 ? [c] : []));

interface Trace {
  type: string;
  z?: number[][];
  y?: number[];
}

/**
 * The heatmap's traces once it shows the whole history: scrolled into view
 * (a chart out of view redraws only now and then) and drawn the same twice
 * in a row.
 */
async function heatmapTraces(page: Page): Promise<Trace[]> {
  const panel = page.getByTestId('chart-dead-heatmap');
  await panel.scrollIntoViewIfNeeded();
  const graph = panel.locator('.js-plotly-plot');
  await expect(graph).toBeAttached();
  const read = () => graph.evaluate((el) => JSON.stringify({ draws: el.getAttribute('data-draws'), data: (el as unknown as { data?: unknown[] }).data ?? [] }));
  let last = '';
  await expect.poll(async () => {
    const before = last;
    last = await read();
    await page.waitForTimeout(400);
    return before === last && last === (await read()) && (JSON.parse(last).data as unknown[]).length > 0;
  }, { timeout: 20_000 }).toBe(true);
  return JSON.parse(last).data as Trace[];
}

async function recordsRead(page: Page): Promise<number> {
  return Number(/^(\d+)/.exec((await page.getByTestId('run-records').textContent()) ?? '')?.[1] ?? NaN);
}

/** `relu-lab serve` on a log directory, on a port the system picks; resolves with the address it prints. */
async function serve(logdir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['bin/relu-lab.mjs', 'serve', '--logdir', logdir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: string) => {
      out += c;
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`relu-lab serve exited (${code}): ${out}`)));
  });
  return { url, child };
}

test('relu-lab serve: the run list, a run with its dead channels, and records appended while watching', async ({ page }) => {
  const logdir = mkdtempSync(join(tmpdir(), 'relu-viewer-'));
  const run = join(logdir, 'cnn-small');
  cpSync(FIXTURE, run, { recursive: true });
  // The run as it was two thirds of the way: the rest is appended during the test.
  const shown = Math.floor((metrics.length * 2) / 3);
  writeFileSync(join(run, 'metrics.jsonl'), `${metrics.slice(0, shown).join('\n')}\n`);
  writeFileSync(join(run, 'units.jsonl'), `${units.slice(0, shown).join('\n')}\n`);
  const { url, child } = await serve(logdir);
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    const row = page.getByTestId('run-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(info.name);
    await expect(row).toContainText('PyTorch');
    // The lab is a click away from the run list, and the run list from the lab.
    await page.getByTestId('lab').click();
    await expect(page.getByTestId('new')).toBeVisible();
    await page.getByTestId('served-runs').click();

    await row.getByTestId('open-served-run').click();
    await expect(page.getByTestId('run-name')).toHaveText(info.name);
    await expect.poll(() => recordsRead(page)).toBe(shown);
    await expect(page.getByTestId('run-activity')).toHaveAttribute('data-activity', 'live');
    await expect(page.getByTestId('train-toggle')).toBeDisabled();
    await expect(page.getByTestId('controls-off')).toContainText('PyTorch');
    // The layers by their module names.
    for (const [l, layer] of info.layers.entries()) await expect(page.getByTestId(`run-layer-${l}`)).toContainText(layer.name);

    // Appended records reach the page (pushed by the server) and the run ends finished.
    appendFileSync(join(run, 'units.jsonl'), `${units.slice(shown).join('\n')}\n`);
    appendFileSync(join(run, 'metrics.jsonl'), `${metrics.slice(shown).join('\n')}\n`);
    await expect.poll(() => recordsRead(page), { timeout: 5_000 }).toBe(metrics.length);
    await expect(page.getByTestId('run-activity')).toHaveAttribute('data-activity', 'finished');
    await expect(page.getByTestId('run-records')).toContainText(`last step ${lastRecord.step}`);
    await expect(page.getByTestId('run-layer-0')).toHaveAttribute('data-dead', String(lastRecord.layers[0].deadCount));

    // The heatmap's last column: exactly the channels the run wrote as never active are at rate 0.
    expect(deadChannels.length).toBeGreaterThan(0);
    const z = (await heatmapTraces(page))[0].z!;
    expect(z.flatMap((row, r) => (row[row.length - 1] === 0 ? [r] : []))).toEqual(deadChannels);

    // A click on a dead channel's cell: its rate over time, and since when it is dead.
    const strip = page.getByTestId('run-strip-0');
    const cell = 18 + 2;
    const columns = Math.floor(((await strip.boundingBox())!.width + 2) / cell);
    const c = deadChannels[0];
    await strip.click({ position: { x: (c % columns) * cell + 9, y: Math.floor(c / columns) * cell + 9 } });
    await expect(page.getByTestId('unit-panel')).toContainText(`channel ${c}`);
    await expect(page.getByTestId('unit-state')).toHaveText('dead');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('unit-panel')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('viewer-served.png') });
    expect(errors).toEqual([]);
  } finally {
    child.kill('SIGINT');
  }
});

test('Open Run… in the web build reads a folder and follows what is appended to it', async ({ page }) => {
  const errors = await openApp(page);
  await pickableFolder(page, 'cnn-small', { metrics: metrics.slice(0, 5), units: units.slice(0, 5) });

  await page.keyboard.press('Control+Shift+O');
  await expect(page.getByTestId('run-name')).toHaveText(info.name);
  await expect.poll(() => recordsRead(page)).toBe(5);
  await page.evaluate(async ({ metricsText, unitsText }) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('cnn-small');
    const append = async (name: string, text: string) => {
      const handle = await dir.getFileHandle(name);
      const w = await handle.createWritable({ keepExistingData: true });
      await w.seek((await handle.getFile()).size);
      await w.write(text);
      await w.close();
    };
    await append('units.jsonl', unitsText);
    await append('metrics.jsonl', metricsText);
  }, { metricsText: `${metrics.slice(5, 9).join('\n')}\n`, unitsText: `${units.slice(5, 9).join('\n')}\n` });
  await expect.poll(() => recordsRead(page), { timeout: 5_000 }).toBe(9);

  // Back to the lab: the lab's own design and run are where they were, and its start screen opens a run too.
  await page.getByTestId('back-to-lab').click();
  await expect(page.getByTestId('add-layer')).toBeVisible();
  await page.getByTestId('start-open-run').click();
  await expect(page.getByTestId('run-name')).toHaveText(info.name);
  await expect.poll(() => recordsRead(page)).toBe(9);
  expect(errors).toEqual([]);
});

test('a run JSON exported by the app opens again with the same charts', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByTestId('step').click();
  await page.getByTestId('train-toggle').click();
  await expect.poll(async () => Number(await page.getByTestId('instrument-panels').getAttribute('data-records'))).toBeGreaterThan(10);
  await page.getByTestId('train-toggle').click();
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'paused');
  const labHeatmap = await heatmapTraces(page);
  const labRecords = Number(await page.getByTestId('instrument-panels').getAttribute('data-records'));

  await page.getByTestId('export-menu').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-run-json').click();
  const download = await downloading;
  const text = readFileSync((await download.path())!, 'utf8');

  // Dropped on the window, as a user would drop the file.
  await page.evaluate(({ name, body }) => {
    const data = new DataTransfer();
    data.items.add(new File([body], name, { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true, bubbles: true }));
  }, { name: download.suggestedFilename(), body: text });
  await expect(page.getByTestId('run-activity')).toHaveAttribute('data-activity', 'finished');
  await expect(page.getByTestId('instrument-panels')).toHaveAttribute('data-records', String(labRecords));
  expect((await heatmapTraces(page)).map((t) => t.z)).toEqual(labHeatmap.map((t) => t.z));
  expect(errors).toEqual([]);
});

test('a broken folder: the lines that could not be read are named by file and line, the rest is shown', async ({ page }) => {
  const errors = await openApp(page);
  const broken = [...metrics.slice(0, 4), '{"step": 45, "loss": 0.5, "lay', ...metrics.slice(4, 8)];
  await pickableFolder(page, 'broken', { metrics: broken, units: units.slice(0, 8) });
  await page.getByTestId('open-run').click();
  await expect.poll(() => recordsRead(page)).toBe(8);
  await expect(page.getByTestId('run-problems')).toContainText('metrics.jsonl line 5: not valid JSON');
  expect(errors).toEqual([]);
});
