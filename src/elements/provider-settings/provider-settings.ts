import { define } from '../shared/define.js';
import { VolleyProviderSettings } from './provider-settings.component.js';

export { VolleyProviderSettings };
export { providerSettingsStrings } from './provider-settings.strings.js';
define('volley-provider-settings', VolleyProviderSettings);

declare global {
  interface HTMLElementTagNameMap {
    'volley-provider-settings': VolleyProviderSettings;
  }
}
