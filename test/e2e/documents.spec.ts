import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('save an experiment, reload, open it: the same network comes back', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('add-layer').click();
  await page.getByTestId('layer-2-units').fill('5');
  await page.getByTestId('layer-2-units').press('Enter');
  await page.getByTestId('layer-1-activation').selectOption('elu');
  await page.getByTestId('layer-0-bias').fill('-2.5');
  await page.getByTestId('layer-0-bias').press('Enter');
  await page.getByTestId('dataset').selectOption('circles');
  await expect(page.getByTestId('doc-title')).toContainText('•');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('save').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.relu\.json$/);
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const saved = JSON.parse(await readFile(file, 'utf8'));
  expect(saved.format).toBe('relu-lab/experiment@1');
  expect(saved.data.kind).toBe('circles');
  await expect(page.getByTestId('doc-title')).not.toContainText('•');

  await page.reload();
  await expect(page.getByTestId('train-toggle')).toBeEnabled();
  await expect(page.getByTestId('layer-2')).toHaveCount(0);

  const choosing = page.waitForEvent('filechooser');
  await page.getByTestId('open').click();
  await (await choosing).setFiles(file);
  await expect(page.getByTestId('layer-2')).toHaveAttribute('data-units', '5');
  await expect(page.getByTestId('layer-1-activation')).toHaveValue('elu');
  await expect(page.getByTestId('layer-0-bias')).toHaveValue('-2.5');
  await expect(page.getByTestId('dataset')).toHaveValue('circles');
  await expect(page.getByTestId('doc-title')).toContainText(download.suggestedFilename());
  await expect(page.getByTestId('doc-title')).not.toContainText('•');
});

const BAD_CSV = 'x1,x2,label\n0.1,0.2,a\n0.3,0.4,b\n0.5,oops,a\n0.7,0.8,b\n';
const GOOD_CSV = 'x1,x2,x3,label\n' + Array.from({ length: 60 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${(i % 3) / 3},${i % 2 ? 'yes' : 'no'}`).join('\n') + '\n';

test('a CSV with a bad row is refused with a message naming the row; a good one trains', async ({ page }) => {
  const errors = await openApp(page);
  let choosing = page.waitForEvent('filechooser');
  await page.getByTestId('dataset').selectOption('csv');
  await (await choosing).setFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
  await expect(page.getByTestId('csv-error')).toContainText('bad.csv line 4');
  await expect(page.getByTestId('csv-error')).toContainText('column "x2"');
  await expect(page.getByTestId('csv-error')).toContainText('"oops"');
  // The design keeps its data set.
  await expect(page.getByTestId('dataset')).toHaveValue('spiral');
  await page.screenshot({ path: 'test-results/documents-bad-csv.png' });

  choosing = page.waitForEvent('filechooser');
  await page.getByTestId('open-csv').click();
  await (await choosing).setFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
  await expect(page.getByTestId('dataset')).toHaveValue('csv');
  await expect(page.getByTestId('csv-error')).toHaveCount(0);
  await expect(page.getByTestId('csv-table')).toContainText('x3');
  await expect(page.getByTestId('dataset-description')).toContainText('2 classes');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('status-step')).toContainText('Step 1');
  expect(errors).toEqual([]);
});

test('unsaved work survives a reload: the page asks before leaving, and offers the autosaved design', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('add-layer').click();
  await page.getByTestId('layer-2-units').fill('6');
  await page.getByTestId('layer-2-units').press('Enter');
  await expect(page.getByTestId('layer-2')).toHaveAttribute('data-units', '6');
  // Autosave runs every few seconds: wait until it has this design.
  const autosaved = () => page.evaluate(() => (JSON.parse(localStorage.getItem('relu-lab:autosave') ?? '{}') as { text?: string }).text ?? '');
  await expect.poll(autosaved, { timeout: 15_000 }).toContain('"units": 6');

  const prompts: string[] = [];
  page.on('dialog', (d) => {
    prompts.push(d.type());
    void d.accept();
  });
  await page.reload();
  expect(prompts).toContain('beforeunload');
  await expect(page.getByTestId('notice-autosave')).toBeVisible();
  await expect(page.getByTestId('layer-2')).toHaveCount(0);
  await page.getByTestId('notice-autosave').getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('layer-2')).toHaveAttribute('data-units', '6');
  await expect(page.getByTestId('doc-title')).toContainText('•');
});

test('trained weights export as a weights file and import back as the starting point', async ({ page }) => {
  await openApp(page);
  for (let i = 0; i < 5; i++) await page.getByTestId('step').click();
  await expect(page.getByTestId('status-step')).toContainText('Step 5');
  await page.getByTestId('export-menu').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-weights').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/_step-5\.weights\.json$/);
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const weights = JSON.parse(await readFile(file, 'utf8'));
  expect(weights.format).toBe('relu-lab/weights@1');
  expect(weights.layers.map((l: { bias: number[] }) => l.bias.length)).toEqual([8, 8, 3]);

  await page.getByTestId('export-menu').click();
  const choosing = page.waitForEvent('filechooser');
  await page.getByTestId('import-weights').click();
  await (await choosing).setFiles(file);
  await expect(page.getByTestId('doc-title')).toContainText('•');
  await expect(page.getByTestId('status-step')).toContainText('Step 0');
  await expect(page.locator('[data-testid^="notice-"]')).toHaveCount(0);
});

test('an experiment that reads a CSV opens, asks for the file, and trains once the CSV is opened', async ({ page }) => {
  await openApp(page);
  const experiment = {
    format: 'relu-lab/experiment@1',
    name: 'csv demo',
    data: { kind: 'csv', path: 'good.csv', labelColumn: 'label' },
    network: { inputs: 3, layers: [{ units: 4, activation: 'relu' }, { units: 2, activation: 'linear' }], loss: 'softmax-cross-entropy' },
    training: { optimizer: { kind: 'adam', lr: 0.01 } },
  };
  let choosing = page.waitForEvent('filechooser');
  await page.getByTestId('open').click();
  await (await choosing).setFiles({ name: 'csv-demo.relu.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(experiment)) });
  await expect(page.getByTestId('notice-file')).toContainText('good.csv');
  await expect(page.getByTestId('dataset')).toHaveValue('csv');

  choosing = page.waitForEvent('filechooser');
  await page.getByTestId('open-csv').click();
  await (await choosing).setFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
  await expect(page.getByTestId('dataset-description')).toContainText('2 classes');
  await expect(page.getByTestId('train-toggle')).toBeEnabled();
  await page.getByTestId('step').click();
  await expect(page.getByTestId('status-step')).toContainText('Step 1');
  await expect(page.getByTestId('doc-title')).not.toContainText('•');
  // The file problem is solved: its notices are gone.
  await expect(page.locator('[data-testid^="notice-"]')).toHaveCount(0);
});
