import { expect, test, type Page } from '@playwright/test';
import { currentLoss, currentStep, openApp, waitForStepAtLeast } from './helpers';

async function setNumber(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).fill(value);
  await page.getByTestId(testId).press('Enter');
}

async function rates(page: Page, layer: number): Promise<string[]> {
  return page.locator(`[data-testid^="unit-${layer}-"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-rate') ?? ''));
}

test('build a 3-hidden-layer network by clicking, mix activations, train: units change colour and the loss falls', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByTestId('add-layer').click();
  await expect(page.getByTestId('layer-2')).toBeVisible();
  await expect(page.getByTestId('layer-3')).toHaveCount(0);

  await page.getByTestId('layer-0-activation').selectOption('relu');
  await page.getByTestId('layer-1-activation').selectOption('leaky-relu');
  await page.getByTestId('layer-2-activation').selectOption('elu');
  await expect(page.getByTestId('layer-1-alpha')).toHaveValue('0.01');
  await expect(page.getByTestId('layer-2-alpha')).toHaveValue('1');
  await setNumber(page, 'epochs', '3000');
  await setNumber(page, 'layer-2-units', '12');
  await expect(page.getByTestId('layer-2')).toHaveAttribute('data-units', '12');

  // Step 0 statistics of the new network arrive without training.
  await expect(page.getByTestId('unit-2-11')).not.toHaveAttribute('data-state', 'unknown');
  const before = await rates(page, 0);
  const lossBefore = await currentLoss(page);

  await page.getByTestId('train-toggle').click();
  await waitForStepAtLeast(page, 600);
  await page.getByTestId('train-toggle').click();
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'paused');

  expect(await rates(page, 0)).not.toEqual(before);
  await expect.poll(() => currentLoss(page)).toBeLessThan(lossBefore * 0.8);

  // A link tells its weight when the pointer reaches it: whichever link from layer 1 (8 units) to 2 is on top a quarter along link 9.
  const at = await page.getByTestId('links-2').locator('line[data-link="9"]').evaluate((l) => {
    const line = l as SVGLineElement;
    const m = line.getScreenCTM()!;
    const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(line.getAttribute(a)));
    const x = m.a * (x1 + (x2 - x1) / 4) + m.e;
    const y = m.d * (y1 + (y2 - y1) / 4) + m.f;
    const hit = document.elementFromPoint(x, y);
    return { x, y, link: hit?.getAttribute('data-link') ?? null, inLayer2: hit?.closest('[data-testid="links-2"]') !== null };
  });
  // The point is on a link into layer 2 (a miss has no data-link at all).
  expect(at.inLayer2).toBe(true);
  expect(at.link).toMatch(/^\d+$/);
  await page.mouse.move(at.x, at.y);
  const link = Number(at.link);
  const title = page.getByTestId('links-2').locator(`line[data-link="${link}"] title`);
  await expect(title).toHaveText(new RegExp(`^weight ${(link % 8) + 1} → ${Math.floor(link / 8) + 1}: -?\\d`));
  // The links into the output layer carry its weights too (input, three hidden layers, output: links-4).
  await expect(page.getByTestId('links-4').locator('line')).toHaveCount(12 * 3);
  await expect(page.getByTestId('links-4').locator('line.neutral')).toHaveCount(0);
  // And a unit its activation rate.
  await page.getByTestId('unit-0-3').hover();
  await expect(page.getByTestId('unit-0-3').locator('title')).toHaveText(/^unit 4: active on \d+\.\d% of probe samples/);
  await page.screenshot({ path: 'test-results/builder-trained.png' });
  expect(errors).toEqual([]);
});

test('bias −100 kills a layer within a few steps; the inspector says why; undo brings it back', async ({ page }) => {
  const errors = await openApp(page);
  const layer = page.getByTestId('layer-1');
  await expect(layer).toHaveAttribute('data-dead', /^\d+$/);

  await setNumber(page, 'layer-1-bias', '-100');
  await page.getByTestId('step').click();
  await page.getByTestId('step').click();
  const units = await layer.getAttribute('data-units');
  await expect(layer).toHaveAttribute('data-dead', units!);
  await expect(page.getByTestId('unit-1-0')).toHaveAttribute('data-state', 'dead');

  await page.getByTestId('unit-1-0').click();
  await expect(page.getByTestId('inspector-reason')).toContainText('bias −100 dominates');
  await expect(page.getByTestId('inspector-reason')).toContainText('probe samples');
  // The weights keep their own scale: the bias of −100 runs to the edge with its value on it, it does not shrink them to nothing.
  const weights = page.getByTestId('inspector-weights');
  await expect(weights).toContainText('bias -100');
  const widths = await weights.locator('rect.bar').evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width));
  const chart = (await weights.boundingBox())!.width;
  expect(Math.max(...widths.slice(0, -1))).toBeGreaterThan(chart / 4);
  expect(widths.at(-1)!).toBeLessThanOrEqual(chart / 2);
  await page.screenshot({ path: 'test-results/builder-dead-layer.png' });

  await page.locator('body').click({ position: { x: 5, y: 790 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('layer-1-bias')).toHaveValue('');
  await expect(layer).not.toHaveAttribute('data-dead', units!);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('layer-1-bias')).toHaveValue('-100');
  expect(errors).toEqual([]);
});

test('invalid values are refused at the field and the design stays', async ({ page }) => {
  await openApp(page);
  await setNumber(page, 'layer-0-units', '5000');
  await expect(page.getByTestId('layer-0-units-error')).toContainText('at most 1024');
  await expect(page.getByTestId('layer-0')).toHaveAttribute('data-units', '8');
  await setNumber(page, 'lr', '-1');
  await expect(page.getByTestId('lr-error')).toBeVisible();
  await expect(page.getByTestId('doc-title')).not.toContainText('•');
});

test('training is not lost to small details: Space toggles, the learning rate changes live', async ({ page }) => {
  await openApp(page);
  await setNumber(page, 'epochs', '5000');
  await page.locator('.network-svg').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'running');
  await waitForStepAtLeast(page, 100);
  await setNumber(page, 'lr', '0.03');
  // A live change: the run keeps going from where it was.
  const step = await currentStep(page);
  expect(step).toBeGreaterThanOrEqual(100);
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'running');
  await page.locator('.network-svg').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'paused');
});

test('a diverging run pauses and says what to try; the design is kept', async ({ page }) => {
  const errors = await openApp(page);
  await setNumber(page, 'epochs', '2000');
  // With ReLU a huge step mostly kills units; linear layers let it blow up.
  await page.getByTestId('layer-0-activation').selectOption('linear');
  await page.getByTestId('layer-1-activation').selectOption('linear');
  await setNumber(page, 'lr', '100');
  await page.getByTestId('train-toggle').click();
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'diverged');
  // The core's account, once: what it saw, then the learning rate among the likely causes; no advice added on top.
  const notice = page.getByTestId('notice-diverged');
  await expect(notice).toContainText(/at step \d+: (layer \d|the output layer) \(linear\)'s/);
  await expect(notice).toContainText('the learning rate (now 100) is too high');
  expect((await notice.textContent())!.match(/learning rate/g)).toHaveLength(1);
  await expect(page.getByTestId('lr')).toHaveValue('100');
  await expect(page.getByTestId('layer-1')).toHaveAttribute('data-units', '8');
  expect(errors).toEqual([]);
});

test('layers reorder by dragging and by the arrow buttons', async ({ page }) => {
  await openApp(page);
  await setNumber(page, 'layer-1-units', '5');
  await expect(page.getByTestId('layer-1')).toHaveAttribute('data-units', '5');
  await page.getByTestId('layer-1').locator('.layer-head').dragTo(page.getByTestId('layer-0'));
  await expect(page.getByTestId('layer-0')).toHaveAttribute('data-units', '5');
  await expect(page.getByTestId('layer-1')).toHaveAttribute('data-units', '8');
  await page.getByTestId('layer-0-right').click();
  await expect(page.getByTestId('layer-1')).toHaveAttribute('data-units', '5');
  await page.getByTestId('layer-1-remove').click();
  await expect(page.getByTestId('layer-1')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/builder-after-remove.png' });
});

test('MNIST: the network reshapes to 784 inputs and 10 outputs, wide layers draw as bands, and it learns', async ({ page }) => {
  const errors = await openApp(page);
  // Every caption the preview shows from the moment MNIST is chosen: never the spiral's while the digits load.
  await page.getByTestId('dataset-description').evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { captions: string[] }).captions = seen;
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await page.getByTestId('dataset').selectOption('mnist');
  await expect(page.getByTestId('dataset-description')).toContainText('MNIST', { timeout: 60_000 });
  const captions = await page.evaluate(() => (window as unknown as { captions: string[] }).captions);
  expect(captions.length).toBeGreaterThan(0);
  for (const caption of captions) expect(caption).toMatch(/^Loading the MNIST digits…$|MNIST/);
  await expect(page.getByTestId('dataset-digits')).toBeVisible();
  await expect(page.getByTestId('output-layer')).toContainText('10 units');
  await setNumber(page, 'layer-0-units', '64');
  await expect(page.locator('[data-testid="unit-0-63"]')).toHaveJSProperty('tagName', 'rect');
  await expect(page.locator('[data-testid="unit-1-7"]')).toHaveJSProperty('tagName', 'g');
  await setNumber(page, 'epochs', '100');
  await expect(page.getByTestId('unit-0-0')).not.toHaveAttribute('data-state', 'unknown');
  const lossBefore = await currentLoss(page);
  await page.getByTestId('train-toggle').click();
  await waitForStepAtLeast(page, 150);
  await page.getByTestId('train-toggle').click();
  await expect.poll(() => currentLoss(page)).toBeLessThan(lossBefore * 0.7);
  await page.getByTestId('unit-0-3').click();
  await expect(page.getByTestId('inspector-weight-image')).toBeVisible();
  await page.screenshot({ path: 'test-results/builder-mnist.png' });
  expect(errors).toEqual([]);
});
