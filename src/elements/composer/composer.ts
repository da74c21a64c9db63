import { VolleyAttachmentPicker } from '../attachment-picker/attachment-picker.component.js';
import { define } from '../shared/define.js';
import { VolleyComposer } from './composer.component.js';

export { VolleyComposer };
export { composerStrings } from './composer.component.js';
// The composer embeds the picker: defined here by a call, not a bare import, so that no bundler
// drops it as side-effect free.
define('volley-attachment-picker', VolleyAttachmentPicker);
define('volley-composer', VolleyComposer);

declare global {
  interface HTMLElementTagNameMap {
    'volley-composer': VolleyComposer;
    'volley-attachment-picker': VolleyAttachmentPicker;
  }
}
