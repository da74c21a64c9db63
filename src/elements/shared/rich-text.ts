import { html, type TemplateResult } from 'lit';

// Only these schemes become links (E3); anything else, javascript: included, stays text.
const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"']+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/**
 * `url` when it may become a link: absolute http(s) only, or also a blob: URL of this page when
 * `media` (attachment previews). Anything else (javascript:, data:, relative) gives undefined.
 */
export const safeUrl = (url?: string, media = false): string | undefined =>
  url && (media ? /^(?:https?:\/\/|blob:)/i : /^https?:\/\//i).test(url) ? url : undefined;

/** A link that opens in a new tab without access to this page; `url` must be safe (`safeUrl`). */
export const externalLink = (url: string, text: unknown) => html`<a href=${url} target="_blank" rel="noopener noreferrer" part="link">${text}</a>`;

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
    parts.push(externalLink(url, url));
    last = start + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
