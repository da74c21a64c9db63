import type { MountOptions } from '../src/widget/options.js';
import { CATALOGS } from './catalogs.js';

/**
 * The host page (demo/host.html): one person of the demo world, as a site would mount them with the
 * script tag — a token from the site's backend (here the demo server's development endpoint), the
 * chat server's address, and `Volley.mount()`. The journey tests play the product through it.
 * Query: `user` (default cam), `surface` (`inline`, the default, or `bubble`), `with`, `open`, `theme`,
 * `wide` (a line wider than a phone: the page scrolls sideways, the visual viewport is narrower),
 * `card` (a provider's id: her chat card above the chat, as on a profile page), `settings` (a
 * provider's own settings panel, `volley-provider-settings`, above the chat: the script tag has none).
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
  card: query.get('card') ? { provider: query.get('card')!, target: '#card' } : undefined,
};
if (options.card || query.has('settings')) document.body.classList.add('host-extra');
const mounted = await window.Volley!.mount(options);
// What the site hands a provider's composer to insert (P3, K4).
if (inline) Object.assign(mounted.element, CATALOGS);
if (query.has('settings')) {
  // The provider's own panel on her page, on the script tag's client (its form loads on first use).
  await import('../src/elements/provider-settings/provider-settings.js');
  const settings = document.createElement('volley-provider-settings');
  settings.client = mounted.client;
  document.querySelector('#settings')!.append(settings);
}
document.body.dataset.mounted = 'true';
