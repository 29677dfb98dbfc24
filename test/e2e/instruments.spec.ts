import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { expect, test, type Download, type Page } from '@playwright/test';
import { currentStep, openApp, waitForStepAtLeast } from './helpers';

interface Trace {
  name?: string;
  type?: string;
  x?: number[];
  y?: (number | null)[];
  z?: number[][];
}

/**
 * The figure data plotly holds in charts' graph divs, once each has drawn
 * what its chart shows now (the last frame, its options, the step shown).
 * Charts read together show the same frames: the panels take a new frame
 * in one render.
 */
async function chartsData(page: Page, ...charts: string[]): Promise<Trace[][]> {
  let data: Trace[][] | null = null;
  await expect.poll(() => page.evaluate((ids) => {
    const figures = ids.map((id) => {
      const panel = document.querySelector(`[data-testid="chart-${id}"]`);
      const wanted = panel?.querySelector('.plotly-frame')?.getAttribute('data-revision');
      const graph = panel?.querySelector('.js-plotly-plot') as (HTMLElement & { data?: unknown[] }) | null | undefined;
      return graph && wanted && graph.dataset.revision === wanted ? graph.data : null;
    });
    // Read in the same turn as the check, so no redraw comes between.
    return figures.every((f) => f) ? JSON.parse(JSON.stringify(figures)) as Trace[][] : null;
  }, charts).then((d) => (data = d) !== null)).toBe(true);
  return data!;
}

async function chartData(page: Page, chart: string): Promise<Trace[]> {
  return (await chartsData(page, chart))[0];
}

async function saved(page: Page, click: () => Promise<void>): Promise<{ name: string; path: string; bytes: Buffer }> {
  const downloading = page.waitForEvent('download');
  await click();
  const download: Download = await downloading;
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path, bytes: await readFile(path) };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function setNumber(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).fill(value);
  await page.getByTestId(testId).press('Enter');
}

async function train(page: Page, steps: number): Promise<void> {
  await page.getByTestId('train-toggle').click();
  await waitForStepAtLeast(page, steps);
  if ((await page.getByTestId('run-state').getAttribute('data-state')) === 'running') await page.getByTestId('train-toggle').click();
  await expect(page.getByTestId('run-state')).not.toHaveAttribute('data-state', 'running');
  // The frame of the step it stopped at has arrived: the charts have the whole run.
  await expect(page.getByTestId('timeline-step')).toHaveAttribute('data-step', String(await currentStep(page)));
}

test('the sparsity legend hides and shows a layer, and the axis titles name the axes', async ({ page }) => {
  const errors = await openApp(page);
  await train(page, 30);
  const panel = page.getByTestId('chart-sparsity');
  await expect(panel.locator('.axis-title')).toHaveText(['step', 'fraction']);
  await panel.getByRole('button', { name: 'Layer 2 inactive' }).click();
  const visible = async () => (await chartData(page, 'sparsity') as (Trace & { visible?: unknown })[]).map((t) => [t.name, t.visible ?? true]);
  // A layer's two series hide together, as plotly's legend groups do; the data stays in the figure.
  await expect.poll(visible).toEqual([
    ['Layer 1 inactive', true], ['Layer 1 dead', true], ['Layer 2 inactive', 'legendonly'], ['Layer 2 dead', 'legendonly'],
  ]);
  await expect(panel.getByRole('button', { name: 'Layer 2 dead' })).toHaveAttribute('aria-pressed', 'false');
  await panel.getByRole('button', { name: 'Layer 2 dead' }).click();
  await expect.poll(visible).toEqual([
    ['Layer 1 inactive', true], ['Layer 1 dead', true], ['Layer 2 inactive', true], ['Layer 2 dead', true],
  ]);
  expect(errors).toEqual([]);
});

test('redrawing a chart never makes the browser lay out the page mid-draw (no size reads from plotly)', async ({ page }) => {
  const errors = await openApp(page);
  await train(page, 30);
  // Count reads of each graph div's size from here on: each one forces a style and layout pass.
  const reads = () => page.evaluate(() => (window as unknown as { sizeReads?: number }).sizeReads ?? -1);
  const draws = () => page.locator('.js-plotly-plot').evaluateAll((els) => els.reduce((n, el) => n + Number((el as HTMLElement).dataset.draws ?? 0), 0));
  await page.locator('.js-plotly-plot').evaluateAll((els) => {
    const w = window as unknown as { sizeReads: number };
    w.sizeReads = 0;
    for (const el of els) {
      for (const key of ['clientHeight', 'clientWidth'] as const) {
        const read = Object.getOwnPropertyDescriptor(Element.prototype, key)!.get!;
        Object.defineProperty(el, key, { configurable: true, get() { w.sizeReads++; return read.call(this); } });
      }
    }
  });
  const before = await draws();
  await train(page, 120);
  expect(await draws()).toBeGreaterThan(before + 4);
  expect(await reads()).toBe(0);
  expect(errors).toEqual([]);
});

test('a layer killed by bias −100: the heatmap is all dead, sparsity says 1; the other layer lives', async ({ page }) => {
  const errors = await openApp(page);
  await setNumber(page, 'layer-0-bias', '-100');
  await train(page, 200);

  const heatmap = await chartData(page, 'dead-heatmap');
  expect(heatmap.map((t) => t.type)).toEqual(['heatmap', 'heatmap']);
  const dead = heatmap[0].z!;
  expect(dead).toHaveLength(8);
  expect(dead.flat().every((rate) => rate === 0)).toBe(true);
  expect(heatmap[0].x!.length).toBeGreaterThan(1);
  // With nothing coming from layer 1, layer 2 sees only its biases: each unit is always on or always off.
  expect(heatmap[1].z!.flat().every((rate) => rate === 0 || rate === 1)).toBe(true);

  const sparsity = await chartData(page, 'sparsity');
  const inactive = sparsity.find((t) => t.name === 'Layer 1 inactive')!;
  const deadShare = sparsity.find((t) => t.name === 'Layer 1 dead')!;
  expect(inactive.y!.every((v) => v === 1)).toBe(true);
  expect(deadShare.y!.every((v) => v === 1)).toBe(true);
  await page.screenshot({ path: test.info().outputPath('instruments-dead-layer.png') });
  expect(errors).toEqual([]);
});

test('high learning rate: units die during training and the heatmap shows when', async ({ page }) => {
  const errors = await openApp(page);
  await setNumber(page, 'lr', '3');
  await setNumber(page, 'epochs', '60');
  await train(page, 600);

  const [[first], sparsity] = await chartsData(page, 'dead-heatmap', 'sparsity');
  const columns = first.x!.length;
  const deadAt = (c: number) => first.z!.filter((row) => row[c] === 0).length;
  expect(deadAt(0)).toBeLessThan(deadAt(columns - 1));

  const records = sparsity[0].x!.length;
  const share = sparsity.find((t) => t.name === 'Layer 1 dead')!.y!;
  expect(share[share.length - 1]).toBeCloseTo(deadAt(columns - 1) / 8, 6);

  // Sorted by time of death the dead units come first, so the bottom row is a unit alive at the end (or all died).
  await page.getByTestId('heatmap-sort').selectOption('death');
  await expect.poll(async () => (await chartData(page, 'dead-heatmap'))[0].z![0][columns - 1]).toBe(0);

  // A click on a cell opens that unit in the inspector (row 3 of layer 1, sorted by index again).
  // In view first: a chart mostly out of view redraws only every two seconds.
  const graph = page.getByTestId('chart-dead-heatmap').locator('.js-plotly-plot');
  await graph.scrollIntoViewIfNeeded();
  await page.getByTestId('heatmap-sort').selectOption('index');
  const rowLabels = () => graph.evaluate((el) => (el as unknown as { layout: { yaxis: { ticktext: string[] } } }).layout.yaxis.ticktext.join(' '));
  await expect.poll(rowLabels).toBe('1 2 3 4 5 6 7 8');
  const at = await graph.evaluate((el) => {
    type Axis = { d2p(v: number): number; _offset: number };
    const layout = (el as unknown as { _fullLayout: { xaxis: Axis; yaxis: Axis } })._fullLayout;
    const x = (el as unknown as { data: { x: number[] }[] }).data[0].x;
    return { x: layout.xaxis._offset + layout.xaxis.d2p(x[x.length - 1]), y: layout.yaxis._offset + layout.yaxis.d2p(3) };
  });
  const box = (await graph.boundingBox())!;
  // Hovering it names the cell: the layer, the step, the unit and its rate.
  await page.mouse.move(box.x + at.x - 2, box.y + at.y);
  await expect(page.getByTestId('chart-hover')).toHaveText(/^Layer 1 \(relu\)\s*step \d+\s*unit 3\s*rate (0: dead|0\.\d{3}|1\.000)$/);
  await page.mouse.click(box.x + at.x - 2, box.y + at.y);
  await expect(page.getByTestId('inspector')).toContainText('Hidden 1 · unit 3');

  // Scrubbing back shows the run as it was: fewer steps in every series.
  await page.getByTestId('timeline').fill('0');
  await expect.poll(async () => (await chartData(page, 'sparsity'))[0].x!.length).toBe(1);
  await expect.poll(async () => (await chartData(page, 'dead-heatmap'))[0].x!.length).toBe(1);
  await page.getByTestId('timeline-live').click();
  await expect.poll(async () => (await chartData(page, 'sparsity'))[0].x!.length).toBe(records);
  expect(errors).toEqual([]);
});

test('exports: PNG at the chosen scale, SVG with axis titles, CSV matching the history, run JSON, HTML report', async ({ page, context }) => {
  const errors = await openApp(page);
  await setNumber(page, 'layer-0-bias', '-100');
  await train(page, 100);
  const steps = (await chartData(page, 'sparsity'))[0].x!;
  const last = steps[steps.length - 1];
  const panel = page.getByTestId('chart-sparsity');

  await panel.getByTestId('export-scale').selectOption('3');
  const png = await saved(page, () => panel.getByTestId('export-png').click());
  expect(png.name).toBe(`untitled-experiment_sparsity_step-${last}.png`);
  expect(pngSize(png.bytes)).toEqual({ width: 960 * 3, height: 560 * 3 });
  await panel.getByTestId('export-scale').selectOption('1');
  expect(pngSize((await saved(page, () => panel.getByTestId('export-png').click())).bytes)).toEqual({ width: 960, height: 560 });

  const svg = await saved(page, () => panel.getByTestId('export-svg').click());
  expect(svg.name).toBe(`untitled-experiment_sparsity_step-${last}.svg`);
  const svgText = svg.bytes.toString('utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror') !== null, root: doc.documentElement.nodeName, text: doc.documentElement.textContent ?? '' };
  }, svgText);
  expect(parsed).toMatchObject({ error: false, root: 'svg' });
  for (const words of ['step', 'fraction', 'Sparsity over time', 'Untitled experiment', 'Layer 1 inactive']) expect(parsed.text).toContain(words);

  const csv = (await saved(page, () => panel.getByTestId('export-csv').click())).bytes.toString('utf8').trimEnd().split('\n');
  expect(csv[0]).toBe('step,layer,activation,units,inactive_fraction,zero_fraction,dead_count,dead_share');
  expect(csv).toHaveLength(1 + steps.length * 2);
  expect(csv[1]).toMatch(/^0,0,relu,8,1,1,8,1$/);

  const heatmapCsv = (await saved(page, () => page.getByTestId('chart-dead-heatmap').getByTestId('export-csv').click())).bytes.toString('utf8').trimEnd().split('\n');
  expect(heatmapCsv[0]).toBe('step,layer,unit,activation_rate,dead');
  expect(heatmapCsv).toHaveLength(1 + steps.length * (8 + 8));

  await page.getByTestId('export-menu').click();
  const json = await saved(page, () => page.getByTestId('export-run-json').click());
  const runDoc = JSON.parse(json.bytes.toString('utf8'));
  expect(runDoc.experiment.format).toBe('relu-lab/experiment@1');
  expect(runDoc.experiment.network.layers[0].bias).toBe(-100);
  expect(runDoc.metrics.map((m: { step: number }) => m.step)).toEqual(steps);

  await page.getByTestId('export-menu').click();
  const report = await saved(page, () => page.getByTestId('export-report').click());
  expect(report.name).toMatch(/^untitled-experiment_report_step-\d+\.html$/);
  const offline = await context.newPage();
  const reportErrors: string[] = [];
  offline.on('pageerror', (e) => reportErrors.push(String(e)));
  await context.route('http*://**', (route) => route.abort());
  await offline.goto(pathToFileURL(report.path).href);
  await expect(offline.locator('.js-plotly-plot')).toHaveCount(6);
  await expect(offline.locator('#chart-sparsity .xtitle')).toHaveText('step');
  const reportSteps = await offline.locator('#chart-sparsity').evaluate((el) => (el as unknown as { data: { x: number[] }[] }).data[0].x);
  expect(reportSteps).toEqual(steps);
  await offline.screenshot({ path: test.info().outputPath('report.png'), fullPage: false });
  expect(reportErrors).toEqual([]);
  expect(errors).toEqual([]);
});
