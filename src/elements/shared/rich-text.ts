import { html, type TemplateResult } from 'lit';

// Only these schemes become links (E3); anything else, javascript: included, stays text.
const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"']+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/**
 * User text as Lit template parts: text stays text (Lit escapes it; no unsafeHTML anywhere), and
 * http(s) and mailto links become anchors that open safely in a new tab.
 */
export function richText(text: string): (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    const start = match.index!;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(html`<a href=${url} target="_blank" rel="noopener noreferrer" part="link">${url}</a>`);
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
