import { ChatError } from '../model/errors.js';
import type { Notification } from '../model/notification.js';

/** A charge the engine asks the host to make. Resolve to accept, reject to decline. */
export interface Charge {
  reason: 'volley' | 'tribute' | 'purchase';
  payerId: string;
  payeeId: string;
  amountCents: number;
  conversationId: string;
  messageId?: string;
}

export interface PaymentsAdapter {
  charge(charge: Charge): Promise<void>;
}

/**
 * The default adapter: in-memory balances for the demo and tests. Payers without a balance set
 * have unlimited credit; a payer whose balance is set is declined when it would go negative.
 */
export class MemoryPayments implements PaymentsAdapter {
  readonly charges: Charge[] = [];
  private balances = new Map<string, number>();

  setBalance(userId: string, cents: number): void {
    this.balances.set(userId, cents);
  }

  balanceOf(userId: string): number | undefined {
    return this.balances.get(userId);
  }

  earnings(userId: string): number {
    return this.charges.filter((c) => c.payeeId === userId).reduce((sum, c) => sum + c.amountCents, 0);
  }

  async charge(charge: Charge): Promise<void> {
    // Volleys are the platform's payout to the provider, not a debit of the customer's balance.
    if (charge.reason !== 'volley') {
      const balance = this.balances.get(charge.payerId);
      if (balance !== undefined) {
        if (balance < charge.amountCents) throw new ChatError('payment-declined', 'Not enough credit for this payment.');
        this.balances.set(charge.payerId, balance - charge.amountCents);
      }
    }
    this.charges.push({ ...charge });
  }
}

export type { Notification, NotificationChannel } from '../model/notification.js';

export interface Notifier {
  notify(notification: Notification): void;
}

/** Keeps what it is told: the default, handy for tests and the demo. */
export class MemoryNotifier implements Notifier {
  readonly sent: Notification[] = [];
  notify(notification: Notification): void {
    this.sent.push(notification);
  }
}

/** K4, T6: what the host knows about a customer beyond the chat (coupons redeemed, orders …). */
export interface HistoryAdapter {
  engagementHistory(customerId: string, providerId: string): Promise<unknown[]> | unknown[];
  /** T6: what the customer came for and their (shopping) history, for the member who took the chat. */
  context?(customerId: string, conversationId: string): Promise<{ query?: string; history?: unknown[] }> | { query?: string; history?: unknown[] };
}
