// The tags themselves in JSX, for React 19 (which sets a custom element's known properties as
// properties and listens to `on<event-name>` props): `<volley-chat client={client}
// onvolley-send={(event) => …} />` type-checks, with each element's properties and events.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LitElement } from 'lit';
import type { VolleyAttachmentPicker } from '../elements/attachment-picker/attachment-picker.component.js';
import type { VolleyCareStats } from '../elements/care-stats/care-stats.component.js';
import type { VolleyChat } from '../elements/chat/chat.component.js';
import type { VolleyChatCard } from '../elements/chat-card/chat-card.component.js';
import type { VolleyComposer } from '../elements/composer/composer.component.js';
import type { VolleyFeed } from '../elements/feed/feed.component.js';
import type { VolleyGearMenu } from '../elements/gear-menu/gear-menu.component.js';
import type { VolleyInbox } from '../elements/inbox/inbox.component.js';
import type { VolleyIncoming } from '../elements/incoming/incoming.component.js';
import type { VolleyLauncher } from '../elements/launcher/launcher.component.js';
import type { VolleyProviderSettings } from '../elements/provider-settings/provider-settings.component.js';
import type { VolleyThread } from '../elements/thread/thread.component.js';
import type { VolleyTributeButton } from '../elements/tribute-button/tribute-button.component.js';
import type { eventTypes, VolleyEvents, VolleyTag, VolleyTagEventProp } from './events.js';

/** An element's own public properties (not Lit's, not HTMLElement's, no methods), all optional. */
type OwnProperties<I> = { [K in keyof I as K extends keyof LitElement ? never : I[K] extends (...args: never[]) => unknown ? never : K]?: I[K] };

/** A tag's events as React 19 props: `onvolley-send` receives a `VolleySendEvent`. */
type EventProps<T extends VolleyTag> = { [P in VolleyTagEventProp<T> as `on${(typeof eventTypes)[P]}`]?: (event: VolleyEvents[P]) => void };

/** The props of a Volley tag in JSX: the HTML attributes, the element's properties and its events. */
export type VolleyElementProps<I extends HTMLElement, T extends VolleyTag> =
  Omit<DetailedHTMLProps<HTMLAttributes<I>, I>, keyof OwnProperties<I>> & OwnProperties<I> & EventProps<T>;

/** Every Volley tag in JSX. */
export interface VolleyIntrinsicElements {
  'volley-attachment-picker': VolleyElementProps<VolleyAttachmentPicker, 'volley-attachment-picker'>;
  'volley-care-stats': VolleyElementProps<VolleyCareStats, 'volley-care-stats'>;
  'volley-chat': VolleyElementProps<VolleyChat, 'volley-chat'>;
  'volley-chat-card': VolleyElementProps<VolleyChatCard, 'volley-chat-card'>;
  'volley-composer': VolleyElementProps<VolleyComposer, 'volley-composer'>;
  'volley-feed': VolleyElementProps<VolleyFeed, 'volley-feed'>;
  'volley-gear-menu': VolleyElementProps<VolleyGearMenu, 'volley-gear-menu'>;
  'volley-inbox': VolleyElementProps<VolleyInbox, 'volley-inbox'>;
  'volley-incoming': VolleyElementProps<VolleyIncoming, 'volley-incoming'>;
  'volley-launcher': VolleyElementProps<VolleyLauncher, 'volley-launcher'>;
  'volley-provider-settings': VolleyElementProps<VolleyProviderSettings, 'volley-provider-settings'>;
  'volley-thread': VolleyElementProps<VolleyThread, 'volley-thread'>;
  'volley-tribute-button': VolleyElementProps<VolleyTributeButton, 'volley-tribute-button'>;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements extends VolleyIntrinsicElements {}
  }
}
