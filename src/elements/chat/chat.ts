import { define } from '../shared/define.js';
import { VolleyChat } from './chat.component.js';

export { VolleyChat };
define('volley-chat', VolleyChat);

declare global {
  interface HTMLElementTagNameMap {
    'volley-chat': VolleyChat;
  }
}
