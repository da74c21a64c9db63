import { define } from '../shared/define.js';
import { VolleyCareStats } from './care-stats.component.js';

export { VolleyCareStats };
export { careStatsStrings } from './care-stats.strings.js';
define('volley-care-stats', VolleyCareStats);

declare global {
  interface HTMLElementTagNameMap {
    'volley-care-stats': VolleyCareStats;
  }
}
