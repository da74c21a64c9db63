import { ChatError } from '../model/errors.js';
import type { Command } from '../protocol/commands.js';
import { ID } from '../protocol/shapes.js';
import type { Shape } from '../protocol/schema.js';
import { notFound, type EngineKernel, type UserRecord } from './records.js';

/** The commands this desk answers; the engine loads it on the first of them. */
export type BlockCommand = Extract<Command, { type: 'block' | 'unblock' }>;

/** The wire shapes of those commands: the engine checks each against them before the desk runs it (E1, E2). */
export const shapes: Record<BlockCommand['type'], Shape> = { block: { userId: ID }, unblock: { userId: ID } };

export const open = (kernel: EngineKernel): BlockDesk => (kernel.desks.block ??= new BlockDesk(kernel));

/**
 * P6: blocking works both ways (customers block parties; parties block customers); the blocker
 * keeps a list and can unblock. Loaded on the first block: until then nobody is blocked.
 */
export class BlockDesk {
  /** Who each side has blocked, by customer or party. */
  readonly #blocks = new Map<string, Set<string>>();

  constructor(private readonly kernel: EngineKernel) {}

  exportState(): Map<string, Set<string>> {
    return this.#blocks;
  }

  restoreState(blocks: Map<string, Set<string>>): void {
    for (const [key, set] of blocks) this.#blocks.set(key, set);
  }

  execute(user: UserRecord, command: BlockCommand): string[] {
    const { kernel } = this;
    const keys = this.#keys(user);
    const customer = user.role === 'customer';
    const target = customer ? kernel.resolveParty(command.userId) : kernel.user(command.userId)?.role === 'customer' ? command.userId : undefined;
    if (!target) throw notFound('That person');
    if (keys.includes(target)) throw new ChatError('invalid', 'You cannot block yourself.');
    // A member blocks for every party it acts for: the provider and its team alike.
    for (const key of keys) {
      let set = this.#blocks.get(key);
      if (!set) this.#blocks.set(key, (set = new Set()));
      if (command.type === 'block') set.add(target);
      else set.delete(target);
      if (customer) kernel.refreshPair(user.id, target);
      else kernel.refreshPair(target, key);
    }
    const list = this.blockedBy(user);
    kernel.emitTo(customer ? [user.id] : keys.flatMap((key) => kernel.staffOf(key)), { type: 'blocked', userIds: list });
    return list;
  }

  /** Everyone this user's side has blocked. */
  blockedBy(user: UserRecord): string[] {
    return [...new Set(this.#keys(user).flatMap((key) => [...(this.#blocks.get(key) ?? [])]))];
  }

  /** Whether either side of the pair blocked the other. */
  between(customerId: string, party: string): boolean {
    return Boolean(this.#blocks.get(customerId)?.has(party) || this.#blocks.get(party)?.has(customerId));
  }

  /** Who blocks for this user: a customer for itself, a member for every party it acts for. */
  #keys(user: UserRecord): string[] {
    return user.role === 'customer' ? [user.id] : this.kernel.partiesOf(user);
  }
}
