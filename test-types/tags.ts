// Type-level test, checked by `npm run typecheck`: every tag a define file registers is in
// HTMLElementTagNameMap with its own class. test-node/package.test.ts checks that this list holds
// every tag of src/elements/*/<name>.ts.
import type {
  VolleyAttachmentPicker, VolleyCareStats, VolleyChat, VolleyChatCard, VolleyComposer, VolleyFeed, VolleyGearMenu, VolleyInbox,
  VolleyIncoming, VolleyLauncher, VolleyProviderSettings, VolleyThread, VolleyTributeButton,
} from '../src/elements/index.js';

/** Compiles only when `tag` maps to exactly `Element` (each assignable to the other). */
function mapped<K extends keyof HTMLElementTagNameMap, E>(tag: K, ..._exact: [E] extends [HTMLElementTagNameMap[K]] ? ([HTMLElementTagNameMap[K]] extends [E] ? [] : [never]) : [never]): K {
  return tag;
}

export const TAGS = [
  mapped<'volley-attachment-picker', VolleyAttachmentPicker>('volley-attachment-picker'),
  mapped<'volley-care-stats', VolleyCareStats>('volley-care-stats'),
  mapped<'volley-chat', VolleyChat>('volley-chat'),
  mapped<'volley-chat-card', VolleyChatCard>('volley-chat-card'),
  mapped<'volley-composer', VolleyComposer>('volley-composer'),
  mapped<'volley-feed', VolleyFeed>('volley-feed'),
  mapped<'volley-gear-menu', VolleyGearMenu>('volley-gear-menu'),
  mapped<'volley-inbox', VolleyInbox>('volley-inbox'),
  mapped<'volley-incoming', VolleyIncoming>('volley-incoming'),
  mapped<'volley-launcher', VolleyLauncher>('volley-launcher'),
  mapped<'volley-provider-settings', VolleyProviderSettings>('volley-provider-settings'),
  mapped<'volley-thread', VolleyThread>('volley-thread'),
  mapped<'volley-tribute-button', VolleyTributeButton>('volley-tribute-button'),
];
