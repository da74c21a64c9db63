import { optionsFromDataset, type MountOptions, type Mounted, type VolleyApi, type WidgetModule } from './options.js';

/** Where the elements live, next to the script: dist/volley.js loads dist/volley/widget.js. */
export const WIDGET_PATH = 'volley/widget.js';

/**
 * Installs `window.Volley` unless a copy already did (a second script tag keeps the first), and
 * mounts from the script's data-attributes unless it says `data-mount="manual"`. The elements
 * start loading at once; the mount waits for the document to be parsed.
 */
export function install(script: HTMLScriptElement | null, load: (url: string) => Promise<WidgetModule>): VolleyApi {
  if (window.Volley) return window.Volley;
  const url = new URL(WIDGET_PATH, script?.src || document.baseURI).href;
  let widget: Promise<WidgetModule> | undefined;
  const mount = (options?: MountOptions) => (widget ??= load(url)).then((module) => module.mount(options));
  const data = script?.dataset;
  let ready: Promise<Mounted> | undefined;
  if (data && data.mount !== 'manual') {
    widget = load(url);
    const parsed = document.readyState === 'loading' ? new Promise((done) => document.addEventListener('DOMContentLoaded', done, { once: true })) : Promise.resolve();
    ready = parsed.then(() => mount(optionsFromDataset(data)));
    // Logged, and still rejected for a host that awaits it.
    ready.catch((error: unknown) => console.error('Volley could not mount:', error));
  }
  return (window.Volley = Object.freeze({ mount, ready }));
}
