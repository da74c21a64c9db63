import { define } from '../shared/define.js';
import { VolleyInbox } from './inbox.component.js';

export { VolleyInbox };
export { inboxStrings } from './inbox.strings.js';
define('volley-inbox', VolleyInbox);

declare global {
  interface HTMLElementTagNameMap {
    'volley-inbox': VolleyInbox;
  }
}
