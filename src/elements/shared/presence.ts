import { css, html } from 'lit';
import type { ChatClient } from '../../client/client.js';
import type { ProviderStatus } from '../../model/types.js';

/** A provider's status as the customer reads it (the inbox's dots, the thread's line): replaceable like every string. */
export const presenceStrings = {
  presence: { available: 'Available', away: 'Away', offline: 'Offline' } as Record<ProviderStatus, string>,
};

/** The parties whose card each client asked for: once per party, then `state.cards` follows it live. */
const asked = new WeakMap<ChatClient, Set<string>>();

/** P10: reads a provider's (or team's) card once per client, so its status shows and stays live. */
export function watchCard(client: ChatClient, partyId: string): void {
  let ids = asked.get(client);
  if (!ids) asked.set(client, (ids = new Set()));
  if (ids.has(partyId) || client.state.cards[partyId]) return;
  ids.add(partyId);
  client.providerCard(partyId).catch(() => undefined);
}

/** A status dot: filled when available, a ring when not (so it is not told by colour alone). */
export const presenceDot = (status: ProviderStatus, label: string) =>
  html`<span part="presence" class="presence ${status}" role="img" aria-label=${label} title=${label}></span>`;

/** The status dots, and the inbox's unread dot (class dot) drawn as they are. */
export const presenceStyles = css`
  .presence, .dot { display: inline-block; inline-size: 10px; block-size: 10px; border-radius: 50%; flex: none; border: 2px solid var(--_muted); }
  .presence.available { background: var(--_success); border-color: var(--_success); }
  .presence.away { border-color: var(--volley-away, #9a6700); }
`;
