import { ChatError } from '../model/errors.js';
import { compact } from '../model/ids.js';
import type { ProviderCard, ProviderSettings, ProviderStatus, QuietHours } from '../model/types.js';
import type { Command } from '../protocol/commands.js';
import { ID } from '../protocol/shapes.js';
import { bool, object, oneOf, str, type Check, type Shape } from '../protocol/schema.js';
import { decideNotification, type NotificationDecision } from '../rules/notify.js';
import { quietHoursProblem, quietWindowAt, summarizeHeld } from '../rules/quiet-hours.js';
import type { Notification } from './adapters.js';
import { holdInApp } from './after-message.js';
import type { TimerId } from '../model/clock.js';
import { notFound, type EngineKernel, type ResumeTimer, type UserRecord } from './records.js';

/** The commands this desk answers; the engine loads it on the first of them. */
export type PresenceCommand = Extract<Command, { type: 'set-enrolled' | 'set-quiet-hours' | 'set-notifications' | 'settings' | 'provider-card' | 'typing' }>;

/** Quiet hours are the one field a command may set to null (to clear them): the check lives here, out of the core entry. */
const nullable = (check: Check): Check => (v) => (v === null ? null : check(v));

/** The wire shapes of those commands: the engine checks each against them before the desk runs it (E1, E2). */
export const shapes: Record<PresenceCommand['type'], Shape> = {
  'set-enrolled': { enrolled: bool },
  'set-quiet-hours': { quietHours: nullable(object({ start: str(5), end: str(5), timeZone: str(64) })) },
  'set-notifications': { notifications: object({ push: bool, email: oneOf('always', 'when-away', 'never') }) },
  settings: {},
  'provider-card': { providerId: ID },
  typing: { conversationId: ID },
};

const RANK: Record<ProviderStatus, number> = { available: 0, away: 1, offline: 2 };

/** What a card reader was last told: a change to any of it is sent again. */
const shownAs = (card: ProviderCard) => `${card.status} ${card.teamStatus} ${card.enrolled}`;

export const open = (kernel: EngineKernel): PresenceDesk => (kernel.desks.presence ??= new PresenceDesk(kernel));

/**
 * The provider side's settings and the live signals around a chat: enrolment (P8), the card
 * customers read and its real-time status (P9, P10), quiet hours (P11) and typing (P12). Loaded on
 * the first of its commands: only live workspaces and provider pages use them. The status itself
 * is one state with routing availability and changes through the routing desk.
 */
export class PresenceDesk {
  /** P10: who read each party's card (and so is told when it changes), and what they were last told. */
  readonly #watchers = new Map<string, Set<string>>();
  readonly #shown = new Map<string, string>();
  /** P12: when each user last signalled typing in each chat. */
  readonly #typedAt = new Map<string, number>();
  /** P11: the alerts held for each user inside quiet hours, and the timer at the window's end. */
  readonly #held = new Map<string, { alerts: Notification[]; timer: TimerId; dueAt: number }>();

  constructor(private readonly kernel: EngineKernel) {}

  execute(user: UserRecord, command: PresenceCommand): unknown {
    switch (command.type) {
      case 'set-enrolled': return this.#enrol(user, command.enrolled);
      case 'set-quiet-hours': return this.#setQuietHours(user, command.quietHours);
      case 'set-notifications': return this.#setNotifications(user, command.notifications);
      case 'settings': return this.#settings(this.#staff(user));
      case 'provider-card': return this.#readCard(user, command.providerId);
      case 'typing': return this.#typing(user, command.conversationId);
    }
  }

  dispose(): void {
    for (const { timer } of this.#held.values()) this.kernel.clock.clearTimeout(timer);
  }

  exportState() {
    return { watchers: this.#watchers, shown: this.#shown, typedAt: this.#typedAt, held: this.#held };
  }

  /** Held alerts wait again for the end of their window, under the same countdown id. */
  restoreState(state: ReturnType<PresenceDesk['exportState']>, resume: ResumeTimer): void {
    for (const [key, value] of state.watchers) this.#watchers.set(key, value);
    for (const [key, value] of state.shown) this.#shown.set(key, value);
    for (const [key, value] of state.typedAt) this.#typedAt.set(key, value);
    for (const [userId, held] of state.held) {
      held.timer = resume(held.timer, held.dueAt, this.#releaser(userId));
      this.#held.set(userId, held);
    }
  }

  // ---- P8 enrolment, P10 status, the card -------------------------------------------------------

  /** P8: only a provider enrols; customers then may (or may no longer) start chats with it. */
  #enrol(user: UserRecord, enrolled: boolean): ProviderSettings {
    if (user.role !== 'provider') throw new ChatError('forbidden', 'Only a provider enrols in chat.');
    if ((user.enrolled !== false) !== enrolled) {
      user.enrolled = enrolled;
      // Existing chats stay readable; their views now say why the customer cannot write.
      this.kernel.refreshParty(user.id);
      this.#tell(this.kernel.partiesOf(user));
    }
    return this.#settings(user);
  }

  /** P10: a member's status changed (routing availability is the same state): tell the card readers. */
  statusChanged(user: UserRecord): void {
    this.#tell(this.kernel.partiesOf(user));
  }

  #readCard(viewer: UserRecord, id: string): ProviderCard {
    const party = this.kernel.resolveParty(id);
    if (!party) throw notFound('That provider');
    let watchers = this.#watchers.get(party);
    if (!watchers) this.#watchers.set(party, (watchers = new Set()));
    watchers.add(viewer.id);
    const card = this.#card(viewer, party);
    this.#shown.set(party, shownAs(card));
    return card;
  }

  #card(viewer: UserRecord, party: string): ProviderCard {
    const { kernel } = this;
    const people = kernel.staffOf(party).map((id) => kernel.user(id)!);
    const named = kernel.user(party) ?? people.find((u) => u.role === 'provider');
    // A party is as reachable as its most available person; nobody at all is offline.
    const best = (of: UserRecord[]) => of.map((u) => u.status).sort((a, b) => RANK[a] - RANK[b])[0] ?? 'offline';
    // A provider with a team: her own status, and her team's (everyone else) apart.
    const own = kernel.user(party);
    const team = own && people.filter((u) => u !== own);
    const status = own && team!.length ? own.status : best(people);
    const chat = viewer.role === 'customer' ? kernel.pairConversations(viewer.id, party).find((c) => c.orderId === undefined) : undefined;
    // P1 as the party's own product has it.
    const volley = (named ? kernel.policyOfUser(named) : kernel.policy).volley;
    return compact({
      id: party, name: named?.name, status, teamStatus: team?.length ? best(team) : undefined, enrolled: own?.enrolled !== false,
      volleyCents: volley.enabled ? volley.earningsCents : undefined, conversationId: chat?.id,
    });
  }

  /** Sends the card of each party whose status or enrolment changed to everyone who read it. */
  #tell(parties: string[]): void {
    for (const party of parties) {
      const watchers = this.#watchers.get(party);
      if (!watchers) continue;
      let shown: string | undefined;
      for (const id of watchers) {
        const card = this.#card(this.kernel.user(id)!, party);
        shown ??= shownAs(card);
        if (shown === this.#shown.get(party)) break;
        this.kernel.emitTo([id], { type: 'card', card });
      }
      if (shown) this.#shown.set(party, shown);
    }
  }

  #staff(user: UserRecord): UserRecord {
    if (user.role === 'customer') throw new ChatError('forbidden', 'Only the provider side has these settings.');
    return user;
  }

  #settings(user: UserRecord): ProviderSettings {
    const { kernel } = this;
    const window = user.quietHours && quietWindowAt(user.quietHours, kernel.clock.now());
    return compact({
      // A member answers for its providers: enrolled while every one of them is.
      enrolled: kernel.partiesOf(user).every((party) => kernel.user(party)?.enrolled !== false),
      status: user.status,
      quietHours: user.quietHours ? { ...user.quietHours } : null,
      quietUntil: window ? window.end : undefined,
      notifications: { ...this.#alerts(user) },
    });
  }

  /** D3: the channels this user chose (push, and when e-mail goes out), else the policy's. */
  #alerts(user: UserRecord): ProviderSettings['notifications'] {
    return user.notifications ?? this.kernel.policy.notifications;
  }

  #setNotifications(user: UserRecord, notifications: ProviderSettings['notifications']): ProviderSettings {
    this.#staff(user).notifications = { push: notifications.push, email: notifications.email };
    return this.#settings(user);
  }

  // ---- P11 quiet hours ------------------------------------------------------------------------------

  #setQuietHours(user: UserRecord, hours: QuietHours | null): ProviderSettings {
    this.#staff(user);
    const problem = hours && quietHoursProblem(hours);
    if (problem) throw new ChatError('invalid', problem);
    user.quietHours = hours ? { start: hours.start, end: hours.end, timeZone: hours.timeZone } : undefined;
    // Alerts already held follow the new window: out now if it no longer covers this moment.
    this.#release(user);
    return this.#settings(user);
  }

  /**
   * P11 with D3: the alerts `decision` lets through for one message are held when the recipient
   * is inside quiet hours (the message itself is delivered as always). True when held.
   */
  hold(user: UserRecord, decision: NotificationDecision, alert: Omit<Notification, 'channel'>): boolean {
    const { clock } = this.kernel;
    const window = user.quietHours && quietWindowAt(user.quietHours, clock.now());
    if (!window) return false;
    let held = this.#held.get(user.id);
    if (!held) this.#held.set(user.id, (held = { alerts: [], timer: clock.setTimeout(this.#releaser(user.id), window.end - clock.now()), dueAt: window.end }));
    held.alerts.push({ ...alert, channel: 'in-app' });
    if (decision.push) held.alerts.push({ ...alert, channel: 'push' });
    if (decision.email) held.alerts.push({ ...alert, channel: 'email' });
    return true;
  }

  /** The countdown's callback reads the user's record when it fires (a host's upsert replaces the record). */
  #releaser(userId: string): () => void {
    return () => this.#release(this.kernel.user(userId)!);
  }

  /**
   * At the window's end the held alerts go out as one summary per channel, on the channels the
   * D3 rules allow at that moment (an in-app summary waits for a live session to end).
   */
  #release(user: UserRecord): void {
    const { kernel } = this;
    const held = this.#held.get(user.id);
    if (!held) return;
    kernel.clock.clearTimeout(held.timer);
    const now = kernel.clock.now();
    const window = user.quietHours && quietWindowAt(user.quietHours, now);
    if (window) {
      held.timer = kernel.clock.setTimeout(this.#releaser(user.id), window.end - now);
      held.dueAt = window.end;
      return;
    }
    this.#held.delete(user.id);
    const decision = decideNotification(user.presence, this.#alerts(user));
    for (const summary of summarizeHeld(held.alerts)) {
      if (summary.channel === 'in-app') {
        if (decision.inApp === 'hold') holdInApp(kernel, summary);
        else kernel.deliver(summary);
      } else if (summary.channel === 'push' ? decision.push : decision.email) kernel.deliver(summary);
    }
  }

  // ---- P12 typing -------------------------------------------------------------------------

  /** P12: tells the others in the chat, at most once per `typing.throttleMs` per user and chat. */
  #typing(user: UserRecord, conversationId: string): null {
    const { kernel } = this;
    const conversation = kernel.visible(user, conversationId);
    // Who may not write here does not seem to be writing either.
    const refusal = kernel.view(conversation, user).refusal;
    if (refusal) throw new ChatError(refusal);
    const now = kernel.clock.now();
    const key = `${conversation.id}\u0000${user.id}`;
    const { throttleMs, ttlMs } = kernel.policy.typing;
    if (now - (this.#typedAt.get(key) ?? -Infinity) < throttleMs) return null;
    this.#typedAt.set(key, now);
    const others = [conversation.customerId, ...kernel.staffOf(conversation.providerId)].filter((id) => id !== user.id);
    kernel.emitTo(others, { type: 'typing', conversationId: conversation.id, userId: user.id, expiresAt: now + ttlMs });
    return null;
  }
}
