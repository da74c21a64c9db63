import { define } from '../shared/define.js';
import { VolleyGearMenu } from './gear-menu.component.js';

export { VolleyGearMenu };
define('volley-gear-menu', VolleyGearMenu);

declare global {
  interface HTMLElementTagNameMap {
    'volley-gear-menu': VolleyGearMenu;
  }
}
