import { ChatError } from '../model/errors.js';
import { compact } from '../model/ids.js';
import type { Availability, Conversation, Offer, ProviderStatus } from '../model/types.js';
import type { Command } from '../protocol/commands.js';
import { ID } from '../protocol/shapes.js';
import { bool, oneOf, optional, type Shape } from '../protocol/schema.js';
import { missesMakeUnavailable, nextMissStreak, offerIsOpen } from '../rules/routing.js';
import type { TimerId } from '../model/clock.js';
import { notFound, type ConversationRecord, type EngineKernel, type ResumeTimer, type UserRecord } from './records.js';

/** The commands this desk answers. */
export type RoutingCommand = Extract<Command, { type: 'claim' | 'decline' | 'pick-up' | 'set-available' | 'set-status' }>;

/** The wire shapes of those commands: the engine checks each against them before the desk runs it (E1, E2). */
export const shapes: Record<RoutingCommand['type'], Shape> = {
  claim: { offerId: ID },
  decline: { offerId: ID, goUnavailable: optional(bool) },
  'pick-up': { conversationId: ID },
  'set-available': { available: bool },
  'set-status': { status: oneOf('available', 'away', 'offline') },
};

export const open = (kernel: EngineKernel): RoutingDesk => (kernel.desks.routing ??= new RoutingDesk(kernel));

interface OfferRecord {
  id: string;
  conversationId: string;
  customer: Offer['customer'];
  expiresAt: number;
  members: Set<string>;
  declined: Set<string>;
  state: 'open' | 'claimed' | 'missed';
  claimedBy?: string;
  timer: TimerId;
}

/**
 * Team routing (T1–T5): offers with a claim countdown, claims, declines, misses, the queue and the
 * miss streak. Loaded before any command when the policy routes chats, else on the first of its
 * commands: only team inboxes route.
 */
export class RoutingDesk {
  readonly #offers = new Map<string, OfferRecord>();

  constructor(private readonly kernel: EngineKernel) {}

  execute(user: UserRecord, command: RoutingCommand): unknown {
    switch (command.type) {
      case 'claim': return this.#claim(user, command.offerId);
      case 'decline': return this.#decline(user, command.offerId, command.goUnavailable === true);
      case 'pick-up': return this.#pickUp(user, command.conversationId);
      case 'set-available': return this.#setAvailability(user, command.available ? 'available' : 'away');
      case 'set-status': return this.#setAvailability(user, command.status);
    }
  }

  /** T1: a new chat is offered at once to every available member of the team. */
  route(conversation: ConversationRecord): void {
    const { kernel } = this;
    this.#forgetSettled();
    conversation.routed = true;
    const members = this.#members(conversation.providerId).filter((m) => m.status === 'available');
    if (members.length === 0) return this.#markMissed(conversation);
    const customer = kernel.user(conversation.customerId)!;
    const returning = kernel.pairConversations(customer.id, conversation.providerId).some((c) => c.id !== conversation.id && c.customerHasWritten);
    const windowMs = kernel.policyOf(conversation).routing.claimWindowMs;
    const offer: OfferRecord = {
      id: kernel.createId('o'), conversationId: conversation.id,
      customer: compact({ id: customer.id, name: customer.name, returning }),
      expiresAt: kernel.clock.now() + windowMs,
      members: new Set(members.map((m) => m.id)), declined: new Set(), state: 'open', timer: 0,
    };
    offer.timer = kernel.clock.setTimeout(() => this.#expire(offer), windowMs);
    this.#offers.set(offer.id, offer);
    for (const member of members) {
      kernel.emitTo([member.id], { type: 'offer', offer: this.#offerView(offer) });
      kernel.deliver({ userId: member.id, channel: 'in-app', kind: 'offer', conversationId: conversation.id });
    }
  }

  /** T2: the first claim wins; the others are told someone else took it. */
  #claim(user: UserRecord, offerId: string): Conversation {
    const { kernel } = this;
    const offer = this.#openable(user, offerId);
    const conversation = kernel.conversation(offer.conversationId)!;
    if (offer.state === 'claimed') {
      if (offer.claimedBy === user.id) return kernel.view(conversation, user);
      throw new ChatError('offer-taken');
    }
    if (offer.state === 'missed') throw new ChatError('offer-expired');
    if (offer.declined.has(user.id)) throw new ChatError('forbidden', 'You declined this chat.');
    this.#settle(offer, user, conversation);
    kernel.emitConversation(conversation);
    return kernel.view(conversation, user);
  }

  /**
   * T2, T4: a reply from anyone on the provider side (a member, or the provider herself) answers
   * the chat: its open offer is settled as claimed by the one who replied (the others are told
   * someone else claimed it, which is no miss), and a chat waiting in the queue leaves it. The
   * engine redraws the chat after the message.
   */
  answered(conversation: ConversationRecord, author: UserRecord): void {
    const offer = [...this.#offers.values()].find((o) => o.conversationId === conversation.id && o.state === 'open');
    if (offer) this.#settle(offer, author, conversation);
    else if (conversation.queued) {
      conversation.queued = false;
      conversation.ownerId ??= author.id;
    }
  }

  /** T2: the offer is claimed by `user`; each member who did not decline is told by whom. */
  #settle(offer: OfferRecord, user: UserRecord, conversation: ConversationRecord): void {
    const { kernel } = this;
    offer.state = 'claimed';
    offer.claimedBy = user.id;
    kernel.clock.clearTimeout(offer.timer);
    if (offer.members.has(user.id)) user.missStreak = nextMissStreak(user.missStreak, 'claimed');
    conversation.ownerId = user.id;
    conversation.queued = false;
    for (const member of offer.members) {
      if (offer.declined.has(member)) continue;
      const reason = member === user.id ? 'claimed' : 'claimed-by-other';
      kernel.emitTo([member], { type: 'offer-closed', offerId: offer.id, conversationId: conversation.id, reason, claimedBy: user.id });
    }
  }

  /** T3: decline and stay available, or decline and go unavailable. Either resets the miss streak. */
  #decline(user: UserRecord, offerId: string, goUnavailable: boolean): null {
    const offer = this.#openable(user, offerId);
    if (offer.state === 'claimed') throw new ChatError('offer-taken');
    if (offer.state === 'missed') throw new ChatError('offer-expired');
    if (offer.declined.has(user.id)) return null;
    offer.declined.add(user.id);
    user.missStreak = nextMissStreak(user.missStreak, 'declined');
    this.kernel.emitTo([user.id], { type: 'offer-closed', offerId: offer.id, conversationId: offer.conversationId, reason: 'declined' });
    if (goUnavailable) this.setStatus(user, 'away', 'declined');
    // Everyone said no: the chat is missed now rather than at the deadline.
    if (offer.declined.size === offer.members.size) this.#expire(offer);
    return null;
  }

  /** T4: a member picks a missed chat up from the team queue. */
  #pickUp(user: UserRecord, conversationId: string): Conversation {
    const { kernel } = this;
    const conversation = kernel.visible(user, conversationId);
    if (user.role === 'customer') throw new ChatError('forbidden');
    if (!conversation.queued) {
      if (conversation.ownerId === user.id) return kernel.view(conversation, user);
      throw new ChatError('offer-taken');
    }
    conversation.queued = false;
    conversation.ownerId = user.id;
    kernel.emitConversation(conversation);
    return kernel.view(conversation, user);
  }

  #setAvailability(user: UserRecord, status: ProviderStatus): Availability {
    if (user.role === 'customer') throw new ChatError('forbidden', 'Only team members have an availability.');
    this.setStatus(user, status);
    return this.kernel.availabilityOf(user);
  }

  /**
   * T1, T5, P10: status and routing availability are one state. "Go available" resets the streak
   * and joins the offers still open; customers who read the party's card see the change.
   */
  setStatus(user: UserRecord, status: ProviderStatus, reason?: Availability['reason']): void {
    const available = status === 'available';
    const changed = user.status !== status || user.unavailableReason !== reason;
    user.status = status;
    user.unavailableReason = available ? undefined : reason;
    if (available) {
      user.missStreak = 0;
      this.#joinOpenOffers(user);
    }
    if (!changed) return;
    this.kernel.emitTo([user.id], { type: 'availability', availability: this.kernel.availabilityOf(user) });
    // P10: nobody read a card while the presence desk is not loaded: nobody to tell.
    this.kernel.desks.presence?.statusChanged(user);
  }

  /** The offers still open for a member, for the snapshot a client gets on connect. */
  openOffersFor(user: UserRecord): Offer[] {
    return [...this.#offers.values()].filter((o) => o.state === 'open' && o.members.has(user.id) && !o.declined.has(user.id)).map((o) => this.#offerView(o));
  }

  dispose(): void {
    for (const offer of this.#offers.values()) this.kernel.clock.clearTimeout(offer.timer);
  }

  exportState(): OfferRecord[] {
    return [...this.#offers.values()];
  }

  /** Open offers count down again to the same deadline, under the same countdown id. */
  restoreState(offers: OfferRecord[], resume: ResumeTimer): void {
    for (const offer of offers) {
      this.#offers.set(offer.id, offer);
      if (offer.state === 'open') offer.timer = resume(offer.timer, offer.expiresAt, () => this.#expire(offer));
    }
  }

  /**
   * Settled offers are kept for one more claim window after their deadline (a late or repeated
   * claim or decline still gets its answer), then forgotten, oldest first: what the desk holds
   * does not grow with the history of chats. Offers are kept in the order they were made.
   */
  #forgetSettled(): void {
    const now = this.kernel.clock.now();
    for (const offer of this.#offers.values()) {
      const conversation = this.kernel.conversation(offer.conversationId);
      const graceMs = conversation ? this.kernel.policyOf(conversation).routing.claimWindowMs : 0;
      if (offer.state === 'open' || offer.expiresAt + graceMs > now) break;
      this.#offers.delete(offer.id);
    }
  }

  /** An offer this member was given, settled first if its deadline has passed. */
  #openable(user: UserRecord, offerId: string): OfferRecord {
    const offer = this.#offers.get(offerId);
    if (!offer || !offer.members.has(user.id)) throw notFound('That offer');
    if (offer.state === 'open' && !offerIsOpen(offer.expiresAt, this.kernel.clock.now())) this.#expire(offer);
    return offer;
  }

  /** T4, T5: nobody claimed in time: the chat waits in the queue, and silent members count a miss. */
  #expire(offer: OfferRecord): void {
    if (offer.state !== 'open') return;
    const { kernel } = this;
    offer.state = 'missed';
    kernel.clock.clearTimeout(offer.timer);
    const conversation = kernel.conversation(offer.conversationId)!;
    for (const memberId of offer.members) {
      if (offer.declined.has(memberId)) continue;
      const member = kernel.user(memberId)!;
      kernel.emitTo([memberId], { type: 'offer-closed', offerId: offer.id, conversationId: conversation.id, reason: 'missed' });
      member.missStreak = nextMissStreak(member.missStreak, 'missed');
      if (member.status === 'available' && missesMakeUnavailable(member.missStreak, kernel.policyOf(conversation).routing)) this.setStatus(member, 'away', 'missed-in-a-row');
    }
    this.#markMissed(conversation);
  }

  #markMissed(conversation: ConversationRecord): void {
    conversation.queued = true;
    this.kernel.appendSystemNotice(conversation, 'offer-missed', 'Nobody is available right now. Your chat is waiting in the queue and will be picked up soon.');
    this.kernel.emitConversation(conversation);
  }

  /** T1: a member who becomes available while a window is open gets the offer for the time left. */
  #joinOpenOffers(user: UserRecord): void {
    for (const offer of this.#offers.values()) {
      if (offer.state !== 'open' || offer.members.has(user.id) || !offerIsOpen(offer.expiresAt, this.kernel.clock.now())) continue;
      const conversation = this.kernel.conversation(offer.conversationId)!;
      if (!this.#members(conversation.providerId).some((m) => m.id === user.id)) continue;
      offer.members.add(user.id);
      this.kernel.emitTo([user.id], { type: 'offer', offer: this.#offerView(offer) });
    }
  }

  #members(party: string): UserRecord[] {
    return this.kernel.staffOf(party).map((id) => this.kernel.user(id)!).filter((u) => u.role === 'agent' || u.role === 'admin');
  }

  #offerView(offer: OfferRecord): Offer {
    return { id: offer.id, conversationId: offer.conversationId, customer: { ...offer.customer }, offeredTo: offer.members.size, expiresAt: offer.expiresAt };
  }
}
