import { define } from '../shared/define.js';
import { VolleyComposer } from './composer.component.js';
// The composer embeds the picker: importing it defines that too.
import '../attachment-picker/attachment-picker.js';

export { VolleyComposer };
export { composerStrings } from './composer.strings.js';
define('volley-composer', VolleyComposer);

declare global {
  interface HTMLElementTagNameMap {
    'volley-composer': VolleyComposer;
  }
}
