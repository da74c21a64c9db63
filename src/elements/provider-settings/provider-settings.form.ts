import { css, html, nothing, type CSSResult, type ReactiveControllerHost } from 'lit';
import type { ChatClient } from '../../client/client.js';
import type { TimerId } from '../../model/clock.js';
import type { ProviderSettings, ProviderStatus } from '../../model/types.js';
import { formatTime } from '../shared/format.js';
import { filterGroup } from '../shared/parts.js';
import { StoreController } from '../shared/store-controller.js';
import type { CommonStrings } from '../shared/strings.js';
import type { providerSettingsStrings } from './provider-settings.strings.js';

// volley-provider-settings loads this module, its form with what reads and changes the settings,
// when it first gets a client: a page that never shows the panel never downloads it. It has no
// effect of its own.

type Email = ProviderSettings['notifications']['email'];
const STATUSES: readonly ProviderStatus[] = ['available', 'away', 'offline'];
const EMAIL: readonly Email[] = ['always', 'when-away', 'never'];

/** What the form shows and calls back; the element hands it over on each render. */
export interface SettingsHost {
  t: typeof providerSettingsStrings & CommonStrings;
  settings: ProviderSettings;
  /** The status in force (the client's availability, which may change by itself). */
  status: ProviderStatus;
  busy: boolean;
  /** Only the provider itself changes its enrolment; its members see it. */
  enrols: boolean;
  change(command: (client: ChatClient) => Promise<unknown>): void;
}

type Command = (client: ChatClient) => Promise<unknown>;

/** What the element keeps of the form: the settings read, and its commands. */
export interface SettingsBody {
  /** The settings last read (none before the first answer). */
  readonly settings?: ProviderSettings;
  /** Reads the settings from the engine again. */
  refresh(): Promise<void> | undefined;
  /** Forgets the read planned for the end of the quiet window in progress (the element left the page). */
  stop(): void;
  render(t: SettingsHost['t'], busy: boolean): unknown;
}

/** The settings of one element: `run` is the element's (its intent, busy state and refusal). */
export function settingsBody(host: ReactiveControllerHost & { client?: ChatClient }, run: (command: Command) => Promise<void> | undefined): SettingsBody {
  let settings: ProviderSettings | undefined;
  /** Reads the settings again when the quiet window in progress ends. */
  let timer: { client: ChatClient; id: TimerId } | undefined;
  /** P10: the status is one state with routing availability, which may change by itself (T5). */
  const status = new StoreController(host, ({ availability: a }): ProviderStatus => (a.available ? 'available' : a.offline ? 'offline' : 'away'), 'available');
  const schedule = (until?: number) => {
    if (timer) timer.client.clock.clearTimeout(timer.id);
    const client = host.client;
    timer = until && client ? { client, id: client.clock.setTimeout(() => void body.refresh(), until - client.clock.now()) } : undefined;
  };
  const change = (command: Command) =>
    run(async (client) => {
      // Settings come back from all but setStatus (whose availability lands in the client state).
      const answer = (await command(client)) as ProviderSettings;
      if (answer.quietHours !== undefined) schedule((settings = answer).quietUntil);
    });
  const body: SettingsBody = {
    get settings() {
      return settings;
    },
    refresh: () => change((client) => client.settings()),
    stop: () => schedule(),
    render: (t, busy) => renderSettings({ t, settings: settings!, status: status.value, busy, enrols: host.client?.state.me?.role === 'provider', change }),
  };
  return body;
}

export const styles: CSSResult = css`
  :host, section, form { display: grid; gap: var(--_gap); }
  h2 { font-size: 1.1em; }
  section > label { display: flex; align-items: center; gap: 6px; }
  input[type='checkbox'] { inline-size: 1.1em; block-size: 1.1em; margin: 0; accent-color: var(--_accent); }
  select {
    font: inherit; color: inherit; background: var(--_bg); border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2); padding: 4px 8px;
  }
  .row > label { flex: 1 1 7rem; }
`;

const checked = (event: Event) => (event.target as HTMLInputElement).checked;

function saveQuiet(host: SettingsHost, event: SubmitEvent): void {
  event.preventDefault();
  const data = new FormData(event.target as HTMLFormElement);
  const [start, end, timeZone] = ['start', 'end', 'zone'].map((key) => String(data.get(key) ?? '').trim());
  host.change((client) => client.setQuietHours({ start, end, timeZone }));
}

export function renderSettings(host: SettingsHost) {
  const { t, settings: s, busy, change } = host;
  const quiet = s.quietHours;
  const alerts = (choice: Partial<ProviderSettings['notifications']>) => change((c) => c.setNotifications({ ...s.notifications, ...choice }));
  return html`
    <section part="enrolment">
      <h3>${t.enrolment}</h3>
      <label><input type="checkbox" .checked=${s.enrolled} ?disabled=${busy || !host.enrols}
        @change=${(e: Event) => change((c) => (checked(e) ? c.enrol() : c.unenrol()))} />${t.takeChats}</label>
    </section>
    <section>
      <h3>${t.statusTitle}</h3>
      ${filterGroup(t.statusTitle, STATUSES, host.status, t.presence, (status) => change((c) => c.setStatus(status)))}
    </section>
    <form part="quiet-hours" @submit=${(e: SubmitEvent) => saveQuiet(host, e)}>
      <h3>${t.quietTitle}</h3>
      <p class="muted">${quiet ? t.quietSet(quiet.start, quiet.end, quiet.timeZone) : t.quietOff}</p>
      ${s.quietUntil ? html`<p>${t.quietNow(formatTime(s.quietUntil))}</p>` : nothing}
      <div class="row">
        <label>${t.quietFrom}<input type="time" name="start" required .value=${quiet?.start ?? '22:00'} /></label>
        <label>${t.quietTo}<input type="time" name="end" required .value=${quiet?.end ?? '07:00'} /></label>
        <label>${t.timeZone}<input name="zone" required .value=${quiet?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone} /></label>
      </div>
      <div class="actions">
        ${quiet ? html`<button type="button" ?disabled=${busy} @click=${() => change((c) => c.setQuietHours(null))}>${t.quietRemove}</button>` : nothing}
        <button class="primary" ?disabled=${busy}>${t.saveQuiet}</button>
      </div>
    </form>
    <section part="alerts">
      <h3>${t.alertsTitle}</h3>
      <label><input type="checkbox" .checked=${s.notifications.push} ?disabled=${busy} @change=${(e: Event) => alerts({ push: checked(e) })} />${t.pushAlerts}</label>
      <label>${t.emailAlerts}
        <select ?disabled=${busy} @change=${(e: Event) => alerts({ email: (e.target as HTMLSelectElement).value as Email })}>
          ${EMAIL.map((choice) => html`<option value=${choice} ?selected=${s.notifications.email === choice}>${t.emailChoices[choice]}</option>`)}
        </select></label>
    </section>`;
}
