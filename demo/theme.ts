import { TOKENS } from './editor.js';

/**
 * The page-wide light/dark switch: the demo page's own colours (demo.css, by `data-theme` on the
 * root) and every element on it, which take the built-in dark palette as `--volley-*` properties
 * set on the root (CSSOM: allowed under the strict CSP). A property set on a closer ancestor (the
 * theme editor's, the gallery's custom theme) and an element's own `theme` attribute still win.
 * The choice is kept in localStorage; with none, the system's preference.
 */
export type PageTheme = 'light' | 'dark';

const KEY = 'volley-demo:theme';

function stored(): PageTheme | undefined {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'dark' || value === 'light' ? value : undefined;
  } catch {
    return undefined; // storage refused: the switch still works for this visit
  }
}

/** The theme the page opens in. */
export const initialTheme: PageTheme = stored() ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

/** Puts the page and its elements in a theme. */
export function applyTheme(theme: PageTheme): void {
  const root = document.documentElement;
  root.dataset.theme = theme;
  for (const token of TOKENS) {
    if (!token.dark) continue;
    if (theme === 'dark') root.style.setProperty(token.name, token.dark);
    else root.style.removeProperty(token.name);
  }
}

/** Wires the header's switch (a `role=switch` button); `changed` hears each new theme. */
export function mountThemeSwitch(button: HTMLButtonElement, changed: (theme: PageTheme) => void): void {
  let theme = initialTheme;
  const show = () => button.setAttribute('aria-checked', String(theme === 'dark'));
  show();
  button.addEventListener('click', () => {
    theme = theme === 'dark' ? 'light' : 'dark';
    applyTheme(theme);
    show();
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // storage refused: the choice lasts for this visit only
    }
    changed(theme);
  });
}

// At once, before the elements render: no flash of the other theme.
applyTheme(initialTheme);
