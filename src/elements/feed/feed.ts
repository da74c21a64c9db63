import { define } from '../shared/define.js';
import { VolleyFeed } from './feed.component.js';

export { VolleyFeed };
define('volley-feed', VolleyFeed);

declare global {
  interface HTMLElementTagNameMap {
    'volley-feed': VolleyFeed;
  }
}
