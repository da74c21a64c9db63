import { css, html, nothing, type CSSResult } from 'lit';
import type { CustomerContext } from '../../model/types.js';
import type { chatStrings } from './chat.strings.js';

// The chat loads this module, the customer context (T6), when a member first opens a chat that
// someone took: it loads while the context itself is read. It has no effect of its own.

export const styles: CSSResult = css`
  details { flex: none; max-block-size: 30%; overflow: auto; padding: 6px 12px; border-block-end: 1px solid var(--_border); background: var(--_surface); }
  summary { cursor: pointer; }
`;

/** What the host knows of the customer (the query, the history), or nothing when it knows nothing. */
export function renderContext(t: typeof chatStrings, context?: CustomerContext) {
  return context?.query || context?.history?.length
    ? html`<details part="context" open>
        <summary>${t.context}</summary>
        ${context.query ? html`<p><strong>${t.query}:</strong> ${context.query}</p>` : nothing}
        ${context.history?.length ? html`<h3>${t.history}</h3><ul>${context.history.map((entry) => html`<li>${t.historyEntry(entry)}</li>`)}</ul>` : nothing}
      </details>`
    : nothing;
}
