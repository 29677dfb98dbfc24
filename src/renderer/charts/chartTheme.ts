/** The on-screen chart colours follow the app theme (the `data-theme` attribute and its CSS variables). */
import { useEffect, useState } from 'react';
import { DARK_THEME } from './figures/theme';
import type { ChartTheme } from './figures/types';

function readTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { ...DARK_THEME, text: v('--text', DARK_THEME.text), muted: v('--muted', DARK_THEME.muted), grid: v('--border', DARK_THEME.grid) };
}

export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    const watch = new MutationObserver(() => setTheme(readTheme()));
    watch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => watch.disconnect();
  }, []);
  return theme;
}
