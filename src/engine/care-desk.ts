import { ChatError } from '../model/errors.js';
import type { CareAnalytics, Conversation } from '../model/types.js';
import type { Command } from '../protocol/commands.js';
import { ID } from '../protocol/shapes.js';
import { bool, int, optional, type Shape } from '../protocol/schema.js';
import { careAnalytics, type CareLogEntry } from '../rules/analytics.js';
import { nextCareStatus, ownershipRefusal } from '../rules/care.js';
import type { ConversationRecord, EngineKernel, Side, UserRecord } from './records.js';

/** The commands this desk answers; the engine loads it on the first of them. */
export type CareCommand = Extract<Command, { type: 'finish' | 'set-chat-enabled' | 'analytics' }>;

/** The wire shapes of those commands: the engine checks each against them before the desk runs it (E1, E2). */
export const shapes: Record<CareCommand['type'], Shape> = {
  finish: { conversationId: ID },
  'set-chat-enabled': { channelId: ID, enabled: bool },
  analytics: { windowMs: optional(int(1, 366 * 24 * 3600 * 1000)) },
};

export const open = (kernel: EngineKernel): CareDesk => (kernel.desks.care ??= new CareDesk(kernel));

/**
 * Customer care (K1–K5): chat statuses and ownership, finishing, the two-way switch and the
 * analytics. Loaded before any command when the policy runs care, else on the first of its
 * commands: only a channel's care team uses it.
 */
export class CareDesk {
  /** K5: what happened in each party's care chats, for the analytics. */
  readonly #log = new Map<string, CareLogEntry[]>();

  constructor(private readonly kernel: EngineKernel) {}

  exportState(): Map<string, CareLogEntry[]> {
    return this.#log;
  }

  restoreState(log: Map<string, CareLogEntry[]>): void {
    for (const [party, entries] of log) this.#log.set(party, entries);
  }

  execute(user: UserRecord, command: CareCommand): unknown {
    switch (command.type) {
      case 'finish': return this.#finish(user, command.conversationId);
      case 'set-chat-enabled': return this.#setChatEnabled(user, command.channelId, command.enabled);
      case 'analytics': return this.#analytics(user, command.windowMs);
    }
  }

  /** K3: an agent writes in a chat another agent owns only with an explicit overtake. */
  checkOwnership(conversation: ConversationRecord, user: UserRecord, overtake: boolean): void {
    const refusal = ownershipRefusal(conversation.status, conversation.ownerId, user.id, overtake);
    if (refusal) throw new ChatError(refusal);
  }

  /** K2, K5: a follower's message makes the chat wait; an agent's reply takes it and ends the wait. */
  afterMessage(conversation: ConversationRecord, author: UserRecord, side: Side, now: number): void {
    if (side === 'customer') {
      if (conversation.status === 'finished') conversation.ownerId = undefined;
      conversation.status = nextCareStatus(conversation.status, 'follower-message');
      conversation.waitingSince ??= now;
      return;
    }
    if (conversation.status !== 'active') conversation.takenAt = now;
    // K3: an overtake (the only way to write in an active chat someone else owns) is told in the chat, by name.
    const from = conversation.status === 'active' && conversation.ownerId !== author.id ? conversation.ownerId : undefined;
    conversation.status = nextCareStatus(conversation.status, 'agent-message');
    conversation.ownerId = author.id;
    if (from) {
      const name = (id: string) => this.kernel.user(id)?.name ?? 'Someone';
      this.kernel.appendSystemNotice(conversation, 'taken-over', `${name(author.id)} took this chat over from ${name(from)}.`, { by: author.id, from });
    }
    if (conversation.waitingSince !== undefined) {
      this.#record(conversation, { type: 'reply', conversationId: conversation.id, at: now, waitMs: now - conversation.waitingSince });
      conversation.waitingSince = undefined;
    }
  }

  #finish(user: UserRecord, conversationId: string): Conversation {
    const { kernel } = this;
    const conversation = kernel.visible(user, conversationId);
    if (!kernel.policyOf(conversation).care.enabled || user.role === 'customer') throw new ChatError('forbidden');
    if (conversation.status !== 'active') throw new ChatError('invalid', 'Only an active chat can be finished.');
    if (conversation.ownerId !== user.id && user.role !== 'admin') throw new ChatError('owned-by-other');
    const now = kernel.clock.now();
    conversation.status = nextCareStatus(conversation.status, 'finish');
    // K5: finishing ends any wait; a follower who writes again starts a new one from that message.
    conversation.waitingSince = undefined;
    this.#record(conversation, { type: 'finished', conversationId: conversation.id, at: now, handlingMs: now - (conversation.takenAt ?? now) });
    kernel.appendSystemNotice(conversation, 'chat-finished', 'This chat was finished.');
    kernel.emitConversation(conversation);
    return kernel.view(conversation, user);
  }

  /** K1: an admin (or the channel itself) switches two-way chat; followers then cannot send. */
  #setChatEnabled(user: UserRecord, channel: string, enabled: boolean): boolean {
    const { kernel } = this;
    if (!(user.role === 'admin' || user.role === 'provider') || !kernel.partiesOf(user).includes(channel)) {
      throw new ChatError('forbidden', 'Only an admin of this channel can switch chat on or off.');
    }
    kernel.chatEnabled.set(channel, enabled);
    const conversations = kernel.conversationsOf(channel);
    kernel.emitTo(new Set([...kernel.staffOf(channel), ...conversations.map((c) => c.customerId)]), { type: 'chat-enabled', channelId: channel, enabled });
    for (const conversation of conversations) kernel.emitConversation(conversation);
    return enabled;
  }

  #analytics(user: UserRecord, windowMs = this.kernel.policyOfUser(user).care.analyticsWindowMs): CareAnalytics {
    const { kernel } = this;
    const parties = kernel.partiesOf(user);
    if (parties.length === 0) throw new ChatError('forbidden');
    // Every party the member acts for: chats started with the provider and with its team alike.
    const active = new Set(parties.flatMap((party) => kernel.conversationsOf(party)).filter((c) => c.status === 'active')).size;
    return careAnalytics(parties.flatMap((party) => this.#log.get(party) ?? []), active, kernel.clock.now(), windowMs);
  }

  #record(conversation: ConversationRecord, entry: CareLogEntry): void {
    const log = this.#log.get(conversation.providerId);
    if (log) log.push(entry);
    else this.#log.set(conversation.providerId, [entry]);
  }
}
