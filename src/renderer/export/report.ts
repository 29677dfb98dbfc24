/// <reference types="vite/client" />
/**
 * The one-file HTML report of a run: the experiment, the final numbers and
 * every chart, interactive offline — plotly's bundle and the figures are
 * inlined, nothing is fetched.
 */
import { serializeExperiment } from '../../core/experiment/parse';
import type { Experiment } from '../../core/experiment/types';
import { CHARTS } from '../charts/figures';
import { EXPORT_THEME, layerName } from '../charts/figures/theme';
import { DEFAULT_OPTIONS, type ChartOptions } from '../charts/figures/types';
import type { RunHistory } from '../history';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text placed inside <script> must not close it early. */
export const scriptSafe = (s: string): string => s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const fmt = (v: number, digits = 4): string => (Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : '—');

function finalNumbers(h: RunHistory): string {
  const last = h.length - 1;
  if (last < 0) return '<p>No training records yet.</p>';
  const rows = [
    ['step', String(h.step(last))],
    ['epoch', fmt(h.metric(last, 'epoch'))],
    ['train loss', fmt(h.metric(last, 'loss'))],
    ['train accuracy', fmt(h.metric(last, 'accuracy'))],
    ['test loss', fmt(h.metric(last, 'testLoss'))],
    ['test accuracy', fmt(h.metric(last, 'testAccuracy'))],
  ].filter(([, v]) => v !== '—');
  const run = rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('');
  const layers = h.layers.map((layer, l) => {
    const dead = h.layerMetric(last, l, 'deadCount');
    return `<tr><td>${escapeHtml(layerName(layer))}</td><td>${escapeHtml(layer.activation)}</td><td>${layer.units}</td>` +
      `<td>${fmt(h.layerMetric(last, l, 'inactiveFraction'), 3)}</td><td>${dead} (${fmt((100 * dead) / layer.units, 3)}%)</td>` +
      `<td>${fmt(h.layerMetric(last, l, 'gradNorm'), 3)}</td></tr>`;
  }).join('');
  return `<table class="kv">${run}</table>
<table class="layers"><thead><tr><th>hidden layer</th><th>activation</th><th>units</th><th>inactive fraction</th><th>dead units</th><th>gradient norm</th></tr></thead><tbody>${layers}</tbody></table>`;
}

export function reportHtml(h: RunHistory, experiment: Experiment, plotlyText: string, options: ChartOptions = DEFAULT_OPTIONS): string {
  const figures = CHARTS.map((c) => {
    const f = c.build({ history: h, upto: Infinity, options, theme: EXPORT_THEME, title: `${c.title} — ${experiment.name}` });
    return { id: c.id, data: f.data, layout: f.layout };
  });
  const json = JSON.stringify(figures).replace(/</g, '\\u003c');
  const divs = figures.map((f) => `<div class="chart" id="chart-${f.id}"></div>`).join('\n');
  const title = escapeHtml(`${experiment.name} — ReLU Lab report`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
body { font: 14px/1.45 Helvetica, Arial, sans-serif; color: #1e2530; margin: 24px auto; max-width: 1040px; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 16px; margin-top: 28px; }
table { border-collapse: collapse; margin: 8px 0 12px; } th, td { padding: 3px 10px; border-bottom: 1px solid #e3e6ec; text-align: left; }
.kv th { color: #687385; font-weight: normal; }
.chart { height: 520px; margin: 12px 0 24px; }
pre { background: #f5f6f8; padding: 10px; overflow: auto; font-size: 12px; max-height: 360px; }
.muted { color: #687385; }
</style>
</head>
<body>
<h1>${escapeHtml(experiment.name)}</h1>
<p class="muted">ReLU Lab run report · ${h.length} kept records${h.sampling > 1 ? ` (one per ${h.sampling} frames)` : ''}</p>
<h2>Final numbers</h2>
${finalNumbers(h)}
<h2>Charts</h2>
${divs}
<h2>Experiment</h2>
<pre>${escapeHtml(serializeExperiment(experiment))}</pre>
<script>${scriptSafe(plotlyText)}</script>
<script>
(function () {
  var figures = ${json};
  figures.forEach(function (f) {
    Plotly.newPlot('chart-' + f.id, f.data, f.layout, { displaylogo: false, responsive: true });
  });
})();
</script>
</body>
</html>
`;
}

/** The plotly bundle as text, fetched only when a report is made. */
export async function plotlyBundleText(): Promise<string> {
  const m = await import('plotly.js-cartesian-dist-min/plotly-cartesian.min.js?raw');
  return m.default;
}
