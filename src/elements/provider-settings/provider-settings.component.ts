import { css, html, type PropertyValues } from 'lit';
import { CommandElement } from '../shared/command-element.js';
import { FirstUse } from '../shared/first-use.js';
import { kitStyles } from '../shared/parts.js';
import { baseStyles } from '../shared/styles.js';
import type { SettingsBody } from './provider-settings.form.js';
import { providerSettingsStrings } from './provider-settings.strings.js';

/** The form, with the settings' state and commands, loaded when the first panel gets a client. */
const settingsForm = () => import('./provider-settings.form.js');

/**
 * The provider side's own chat settings (P8, P10, P11, D3): taking new chats or not (enrolment,
 * the provider's to change; its members see it), the status customers see on the card, quiet
 * hours (a daily window in a time zone when alerts wait; a summary goes out when it ends), and
 * the alert channels (push, and when e-mail goes out). Each change is one engine command; a
 * refusal is shown, and for quiet hours the engine's reason (an unknown time zone …). The form,
 * with what reads and changes the settings, loads when the first panel gets a client.
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
  protected override defaults = providerSettingsStrings;

  readonly #form = new FirstUse(this, settingsForm);
  /** The form's state and commands (provider-settings.form.ts), once it has loaded. */
  #body?: SettingsBody;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#body?.stop();
  }

  /** Reads the settings from the engine again. */
  async refresh(): Promise<void> {
    // Not loaded (the page's server is down): "Loading…" stays, and FirstUse tries again once online.
    const form = await this.#form.load().catch(() => undefined);
    await (this.#body ??= form?.settingsBody(this, (command) => this.run(undefined, command)))?.refresh();
  }

  protected override render() {
    const t = this.t;
    const body = this.#body;
    return html`<h2>${t.settingsTitle}</h2>
      ${this.errorAlert()}
      ${this.loaded(body?.settings && body, () => body!.render(t, this.busy))}`;
  }
}
