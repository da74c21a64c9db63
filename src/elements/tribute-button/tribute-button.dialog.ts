import { css, html, type CSSResult } from 'lit';
import type { Policy } from '../../model/policy.js';
import { formatMoney } from '../shared/format.js';
import { popoverKeys } from '../shared/roving.js';
import type { CommonStrings } from '../shared/strings.js';
import { amountFields, toCents } from './amount-form.js';
import type { tributeButtonStrings } from './tribute-button.component.js';

export { amountError, toCents } from './amount-form.js';

// The tribute button loads this module, its dialog, when the dialog is first opened. It has no
// effect of its own.

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
  choose(cents: number): void;
  input(event: Event): void;
  confirm(event: SubmitEvent): void;
  close(): void;
}

export const styles: CSSResult = css`
  dialog { inline-size: 20rem; }
  h2 { font-size: 1em; margin: 0; }
  [part='presets'] { display: flex; flex-wrap: wrap; gap: 6px; }
`;

/** The amount the dialog would send, in cents: the custom amount if typed, else the chosen preset. */
export const amountOf = ({ custom, chosen }: Pick<DialogHost, 'custom' | 'chosen'>) => (custom ? toCents(custom) : chosen);

export function renderDialog(host: DialogHost) {
  const { t, currency, custom } = host;
  const amount = amountOf(host);
  const money = (cents: number) => formatMoney(cents, currency);
  // A modal dialog in the top layer (TopLayer opens it): nothing of the host page clips or covers it.
  return html`<dialog part="dialog" aria-labelledby="title" @keydown=${(event: KeyboardEvent) => popoverKeys(event, host.close)} @close=${host.close}>
    <form novalidate @submit=${host.confirm}>
      <h2 id="title">${t.title}</h2>
      <div part="presets" role="group" aria-label=${t.presets}>
        ${host.presets.map((cents) => {
          const pressed = !custom && host.chosen === cents;
          return html`<button type="button" class=${pressed ? 'primary' : ''} aria-pressed=${pressed} @click=${() => host.choose(cents)}>${money(cents)}</button>`;
        })}
      </div>
      ${amountFields(t, host.policy, {
        label: t.custom(currency), amount: custom, note: host.note, error: host.error, busy: host.busy, input: host.input,
        submit: host.busy ? t.sending : Number.isFinite(amount) ? t.sendAmount(money(amount!)) : t.confirm,
        cancel: host.close,
      })}
    </form>
  </dialog>`;
}
