import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Offer } from '../../model/types.js';
import { secondsLeft } from '../shared/format.js';
import type { incomingStrings, Outcome } from './incoming.strings.js';

// The team inbox loads this module, the cards of the chats offered to me and of the offers that
// ended, when the first offer arrives (until then, or while it loads, "Loading…"). It has no
// effect of its own.

/** What the cards need of their element; it hands this over on each render. */
export interface OffersHost {
  t: typeof incomingStrings;
  busy: boolean;
  now: number;
  name(offer: Offer): string;
  claim(offer: Offer): void;
  decline(offer: Offer, away: boolean): void;
  dismiss(outcome: Outcome): void;
}

const countdown = ({ t }: OffersHost, left: number) =>
  html`<span part="countdown" class="countdown ${left <= 5 ? 'urgent' : ''}" role="timer">${t.seconds(left)}</span>`;

/** The notices of offers someone else claimed or nobody claimed in time. */
export function renderOutcomes(host: OffersHost, outcomes: readonly Outcome[]) {
  const { t } = host;
  return repeat(outcomes, (o) => o.offer.id, (o) => html`<div part="card closed" class="card row closed ${o.missed ? 'missed' : ''}">
    <p>${(o.missed ? t.missed : t.claimedByOther)(host.name(o.offer))}</p>
    ${o.missed ? countdown(host, 0) : nothing}
    <button aria-label=${`${t.dismiss}: ${host.name(o.offer)}`} @click=${() => host.dismiss(o)}>${t.dismiss}</button>
  </div>`);
}

/** The offers: who, how many members got it, the seconds left; claim or decline. */
export function renderOffers(host: OffersHost, offers: readonly Offer[]) {
  const { t, busy } = host;
  return repeat(offers, (o) => o.id, (o) => html`<article part="card" class="card" aria-labelledby="o-${o.id}">
    <h2 id="o-${o.id}">${host.name(o)}</h2>
    <p class="row meta"><strong>${o.customer.returning ? t.returningCustomer : t.newCustomer}</strong><span>${t.offeredTo(o.offeredTo)}</span></p>
    <p class="row"><span class="muted">${t.timeLeft}</span>${countdown(host, secondsLeft(o.expiresAt, host.now))}</p>
    <div class="row">
      <button part="claim" class="primary" ?disabled=${busy} @click=${() => host.claim(o)}>${t.claim}</button>
      ${[false, true].map((away) => html`<button part="decline" ?disabled=${busy}
        @click=${() => host.decline(o, away)}>${away ? t.declineAway : t.decline}</button>`)}
    </div>
  </article>`);
}
