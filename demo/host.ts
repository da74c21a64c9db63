import type { MountOptions } from '../src/widget/options.js';
import { CATALOGS } from './catalogs.js';

/**
 * The host page (demo/host.html): one person of the demo world, as a site would mount them with the
 * script tag — a token from the site's backend (here the demo server's development endpoint), the
 * chat server's address, and `Volley.mount()`. The journey tests play the product through it.
 * Query: `user` (default cam), `surface` (`inline`, the default, or `bubble`), `with`, `open`, `theme`,
 * `wide` (a line wider than a phone: the page scrolls sideways, the visual viewport is narrower).
 */
const query = new URLSearchParams(location.search);
const user = query.get('user') ?? 'cam';

/** A fresh token for this person, and the chat server's WebSocket address. */
async function signIn(): Promise<{ token: string; url: string }> {
  const answer = await fetch(`/dev/token?user=${encodeURIComponent(user)}`, { cache: 'no-store' });
  if (!answer.ok) throw new Error(`No token for ${user}: the demo server answered ${answer.status}.`);
  return (await answer.json()) as { token: string; url: string };
}

if (query.has('wide')) document.body.prepend(Object.assign(document.createElement('pre'), { textContent: `A line wider than a phone: ${'·'.repeat(120)}` }));

const first = await signIn();
let unused: string | undefined = first.token;
const inline = query.get('surface') !== 'bubble';
const options: MountOptions = {
  transport: first.url,
  // The first connection uses the token that came with the address; each later one asks again.
  token: async () => {
    const token = unused;
    unused = undefined;
    return token ?? (await signIn()).token;
  },
  user,
  inline,
  target: inline ? '#chat' : 'body',
  with: query.get('with') ?? undefined,
  open: query.has('open'),
  theme: query.get('theme') === 'dark' ? 'dark' : undefined,
};
const mounted = await window.Volley!.mount(options);
// What the site hands a provider's composer to insert (P3, K4).
if (inline) Object.assign(mounted.element, CATALOGS);
document.body.dataset.mounted = 'true';
