import { define } from '../shared/define.js';
import { VolleyLauncher } from './launcher.component.js';

export { VolleyLauncher };
define('volley-launcher', VolleyLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'volley-launcher': VolleyLauncher;
  }
}
