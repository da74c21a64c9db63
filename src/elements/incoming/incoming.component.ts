import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatClient } from '../../client/client.js';
import { selectOffers } from '../../client/state.js';
import type { Availability, Offer } from '../../model/types.js';
import { VolleyAvailabilityEvent, VolleyClaimEvent, VolleyDeclineEvent, VolleyErrorEvent, VolleySelectEvent } from '../events/events.js';
import { VolleyElement } from '../shared/volley-element.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { secondsLeft } from '../shared/format.js';
import { onTick } from '../shared/ticker.js';
import { incomingStyles } from './incoming.styles.js';

export const incomingStrings = {
  title: 'Incoming chat',
  newCustomer: 'New customer',
  returningCustomer: 'Returning customer',
  anonymous: 'A customer',
  offeredTo: (count: number) => (count === 1 ? 'Offered only to you' : `Offered to ${count} members`),
  timeLeft: 'Time left to claim',
  seconds: (s: number) => `${s} s`,
  claim: 'Claim',
  decline: 'Decline',
  declineAway: 'Decline and go unavailable',
  claimedByOther: (name: string) => `${name}'s chat was claimed by someone else.`,
  missed: (name: string) => `Missed: nobody claimed ${name}'s chat in time. It waits in the team queue.`,
  dismiss: 'Dismiss',
  unavailable: 'You are unavailable: no new chats are offered to you.',
  missedInARow: (count: number) => `You missed ${count} chats in a row, so you were made unavailable.`,
  declinedAway: 'You declined a chat and went unavailable.',
  goAvailable: 'Go available',
};

/** An offer that ended for reasons other than my own choice, kept as a short notice. */
interface Outcome { offer: Offer; reason: 'claimed-by-other' | 'missed'; at: number }

const NO_OFFERS: readonly Offer[] = [];
const AVAILABLE: Availability = { available: true };

/**
 * The chats offered to me in a team inbox (T1–T5): each card says whether the customer is new or
 * returning, their name, how many members got the offer and the seconds left (one shared ticker,
 * running only while something is shown). Claim, decline, or decline and go unavailable. An
 * offer someone else claimed, or that nobody claimed in time, leaves a short notice. When I am
 * unavailable, the reason and "Go available".
 *
 * @csspart card - one offer (a closed one too, with the `closed` part)
 * @csspart closed - a card whose offer ended: claimed by someone else or missed
 * @csspart countdown - the seconds left on a card
 * @csspart claim - the claim button
 * @csspart decline - the two decline buttons
 * @csspart availability - the unavailable notice with "Go available"
 * @cssprop --volley-accent - the claim button and the countdown bar
 * @cssprop --volley-danger - the countdown's last seconds and missed notices
 * @event volley-claim - before an offer is claimed (`offerId`); cancel to claim yourself
 * @event volley-decline - before an offer is declined (`offerId`, `goUnavailable`)
 * @event volley-availability - before "Go available" (`available`)
 * @event volley-select - a claimed chat should open (`conversationId`)
 * @event volley-error - a command was refused (`code`, `message`)
 */
export class VolleyIncoming extends VolleyElement<typeof incomingStrings> {
  static override styles = [baseStyles, incomingStyles];
  protected override defaults = incomingStrings;

  /** How long a "claimed by someone else" or "missed" notice stays, in ms. */
  @property({ type: Number, attribute: 'notice-ms' }) noticeMs = 8000;

  @state() private outcomes: readonly Outcome[] = [];
  @state() private error?: string;
  @state() private busy = false;

  #offers = new StoreController(this, selectOffers, NO_OFFERS);
  #availability = new StoreController(this, (s) => s.availability, AVAILABLE);
  #misses = new StoreController(this, (s) => s.policy?.routing.missesBeforeUnavailable ?? 3, 3);
  /** Every offer seen, so a notice can still name the customer once the offer has left the state. */
  #seen = new Map<string, Offer>();
  #listening?: { client: ChatClient; off: () => void };
  #ticking?: { client: ChatClient; off: () => void };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listening?.off();
    this.#listening = undefined;
    this.#tick(false);
  }

  protected override willUpdate(): void {
    if (this.#listening?.client !== this.client) this.#listen();
    for (const offer of this.#offers.value) this.#seen.set(offer.id, offer);
  }

  protected override updated(): void {
    this.#tick(this.#offers.value.length > 0 || this.outcomes.length > 0);
  }

  #listen(): void {
    this.#listening?.off();
    this.#listening = undefined;
    const client = this.client;
    if (!client || !this.isConnected) return;
    const offOffer = client.on('offer', (offer) => this.#seen.set(offer.id, offer));
    const offClosed = client.on('offer-closed', ({ offerId, reason }) => {
      const offer = this.#seen.get(offerId);
      this.#seen.delete(offerId);
      if (offer && (reason === 'claimed-by-other' || reason === 'missed')) this.outcomes = [...this.outcomes, { offer, reason, at: client.clock.now() }];
    });
    this.#listening = { client, off: () => (offOffer(), offClosed()) };
  }

  /** The one shared ticker, held only while a countdown or a notice is shown. */
  #tick(on: boolean): void {
    const client = on && this.isConnected ? this.client : undefined;
    if (this.#ticking?.client === client) return;
    this.#ticking?.off();
    this.#ticking = client && { client, off: onTick(client.clock, (now) => this.#onTick(now)) };
  }

  #onTick(now: number): void {
    const kept = this.outcomes.filter((o) => now - o.at < this.noticeMs);
    if (kept.length !== this.outcomes.length) this.outcomes = kept;
    this.requestUpdate();
  }

  protected override render() {
    const t = this.t;
    const now = this.client?.clock.now() ?? Date.now();
    const availability = this.#availability.value;
    return html`
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div role="status" class="notices">
        ${availability.available
          ? nothing
          : html`<div part="availability" class="availability">
              <p>${availability.reason === 'missed-in-a-row' ? t.missedInARow(this.#misses.value) : availability.reason === 'declined' ? t.declinedAway : t.unavailable}</p>
              <button class="primary" ?disabled=${this.busy} @click=${this.#goAvailable}>${t.goAvailable}</button>
            </div>`}
        ${repeat(this.outcomes, (o) => o.offer.id, (o) => html`<div part="card closed" class="card closed ${o.reason}">
          <p>${o.reason === 'missed' ? t.missed(this.#name(o.offer)) : t.claimedByOther(this.#name(o.offer))}</p>
          ${o.reason === 'missed' ? html`<span part="countdown" class="countdown">${t.seconds(0)}</span>` : nothing}
          <button aria-label=${`${t.dismiss}: ${this.#name(o.offer)}`} @click=${() => (this.outcomes = this.outcomes.filter((x) => x !== o))}>${t.dismiss}</button>
        </div>`)}
      </div>
      ${repeat(this.#offers.value, (o) => o.id, (o) => this.#card(o, now))}
    `;
  }

  #name(offer: Offer): string {
    return offer.customer.name ?? this.t.anonymous;
  }

  #card(offer: Offer, now: number) {
    const t = this.t;
    const left = secondsLeft(offer.expiresAt, now);
    const id = `o-${offer.id}`;
    return html`<article part="card" class="card" aria-labelledby=${id}>
      <h2 id=${id} class="name">${this.#name(offer)}</h2>
      <p class="meta">
        <span class="kind">${offer.customer.returning ? t.returningCustomer : t.newCustomer}</span>
        <span>${t.offeredTo(offer.offeredTo)}</span>
      </p>
      <p class="timer"><span class="muted">${t.timeLeft}</span>
        <span part="countdown" class="countdown ${left <= 5 ? 'urgent' : ''}" role="timer">${t.seconds(left)}</span></p>
      <div class="actions">
        <button part="claim" class="primary" ?disabled=${this.busy} @click=${() => this.#claim(offer)}>${t.claim}</button>
        <button part="decline" ?disabled=${this.busy} @click=${() => this.#decline(offer, false)}>${t.decline}</button>
        <button part="decline" ?disabled=${this.busy} @click=${() => this.#decline(offer, true)}>${t.declineAway}</button>
      </div>
    </article>`;
  }

  /** Dispatches the intent; unless a listener cancels it, runs the command and shows a refusal. */
  async #run(event: Event, command: (client: ChatClient) => Promise<unknown>): Promise<void> {
    const client = this.client;
    if (!this.dispatchEvent(event) || !client) return;
    this.busy = true;
    this.error = undefined;
    try {
      await command(client);
    } catch (error) {
      this.error = this.errorText(error);
      this.dispatchEvent(new VolleyErrorEvent((error as { code?: string })?.code ?? 'unavailable', this.error));
    } finally {
      this.busy = false;
    }
  }

  #claim(offer: Offer): Promise<void> {
    return this.#run(new VolleyClaimEvent(offer.id), async (client) => {
      const conversation = await client.claim(offer.id);
      this.dispatchEvent(new VolleySelectEvent(conversation.id));
    });
  }

  #decline(offer: Offer, goUnavailable: boolean): Promise<void> {
    return this.#run(new VolleyDeclineEvent(offer.id, goUnavailable), (client) => client.decline(offer.id, goUnavailable ? { goUnavailable } : {}));
  }

  #goAvailable(): Promise<void> {
    return this.#run(new VolleyAvailabilityEvent(true), (client) => client.setAvailable(true));
  }
}
