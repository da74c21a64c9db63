/**
 * volley-chat/elements: defines every Volley element (each only if its tag is free) and exports
 * their classes and events. To define one element alone, import `volley-chat/elements/<name>.js`.
 * @packageDocumentation
 */
export * from './attachment-picker/attachment-picker.js';
export * from './care-stats/care-stats.js';
export * from './chat/chat.js';
export * from './chat-card/chat-card.js';
export * from './composer/composer.js';
export * from './feed/feed.js';
export * from './gear-menu/gear-menu.js';
export * from './inbox/inbox.js';
export * from './incoming/incoming.js';
export * from './launcher/launcher.js';
export * from './provider-settings/provider-settings.js';
export * from './thread/thread.js';
export * from './tribute-button/tribute-button.js';
export * from './events/events.js';
export { clientContext } from './shared/context.js';
export { StoreController } from './shared/store-controller.js';
export { VolleyElement } from './shared/volley-element.js';
export { commonStrings, type CommonStrings } from './shared/strings.js';
