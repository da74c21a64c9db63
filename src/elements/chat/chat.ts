import { define } from '../shared/define.js';
import { VolleyChat } from './chat.component.js';
// volley-chat renders these: importing it defines them too.
import '../care-stats/care-stats.js';
import '../composer/composer.js';
import '../feed/feed.js';
import '../gear-menu/gear-menu.js';
import '../inbox/inbox.js';
import '../incoming/incoming.js';
import '../thread/thread.js';
import '../tribute-button/tribute-button.js';

export { VolleyChat };
define('volley-chat', VolleyChat);

declare global {
  interface HTMLElementTagNameMap {
    'volley-chat': VolleyChat;
  }
}
