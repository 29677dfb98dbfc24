/** The header's light/dark switch (the lab's and the run viewer's). */
import { actions, useApp } from '../store';

export function ThemeToggle() {
  const theme = useApp((s) => s.theme);
  const label = theme === 'dark' ? 'Light theme' : 'Dark theme';
  return (
    <button className="icon" data-testid="theme-toggle" title={label} aria-label={label} onClick={() => actions.setTheme(theme === 'dark' ? 'light' : 'dark')}>
      <span aria-hidden>{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}
