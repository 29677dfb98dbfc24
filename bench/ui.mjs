// The UI under load: `npm run bench:ui [-- --contended]` builds the web app
// and the CLI, and reports what a user would feel:
//
// 1. The CLI's training speed on the MNIST 784-256-128-10 lesson (the
//    reference for the app's: the same experiment, headless, both cores).
// 2. Time to the first interactive frame: the web build from a local
//    server in a fresh browser context, until the app can train and its
//    charts have drawn the core's first frame (three loads), and whether
//    the MNIST digits were fetched before anyone chose them.
// 3. The MNIST lesson at full speed, 30 s with every panel open, clicking a
//    unit once a second: steps/s (against the CLI's), chart redraws per
//    second (each chart in view), frames from the core, long tasks, input
//    latency and the renderer's heap. Then pausing and resuming with Space,
//    ten times: how long the key takes to pause the run. Then the heatmap's
//    part of the page and the heatmap enlarged, 10 s each; then 10 s of a
//    small network whose links are drawn one by one (dying-ReLU lesson).
//
// Input latency is the Event Timing API's duration of each interaction
// (input delay, handlers, the next paint; below 16 ms it reports nothing:
// counted as 16), and, for a unit's click and a pause, the time until the
// app shows the effect (the inspector shows the unit; the run is paused).
//
// `--contended` keeps one core busy with another process for the whole run
// (CLI included), as a classroom laptop or `npm test` in the background
// would. Writes bench/ui-results.json (bench/ui-results-contended.json).
//
// Charts scrolled out of view are not redrawn at every frame (they catch up
// when seen), so rates are judged for the charts in view.
import { chromium } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
// BENCH_UI_ROOT serves another build (A/B comparisons); `--quick` measures the top view and the pauses only (development).
const root = process.env.BENCH_UI_ROOT ?? join(repo, 'out', 'web');
const contended = process.argv.includes('--contended');
const quick = process.argv.includes('--quick');
// `--profile`: a CPU profile of the main thread during the top view, summed by script (where its time goes).
const profiling = process.argv.includes('--profile');
const MAIN_SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 30);
const SIDE_SECONDS = 10;
const CLI_STEPS = 3000;
const PAUSES = 10;
const LOADS = 3;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };
const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(', ');
const results = { date: new Date().toISOString(), machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`, contended, loadAverageAtStart: loadAverage() };

// ───────────── the busy neighbour (--contended)

let busy = null;
if (contended) {
  busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  const stop = () => busy && !busy.killed && busy.kill();
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { stop(); process.exit(1); });
  console.log(`contended: a busy loop (pid ${busy.pid}) keeps one core busy for the whole run`);
}

// ───────────── 1. the CLI's speed on the same experiment

/** steps/s of the MNIST lesson run headless for CLI_STEPS steps (records every 50 steps, as the lesson sets it). */
async function cliStepsPerSecond() {
  const preset = JSON.parse(await readFile(join(repo, 'presets', 'mnist-mlp.relu.json'), 'utf8'));
  preset.training.steps = CLI_STEPS;
  const dir = await mkdtemp(join(tmpdir(), 'relu-lab-bench-ui-'));
  try {
    const file = join(dir, 'mnist.relu.json');
    await writeFile(file, JSON.stringify(preset));
    const run = spawnSync(process.execPath, [join(repo, 'bin', 'relu-lab.mjs'), 'run', file, '--out', join(dir, 'out')], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`relu-lab run failed: ${run.stderr}`);
    const summary = JSON.parse(await readFile(join(dir, 'out', 'summary.json'), 'utf8'));
    return { steps: summary.steps, seconds: round(summary.seconds), stepsPerSecond: round(summary.samplesPerSecond / preset.training.batchSize) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
results.cli = quick ? { stepsPerSecond: NaN } : await cliStepsPerSecond();
if (!quick) console.log(`CLI: ${results.cli.stepsPerSecond} steps/s (${results.cli.steps} steps of the MNIST lesson in ${results.cli.seconds} s)`);

// ───────────── the web build, served as `npm run web` serves it

/** The MNIST digits' files of the build and the module that fetches them (src/core/host/browser-mnist.ts). */
const isMnist = (path) => /browser-mnist|\/\d-[\w-]+\.json$/.test(path);
/** Paths requested, with bytes sent, since the last reset (the first-frame loads read it). */
let served = [];
const server = createServer(async (req, res) => {
  try {
    const path = join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!path.startsWith(root)) throw new Error('outside');
    const body = await readFile(path);
    served.push({ path: path.slice(root.length), bytes: body.length });
    // Cross-origin isolated (vite.web.config.ts), so on four cores or more the core gets its helper thread.
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

// ───────────── 2. time to the first interactive frame

/**
 * A fresh context (empty cache) per load: from navigation until the app can
 * train (the Train button enabled: the core ready, the start experiment
 * loaded) and every chart in view has drawn, at the animation frame that
 * shows it.
 */
async function firstFrame() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  served = [];
  await page.goto(url);
  const t = await page.evaluate(() => new Promise((resolve) => {
    const marks = {};
    const check = (now) => {
      const train = document.querySelector('[data-testid="train-toggle"]');
      if (marks.ui === undefined && train) marks.ui = now;
      if (marks.ready === undefined && train && !train.hasAttribute('disabled')) marks.ready = now;
      const graphs = [...document.querySelectorAll('[data-testid^="chart-"] [data-draws]')].filter((g) => {
        const r = g.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && r.height > 0;
      });
      if (marks.ready !== undefined && graphs.length > 0 && graphs.every((g) => Number(g.getAttribute('data-draws')) > 0)) {
        marks.interactive = now;
        const nav = performance.getEntriesByType('navigation')[0];
        marks.domContentLoaded = nav?.domContentLoadedEventEnd;
        return resolve(marks);
      }
      if (now > 60_000) return resolve(marks);
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }));
  const bytes = served.reduce((s, r) => s + r.bytes, 0);
  const mnist = served.filter((r) => isMnist(r.path)).map((r) => r.path);
  await context.close();
  return { ...Object.fromEntries(Object.entries(t).map(([k, v]) => [k, round(v)])), megabytes: round(bytes / 2 ** 20), requests: served.length, mnistFetched: mnist };
}
const loads = [];
for (let i = 0; i < (quick ? 1 : LOADS); i++) loads.push(await firstFrame());
results.firstInteractiveFrame = { loads, medianMs: median(loads.map((l) => l.interactive)) };
console.log(`first interactive frame: ${loads.map((l) => `${l.interactive} ms`).join(', ')} (median ${results.firstInteractiveFrame.medianMs} ms; ` +
  `${loads[0].megabytes} MB in ${loads[0].requests} requests; MNIST fetched before it was chosen: ${loads.some((l) => l.mnistFetched.length) ? loads.flatMap((l) => l.mnistFetched).join(', ') : 'no'})`);

// ───────────── 3. the MNIST lesson at full speed

const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');

// Long tasks and interactions, as the browser itself measures them.
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
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.interactionId) w.__events.push({ name: e.name, id: e.interactionId, duration: e.duration }); })
    .observe({ type: 'event', durationThreshold: 16, buffered: true });
  // When the last input came (its event's own time stamp), for the time until its effect shows.
  w.__input = 0;
  for (const type of ['pointerdown', 'keydown']) addEventListener(type, (e) => { w.__input = e.timeStamp; }, { capture: true });
  /** Starts waiting for the next input's effect: `w.__effect` then resolves, at the first animation frame after that input that shows `shown()` true, with the ms since the input. */
  w.__watch = (shown) => void (w.__effect = new Promise((resolve) => {
    const before = w.__input;
    const started = performance.now();
    const check = () => {
      if (w.__input !== before && shown()) resolve(performance.now() - w.__input);
      else if (performance.now() - started > 10_000) resolve(Infinity);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }));
});

served = [];
await page.goto(url);
await page.getByTestId('train-toggle').waitFor({ state: 'visible' });
await page.waitForFunction(() => !document.querySelector('[data-testid="train-toggle"]')?.hasAttribute('disabled'));
const mnistBeforeChosen = served.filter((r) => isMnist(r.path)).length;

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
results.mnistFetchedOnlyWhenChosen = mnistBeforeChosen === 0 && served.some((r) => isMnist(r.path));

/**
 * The live heap after a full collection (samples taken between collections
 * would mostly measure garbage); the least of three, 300 ms apart, since
 * one can land while a frame's arrays or a redraw are still in hand.
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
// Charts at least a quarter in view redraw at every frame, the others every two seconds (PlotlyGraph).
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

/**
 * One interaction and its latencies: the Event Timing API's longest
 * duration among its events (≤ 16 ms when it reported none), and the time
 * from the input until `shown` holds on screen.
 */
async function interaction(act, shown) {
  const from = await page.evaluate(() => window.__events.length);
  await page.evaluate(`window.__watch(${shown})`);
  await act();
  const effectMs = await page.evaluate(() => window.__effect);
  const eventMs = await page.evaluate((start) => new Promise((resolve) => {
    const t0 = performance.now();
    const poll = () => {
      const ids = new Set(window.__events.slice(start).map((e) => e.id));
      if (ids.size) resolve(Math.max(...window.__events.slice(start).map((e) => e.duration)));
      else if (performance.now() - t0 > 1000) resolve(16);
      else setTimeout(poll, 50);
    };
    poll();
  }), from);
  return { eventMs, effectMs: round(effectMs) };
}

/** A click on a unit of the first hidden layer, until the inspector shows that unit's measurements. */
let clicks = 0;
async function inspectUnit() {
  const unit = clicks++ % 8;
  return interaction(
    () => page.getByTestId(`unit-0-${unit}`).click(),
    `() => document.querySelector('[data-testid="inspector"] strong')?.textContent?.endsWith('unit ${unit + 1}') && !!document.querySelector('[data-testid="inspector"] .inspector-body')`,
  );
}

/** Counts, over `seconds`, frames from the core, animation frames, chart redraws, long tasks, interactions and heap samples. */
async function measure(seconds, clickUnits = false) {
  // The heap at the start of the last 20 s, and at the end: windows of 20 s
  // or less sample it before they start, and every window samples it after
  // it ends, so the forced collections (each a long task) stop the app
  // inside the window only in the long run, where their time is taken out.
  let heapFrom = seconds <= 20 ? await heap() : undefined;
  await page.evaluate(() => {
    const w = window;
    w.__long.length = 0;
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
  const inputs = [];
  let inCollections = 0;
  while (Date.now() - t0 < seconds * 1000) {
    const tick = Date.now();
    if (clickUnits) inputs.push(await inspectUnit());
    await page.waitForTimeout(Math.max(0, 1000 - (Date.now() - tick)));
    if (heapFrom === undefined && Date.now() - t0 >= (seconds - 20) * 1000) {
      heapFrom = await heap();
      inCollections = collections.reduce((sum, [a, b]) => sum + (b - a), 0) / 1000;
    }
  }
  const dt = (Date.now() - t0) / 1000 - inCollections;
  const after = await draws();
  const step1 = await step();
  const w = await page.evaluate(() => { const w = window; w.__measuring = false; return { frames: w.__frames, raf: w.__raf, long: [...w.__long] }; });
  const heapTo = await heap();
  // The bench's own forced collections are long tasks too; they are not the app's.
  const long = w.long.filter((t) => !collections.some(([a, b]) => t.start + t.duration >= a && t.start <= b)).map((t) => t.duration);
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
    longTasks: { count: long.length, over100ms: long.filter((d) => d > 100).length, maxMs: round(Math.max(0, ...long)) },
    ...(inputs.length ? { inspectClicks: latencies(inputs) } : {}),
    heapMB: { first: mb(heapFrom), last: mb(heapTo), growthOverLast20s: round(((heapTo - heapFrom) / heapFrom) * 100) + ' %' },
  };
}

/**
 * Shares of the main thread's time in a CPU profile, by script (plotly, the
 * app's own code) and by what V8 reports apart: "(program)" is the
 * browser's own work on the thread (style, layout, paint), "(idle)" time
 * with nothing to do.
 */
function profileShares(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const shares = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    const key = frame.url ? (frame.url.split('/').pop() ?? '').replace(/-[\w-]{8}\.js$/, '.js') : frame.functionName.startsWith('(') ? frame.functionName : 'DOM and other native calls';
    shares.set(key, (shares.get(key) ?? 0) + dt);
    total += dt;
  });
  return Object.fromEntries([...shares].sort((a, b) => b[1] - a[1]).filter(([, v]) => v / total >= 0.005).map(([k, v]) => [k, round((100 * v) / total) + ' %']));
}

/** p50, p95 and max of the interactions' Event Timing durations and of their times to effect. */
function latencies(inputs) {
  const stats = (values) => ({ p50: round(percentile(values, 0.5)), p95: round(percentile(values, 0.95)), max: round(Math.max(...values)) });
  return { n: inputs.length, eventMs: stats(inputs.map((i) => i.eventMs)), effectMs: stats(inputs.map((i) => i.effectMs)) };
}

/** Space pauses and resumes, PAUSES times: how long until the run shows paused (and running again). */
async function pauses() {
  // Space on a focused button would press it as well.
  await page.evaluate(() => document.activeElement?.blur());
  const inputs = [];
  for (let i = 0; i < PAUSES; i++) {
    inputs.push(await interaction(() => page.keyboard.press('Space'), `() => document.querySelector('[data-testid="run-state"]')?.dataset.state === 'paused'`));
    await page.waitForTimeout(200);
    inputs.push(await interaction(() => page.keyboard.press('Space'), `() => document.querySelector('[data-testid="run-state"]')?.dataset.state === 'running'`));
    await page.waitForTimeout(800);
  }
  return latencies(inputs);
}

await page.getByTestId('train-toggle').click();
await page.waitForTimeout(2000);
results.network = network;
results.runs = {};
if (process.env.BENCH_UI_SHOT) await page.screenshot({ path: process.env.BENCH_UI_SHOT });
if (profiling) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}
results.runs.top = await measure(MAIN_SECONDS, true);
if (profiling) results.runs.top.mainThreadProfile = profileShares((await cdp.send('Profiler.stop')).profile);
results.runs.top.stepsShareOfCli = round((100 * results.runs.top.stepsPerSecond) / results.cli.stepsPerSecond) + ' %';
results.pauseResume = await pauses();
if (!quick) {
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
}

await browser.close();
server.close();
busy?.kill();
results.loadAverageAtEnd = loadAverage();

// The goals (issues 7 and 21), judged on this run.
const targets = (r, name) => {
  const rates = r.chartsInView.map((k) => r.chartRedrawsPerSecond[k]);
  return {
    everyChartInViewAtLeast20: rates.length > 0 && rates.every((v) => v >= 20),
    noLongTaskOver100ms: r.longTasks.over100ms === 0,
    ...(r.inspectClicks ? { inputLatencyP95AtMost100ms: r.inspectClicks.eventMs.p95 <= 100 && r.inspectClicks.effectMs.p95 <= 100 } : {}),
    // Issue 21's speed goal is for a machine of the app's own (with a busy neighbour the CLI's second thread suffers most).
    ...(name === 'top' && !contended && !quick ? { stepsAtLeastHalfOfCli: r.stepsPerSecond >= results.cli.stepsPerSecond / 2 } : {}),
    // Judged on the 30 s run only: a 10 s run right after a view change still sees new plots and a filling history.
    // The issue's bar: no growth beyond 10 % (a heap that shrinks, as collections catch up, is stable).
    ...(r.seconds >= 25 ? { heapStable: parseFloat(r.heapMB.growthOverLast20s) <= 10 } : {}),
  };
};
for (const [name, r] of Object.entries(results.runs)) r.targets = targets(r, name);
results.pauseResume.targets = { inputLatencyP95AtMost100ms: results.pauseResume.eventMs.p95 <= 100 && results.pauseResume.effectMs.p95 <= 100 };
results.firstInteractiveFrame.targets = { mnistFetchedOnlyWhenChosen: results.mnistFetchedOnlyWhenChosen };
const out = join(here, contended ? 'ui-results-contended.json' : 'ui-results.json');
await writeFile(out, JSON.stringify(results, null, 2) + '\n');

const fmtLatency = (l) => `event p50 ${l.eventMs.p50} / p95 ${l.eventMs.p95} / max ${l.eventMs.max} ms; to effect p50 ${l.effectMs.p50} / p95 ${l.effectMs.p95} / max ${l.effectMs.max} ms (${l.n} inputs)`;
const marks = (t) => (t ? '' : ' NOT met');
console.log(`\n${results.machine}${contended ? ', one core kept busy by another process' : ''}; load average ${results.loadAverageAtStart} at the start, ${results.loadAverageAtEnd} at the end`);
console.log(`MNIST fetched only once chosen: ${results.mnistFetchedOnlyWhenChosen ? 'yes' : 'NO'}`);
for (const [name, r] of Object.entries(results.runs)) {
  console.log(`\n${name}${r.network ? `, ${r.network}` : ''} (${r.seconds} s): ${r.stepsPerSecond} steps/s${r.stepsShareOfCli ? ` (${r.stepsShareOfCli} of the CLI's ${results.cli.stepsPerSecond})` : ''}, core frames ${r.coreFramesPerSecond}/s, animation frames ${r.animationFramesPerSecond}/s`);
  console.log(`  in view: ${r.chartsInView.join(', ')}`);
  console.log(`  chart redraws/s: ${Object.entries(r.chartRedrawsPerSecond).map(([k, v]) => `${k} ${v}${r.msPerRedraw[k] ? ` (${r.msPerRedraw[k]} ms each)` : ''}`).join(', ')}`);
  console.log(`  long tasks: ${r.longTasks.count} (over 100 ms: ${r.longTasks.over100ms}, longest ${r.longTasks.maxMs} ms)`);
  if (r.inspectClicks) console.log(`  clicks on units: ${fmtLatency(r.inspectClicks)}`);
  if (r.mainThreadProfile) console.log(`  main thread (CPU profile): ${Object.entries(r.mainThreadProfile).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  heap after a full collection: ${r.heapMB.first} → ${r.heapMB.last} MB over the last ${Math.min(20, r.seconds)} s (${r.heapMB.growthOverLast20s})`);
  console.log(`  targets: ${Object.entries(r.targets).map(([k, v]) => `${k}${marks(v)}`).join(', ')}`);
  if (name === 'top') console.log(`\nSpace to pause and to resume, ${PAUSES} times each: ${fmtLatency(results.pauseResume)}${marks(results.pauseResume.targets.inputLatencyP95AtMost100ms) ? ' — p95 ≤ 100 ms NOT met' : ''}`);
}
console.log(`\nwrote ${out}`);

function round(v) {
  return Math.round(v * 10) / 10;
}
function mb(v) {
  return v === undefined ? null : round(v / 2 ** 20);
}
function median(a) {
  return percentile(a, 0.5);
}
/** The nearest-rank percentile. */
function percentile(a, p) {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}
