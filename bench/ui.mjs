// The UI under load: `npm run bench:ui` builds the web app, opens it in
// Debian's Chromium (1280×800), starts the MNIST 784-256-128-10 lesson at full
// speed for 30 s with every panel open, and reports what a user would feel:
// chart redraws per second (each chart in view), frames from the core,
// animation frames, long tasks on the main thread, click latency and the
// renderer's heap. Then the heatmap's part of the page, and the heatmap
// enlarged, 10 s each; then 10 s of a small network whose links are drawn
// one by one (the dying-ReLU lesson, 2-32-32-32-3). Writes bench/ui-results.json.
//
// Charts scrolled out of view are not redrawn (they catch up when seen), so
// rates are reported for the charts in view; the others read 0.
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', 'out', 'web');
const MAIN_SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 30);
const SIDE_SECONDS = 10;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

const server = createServer(async (req, res) => {
  try {
    const path = join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!path.startsWith(root)) throw new Error('outside');
    const body = await readFile(path);
    // As `npm run web` serves it: cross-origin isolated (vite.web.config.ts), so on four cores or more the core gets its helper thread.
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');

// Long tasks and input latency, as the browser itself measures them.
await page.addInitScript(() => {
  const w = window;
  w.shareInView = (el) => {
    const r = el.getBoundingClientRect();
    const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    const wd = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
    return r.width * r.height > 0 ? (h * wd) / (r.width * r.height) : 0;
  };
  w.__long = [];
  w.__events = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'click' || e.name === 'pointerdown' || e.name === 'pointerup') w.__events.push({ name: e.name, duration: e.duration }); })
    .observe({ type: 'event', durationThreshold: 16, buffered: true });
});

await page.goto(url);
await page.getByTestId('train-toggle').waitFor({ state: 'visible' });

/** Opens a lesson, set to run for good at full speed; returns what the network header shows ("784 → 256 → 128 → 10 · softmax-cross-entropy"). */
async function openLesson(preset, loaded) {
  await page.getByTestId('lessons').click();
  await page.getByTestId(`preset-${preset}`).click();
  await page.getByTestId('lesson-close').click().catch(() => {});
  await page.waitForFunction(loaded, null, { timeout: 60_000 });
  // Lessons train a few hundred steps; the bench needs a run that lasts.
  await page.getByTestId('steps').fill('10000000');
  await page.getByTestId('steps').press('Enter');
  await page.getByTestId('speed').selectOption('0');
  await page.waitForFunction(() => !document.querySelector('[data-testid="train-toggle"]')?.hasAttribute('disabled'));
  return (await page.locator('.canvas-toolbar .muted').first().textContent())?.trim() ?? '';
}
const network = await openLesson('mnist-mlp', () => document.querySelector('[data-testid="output-layer"]')?.textContent?.includes('10 units'));

/**
 * The live heap after a full collection (samples taken between collections
 * would mostly measure garbage); the least of three, 300 ms apart, since
 * one can land while a frame's arrays or a redraw are still in hand (single
 * samples of the same run differed by up to a quarter).
 */
let collections = [];
const heap = async () => {
  let least = Infinity;
  for (let i = 0; i < 3; i++) {
    if (i > 0) await page.waitForTimeout(300);
    const from = await page.evaluate(() => performance.now());
    await cdp.send('HeapProfiler.collectGarbage');
    collections.push([from, await page.evaluate(() => performance.now())]);
    least = Math.min(least, (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize').value);
  }
  return least;
};
// Charts at least a quarter in view redraw at every frame, the others once a second (PlotlyGraph).
const draws = () => page.$$eval('[data-testid^="chart-"] [data-draws]', (els) => Object.fromEntries(els.map((e) => [
  e.closest('[data-testid^="chart-"]').getAttribute('data-testid').slice(6),
  {
    n: Number(e.getAttribute('data-draws')),
    ms: Number(e.getAttribute('data-draw-ms')),
    // An enlarged chart covers the others.
    inView: document.querySelector('.chart-panel.enlarged') && !e.closest('.chart-panel.enlarged') ? 0 : shareInView(e),
  },
])));
const step = async () => Number(/Step (\d+)/.exec((await page.getByTestId('status-step').textContent()) ?? '')?.[1] ?? 0);

/** Counts, over `seconds`, frames from the core, animation frames, chart redraws, long tasks and heap samples. */
async function measure(seconds, clicks = false) {
  // The heap at the start of the last 20 s, and at the end: windows of 20 s
  // or less sample it before they start, and every window samples it after
  // it ends, so the forced collections (each a long task) stop the app
  // inside the window only in the long run, where their time is taken out.
  let heapFrom = seconds <= 20 ? await heap() : undefined;
  await page.evaluate(() => {
    const w = window;
    w.__long.length = 0;
    w.__events.length = 0;
    w.__frames = 0;
    w.__raf = 0;
    w.__measuring = true;
    w.__observer?.disconnect();
    w.__observer = new MutationObserver(() => w.__frames++);
    w.__observer.observe(document.querySelector('[data-testid="status-loss"]'), { attributes: true });
    const tick = () => { w.__raf++; if (w.__measuring) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const before = await draws();
  const step0 = await step();
  const t0 = Date.now();
  const latencies = [];
  let inCollections = 0;
  while (Date.now() - t0 < seconds * 1000) {
    await page.waitForTimeout(1000);
    if (heapFrom === undefined && Date.now() - t0 >= (seconds - 20) * 1000) {
      heapFrom = await heap();
      inCollections = collections.reduce((sum, [a, b]) => sum + (b - a), 0) / 1000;
    }
    if (clicks) latencies.push(await clickLatency());
  }
  const dt = (Date.now() - t0) / 1000 - inCollections;
  const after = await draws();
  const step1 = await step();
  const w = await page.evaluate(() => { const w = window; w.__measuring = false; return { frames: w.__frames, raf: w.__raf, long: [...w.__long], events: [...w.__events] }; });
  const heapTo = await heap();
  // The bench's own forced collections are long tasks too; they are not the app's.
  w.long = w.long.filter((t) => !collections.some(([a, b]) => t.start + t.duration >= a && t.start <= b)).map((t) => t.duration);
  collections = [];
  const inView = Object.keys(after).filter((k) => after[k].inView >= 0.25);
  const rates = Object.fromEntries(Object.keys(after).map((k) => [k, round((after[k].n - (before[k]?.n ?? 0)) / dt)]));
  const drawMs = Object.fromEntries(Object.keys(after).map((k) => {
    const n = after[k].n - (before[k]?.n ?? 0);
    return [k, n > 0 ? round((after[k].ms - (before[k]?.ms ?? 0)) / n) : null];
  }));
  return {
    seconds: round(dt),
    stepsPerSecond: round((step1 - step0) / dt),
    coreFramesPerSecond: round(w.frames / dt),
    animationFramesPerSecond: round(w.raf / dt),
    chartsInView: inView,
    chartRedrawsPerSecond: rates,
    msPerRedraw: drawMs,
    longTasks: { count: w.long.length, over100ms: w.long.filter((d) => d > 100).length, maxMs: round(Math.max(0, ...w.long)) },
    clickLatencyMs: latencies.length ? { median: round(median(latencies)), max: round(Math.max(...latencies)) } : null,
    heapMB: { first: mb(heapFrom), last: mb(heapTo), growthOverLast20s: round(((heapTo - heapFrom) / heapFrom) * 100) + ' %' },
  };
}

/**
 * A click's latency as the Event Timing API sees it (input delay, handlers
 * and the next paint), clicking units of the network to inspect them.
 */
let clicks = 0;
async function clickLatency() {
  const start = await page.evaluate(() => window.__events.length);
  await page.getByTestId(`unit-0-${clicks++ % 8}`).click();
  const d = await page.evaluate((from) => new Promise((res) => {
    const t0 = performance.now();
    const poll = () => {
      const hit = window.__events.slice(from).filter((e) => e.name === 'click');
      if (hit.length) res(Math.max(...hit.map((e) => e.duration)));
      else if (performance.now() - t0 > 2000) res(16); // under the 16 ms threshold: not reported
      else setTimeout(poll, 50);
    };
    poll();
  }), start);
  return d;
}

const round = (v) => Math.round(v * 10) / 10;
const mb = (v) => (v === undefined ? null : round(v / 2 ** 20));
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };

await page.getByTestId('train-toggle').click();
await page.waitForTimeout(2000);
const results = { date: new Date().toISOString(), chromium: browser.version(), viewport: '1280×800', network, runs: {} };
if (process.env.BENCH_UI_SHOT) await page.screenshot({ path: process.env.BENCH_UI_SHOT });
results.runs.top = await measure(MAIN_SECONDS, true);
await page.getByTestId('chart-dead-heatmap').scrollIntoViewIfNeeded();
await page.getByTestId('chart-dead-heatmap').evaluate((el) => el.scrollIntoView({ block: 'start' }));
// First draws of charts that come into view build their plots from scratch; measure the steady state.
await page.waitForTimeout(2000);
results.runs.heatmapInView = await measure(SIDE_SECONDS);
await page.getByTestId('enlarge-dead-heatmap').click();
await page.waitForTimeout(2000);
results.runs.heatmapEnlarged = await measure(SIDE_SECONDS);
await page.getByTestId('enlarge-dead-heatmap').click();
await page.getByTestId('train-toggle').click();

// A small network drawn link by link (2-32-32-32-3, ~2,200 links): the
// drawing's restyles once grew to a second each within seconds of training.
const small = await openLesson('dying-lr', () => document.querySelectorAll('[data-testid^="links-"] line').length > 2000);
await page.evaluate(() => document.querySelector('[data-testid="chart-loss"]')?.scrollIntoView({ block: 'start' }));
await page.getByTestId('train-toggle').click();
await page.waitForTimeout(2000);
results.runs.linksDrawn = { network: small, ...(await measure(SIDE_SECONDS)) };
await page.getByTestId('train-toggle').click();

await browser.close();
server.close();

const targets = (r) => {
  const rates = r.chartsInView.map((k) => r.chartRedrawsPerSecond[k]);
  return {
    everyChartInViewAtLeast20: rates.length > 0 && rates.every((v) => v >= 20),
    noLongTaskOver100ms: r.longTasks.over100ms === 0,
    // Judged on the 30 s run only: a 10 s run right after a view change still sees new plots and a filling history.
    // The issue's bar: no growth beyond 10 % (a heap that shrinks, as collections catch up, is stable).
    ...(r.seconds >= 25 ? { heapStable: parseFloat(r.heapMB.growthOverLast20s) <= 10 } : {}),
  };
};
for (const [name, r] of Object.entries(results.runs)) r.targets = targets(r);
await writeFile(join(here, 'ui-results.json'), JSON.stringify(results, null, 2) + '\n');
for (const [name, r] of Object.entries(results.runs)) {
  console.log(`\n${name}${r.network ? `, ${r.network}` : ''} (${r.seconds} s): ${r.stepsPerSecond} steps/s, core frames ${r.coreFramesPerSecond}/s, animation frames ${r.animationFramesPerSecond}/s`);
  console.log(`  in view: ${r.chartsInView.join(', ')}`);
  console.log(`  chart redraws/s: ${Object.entries(r.chartRedrawsPerSecond).map(([k, v]) => `${k} ${v}${r.msPerRedraw[k] ? ` (${r.msPerRedraw[k]} ms each)` : ''}`).join(', ')}`);
  console.log(`  long tasks: ${r.longTasks.count} (over 100 ms: ${r.longTasks.over100ms}, longest ${r.longTasks.maxMs} ms)`);
  if (r.clickLatencyMs) console.log(`  click latency: median ${r.clickLatencyMs.median} ms, max ${r.clickLatencyMs.max} ms`);
  console.log(`  heap after a full collection: ${r.heapMB.first} → ${r.heapMB.last} MB over the last ${Math.min(20, r.seconds)} s (${r.heapMB.growthOverLast20s})`);
  console.log(`  targets: ${Object.entries(r.targets).map(([k, v]) => `${k} ${v ? 'met' : 'NOT met'}`).join(', ')}`);
}
console.log('\nwrote bench/ui-results.json');
