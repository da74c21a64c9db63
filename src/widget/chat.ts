/**
 * The script tag's `volley-chat` (the build puts it where the elements import
 * `elements/chat/chat.js`: the launcher's panel and an inline mount): the chat with the elements
 * an open chat shows (the thread, the composer, the menu). The others load when the chat first
 * shows them (the tag upgrades once defined): the chat list (hidden beside an open chat in a
 * narrow panel, the launcher's, until Back), the incoming offers (team members on a routed
 * party), the feed and the care figures (their tabs) and the tribute button (a paid chat's
 * customer). A customer's panel opens onto their chat without them.
 */
import { VolleyChat } from '../elements/chat/chat.component.js';
import { define } from '../elements/shared/define.js';
import '../elements/composer/composer.js';
import '../elements/gear-menu/gear-menu.js';
import '../elements/thread/thread.js';

const onFirstShowing: Record<string, () => Promise<unknown>> = {
  'volley-inbox': () => import('../elements/inbox/inbox.js'),
  'volley-incoming': () => import('../elements/incoming/incoming.js'),
  'volley-feed': () => import('../elements/feed/feed.js'),
  'volley-care-stats': () => import('../elements/care-stats/care-stats.js'),
  'volley-tribute-button': () => import('../elements/tribute-button/tribute-button.js'),
};

/** Loads the modules of the elements the chat shows (rendered, and not in a hidden pane) and the page has not defined yet. */
function defineShown(chat: VolleyChat): void {
  for (const [tag, load] of Object.entries(onFirstShowing)) {
    const element = customElements.get(tag) ? null : chat.renderRoot?.querySelector(tag);
    // The browser imports a module once; a failed load is tried again on the next update.
    if (element && (element.checkVisibility?.() ?? true)) load().catch(() => undefined);
  }
}

VolleyChat.addInitializer((chat) => {
  // A wider chat shows the list beside the open chat (a container query, no update of its own).
  const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(() => defineShown(chat as VolleyChat)) : undefined;
  chat.addController({
    hostConnected: () => resized?.observe(chat),
    hostDisconnected: () => resized?.disconnect(),
    hostUpdated: () => defineShown(chat as VolleyChat),
  });
});

export { VolleyChat };
define('volley-chat', VolleyChat);
