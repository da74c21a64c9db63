import { html, type CSSResult, css } from 'lit';
import type { ChatClient } from '../../client/client.js';
import type { Policy } from '../../model/policy.js';
import type { Engagement, Goodie, MessageDraft, PaymentButton } from '../../model/types.js';
import { VolleyTributeRequestEvent } from '../events/events.js';
import { formatMoney } from '../shared/format.js';
import type { CommonStrings } from '../shared/strings.js';
import { amountError, amountFields, toCents } from '../shared/amount-form.js';
import type { composerStrings } from './composer.strings.js';

// The composer loads this module, the provider's tools (the Insert menu, the tribute request
// form), when one of them is first opened. It has no effect of its own.

/** The Insert menu's groups: the catalog property (also its label's string), the draft's kind and field. */
const CATALOGS = [
  ['paymentButtons', 'payment-button', 'button'],
  ['goodies', 'goodie', 'goodie'],
  ['engagements', 'engagement', 'engagement'],
] as const;

/** What the tools show and call back; the composer hands it over on each render. */
export interface ToolsHost {
  t: typeof composerStrings & CommonStrings;
  policy: Policy;
  /** The composer: its catalogs and currency. */
  composer: {
    readonly paymentButtons: readonly PaymentButton[];
    readonly goodies: readonly Goodie[];
    readonly engagements: readonly Engagement[];
    readonly currency: string;
    readonly conversationId: string;
  };
  /** Why the requested amount is refused ('' when it is not). */
  tributeError: string;
  /** An entry of the menu was chosen: the menu closes and it is sent. */
  insert(draft: MessageDraft): void;
  close(): void;
  keydown(event: KeyboardEvent): void;
  /** Shows why the requested amount is refused ('' when it is not). */
  refuse(error: string): void;
  /** The composer's way to run a command: its intent event first, then busy state and refusal. */
  run(event: Event, command: (client: ChatClient) => Promise<unknown>): unknown;
}

export const styles: CSSResult = css`
  [role='group'] { display: grid; gap: 2px; }
  [role='menu'] { min-inline-size: 14rem; max-block-size: 20rem; }
  form { inline-size: 20rem; }
  .group-label { color: var(--_muted); font-size: 0.85em; padding: 4px 8px 0; }
`;

/** The Insert menu (a group per catalog with entries), or the tribute request form. */
export function renderTool(tool: 'insert' | 'request', host: ToolsHost) {
  const { t, composer } = host;
  const { currency } = composer;
  return tool === 'insert'
    ? html`<div popover="manual" data-anchor="insert" role="menu" part="menu" aria-label=${t.insertLabel} @keydown=${host.keydown}>
      ${CATALOGS.filter(([key]) => composer[key].length).map(([key, kind, field]) => html`<div role="group" aria-labelledby=${key}>
        <div class="group-label" id=${key} role="presentation">${t[key]}</div>
        ${(composer[key] as readonly { title: string; amountCents?: number }[]).map((item) => html`<button role="menuitem" tabindex="-1"
          @click=${() => host.insert({ kind, [field]: item } as MessageDraft)}>${t.item(item.title, item.amountCents === undefined ? undefined : formatMoney(item.amountCents, currency))}</button>`)}
      </div>`)}
    </div>`
    : html`<form popover="manual" data-anchor="request" part="tribute-form" novalidate aria-label=${t.requestTribute} @submit=${(event: SubmitEvent) => submit(event, host)} @keydown=${host.keydown}>
      ${amountFields(t, host.policy, { label: t.amount(currency), submit: t.request, error: host.tributeError, cancel: host.close })}
    </form>`;
}

/** Sends the tribute request unless the amount is refused or the host cancels `volley-tribute-request`. */
function submit(event: SubmitEvent, { t, policy, composer, refuse, close, run }: ToolsHost): void {
  event.preventDefault();
  const { amount, note: noteField } = event.target as HTMLFormElement;
  const amountCents = toCents(amount.value);
  const note = noteField.value.trim() || undefined;
  const error = amountError(t, amountCents, policy.tribute, composer.currency);
  refuse(error);
  if (error) return;
  const { conversationId } = composer;
  close();
  run(new VolleyTributeRequestEvent(conversationId, amountCents, note), (client) => client.requestTribute(conversationId, { amountCents, note }));
}
