import { html, type PropertyDeclarations } from 'lit';
import type { CareAnalytics } from '../../model/types.js';
import { baseStyles } from '../shared/styles.js';
import { CommandElement } from '../shared/command-element.js';
import { FirstUse } from '../shared/first-use.js';
import { kitStyles } from '../shared/parts.js';
import { careStatsStyles } from './care-stats.styles.js';
import { careStatsStrings } from './care-stats.strings.js';

/** How the figures show, loaded with them. */
const figuresView = () => import('./care-stats.figures.js');

/**
 * The customer-care figures of the last 24 hours (K5): finished, active and answered chats,
 * average response and handling times. Loads on connect and on "Refresh" (how they show, with
 * the first of them).
 *
 * @csspart figures - the list of figures
 * @csspart error - why the figures could not be loaded
 * @cssprop --volley-surface - background of each figure
 * @event volley-error - the figures could not be loaded (`code`, `message`)
 */
export class VolleyCareStats extends CommandElement<typeof careStatsStrings> {
  static override styles = [baseStyles, kitStyles, careStatsStyles];
  static override properties: PropertyDeclarations = {
    windowMs: { type: Number, attribute: 'window-ms' },
    figures: { state: true },
  };
  protected override defaults = careStatsStrings;

  /** The window in ms; the policy's (24 h) when not set. */
  windowMs?: number;

  private figures?: CareAnalytics;
  readonly #view = new FirstUse(this, figuresView);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Loads the figures again. */
  async refresh(): Promise<void> {
    this.#view.load().catch(() => undefined);
    await this.run(undefined, async (client) => (this.figures = await client.analytics(this.windowMs ? { windowMs: this.windowMs } : {})));
  }

  protected override render() {
    const t = this.t;
    return html`
      <div class="row"><h2>${t.title}</h2><button @click=${this.refresh}>${t.refresh}</button></div>
      ${this.errorAlert()}
      ${this.loaded(this.#view.module && this.figures, (f) => this.#view.module!.renderFigures(t, f))}
    `;
  }
}
