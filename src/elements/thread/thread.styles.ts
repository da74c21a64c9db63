import { css } from 'lit';

// One rule per line: Lit's css`` text ships as written, so indentation, line breaks and comments count.
// .typing keeps its line when empty, so the messages do not jump when someone starts typing.
// .log: the thread keeps the reader's place itself (no scroll anchoring by the browser); rows' offsets are from the log.
export const threadStyles = css`
:host { display: flex; flex-direction: column; block-size: 100%; min-block-size: 10rem; position: relative; background: var(--_bg); contain: content; }
.log { flex: 1 1 auto; min-block-size: 0; overflow-y: auto; overscroll-behavior: contain; overflow-anchor: none; position: relative; }
.log:focus-visible { outline-offset: -2px; }
.row { padding: 2px 12px; display: flex; flex-direction: column; align-items: flex-start; }
.mine { align-items: flex-end; }
.system { align-items: center; }
.day, .meta { color: var(--_muted); font-size: 0.8em; }
.day { align-self: stretch; text-align: center; margin-block: 10px 4px; }
.meta { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-block-start: 6px; }
.meta button { min-block-size: 24px; padding: 0 8px; }
.delete { opacity: 0; }
.row:hover .delete, .delete:focus-visible { opacity: 1; }
@media (hover: none) { .delete { opacity: 1; } }
.bubble { max-inline-size: min(80%, 36rem); padding: 7px 11px; border-radius: var(--_radius); background: var(--_theirs); color: var(--_theirs-fg); white-space: pre-wrap; overflow-wrap: anywhere; }
.mine .bubble { background: var(--_mine); color: var(--_mine-fg); }
.mine .bubble a:not(.file) { color: inherit; }
.failed .bubble { outline: 2px dashed var(--_danger); outline-offset: 1px; }
.volley { font-weight: 700; font-size: 0.9em; padding-inline: 5px; background: var(--_success); color: var(--_accent-fg); }
.volley, .notice, .jump { border-radius: 999px; }
.notice { max-inline-size: 90%; margin-block: 6px; padding: 4px 12px; background: var(--_surface); font-size: 0.85em; text-align: center; }
.tribute, .purchase { border: 1px solid var(--_success); }
.bar { display: flex; justify-content: center; padding: 6px; }
.jump { position: absolute; inset-block-end: 12px; inset-inline-end: 12px; }
.empty { margin: auto; }
p.error { margin: 6px 12px; }
.peer { display: flex; align-items: center; gap: 6px; margin: 0; padding: 6px 12px; border-block-end: 1px solid var(--_border); font-size: 0.85em; }
.typing { margin: 0; padding-inline: 12px; min-block-size: 1.4em; font-size: 0.85em; }
.receipt::before { content: '✓' / ''; margin-inline-end: 2px; }
.delivered::before, .read::before { content: '✓✓' / ''; }
.read { color: var(--_accent); }
`;
