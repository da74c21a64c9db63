import { adoptStyles, type CSSResult, type LitElement, type ReactiveController } from 'lit';
import { loadOnce, type Once } from '../../model/load-once.js';

/** The modules of the page, by importer, loaded or loading: an element made later shows them at once. */
const modules = new Map<unknown, Once<object>>();

/**
 * UI that only shows after a user action (a dialog, a panel, a form) and loads then: `load()`
 * imports its module (once for the page), adds the module's `styles` (if any) to the element's
 * shadow root and renders the element again; `module` is there from then on (until then the
 * element shows "Loading…"). `importer` is one function for the page (a module-level constant):
 * the key of what was loaded. A load that failed (the page's server is down) is tried again on
 * the next `load()`, or by itself when the browser comes back online while the element is on a page.
 */
export class FirstUse<M extends object> implements ReactiveController {
  #styled = false;
  #retrying = false;

  constructor(private readonly host: LitElement, private readonly importer: () => Promise<M>) {
    host.addController(this);
  }

  get module(): M | undefined {
    return modules.get(this.importer)?.value as M | undefined;
  }

  async load(): Promise<M> {
    let once = modules.get(this.importer) as Once<M> | undefined;
    if (!once) modules.set(this.importer, (once = loadOnce(this.importer)));
    let module: M;
    try {
      // Loaded already: no import to wait for (the browser's takes a task), so focus can follow at once.
      module = once.value ?? (await once());
    } catch (error) {
      this.#retryOnline();
      throw error;
    }
    this.hostConnected();
    this.host.requestUpdate();
    return module;
  }

  /** The styles go in once there are both the module and a shadow root (an element may load before it is on a page). */
  hostConnected(): void {
    const { host } = this;
    const styles = (this.module as { styles?: CSSResult } | undefined)?.styles;
    if (styles && host.renderRoot && !this.#styled) {
      this.#styled = true;
      adoptStyles(host.renderRoot as ShadowRoot, [...(host.constructor as typeof LitElement).elementStyles, styles]);
    }
  }

  /** After a failed load: once the browser is back online, load again (the "Loading…" it left turns into the UI). */
  #retryOnline(): void {
    if (this.#retrying || typeof addEventListener !== 'function') return;
    this.#retrying = true;
    addEventListener('online', () => {
      this.#retrying = false;
      if (this.host.isConnected) this.load().catch(() => undefined);
    }, { once: true });
  }
}
