import { css } from 'lit';

// The card's frame, there while it loads: avatar beside name, status and price; the note and the
// Chat button below, full width (the rest comes with its body, chat-card.body.ts).
export const chatCardStyles = css`
  :host { contain: content; max-inline-size: 22rem; }
  article {
    display: grid; grid-template-columns: auto 1fr; align-items: center; gap: var(--_gap) 12px;
    background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 12px;
  }
  p { margin: 0; }
  [part='note'], [part='chat'], .error { grid-column: 1 / -1; }
  [part='avatar'] {
    display: grid; place-items: center; inline-size: 48px; block-size: 48px; border-radius: 50%; object-fit: cover;
    background: var(--_surface); color: var(--_fg); font-weight: 600;
  }
`;
