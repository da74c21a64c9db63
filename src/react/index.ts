/**
 * volley-chat/react: every Volley element as a typed React component, through `@lit/react`.
 * Properties are props (`client`, `conversationId`, `strings`, `theme`…), every `volley-*` event
 * an `onVolley…` prop (`onVolleySend` receives a `VolleySendEvent`), and a ref is the element.
 * Importing it defines every tag (each only if it is free, and only in a browser: on a server it
 * defines nothing). React 18 or 19 is the host's own (a peer dependency).
 *
 * ```tsx
 * import { VolleyChat } from 'volley-chat/react';
 * <VolleyChat client={client} conversationId={id} onVolleySend={(event) => log(event.draft)} />
 * ```
 * React 19 users may also write the tags themselves: see {@link VolleyIntrinsicElements}.
 * @packageDocumentation
 */
import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import { define } from '../elements/shared/define.js';
import { VolleyAttachmentPicker as AttachmentPickerElement } from '../elements/attachment-picker/attachment-picker.component.js';
import { VolleyCareStats as CareStatsElement } from '../elements/care-stats/care-stats.component.js';
import { VolleyChat as ChatElement } from '../elements/chat/chat.component.js';
import { VolleyChatCard as ChatCardElement } from '../elements/chat-card/chat-card.component.js';
import { VolleyComposer as ComposerElement } from '../elements/composer/composer.component.js';
import { VolleyFeed as FeedElement } from '../elements/feed/feed.component.js';
import { VolleyGearMenu as GearMenuElement } from '../elements/gear-menu/gear-menu.component.js';
import { VolleyInbox as InboxElement } from '../elements/inbox/inbox.component.js';
import { VolleyIncoming as IncomingElement } from '../elements/incoming/incoming.component.js';
import { VolleyLauncher as LauncherElement } from '../elements/launcher/launcher.component.js';
import { VolleyProviderSettings as ProviderSettingsElement } from '../elements/provider-settings/provider-settings.component.js';
import { VolleyThread as ThreadElement } from '../elements/thread/thread.component.js';
import { VolleyTributeButton as TributeButtonElement } from '../elements/tribute-button/tribute-button.component.js';
import { eventTypes, tagEvents, type VolleyEvents, type VolleyTag, type VolleyTagEventProp } from './events.js';

export type { VolleyEventProp, VolleyEvents, VolleyTag } from './events.js';
// The JSX typings of the tags themselves (React 19), loaded with this entry's types.
export type { VolleyIntrinsicElements, VolleyElementProps } from './jsx.js';

// The tags, each only if it is free (and only in a browser): the components render them.
define('volley-attachment-picker', AttachmentPickerElement);
define('volley-care-stats', CareStatsElement);
define('volley-chat', ChatElement);
define('volley-chat-card', ChatCardElement);
define('volley-composer', ComposerElement);
define('volley-feed', FeedElement);
define('volley-gear-menu', GearMenuElement);
define('volley-inbox', InboxElement);
define('volley-incoming', IncomingElement);
define('volley-launcher', LauncherElement);
define('volley-provider-settings', ProviderSettingsElement);
define('volley-thread', ThreadElement);
define('volley-tribute-button', TributeButtonElement);

/** A tag's events as `@lit/react` takes them: prop name → typed event name. */
type Events<T extends VolleyTag> = { [P in VolleyTagEventProp<T>]: EventName<VolleyEvents[P]> };

/** The React component of one Volley element: its properties and events as props, its ref the element. */
export type VolleyComponent<I extends HTMLElement, T extends VolleyTag> = ReactWebComponent<I, Events<T>>;

function wrap<I extends HTMLElement, T extends VolleyTag>(tagName: T, elementClass: { new (): I }, displayName: string): VolleyComponent<I, T> {
  const events = Object.fromEntries(tagEvents[tagName].map((prop) => [prop, eventTypes[prop]])) as Events<T>;
  return createComponent({ react: React, tagName, elementClass, events, displayName });
}

export const VolleyAttachmentPicker = wrap('volley-attachment-picker', AttachmentPickerElement, 'VolleyAttachmentPicker');
export const VolleyCareStats = wrap('volley-care-stats', CareStatsElement, 'VolleyCareStats');
export const VolleyChat = wrap('volley-chat', ChatElement, 'VolleyChat');
export const VolleyChatCard = wrap('volley-chat-card', ChatCardElement, 'VolleyChatCard');
export const VolleyComposer = wrap('volley-composer', ComposerElement, 'VolleyComposer');
export const VolleyFeed = wrap('volley-feed', FeedElement, 'VolleyFeed');
export const VolleyGearMenu = wrap('volley-gear-menu', GearMenuElement, 'VolleyGearMenu');
export const VolleyInbox = wrap('volley-inbox', InboxElement, 'VolleyInbox');
export const VolleyIncoming = wrap('volley-incoming', IncomingElement, 'VolleyIncoming');
export const VolleyLauncher = wrap('volley-launcher', LauncherElement, 'VolleyLauncher');
export const VolleyProviderSettings = wrap('volley-provider-settings', ProviderSettingsElement, 'VolleyProviderSettings');
export const VolleyThread = wrap('volley-thread', ThreadElement, 'VolleyThread');
export const VolleyTributeButton = wrap('volley-tribute-button', TributeButtonElement, 'VolleyTributeButton');
