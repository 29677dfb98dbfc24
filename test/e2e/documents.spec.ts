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
