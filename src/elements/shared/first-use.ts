import { adoptStyles, type CSSResult, type LitElement, type ReactiveController } from 'lit';

/** The modules loaded so far, by importer: an element made later shows them at once. */
const loaded = new Map<unknown, object>();

/**
 * UI that only shows after a user action (a dialog, a panel, a form) and loads then: `load()`
 * imports its module (once for the page: the browser keeps it), adds the module's `styles` (if
 * any) to the element's shadow root and renders the element again; `module` is there from then
 * on (until then the element shows "Loading…"). `importer` is one function for the page (a
 * module-level constant): the key of what was loaded.
 */
export class FirstUse<M extends object> implements ReactiveController {
  #styled = false;

  constructor(private readonly host: LitElement, private readonly importer: () => Promise<M>) {
    host.addController(this);
  }

  get module(): M | undefined {
    return loaded.get(this.importer) as M | undefined;
  }

  async load(): Promise<M> {
    // Loaded already: no import to wait for (the browser's takes a task), so focus can follow at once.
    const module = this.module ?? (await this.importer());
    loaded.set(this.importer, module);
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
}
