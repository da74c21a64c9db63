import { expect, fixture, html } from '@open-wc/testing';
import { isChatError } from '../src/index.js';
import type { VolleyLauncher } from '../src/elements/launcher/launcher.js';
import { demoWorld } from '../src/widget/demo-world.js';
import { install } from '../src/widget/loader.js';
import { optionsFromDataset, type Mounted, type WidgetModule } from '../src/widget/options.js';
import * as widget from '../src/widget/widget.js';
import { ChatClient, LocalTransport } from '../src/index.js';
import { makeWorld, until } from './helpers.js';

/** A script tag as a host writes it (not inserted: nothing is fetched), with its data-attributes. */
function scriptTag(data: Record<string, string>, src = 'https://cdn.example/assets/volley.js'): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = src;
  Object.assign(script.dataset, data);
  return script;
}

/** The loader's import, counted: what the real script does with `import()`. */
function loader() {
  const urls: string[] = [];
  const load = async (url: string): Promise<WidgetModule> => {
    urls.push(url);
    return widget;
  };
  return { urls, load };
}

const launchers = () => document.querySelectorAll('volley-launcher');
const chatText = (launcher: Element) => {
  const chat = launcher.shadowRoot?.querySelector('volley-chat');
  return chat?.shadowRoot?.querySelector('volley-thread')?.shadowRoot?.textContent ?? '';
};
const mounts: Mounted[] = [];
const keep = (mounted: Mounted) => (mounts.push(mounted), mounted);

describe('the script tag (dist/volley.js)', () => {
  afterEach(async () => {
    mounts.splice(0).forEach((mounted) => mounted.unmount());
    await window.Volley?.ready?.then((mounted) => mounted.unmount(), () => undefined);
    delete window.Volley;
  });

  it('mounts a launcher from its data-attributes, with no other code, onto a live chat', async () => {
    const { urls, load } = loader();
    const api = install(scriptTag({ user: 'cam', name: 'Cam', with: 'ivy', theme: 'dark', position: 'start' }), load);
    expect(window.Volley).to.equal(api);
    const mounted = await api.ready!;
    // The elements come from beside the script, whatever page includes it.
    expect(urls).to.deep.equal(['https://cdn.example/assets/volley/widget.js']);
    expect(launchers().length).to.equal(1);
    const launcher = mounted.element as VolleyLauncher;
    expect([launcher.theme, launcher.position, mounted.client.state.me?.id, mounted.client.state.me?.name]).to.deep.equal(['dark', 'start', 'cam', 'Cam']);
    // The demo world: Ivy on the other side and one earlier exchange, open in the panel.
    launcher.show();
    await until(() => chatText(launcher).includes('Are you around tonight?') && chatText(launcher).includes('until ten'));
    const header = launcher.shadowRoot!.querySelector('volley-chat')!.shadowRoot!.querySelector('header h2');
    expect(header?.textContent).to.equal('Ivy');
  });

  it('a second copy of the script keeps the first: one Volley, one launcher', async () => {
    const first = loader();
    const api = install(scriptTag({ user: 'cam' }), first.load);
    await api.ready;
    const second = loader();
    const again = install(scriptTag({ user: 'someone-else' }), second.load);
    await settleMount();
    expect(again).to.equal(api);
    expect(window.Volley).to.equal(api);
    expect(second.urls, 'the second copy loads nothing').to.deep.equal([]);
    expect(launchers().length).to.equal(1);
  });

  it('adds no global but Volley', async () => {
    const before = new Set(Object.keys(window));
    const api = install(scriptTag({}), loader().load);
    await api.ready;
    expect(Object.keys(window).filter((key) => !before.has(key))).to.deep.equal(['Volley']);
  });

  it('data-mount="manual" mounts nothing; Volley.mount({ target, inline }) puts the chat where asked', async () => {
    const { urls, load } = loader();
    const api = install(scriptTag({ mount: 'manual' }), load);
    expect(api.ready).to.equal(undefined);
    expect(urls, 'nothing loads before the first mount').to.deep.equal([]);
    const box = await fixture<HTMLElement>(html`<div id="support" style="height: 480px"></div>`);
    const mounted = keep(await api.mount({ target: '#support', inline: true, user: 'ivy', name: 'Ivy', role: 'provider' }));
    expect(mounted.element.localName).to.equal('volley-chat');
    expect(mounted.element.parentElement).to.equal(box);
    expect(launchers().length).to.equal(0);
    // A provider's demo world has a customer on the other side, whose message waits.
    await until(() => mounted.element.shadowRoot?.querySelector('header h2')?.textContent === 'Cam');
    const thread = mounted.element.shadowRoot!.querySelector('volley-thread')!;
    await until(() => thread.shadowRoot?.textContent?.includes('Are you around tonight?'));
  });

  it('data-open opens the panel at once', async () => {
    const api = install(scriptTag({ open: '' }), loader().load);
    const launcher = (await api.ready!).element as VolleyLauncher;
    await until(() => launcher.shadowRoot!.querySelector('[part~=panel]'));
    expect(launcher.isOpen).to.equal(true);
  });

  it('unmount removes the element and disconnects the client', async () => {
    const mounted = await widget.mount({});
    expect(launchers().length).to.equal(1);
    mounted.unmount();
    expect(launchers().length).to.equal(0);
    expect(mounted.client.state.connection).to.equal('closed');
  });

  it('refuses a transport it does not know, and a target that is not on the page, mounting nothing', async () => {
    for (const options of [{ transport: 'carrier-pigeon://x' }, { target: '#nowhere' }]) {
      const refusal = await widget.mount(options).then(() => null, (error: unknown) => error);
      expect(isChatError(refusal) && refusal.code, JSON.stringify(options)).to.equal('invalid');
    }
    expect(launchers().length).to.equal(0);
  });

  it('on a transport of the host, keeps drafts across mounts (persistence on by default); not on the demo engine', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const { id } = await cam.startConversation({ with: 'ivy' });
    const first = await widget.mount({ transport: new LocalTransport(world.engine, { userId: 'cam' }) });
    first.client.setDraft(id, { text: 'half a thought', attachments: [] });
    // Written once another mount reads it back.
    let again: Mounted | undefined;
    for (let i = 0; i < 50 && again?.client.state.drafts[id]?.text !== 'half a thought'; i++) {
      again?.unmount();
      again = await widget.mount({ transport: new LocalTransport(world.engine, { userId: 'cam' }) });
    }
    expect(again!.client.state.drafts[id]?.text).to.equal('half a thought');
    first.unmount();
    again!.unmount();
    const demo = await widget.mount({ user: 'cam' });
    expect(demo.client.state.drafts, 'the demo engine keeps nothing').to.deep.equal({});
    demo.unmount();
    world.dispose();
    for (const { name } of await indexedDB.databases()) if (name?.startsWith('volley:cam')) indexedDB.deleteDatabase(name);
  });

  it('on a ws:// URL, needs a token; a server out of reach mounts the chat offline, still trying', async () => {
    const refusal = await widget.mount({ transport: 'ws://127.0.0.1:9/' }).then(() => null, (error: unknown) => error);
    expect(isChatError(refusal) && refusal.code).to.equal('invalid');
    expect(launchers().length).to.equal(0);
    const offline = keep(await widget.mount({ transport: 'ws://127.0.0.1:9/', token: 'signed-by-the-host', persist: false }));
    expect(launchers().length).to.equal(1);
    expect(offline.client.state.me, 'no snapshot from a server never reached').to.equal(null);
  });

  it('reads every option from data-attributes; "false", "off", "no" and "0" turn a flag off', () => {
    const options = optionsFromDataset(scriptTag({
      user: 'u1', name: 'Una', role: 'provider', with: 'team-1', transport: 'wss://chat.example/v1', token: 't0k', theme: 'dark', position: 'start',
      target: '#chat', conversation: 'c1', persist: 'off', open: '', inline: 'false',
    }).dataset);
    expect(options).to.deep.equal({
      user: 'u1', name: 'Una', role: 'provider', with: 'team-1', transport: 'wss://chat.example/v1', token: 't0k', theme: 'dark', position: 'start',
      target: '#chat', conversationId: 'c1', persist: false, open: true, inline: false,
    });
    expect(optionsFromDataset({}).persist, 'not given: the default').to.equal(undefined);
  });
});

describe('the demo world', () => {
  it('has the other side answer each new message', async () => {
    const world = await demoWorld({ id: 'cam', role: 'customer', name: 'Cam' }, 'ivy', 0);
    const client = new ChatClient({ transport: world.transport });
    await client.connect();
    await client.send(world.conversationId, { kind: 'text', text: 'One more thing' });
    await until(() => client.state.messages[world.conversationId]?.length === 4);
    const last = client.state.messages[world.conversationId].at(-1)!;
    expect([last.authorId, last.volley]).to.deep.equal(['ivy', true]);
    client.disconnect();
    world.dispose();
  });
});

/** Lets a mount the second copy might have started land. */
async function settleMount(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
