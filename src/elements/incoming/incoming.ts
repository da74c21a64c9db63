import { define } from '../shared/define.js';
import { VolleyIncoming } from './incoming.component.js';

export { VolleyIncoming };
define('volley-incoming', VolleyIncoming);

declare global {
  interface HTMLElementTagNameMap {
    'volley-incoming': VolleyIncoming;
  }
}
