import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CareAnalytics } from '../../model/types.js';
import { VolleyElement } from '../shared/volley-element.js';
import { baseStyles } from '../shared/styles.js';
import { careStatsStyles } from './care-stats.styles.js';

export const careStatsStrings = {
  title: 'Last 24 hours',
  finished: 'Finished',
  active: 'Active',
  answered: 'Answered',
  averageResponse: 'Average response time',
  averageHandling: 'Average handling time',
  refresh: 'Refresh',
  none: '—',
  /** A duration in ms as people read it. */
  duration: (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`),
};

/**
 * The customer-care figures of the last 24 hours (K5): finished, active and answered chats,
 * average response and handling times. Loads on connect and on "Refresh".
 *
 * @csspart figures - the list of figures
 * @cssprop --volley-surface - background of each figure
 * @event volley-error - the figures could not be loaded
 */
export class VolleyCareStats extends VolleyElement<typeof careStatsStrings> {
  static override styles = [baseStyles, careStatsStyles];
  protected override defaults = careStatsStrings;

  /** The window in ms; the policy's (24 h) when not set. */
  @property({ type: Number, attribute: 'window-ms' }) windowMs?: number;

  @state() private figures?: CareAnalytics;
  @state() private error?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Loads the figures again. */
  async refresh(): Promise<void> {
    if (!this.client) return;
    try {
      this.figures = await this.client.analytics(this.windowMs ? { windowMs: this.windowMs } : {});
      this.error = undefined;
    } catch (error) {
      this.error = this.errorText(error);
    }
  }

  protected override render() {
    const t = this.t;
    const f = this.figures;
    const time = (ms: number | null | undefined) => (ms === null || ms === undefined ? t.none : t.duration(ms));
    return html`
      <div class="header"><h2>${t.title}</h2><button @click=${this.refresh}>${t.refresh}</button></div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${f
        ? html`<dl part="figures">
            <div><dt>${t.finished}</dt><dd>${f.finished}</dd></div>
            <div><dt>${t.active}</dt><dd>${f.active}</dd></div>
            <div><dt>${t.answered}</dt><dd>${f.answered}</dd></div>
            <div><dt>${t.averageResponse}</dt><dd>${time(f.averageResponseMs)}</dd></div>
            <div><dt>${t.averageHandling}</dt><dd>${time(f.averageHandlingMs)}</dd></div>
          </dl>`
        : this.error ? nothing : html`<p class="muted">${t.loading}</p>`}
    `;
  }
}
