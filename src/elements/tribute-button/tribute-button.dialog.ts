import { css, html, type CSSResult } from 'lit';
import type { ChatClient } from '../../client/client.js';
import type { Policy } from '../../model/policy.js';
import { VolleyTributeEvent } from '../events/events.js';
import { formatMoney } from '../shared/format.js';
import { popoverKeys } from '../shared/roving.js';
import type { CommonStrings } from '../shared/strings.js';
import { amountError, amountFields, toCents } from '../shared/amount-form.js';
import type { tributeButtonStrings } from './tribute-button.strings.js';

// The tribute button loads this module, its dialog with what its fields and buttons do, when the
// dialog is first opened. It has no effect of its own.

/** What the dialog shows and calls back; the button hands it over on each render. */
export interface DialogHost {
  t: typeof tributeButtonStrings & CommonStrings;
  policy: Policy;
  presets: readonly number[];
  currency: string;
  chosen?: number;
  custom: string;
  note: string;
  error?: string;
  busy: boolean;
  conversationId: string;
  /** Changes the button's state: the chosen preset, what is typed, the refusal shown, sent or not. */
  set(state: { chosen?: number; custom?: string; note?: string; error?: string; sent?: boolean }): void;
  /** The button's way to run a command: its intent event first, then busy state and refusal. */
  run(event: Event, command: (client: ChatClient) => Promise<unknown>): unknown;
  close(): Promise<void>;
}

export const styles: CSSResult = css`
  dialog { inline-size: 20rem; }
  h2 { font-size: 1em; margin: 0; }
  [part='presets'] { display: flex; flex-wrap: wrap; gap: 6px; }
`;

/** The amount the dialog would send, in cents: the custom amount if typed, else the chosen preset. */
const amountOf = ({ custom, chosen }: Pick<DialogHost, 'custom' | 'chosen'>) => (custom ? toCents(custom) : chosen);

function input(host: DialogHost, event: Event): void {
  const { amount, note } = (event.target as HTMLInputElement).form!;
  host.set({ custom: amount.value, note: note.value, error: undefined });
}

/** Sends the tribute unless the amount is refused or the host cancels `volley-tribute`; the dialog closes once sent. */
function confirm(host: DialogHost, event: SubmitEvent): void {
  event.preventDefault();
  const { t, conversationId } = host;
  const amountCents = amountOf(host);
  if (host.busy) return;
  const error = amountCents === undefined ? t.chooseAmount : amountError(t, amountCents, host.policy.tribute, host.currency);
  host.set({ error });
  if (error || amountCents === undefined) return;
  const note = host.note.trim() || undefined;
  host.run(new VolleyTributeEvent(conversationId, amountCents, note), async (client) => {
    await client.sendTribute(conversationId, { amountCents, note });
    host.set({ sent: true, chosen: undefined, custom: '', note: '' });
    await host.close();
  });
}

export function renderDialog(host: DialogHost) {
  const { t, currency, custom } = host;
  const amount = amountOf(host);
  const money = (cents: number) => formatMoney(cents, currency);
  // A modal dialog in the top layer (TopLayer opens it): nothing of the host page clips or covers it.
  return html`<dialog part="dialog" aria-labelledby="title" @keydown=${(event: KeyboardEvent) => popoverKeys(event, host.close)} @close=${host.close}>
    <form novalidate @submit=${(event: SubmitEvent) => confirm(host, event)}>
      <h2 id="title">${t.title}</h2>
      <div part="presets" role="group" aria-label=${t.presets}>
        ${host.presets.map((cents) => {
          const pressed = !custom && host.chosen === cents;
          return html`<button type="button" class=${pressed ? 'primary' : ''} aria-pressed=${pressed} @click=${() => host.set({ chosen: cents, custom: '', error: '' })}>${money(cents)}</button>`;
        })}
      </div>
      ${amountFields(t, host.policy, {
        label: t.custom(currency), amount: custom, note: host.note, error: host.error, busy: host.busy, input: (event: Event) => input(host, event),
        submit: host.busy ? t.sending : Number.isFinite(amount) ? t.sendAmount(money(amount!)) : t.confirm,
        cancel: host.close,
      })}
    </form>
  </dialog>`;
}
