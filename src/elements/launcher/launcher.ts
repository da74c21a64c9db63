import { define } from '../shared/define.js';
import { VolleyLauncher } from './launcher.component.js';

export { VolleyLauncher };
export { launcherStrings } from './launcher.strings.js';
define('volley-launcher', VolleyLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'volley-launcher': VolleyLauncher;
  }
}
