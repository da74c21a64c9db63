import { html } from 'lit';
import type { Policy } from '../../model/policy.js';
import { formatMoney } from './format.js';
import type { CommonStrings } from './strings.js';
import type { amountStrings } from './amount-strings.js';

/**
 * What the tribute button's dialog and the composer's tribute request share: the amount and note
 * fields and the check of the amount against the policy (their styles are in `baseStyles`). Both
 * load this module when their form is first opened; it has no effect of its own.
 */

type Strings = typeof amountStrings & CommonStrings;

/** Cents from an amount typed in currency units; NaN when nothing (or no number) was typed. */
export const toCents = (typed: string) => (typed ? Math.round(Number(typed) * 100) : NaN);

/** Why `cents` is refused by the policy's tribute bounds, or '' when it is inside them. */
export function amountError(t: Strings, cents: number, { minCents, maxCents }: Policy['tribute'], currency: string): string {
  return cents >= minCents && cents <= maxCents ? '' : t.amountRange(formatMoney(minCents, currency), formatMoney(maxCents, currency));
}

export interface AmountFields {
  /** The amount field's label. */
  label: string;
  /** The submit button's text. */
  submit: string;
  cancel: () => void;
  /** Called as either field is typed in. */
  input?: (event: Event) => void;
  error?: string;
  /** While true, the submit button is disabled. */
  busy?: boolean;
  /** The values to show (the tribute button keeps them while its dialog is closed). */
  amount?: string;
  note?: string;
}

/**
 * The fields of an amount form, named `amount` (currency units) and `note`, then the error
 * (role="alert", part="error") and Cancel + submit (part="confirm").
 */
export function amountFields(t: Strings, policy: Policy, f: AmountFields) {
  const { minCents, maxCents } = policy.tribute;
  return html`
    <label>${f.label}<input name="amount" type="number" inputmode="decimal" step="0.01" min=${minCents / 100} max=${maxCents / 100}
      .value=${f.amount ?? ''} aria-describedby="error" @input=${f.input} /></label>
    <label>${t.note}<input name="note" maxlength=${policy.messages.maxNoteLength} .value=${f.note ?? ''} @input=${f.input} /></label>
    <p class="error" id="error" part="error" role="alert">${f.error}</p>
    <div class="actions">
      <button type="button" @click=${f.cancel}>${t.cancel}</button>
      <button type="submit" class="primary" part="confirm" ?disabled=${f.busy}>${f.submit}</button>
    </div>`;
}
