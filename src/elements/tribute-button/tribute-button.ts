import { define } from '../shared/define.js';
import { VolleyTributeButton } from './tribute-button.component.js';

export { VolleyTributeButton };
export { tributeButtonStrings } from './tribute-button.strings.js';
define('volley-tribute-button', VolleyTributeButton);

declare global {
  interface HTMLElementTagNameMap {
    'volley-tribute-button': VolleyTributeButton;
  }
}
