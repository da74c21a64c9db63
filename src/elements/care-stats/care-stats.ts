import { define } from '../shared/define.js';
import { VolleyCareStats } from './care-stats.component.js';

export { VolleyCareStats };
define('volley-care-stats', VolleyCareStats);

declare global {
  interface HTMLElementTagNameMap {
    'volley-care-stats': VolleyCareStats;
  }
}
