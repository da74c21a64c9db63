import { css, html, type PropertyDeclarations } from 'lit';
import type { ChatClient } from '../../client/client.js';
import type { TimerId } from '../../engine/clock.js';
import type { ProviderSettings, ProviderStatus } from '../../model/types.js';
import { presenceStrings } from '../inbox/presence.js';
import { CommandElement } from '../shared/command-element.js';
import { FirstUse } from '../shared/first-use.js';
import { kitStyles } from '../shared/parts.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';

/** The form, loaded when the first panel is connected. */
const settingsForm = () => import('./provider-settings.form.js');

type Email = ProviderSettings['notifications']['email'];

export const providerSettingsStrings = {
  settingsTitle: 'Chat settings',
  enrolment: 'New chats',
  takeChats: 'Customers can start chats with me',
  statusTitle: 'Status',
  ...presenceStrings,
  quietTitle: 'Quiet hours',
  quietOff: 'No quiet hours: alerts go out at any time.',
  quietSet: (start: string, end: string, timeZone: string) => `Alerts wait from ${start} to ${end} (${timeZone}); messages still arrive.`,
  quietNow: (until: string) => `Quiet now: the alerts held go out as a summary at ${until}.`,
  quietFrom: 'From',
  quietTo: 'To',
  timeZone: 'Time zone',
  saveQuiet: 'Save quiet hours',
  quietRemove: 'Turn off',
  alertsTitle: 'Alerts',
  pushAlerts: 'Push notifications when I am away',
  emailAlerts: 'E-mail',
  emailChoices: { always: 'Always', 'when-away': 'When I am away', never: 'Never' } as Record<Email, string>,
};

/**
 * The provider side's own chat settings (P8, P10, P11, D3): taking new chats or not (enrolment,
 * the provider's to change; its members see it), the status customers see on the card, quiet
 * hours (a daily window in a time zone when alerts wait; a summary goes out when it ends), and
 * the alert channels (push, and when e-mail goes out). Each change is one engine command; a
 * refusal is shown, and for quiet hours the engine's reason (an unknown time zone …). The form
 * itself loads when the first panel is connected.
 *
 * @csspart enrolment - the new-chats switch
 * @csspart filter - the status choice
 * @csspart quiet-hours - the quiet hours form
 * @csspart alerts - the alert channels
 * @csspart error - why the last change was refused
 * @cssprop --volley-accent - the chosen status, the save button
 * @event volley-error - a change was refused (`code`, `message`)
 */
export class VolleyProviderSettings extends CommandElement<typeof providerSettingsStrings> {
  static override styles = [baseStyles, kitStyles, css`:host { contain: content; background: var(--_bg); }`];
  static override properties: PropertyDeclarations = {
    settings: { state: true },
  };
  protected override defaults = providerSettingsStrings;

  private settings?: ProviderSettings;
  readonly #form = new FirstUse(this, settingsForm);
  /** P10: the status is one state with routing availability, which may change by itself (T5). */
  readonly #status = new StoreController(this, ({ availability: a }): ProviderStatus => (a.available ? 'available' : a.offline ? 'offline' : 'away'), 'available');
  /** Reads the settings again when the quiet window in progress ends. */
  #timer?: { client: ChatClient; id: TimerId };

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has('client')) return;
    void this.refresh();
    void this.#form.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#schedule();
  }

  /** Reads the settings from the engine again. */
  async refresh(): Promise<void> {
    await this.#change((client) => client.settings());
  }

  readonly #change = (command: (client: ChatClient) => Promise<unknown>) =>
    this.run(undefined, async (client) => {
      // Settings come back from all but setStatus (whose availability lands in the client state).
      const answer = (await command(client)) as ProviderSettings;
      if (answer.quietHours !== undefined) this.#schedule((this.settings = answer).quietUntil);
    });

  #schedule(until?: number): void {
    if (this.#timer) this.#timer.client.clock.clearTimeout(this.#timer.id);
    const client = this.client;
    this.#timer = until && client ? { client, id: client.clock.setTimeout(() => void this.refresh(), until - client.clock.now()) } : undefined;
  }

  protected override render() {
    const t = this.t;
    const settings = this.settings;
    return html`<h2>${t.settingsTitle}</h2>
      ${this.errorAlert()}
      ${this.loaded(this.#form.module && settings, () => this.#form.module!.renderSettings({
        t, settings: settings!, status: this.#status.value, busy: this.busy,
        enrols: this.client?.state.me?.role === 'provider', change: this.#change,
      }))}`;
  }
}
