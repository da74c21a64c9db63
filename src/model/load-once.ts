/** What `loadOnce` returns: call it to load (or get) the value; `value` is there once it has loaded. */
export interface Once<T> {
  (): T | Promise<T>;
  readonly value: T | undefined;
}

/**
 * Loads something once, on first use (a module: `loadOnce(() => import('./x.js'))`): once loaded
 * it is handed over at once (no await), and callers meanwhile share the one load under way. A load
 * that failed is forgotten, so the next use tries again: a page whose server went away loads the
 * chunk once it is back (Chromium does not keep a failed dynamic import: the same URL works then).
 */
export function loadOnce<T>(load: () => Promise<T>): Once<T> {
  let value: T | undefined;
  let loading: Promise<T> | undefined;
  const once = () =>
    value ?? (loading ??= load().then(
      (loaded) => (value = loaded),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return Object.defineProperty(once, 'value', { get: () => value }) as Once<T>;
}
