import { css, html, type CSSResult } from 'lit';
import type { CommonStrings } from '../shared/strings.js';
import type { threadStrings } from './thread.strings.js';

// The thread loads this module, its confirmation dialog (deleting a message for me, taking the
// chat over to send one), when a confirmation is first asked for. It has no effect of its own.

/** What the dialog shows and calls back; the thread hands it over on each render. */
export interface DialogHost {
  t: Pick<typeof threadStrings, 'takeOver' | 'takeOverQuestion' | 'deleteQuestion' | 'deleteConfirm'> & CommonStrings;
  /** Taking the chat over from `owner` (else deleting a message). */
  overtake?: boolean;
  owner: string;
  /** The dialog closed: confirmed, or not (Cancel, Escape). */
  closed(confirmed: boolean): void;
}

export const styles: CSSResult = css`
  dialog { inline-size: 22rem; }
`;

/**
 * The modal confirmation (the thread's TopLayer opens it with `showModal()` once rendered). Its buttons close
 * it as a dialog form does, with their value as its `returnValue`; closing gives the focus back.
 */
export function renderDialog({ t, overtake, owner, closed }: DialogHost) {
  return html`<dialog part="dialog" aria-labelledby="question" @close=${(event: Event) => closed((event.target as HTMLDialogElement).returnValue === 'yes')}>
    <p id="question">${overtake ? t.takeOverQuestion(owner) : t.deleteQuestion}</p>
    <form method="dialog" class="actions">
      <button autofocus>${t.cancel}</button>
      <button class="danger" value="yes">${overtake ? t.takeOver : t.deleteConfirm}</button>
    </form>
  </dialog>`;
}
