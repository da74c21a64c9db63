import { define } from '../shared/define.js';
import { VolleyChatCard } from './chat-card.component.js';

export { VolleyChatCard };
export { chatCardStrings } from './chat-card.strings.js';
define('volley-chat-card', VolleyChatCard);

declare global {
  interface HTMLElementTagNameMap {
    'volley-chat-card': VolleyChatCard;
  }
}
