import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { VolleySelectEvent, VolleyStartEvent } from '../events/events.js';
import { CommandElement } from '../shared/command-element.js';
import { presenceStyles } from '../shared/presence.js';
import { FirstUse } from '../shared/first-use.js';
import { StoreController } from '../shared/store-controller.js';
import { baseStyles } from '../shared/styles.js';
import { chatCardStyles } from './chat-card.styles.js';
import { chatCardStrings } from './chat-card.strings.js';

/** The card's body (what it shows once the provider's card is there), loaded with the card. */
const cardBody = () => import('./chat-card.body.js');

/**
 * A provider's card for a profile or listing page (P9, P10), the customer's way into a chat: the
 * name, an avatar, the live status (a provider's own, and her team's apart when it differs), the price of a reply, and a Chat button that starts the chat or
 * reopens it (P7). When the chat cannot start it says why and the button is disabled: the provider
 * does not take chats (P8; an existing chat still opens, read only), or one side blocked the other
 * (P6). Offline policy: an offline provider can still be written to (the card says they will reply
 * later) unless the host sets `online-only`.
 *
 * @csspart card - the card
 * @csspart avatar - the avatar image, or the initials standing for it
 * @csspart name - the provider's name
 * @csspart status - the status line, with its dot (class `presence` and the provider's own status), and her team's when it differs
 * @csspart price - the price of a reply
 * @csspart note - why the chat cannot start, or that the provider will reply later
 * @csspart chat - the Chat button
 * @csspart error - why the last start was refused
 * @cssprop --volley-success - the available dot
 * @cssprop --volley-away - the away ring (default amber)
 * @event volley-start - before the chat is started or reopened (`providerId`); cancel to do it yourself
 * @event volley-select - the chat was started or reopened: open it (`conversationId`)
 * @event volley-error - the start was refused (`code`, `message`)
 */
export class VolleyChatCard extends CommandElement<typeof chatCardStrings> {
  static override styles = [baseStyles, presenceStyles, chatCardStyles];
  static override properties: PropertyDeclarations = {
    provider: {},
    avatar: {},
    onlineOnly: { type: Boolean, attribute: 'online-only' },
    started: { state: true },
  };
  protected override defaults = chatCardStrings;

  /** The provider's (or team's, or channel's) id. */
  provider = '';
  /** The avatar's address: http(s) only; initials stand for it otherwise. */
  avatar?: string;
  /** Offline providers cannot be written to from the card. */
  onlineOnly = false;

  /** The chat this card started, until the card itself names one. */
  private started?: string;
  /** The body loads (once for the page) as the card is first read. */
  readonly #body = new FirstUse(this, cardBody);
  readonly #card = new StoreController(this, (s) => s.cards[this.provider], undefined);
  /** P6: one side blocked the other (my block list, or the refusal on our chat). */
  readonly #blocked = new StoreController(this, (s) => {
    const card = s.cards[this.provider];
    return !!card && (s.blocked.includes(card.id) || s.conversations[card.conversationId ?? this.started ?? '']?.refusal === 'blocked');
  }, false);

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The card is read once per client and provider; the engine keeps `state.cards` live after.
    if ((changed.has('client') || changed.has('provider')) && this.provider) {
      this.started = undefined;
      this.#body.load().catch(() => undefined);
      void this.run(undefined, (client) => client.providerCard(this.provider));
    }
  }

  #start(): void {
    void this.run(new VolleyStartEvent(this.provider), async (client) => {
      const { id } = await client.startConversation({ with: this.provider });
      this.started = id;
      this.dispatchEvent(new VolleySelectEvent(id));
    });
  }

  protected override render() {
    const card = this.#card.value;
    const body = this.#body.module;
    // Until the card and its body arrive (or when the card was refused): "Loading…" or the refusal, nothing to press.
    if (!card || !body) return html`<article part="card" aria-busy="true"><span part="avatar"></span>${this.loaded(card && body, () => nothing)}${this.errorAlert()}</article>`;
    return body.renderCard({
      t: this.t, card, avatar: this.avatar, chat: card.conversationId ?? this.started, blocked: this.#blocked.value,
      onlineOnly: this.onlineOnly, busy: this.busy, error: this.errorAlert(), start: () => this.#start(),
    });
  }
}
