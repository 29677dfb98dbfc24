import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('open a lesson from the gallery, compare relu, leaky relu and elu, export the table as CSV', async ({ page }) => {
  const errors = await openApp(page);

  await expect(page.getByTestId('start-lessons')).toBeVisible();
  await page.getByTestId('lessons').click();
  await expect(page.getByTestId('preset-gallery')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('gallery.png') });
  await expect(page.getByTestId('preset-gallery').locator('.lab-card')).toHaveCount(8);
  await page.getByTestId('preset-dying-lr').click();
  await expect(page.getByTestId('preset-gallery')).toHaveCount(0);
  await expect(page.getByTestId('lesson-title')).toHaveText('The dying ReLU — learning rate too high');
  await expect(page.getByTestId('doc-title')).toContainText('The dying ReLU — learning rate too high');
  await expect(page.getByTestId('train-toggle')).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('lesson.png') });

  // The lesson's second suggestion is the classroom comparison: the same network with Leaky ReLU and ELU.
  await expect(page.getByTestId('lesson-compare-1')).toHaveText('Compare relu vs leaky-relu vs elu…');
  await page.getByTestId('lesson-compare-1').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('compare-variable')).toHaveValue('activation');
  for (const kind of ['relu', 'leaky-relu', 'elu']) await expect(page.getByTestId(`compare-value-${kind}`)).toBeChecked();
  for (const kind of ['prelu', 'sigmoid', 'tanh']) await expect(page.getByTestId(`compare-value-${kind}`)).not.toBeChecked();
  await page.getByTestId('compare-run').click();

  const table = page.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(3, { timeout: 60_000 });
  await expect(table.locator('tbody tr td:first-child')).toHaveText(['relu', 'leaky-relu', 'elu']);
  await expect(page.getByTestId('compare-chart-dead').locator('.main-svg').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('compare.png') });

  const downloading = page.waitForEvent('download');
  await page.getByTestId('compare-export-csv').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/_compare-activation\.csv$/);
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const lines = (await readFile(file, 'utf8')).trim().split('\n');
  expect(lines[0].split(',').slice(0, 5)).toEqual(['activation', 'runs', 'diverged', 'train_accuracy_mean', 'train_accuracy_sd']);
  expect(lines[0]).toContain('dead_layer2_mean');
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['relu', 'leaky-relu', 'elu']);

  // A chart of the comparison as a picture for slides: a PNG at the comparison's size.
  const picturing = page.waitForEvent('download');
  await page.getByTestId('compare-png-dead').click();
  const picture = await picturing;
  expect(picture.suggestedFilename()).toMatch(/_compare-activation_dead\.png$/);
  const png = await readFile(await picture.path());
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 700]);
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    expect(cells[1]).toBe('1');
    const trainAccuracy = Number(cells[3]);
    expect(trainAccuracy).toBeGreaterThan(0.5);
    expect(trainAccuracy).toBeLessThanOrEqual(1);
  }

  await page.getByTestId('compare-close').click();
  await expect(page.getByTestId('compare-view')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('born-dead odds of the born-dead lesson, and its depth × width chart', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByTestId('lessons').click();
  await page.getByTestId('preset-born-dead').click();
  await expect(page.getByTestId('train-toggle')).toBeEnabled();
  await page.getByTestId('born-dead-estimate').click();
  await expect(page.getByTestId('born-dead-result')).toContainText('(2000/2000 inits)', { timeout: 30_000 });
  const percent = Number(/([\d.]+) %/.exec((await page.getByTestId('born-dead-result').textContent()) ?? '')![1]);
  expect(percent).toBeGreaterThan(30);
  await page.getByTestId('born-dead-grid').click();
  await expect(page.getByTestId('born-dead-grid-chart').locator('.main-svg').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('born-dead-grid-progress')).toHaveCount(0, { timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath('born-dead.png') });
  await page.getByTestId('born-dead-grid-close').click();
  await expect(page.getByTestId('born-dead-grid-dialog')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Copy as PyTorch shows the code with a visible fallback', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('copy-pytorch').click();
  const code = page.getByTestId('pytorch-code');
  await expect(code).toBeVisible();
  const text = await code.inputValue();
  expect(text).toContain('model = nn.Sequential(');
  expect(text).toContain('nn.Linear(2, 8)');
  await page.getByTestId('pytorch-copy').click();
  // Headless Chromium may refuse clipboard access: either way the user is told what happened.
  await expect(page.getByTestId('pytorch-dialog').locator('[role=status], [role=alert]')).toBeVisible();
});

test('the rescue lesson compares relu, leaky relu, PReLU and ELU and shows the learned PReLU alpha', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByTestId('start-preset-rescue-variants').click();
  await expect(page.getByTestId('lesson-title')).toHaveText('Leaky ReLU, PReLU and ELU to the rescue');
  await page.getByTestId('lesson-compare-0').click();
  await page.getByTestId('compare-run').click();
  const table = page.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(4, { timeout: 60_000 });
  await expect(table.locator('thead')).toContainText('PReLU α');
  const alphas = ((await table.locator('tbody tr').nth(2).locator('td.lab-alpha').textContent()) ?? '').split(', ').map(Number);
  expect(alphas).toHaveLength(3);
  for (const a of alphas) expect(Math.abs(a - 0.25)).toBeGreaterThan(0.01);
  await page.screenshot({ path: test.info().outputPath('rescue.png') });
  expect(errors).toEqual([]);
});

test('importing weights of another shape is refused with the layer and the shape it needs', async ({ page }) => {
  await openApp(page);
  const row = (n: number) => Array.from({ length: n }, () => 0.1);
  // Written for a 2-16-8-3 network; the default design is 2-8-8-3.
  const weights = {
    format: 'relu-lab/weights@1',
    layers: [
      { weight: Array.from({ length: 16 }, () => row(2)), bias: row(16) },
      { weight: Array.from({ length: 8 }, () => row(16)), bias: row(8) },
      { weight: Array.from({ length: 3 }, () => row(8)), bias: row(3) },
    ],
  };
  await page.getByTestId('export-menu').click();
  const choosing = page.waitForEvent('filechooser');
  await page.getByTestId('import-weights').click();
  await (await choosing).setFiles({ name: 'from-pytorch.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(weights)) });
  await expect(page.locator('[data-testid^="notice-"]')).toContainText('weights.layers[0].weight: expected 8 rows (out) of 2 numbers (in), got 16 × 2');
  await expect(page.getByTestId('doc-title')).not.toContainText('•');
});

test('after training, Copy as PyTorch loads the weights file it saves', async ({ page }) => {
  await openApp(page);
  for (let i = 0; i < 3; i++) await page.getByTestId('step').click();
  await expect(page.getByTestId('status-step')).toContainText('Step 3');
  await page.getByTestId('copy-pytorch').click();
  const code = await page.getByTestId('pytorch-code').inputValue();
  const saveButton = page.getByTestId('pytorch-save-weights');
  const name = /Save (.+\.weights\.json)/.exec((await saveButton.textContent()) ?? '')![1];
  expect(name).toMatch(/_step-3\.weights\.json$/);
  expect(code).toContain(`with open(${JSON.stringify(name)}) as f:`);
  const downloading = page.waitForEvent('download');
  await saveButton.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(name);
  const file = test.info().outputPath(name);
  await download.saveAs(file);
  const weights = JSON.parse(await readFile(file, 'utf8'));
  expect(weights.layers.map((l: { weight: number[][] }) => [l.weight.length, l.weight[0].length])).toEqual([[8, 2], [8, 8], [3, 8]]);
});

test('before training, Copy as PyTorch loads the experiment\'s own weights', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('lessons').click();
  // "ReLU in one picture" ships with hand-set weights (w = 1, then 0.5).
  await page.getByTestId('preset-relu-basics').click();
  await expect(page.getByTestId('lesson-title')).toHaveText('ReLU in one picture');
  await page.getByTestId('copy-pytorch').click();
  const code = await page.getByTestId('pytorch-code').inputValue();
  const saveButton = page.getByTestId('pytorch-save-weights');
  const name = /Save (.+\.weights\.json)/.exec((await saveButton.textContent()) ?? '')![1];
  expect(name).toMatch(/_step-0\.weights\.json$/);
  expect(code).toContain(`with open(${JSON.stringify(name)}) as f:`);
  const downloading = page.waitForEvent('download');
  await saveButton.click();
  const file = test.info().outputPath(name);
  await (await downloading).saveAs(file);
  const weights = JSON.parse(await readFile(file, 'utf8'));
  expect(weights.layers.map((l: { weight: number[][] }) => l.weight)).toEqual([[[1]], [[0.5]]]);
});
