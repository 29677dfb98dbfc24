/**
 * The one-file HTML report of a run: the experiment, the final numbers and
 * every chart, interactive offline — plotly's bundle and the figures are
 * inlined, nothing is fetched.
 */
import { serializeExperiment } from '../../core/experiment/parse';
import { CHARTS } from '../charts/figures';
import { EXPORT_THEME, layerName } from '../charts/figures/theme';
import { DEFAULT_OPTIONS, type ChartOptions } from '../charts/figures/types';
import type { RunHistory } from '../history';
import type { RunSubject } from './subject';

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

export function reportHtml(h: RunHistory, subject: RunSubject, plotlyText: string, options: ChartOptions = DEFAULT_OPTIONS): string {
  const figures = CHARTS.map((c) => {
    const f = c.build({ history: h, upto: Infinity, options, theme: EXPORT_THEME, title: `${c.title} — ${subject.name}` });
    return { id: c.id, data: f.data, layout: f.layout };
  });
  const json = JSON.stringify(figures).replace(/</g, '\\u003c');
  const divs = figures.map((f) => `<div class="chart" id="chart-${f.id}"></div>`).join('\n');
  const title = escapeHtml(`${subject.name} — ReLU Lab report`);
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
<h1>${escapeHtml(subject.name)}</h1>
<p class="muted">ReLU Lab run report · ${h.length} kept records${h.sampling > 1 ? ` (one per ${h.sampling} frames)` : ''}</p>
<h2>Final numbers</h2>
${finalNumbers(h)}
<h2>Charts</h2>
${divs}
${subjectSection(subject)}
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

/** What the run was: the experiment file it trained, or (a PyTorch run) where it came from and what was watched. */
function subjectSection(subject: RunSubject): string {
  if (subject.experiment) return `<h2>Experiment</h2>\n<pre>${escapeHtml(serializeExperiment(subject.experiment))}</pre>`;
  const info = subject.info;
  if (!info) return '';
  const source = info.source.kind === 'pytorch' ? `PyTorch ${info.source.version}` : `ReLU Lab ${info.source.version}`;
  const layers = info.layers.map((l) => `<tr><td>${escapeHtml(l.name)}</td><td>${escapeHtml(l.activation)}</td><td>${l.units} ${l.unit === 'channel' ? 'channels' : 'units'}</td></tr>`).join('');
  return `<h2>Run</h2>
<table class="kv"><tr><th>source</th><td>${escapeHtml(source)}</td></tr><tr><th>created</th><td>${escapeHtml(info.created)}</td></tr>` +
    `<tr><th>probe</th><td>${info.monitor.probe} samples, a record every ${info.monitor.every} steps</td></tr></table>
<table class="layers"><thead><tr><th>watched module</th><th>activation</th><th>units</th></tr></thead><tbody>${layers}</tbody></table>`;
}
