import { define } from '../shared/define.js';
import { VolleyThread } from './thread.component.js';

export { VolleyThread };
export { threadStrings } from './thread.strings.js';
define('volley-thread', VolleyThread);

declare global {
  interface HTMLElementTagNameMap {
    'volley-thread': VolleyThread;
  }
}
