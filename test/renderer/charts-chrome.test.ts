import { describe, expect, it } from 'vitest';
import { takeChrome } from '../../src/renderer/charts/figures/chrome';
import { gradientFlowFigure } from '../../src/renderer/charts/figures/gradientFlow';
import { lossFigure } from '../../src/renderer/charts/figures/loss';
import { sparsityFigure } from '../../src/renderer/charts/figures/sparsity';
import { DARK_THEME } from '../../src/renderer/charts/figures/theme';
import { DEFAULT_OPTIONS, type FigureInput } from '../../src/renderer/charts/figures/types';
import { RunHistory } from '../../src/renderer/history';
import { frame } from './history-frames';

function run(): RunHistory {
  const h = new RunHistory();
  for (let i = 0; i < 4; i++) h.append(frame(i * 10, [{ rates: [0.5, 0.4] }, { rates: [0.9, 0] }]));
  return h;
}

/** What a live panel draws: no title of its own. */
const screen = (history: RunHistory): FigureInput => ({ history, upto: Infinity, options: DEFAULT_OPTIONS, theme: DARK_THEME, title: null });

describe('a live chart’s legend and axis titles move out of the plotly figure', () => {
  it('takes the legend entries with their colour and dash, and the axis titles, leaving plotly none to lay out', () => {
    const { figure, chrome } = takeChrome(sparsityFigure(screen(run())), new Set());
    expect(chrome.legend.map((e) => [e.name, e.dash, e.group])).toEqual([
      ['Layer 1 inactive', 'solid', 'l0'], ['Layer 1 dead', 'dash', 'l0'], ['Layer 2 inactive', 'solid', 'l1'], ['Layer 2 dead', 'dash', 'l1'],
    ]);
    expect(chrome.legend[0].color).toBe(DARK_THEME.palette[0]);
    expect(chrome.twoColumns).toBe(true);
    expect(chrome.titles.map((t) => [t.axis, t.side, t.text])).toEqual([['x', 'bottom', 'step'], ['y', 'left', 'fraction']]);
    expect(figure.layout.showlegend).toBe(false);
    expect((figure.layout.xaxis as { title: { text: string } }).title.text).toBe('');
    // The data plotly draws (and outside checks read) is untouched.
    expect(figure.data.map((t) => t.y)).toEqual(sparsityFigure(screen(run())).data.map((t) => t.y));
  });

  it('hides a legend group as plotly’s legend click would', () => {
    const { figure, chrome } = takeChrome(sparsityFigure(screen(run())), new Set(['l1']));
    expect(figure.data.map((t) => t.visible ?? true)).toEqual([true, true, 'legendonly', 'legendonly']);
    expect(chrome.legend.map((e) => e.hidden)).toEqual([false, false, true, true]);
  });

  it('keeps the loss chart’s accuracy on the right, in the colours of its losses', () => {
    const h = new RunHistory();
    for (let i = 0; i < 3; i++) h.append({ ...frame(i, [{ rates: [0.5] }]), accuracy: 0.5, testLoss: 1, testAccuracy: 0.4 });
    const { chrome } = takeChrome(lossFigure(screen(h)), new Set());
    expect(chrome.titles.find((t) => t.text === 'accuracy')?.side).toBe('right');
    expect(chrome.legend.map((e) => [e.name, e.color, e.dash])).toEqual([
      ['train loss', DARK_THEME.palette[0], 'solid'], ['test loss', DARK_THEME.palette[1], 'solid'],
      ['train accuracy', DARK_THEME.palette[0], 'dot'], ['test accuracy', DARK_THEME.palette[1], 'dot'],
    ]);
    expect(chrome.margin.r).toBe(48);
  });

  it('places stacked subplots’ titles by their domains, and the x title under the axis it belongs to', () => {
    const { chrome } = takeChrome(gradientFlowFigure(screen(run())), new Set());
    const y = chrome.titles.filter((t) => t.axis === 'y').map((t) => [t.from, t.to]);
    expect(y).toEqual([[0.54, 1], [0, 0.44]]);
    expect(chrome.titles.find((t) => t.axis === 'x')).toMatchObject({ text: 'step', at: 0 });
    // Entries that plotly's legend would not show (showlegend: false) stay out of this one too.
    expect(chrome.legend.every((e) => e.name.endsWith('‖∇W‖'))).toBe(true);
  });
});
