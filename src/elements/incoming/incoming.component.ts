import { html, nothing, type PropertyDeclarations } from 'lit';
import type { ChatClient } from '../../client/client.js';
import { selectOffers } from '../../client/state.js';
import type { Availability, Offer } from '../../model/types.js';
import { VolleyAvailabilityEvent, VolleyClaimEvent, VolleyDeclineEvent, VolleySelectEvent } from '../events/events.js';
import type { OffersHost } from './incoming.cards.js';
import { FirstUse } from '../shared/first-use.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { secondsLeft } from '../shared/format.js';
import { onTick } from '../shared/ticker.js';
import { CommandElement } from '../shared/command-element.js';
import { kitStyles } from '../shared/parts.js';
import { incomingStyles } from './incoming.styles.js';
import { incomingStrings, type Outcome } from './incoming.strings.js';

/** The offers' and notices' cards, loaded when the first of them is there. */
const offerCards = () => import('./incoming.cards.js');

/** A subscription held for one key (a client): remade when the key changes, undone for none. */
interface Hold { key?: unknown; off?: () => void }
function hold<K>(held: Hold, key: K | undefined, make: (key: K) => () => void): void {
  if (held.key === key) return;
  held.off?.();
  held.key = key;
  held.off = key ? make(key) : undefined;
}

/**
 * The chats offered to me in a team inbox (T1–T5): each card says whether the customer is new or
 * returning, their name, how many members got the offer and the seconds left (one shared ticker,
 * running only while something is shown), and each new offer is said in a polite live region.
 * Claim, decline, or decline and go unavailable. An offer someone else claimed, or that nobody
 * claimed in time, leaves a short notice. When I am unavailable, the reason and "Go available".
 *
 * @csspart card - one offer (a closed one too, with the `closed` part)
 * @csspart closed - a card whose offer ended: claimed by someone else or missed
 * @csspart countdown - the seconds left on a card
 * @csspart claim - the claim button
 * @csspart decline - the two decline buttons
 * @csspart availability - the unavailable notice with "Go available"
 * @csspart error - why the last command was refused
 * @cssprop --volley-accent - the claim button and the countdown bar
 * @cssprop --volley-danger - the countdown's last seconds and missed notices
 * @event volley-claim - before an offer is claimed (`offerId`); cancel to claim yourself
 * @event volley-decline - before an offer is declined (`offerId`, `goUnavailable`)
 * @event volley-availability - before "Go available" (`available`)
 * @event volley-select - a claimed chat should open (`conversationId`)
 * @event volley-error - a command was refused (`code`, `message`)
 */
export class VolleyIncoming extends CommandElement<typeof incomingStrings> {
  static override styles = [baseStyles, kitStyles, incomingStyles];
  static override properties: PropertyDeclarations = {
    noticeMs: { type: Number, attribute: 'notice-ms' },
    outcomes: { state: true },
    announcement: { state: true },
  };
  protected override defaults = incomingStrings;

  /** How long a "claimed by someone else" or "missed" notice stays, in ms. */
  noticeMs = 8000;

  private outcomes: readonly Outcome[] = [];
  /** What the live region says of the latest offer. */
  private announcement = '';

  #offers = new StoreController(this, selectOffers, [] as readonly Offer[]);
  #availability = new StoreController(this, (s) => s.availability, { available: true } as Availability);
  /** Offer events while connected; the one shared ticker while a countdown or a notice is shown. */
  #listening: Hold = {};
  readonly #cards = new FirstUse(this, offerCards);
  #ticking: Hold = {};

  override connectedCallback(): void {
    super.connectedCallback();
    this.#hold();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#hold();
  }

  protected override updated(): void {
    this.#hold();
  }

  #hold(): void {
    const client = this.isConnected ? this.client : undefined;
    hold(this.#listening, client, (client: ChatClient) => {
      // The offers just before a change, so a closed offer can still be named.
      let before: readonly Offer[] = [];
      const offs = [
        client.subscribe(selectOffers, (_, previous) => (before = previous)),
        client.on('offer', (offer) => {
          this.announcement = this.t.announce(this.#name(offer), secondsLeft(offer.expiresAt, client.clock.now()));
        }),
        client.on('offer-closed', ({ offerId, reason }) => {
          const offer = before.find((o) => o.id === offerId);
          if (offer && (reason === 'claimed-by-other' || reason === 'missed'))
            this.outcomes = [...this.outcomes, { offer, missed: reason === 'missed', at: client.clock.now() }];
        }),
      ];
      return () => offs.forEach((off) => off());
    });
    hold(this.#ticking, this.#offers.value.length || this.outcomes.length ? client : undefined, (client: ChatClient) =>
      onTick(client.clock, (now) => {
        this.outcomes = this.outcomes.filter((o) => now - o.at < this.noticeMs);
        this.requestUpdate();
      }));
  }

  protected override render() {
    const t = this.t;
    const { available, reason } = this.#availability.value;
    return html`
      ${this.errorAlert()}
      <div role="status" class="notices">
        ${available
          ? nothing
          : html`<div part="availability" class="card row away">
              <p>${reason === 'missed-in-a-row' ? t.missedInARow(this.client?.state.policy?.routing.missesBeforeUnavailable ?? 3) : reason === 'declined' ? t.declinedAway : t.unavailable}</p>
              <button class="primary" ?disabled=${this.busy} @click=${() => this.run(new VolleyAvailabilityEvent(true), (client) => client.setAvailable(true))}>${t.goAvailable}</button>
            </div>`}
        ${this.#cardsShown && this.#cards.module ? this.#cards.module.renderOutcomes(this.#host(), this.outcomes) : nothing}
      </div>
      <div class="visually-hidden" role="status">${this.announcement}</div>
      ${this.#cardsShown ? this.loaded(this.#cards.module, (cards) => cards.renderOffers(this.#host(), this.#offers.value)) : nothing}
    `;
  }

  /** Offers or notices are there to show: their cards load (once for the page) then. */
  get #cardsShown(): boolean {
    const shown = this.#offers.value.length > 0 || this.outcomes.length > 0;
    if (shown && !this.#cards.module) this.#cards.load().catch(() => undefined);
    return shown;
  }

  #host(): OffersHost {
    return {
      t: this.t, busy: this.busy, now: this.client?.clock.now() ?? Date.now(), name: (offer) => this.#name(offer),
      dismiss: (outcome) => (this.outcomes = this.outcomes.filter((x) => x !== outcome)),
      claim: (offer) => this.run(new VolleyClaimEvent(offer.id), async (client) => this.dispatchEvent(new VolleySelectEvent((await client.claim(offer.id)).id))),
      decline: (offer, away) => this.run(new VolleyDeclineEvent(offer.id, away), (client) => client.decline(offer.id, { goUnavailable: away })),
    };
  }

  #name(offer: Offer): string {
    return offer.customer.name ?? this.t.anonymous;
  }
}
