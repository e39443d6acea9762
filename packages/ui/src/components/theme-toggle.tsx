import { useEffect, useState } from 'react';

type Theme = 'light' | 'dark';
const THEME_STORAGE = 'sightline.theme';

function initialTheme(): Theme {
  try {
    const stored = localStorage.getItem(THEME_STORAGE);
    if (stored === 'light' || stored === 'dark') return stored;
  } catch {
    // storage disabled: follow the system
  }
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    window.dispatchEvent(new Event('sightline-theme'));
  }, [theme]);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="button subtle"
      aria-label={`Switch to ${next} theme`}
      onClick={() => {
        setTheme(next);
        try {
          localStorage.setItem(THEME_STORAGE, next);
        } catch {
          // the choice then lasts for this page only
        }
      }}
    >
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </button>
  );
}
