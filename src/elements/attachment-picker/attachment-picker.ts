import { define } from '../shared/define.js';
import { VolleyAttachmentPicker } from './attachment-picker.component.js';

export { VolleyAttachmentPicker };
export { attachmentPickerStrings, type Uploader, type PickedFile } from './attachment-picker.strings.js';
define('volley-attachment-picker', VolleyAttachmentPicker);

declare global {
  interface HTMLElementTagNameMap {
    'volley-attachment-picker': VolleyAttachmentPicker;
  }
}
