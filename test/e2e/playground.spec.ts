/**
 * What TensorFlow Playground's users expect: the data and the decision
 * boundary large, live, in the centre; and a link that opens an experiment,
 * which a teacher can send to a class.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

const pixels = (page: Page) => page.getByTestId('stage-scatter').evaluate((c) => (c as HTMLCanvasElement).toDataURL());

test('the data and the decision boundary, large and live, in the centre', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByTestId('enlarge-data').click();
  const stage = page.getByTestId('data-stage');
  await expect(stage).toBeVisible();
  await expect(page.getByTestId('center-data')).toHaveAttribute('aria-pressed', 'true');
  const box = (await page.getByTestId('stage-scatter').boundingBox())!;
  // Much larger than the sidebar's preview, in the preview's 4:3.
  expect(box.width).toBeGreaterThan(2 * (await page.getByTestId('dataset-scatter').boundingBox())!.width);
  expect(box.height / box.width).toBeCloseTo(0.75, 1);
  await expect(page.getByTestId('stage-caption')).toContainText('at step 0');
  const before = await pixels(page);

  // Training redraws the boundary as it goes.
  for (let i = 0; i < 20; i++) await page.getByTestId('step').click();
  await expect(page.getByTestId('stage-caption')).toContainText('at step 20');
  await expect.poll(() => pixels(page)).not.toBe(before);
  await page.screenshot({ path: test.info().outputPath('data-stage.png') });

  await page.getByTestId('center-network').click();
  await expect(page.getByTestId('add-layer')).toBeVisible();
  await expect(stage).toHaveCount(0);
  expect(errors).toEqual([]);
});

/** The link the share dialog gives for the open experiment. */
async function shareLink(page: Page): Promise<string> {
  await page.getByTestId('export-menu').click();
  await page.getByTestId('share-link').click();
  const field = page.getByTestId('share-url');
  await expect(field).toHaveValue(/#experiment=z/);
  const url = await field.inputValue();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-dialog')).toHaveCount(0);
  return url;
}

test('a share link opens the experiment in a browser, says what it loads, and asks before replacing unsaved work', async ({ page, context }) => {
  const errors = await openApp(page);
  await page.getByTestId('lessons').click();
  await page.getByTestId('preset-dying-lr').click();
  await page.getByTestId('layer-0-units').fill('24');
  await page.getByTestId('layer-0-units').press('Enter');
  await expect(page.getByTestId('layer-0')).toHaveAttribute('data-units', '24');
  const url = await shareLink(page);
  expect(url.startsWith(new URL(page.url()).origin)).toBe(true);

  // A student opens it: what it loads, then the experiment as it was shared.
  const student = await context.newPage();
  await student.goto(url);
  const dialog = student.getByTestId('link-dialog');
  await expect(dialog).toBeVisible();
  await expect(student.getByTestId('link-name')).toHaveText('The dying ReLU — learning rate too high');
  await expect(student.getByTestId('link-summary')).toContainText('2 → 24 → 32 → 32 → 3 (relu)');
  await expect(student.getByTestId('link-summary')).toContainText('adam at learning rate 0.07');
  // Nothing unsaved here: nothing to warn about.
  await expect(student.getByTestId('link-replaces')).toHaveCount(0);
  await expect(student.getByTestId('link-open')).toBeFocused();
  await student.getByTestId('link-open').click();
  await expect(student.getByTestId('layer-0')).toHaveAttribute('data-units', '24');
  await expect(student.getByTestId('layer-2')).toHaveAttribute('data-units', '32');
  await expect(student.getByTestId('doc-title')).toContainText('The dying ReLU — learning rate too high');
  // The fragment is consumed: a reload does not ask again.
  expect(new URL(student.url()).hash).toBe('');

  // Unsaved work in the tab the link is pasted into: the dialog says it will be replaced, and Undo brings it back.
  await student.getByTestId('new').click();
  await student.getByTestId('add-layer').click();
  await expect(student.getByTestId('dirty-marker')).toBeVisible();
  await student.evaluate((hash) => { location.hash = hash; }, new URL(url).hash);
  await expect(student.getByTestId('link-replaces')).toContainText('unsaved');
  await student.getByTestId('link-keep').click();
  await expect(student.getByTestId('layer-2')).toHaveCount(1);
  await expect(student.getByTestId('layer-2')).toHaveAttribute('data-units', '8');
  await student.evaluate((hash) => { location.hash = hash; }, new URL(url).hash);
  await student.getByTestId('link-open').click();
  await expect(student.getByTestId('layer-0')).toHaveAttribute('data-units', '24');
  await student.getByTestId('undo').click();
  await expect(student.getByTestId('layer-2')).toHaveAttribute('data-units', '8');
  await expect(student.getByTestId('dirty-marker')).toBeVisible();

  // A link cut short when it was copied: refused, with why, and nothing replaced.
  await student.evaluate((hash) => { location.hash = hash; }, new URL(url).hash.slice(0, 60));
  await expect(student.getByTestId('notice-file')).toContainText('The link does not hold a valid experiment');
  await expect(student.getByTestId('layer-2')).toHaveAttribute('data-units', '8');
  expect(errors).toEqual([]);
});
