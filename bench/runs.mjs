// A big run in the viewer: `npm run bench:runs` writes (once, cached in the
// system's temp folder) a run folder of 20,000 records × 8 layers × 256
// units with 40-bin pre, post and gradient histograms — about 300 MB of
// JSON lines, as relu_lab would write for a long CNN run — then opens it in
// Debian's Chromium (1280×800) two ways: from `relu-lab serve --logdir`
// (the HTTP source) and as a folder picked in the web build
// (<input webkitdirectory>, Blob slices). It reports the time to open (from
// the click to the last record read), the longest main-thread tasks and
// animation-frame gaps while it loads (is the page usable?), the click
// latency of a button pressed every 200 ms during the load, and the page's
// memory (performance.measureUserAgentSpecificMemory: the page and its
// workers). Issue 18's limits: open ≤ 15 s, heap ≤ 1 GB. Writes
// bench/runs-results.json.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const RECORDS = Number(process.env.BENCH_RUN_RECORDS ?? 20_000);
const LAYERS = 8;
const UNITS = 256;
const BINS = 40;
const logdir = join(tmpdir(), 'relu-lab-bench-runs');
const folder = join(logdir, `big-${RECORDS}`);

/** A deterministic stream of numbers, so every run of the bench reads the same folder. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

async function writeLines(path, count, line) {
  const out = createWriteStream(path);
  for (let i = 0; i < count; i++) {
    if (!out.write(line(i))) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

async function makeRun() {
  if (existsSync(join(folder, 'metrics.jsonl')) && existsSync(join(folder, 'units.jsonl'))) return;
  mkdirSync(folder, { recursive: true });
  const layers = Array.from({ length: LAYERS }, (_, index) => ({ index, name: `layer${index}.relu`, activation: 'relu', units: UNITS, unit: 'channel', zeroGradientWhenInactive: true }));
  writeFileSync(join(folder, 'run.json'), JSON.stringify({ format: 'relu-lab/rundir@1', name: `big-${RECORDS}`, created: new Date(0).toISOString(), source: { kind: 'pytorch', version: '2.5.0', writer: 'bench/runs.mjs' }, experiment: null, monitor: { every: 25, probe: 256, bins: BINS }, layers }));
  const random = rng(7);
  // Each unit dies at some step (or never), as a too-high learning rate kills them.
  const death = Array.from({ length: LAYERS * UNITS }, () => (random() < 0.4 ? Math.floor(random() * RECORDS) : Infinity));
  const hist = () => ({ min: -3 - random(), max: 3 + random(), counts: Array.from({ length: BINS }, (_, b) => Math.round(256 * UNITS * Math.exp(-((b - 20) ** 2) / 50) / 12)) });
  const rates = (k) => Array.from({ length: LAYERS }, (_, l) => Array.from({ length: UNITS }, (_, u) => (k >= death[l * UNITS + u] ? 0 : Math.round(random() * 256) / 256)));
  const perRecord = [];
  console.error(`bench:runs: writing ${RECORDS} records to ${folder} (once)…`);
  await writeLines(join(folder, 'units.jsonl'), RECORDS, (k) => {
    const r = rates(k);
    perRecord[k] = r.map((l) => ({ dead: l.filter((x) => x === 0).length, inactive: 1 - l.reduce((a, b) => a + b, 0) / UNITS }));
    return `${JSON.stringify({ step: k * 25, layers: r.map((activationRate, index) => ({ index, activationRate, preHist: hist(), postHist: hist(), gradHist: hist() })) })}\n`;
  });
  await writeLines(join(folder, 'metrics.jsonl'), RECORDS, (k) => `${JSON.stringify({
    step: k * 25, epoch: null, loss: 2.3 * Math.exp(-k / 4000) + 0.05 * random(), ...(k === RECORDS - 1 ? { final: true } : {}),
    layers: perRecord[k].map((p, index) => ({ index, inactiveFraction: p.inactive, zeroFraction: p.inactive, deadCount: p.dead, gradNorm: random(), weightNorm: 10 + random() })),
  })}\n`);
}

function serve() {
  const child = spawn(process.execPath, [join(root, 'bin', 'relu-lab.mjs'), 'serve', '--logdir', logdir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c) => {
      out += c;
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.on('exit', (code) => reject(new Error(`relu-lab serve exited (${code}): ${out}`)));
  });
}

/** Installed before the page's own scripts: long tasks, frame gaps and click latency, as the browser measures them. */
function instrument() {
  const w = window;
  w.__long = [];
  w.__clicks = [];
  w.__frames = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'click') w.__clicks.push(e.duration); }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  let last = performance.now();
  const frame = (t) => { w.__frames.push(t - last); last = t; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}

const percentile = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] : 0);

async function measure(page, open) {
  await page.evaluate(() => { window.__long.length = 0; window.__clicks.length = 0; window.__frames.length = 0; });
  const started = Date.now();
  await open();
  // A click every 200 ms while it loads: how long the page takes to answer one.
  // (on the status bar: a click there does nothing itself, so its latency is the time the page took to get to it).
  const clicker = setInterval(() => void page.locator('.status-bar').click({ timeout: 5000 }).catch(() => {}), 200);
  await page.waitForFunction(() => {
    const a = document.querySelector('[data-testid=run-activity]');
    return a && a.getAttribute('data-activity') !== 'loading';
  }, null, { timeout: 300_000, polling: 100 });
  const seconds = (Date.now() - started) / 1000;
  clearInterval(clicker);
  const records = await page.getByTestId('run-records').textContent();
  const stats = await page.evaluate(() => ({ long: window.__long, clicks: window.__clicks, frames: window.__frames }));
  const memory = await page.evaluate(async () => {
    const m = await performance.measureUserAgentSpecificMemory();
    return m.bytes;
  });
  return {
    seconds,
    records,
    longTasks: stats.long.length,
    longestTaskMs: Math.round(Math.max(0, ...stats.long)),
    framesP95Ms: Math.round(percentile(stats.frames, 0.95)),
    longestFrameGapMs: Math.round(Math.max(0, ...stats.frames)),
    clickP95Ms: Math.round(percentile(stats.clicks, 0.95)),
    clicksOver16ms: stats.clicks.length,
    memoryMB: Math.round(memory / 2 ** 20),
  };
}

await makeRun();
if (process.env.BENCH_GEN_ONLY) process.exit(0);
const mb = (f) => statSync(join(folder, f)).size / 2 ** 20;
const sizeMB = Math.round(mb('metrics.jsonl') + mb('units.jsonl'));
console.error(`bench:runs: ${RECORDS} records × ${LAYERS} layers × ${UNITS} units, ${sizeMB} MB of JSON lines`);

const { url, child } = await serve();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--enable-blink-features=ForceEagerMeasureMemory'] });
const results = { date: new Date().toISOString(), machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`, records: RECORDS, layers: LAYERS, units: UNITS, sizeMB, cases: {} };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(instrument);
  await page.goto(url);
  await page.getByTestId('run-row').first().waitFor();
  results.cases.serve = await measure(page, () => page.locator(`[data-run="big-${RECORDS}"]`).getByTestId('open-served-run').click());
  console.error('relu-lab serve:', results.cases.serve);

  // The same folder picked in the web build (a snapshot read as Blob slices): the page is the one served, with the picker off.
  const picked = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await picked.addInitScript(instrument);
  // Hidden rather than deleted: `delete` left it in place (typeof still 'function').
  await picked.addInitScript(() => { Object.defineProperty(window, 'showDirectoryPicker', { value: undefined }); });
  await picked.goto(url);
  await picked.getByTestId('run-row').first().waitFor();
  await picked.getByTestId('lab').click();
  results.cases.picked = await measure(picked, async () => {
    const choosing = picked.waitForEvent('filechooser');
    await picked.getByTestId('open-run').click();
    await (await choosing).setFiles(folder);
  });
  console.error('web build, picked folder:', results.cases.picked);
} finally {
  await browser.close();
  child.kill('SIGINT');
}
await writeFile(join(here, 'runs-results.json'), `${JSON.stringify(results, null, 2)}\n`);
const row = (name, r) => `| ${name} | ${r.seconds.toFixed(1)} s | ${r.longestTaskMs} ms (${r.longTasks}) | ${r.longestFrameGapMs} ms | ${r.clickP95Ms} ms | ${r.memoryMB} MB |`;
console.log(`\n${RECORDS} records × ${LAYERS} layers × ${UNITS} units (${sizeMB} MB), ${results.machine}\n`);
console.log('| how it was opened | open | longest task (count > 50 ms) | longest frame gap | click p95 | memory (page + workers) |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(row('relu-lab serve', results.cases.serve));
console.log(row('web build, picked folder', results.cases.picked));
