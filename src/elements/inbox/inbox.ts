import { define } from '../shared/define.js';
import { VolleyInbox } from './inbox.component.js';

export { VolleyInbox };
define('volley-inbox', VolleyInbox);

declare global {
  interface HTMLElementTagNameMap {
    'volley-inbox': VolleyInbox;
  }
}
