import { useApp } from '../store';
import { selectDark, type ThemeChoice } from '../store/ui-slice';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

/** Cycles system -> light -> dark; "system" follows prefers-color-scheme. */
export function ThemeToggle() {
  const theme = useApp((s) => s.theme);
  const dark = useApp(selectDark);
  const setTheme = useApp((s) => s.setTheme);
  return (
    <button className="icon" data-testid="theme-toggle" title={LABEL[theme]} aria-label={LABEL[theme]} onClick={() => setTheme(NEXT[theme])}>
      {theme === 'system' ? '◐' : dark ? '☾' : '☀'}
    </button>
  );
}
