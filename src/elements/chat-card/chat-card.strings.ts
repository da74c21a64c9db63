import type { ProviderStatus } from '../../model/types.js';
import { presenceStrings } from '../shared/presence.js';

export const chatCardStrings = {
  ...presenceStrings,
  /** P10: a provider with a team, beside her own status when the two differ ("Away · their team is available"). */
  teamPresence: { available: 'their team is available', away: 'their team is away', offline: 'their team is offline' } as Record<ProviderStatus, string>,
  /** P1: what each answered message costs, when the policy has volleys. */
  perReply: (price: string) => `${price} per reply`,
  startChat: (name: string) => `Chat with ${name}`,
  openChat: (name: string) => `Open your chat with ${name}`,
  /** Offline, and the host still lets customers write (the default). */
  offlineNote: (name: string) => `${name} is offline and will reply later.`,
  /** Offline, and the host set `online-only`. */
  offlineClosed: (name: string) => `${name} is offline: try again later.`,
  notEnrolled: (name: string) => `${name} is not taking chats.`,
  cardBlocked: (name: string) => `Messaging with ${name} is blocked.`,
};
