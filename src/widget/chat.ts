/**
 * The script tag's `volley-chat` (the build puts it where the elements import
 * `elements/chat/chat.js`: the launcher's panel and an inline mount): the chat with the elements
 * every user sees (the list, the thread, the composer, the menu). Those only some people see load
 * when the chat first shows them (the tag upgrades once defined): the incoming offers (team
 * members on a routed party), the feed and the care figures (their tabs) and the tribute button
 * (a paid chat's customer). A customer's panel opens without them.
 */
import { VolleyChat } from '../elements/chat/chat.component.js';
import { define } from '../elements/shared/define.js';
import '../elements/composer/composer.js';
import '../elements/gear-menu/gear-menu.js';
import '../elements/inbox/inbox.js';
import '../elements/thread/thread.js';

const onFirstShowing: Record<string, () => Promise<unknown>> = {
  'volley-incoming': () => import('../elements/incoming/incoming.js'),
  'volley-feed': () => import('../elements/feed/feed.js'),
  'volley-care-stats': () => import('../elements/care-stats/care-stats.js'),
  'volley-tribute-button': () => import('../elements/tribute-button/tribute-button.js'),
};

VolleyChat.addInitializer((chat) => chat.addController({
  hostUpdated() {
    for (const [tag, load] of Object.entries(onFirstShowing)) {
      // The browser imports a module once; a failed load is tried again on the next update.
      if (!customElements.get(tag) && chat.renderRoot.querySelector(tag)) load().catch(() => undefined);
    }
  },
}));

export { VolleyChat };
define('volley-chat', VolleyChat);
