import { expect } from '@open-wc/testing';
import type { ChatClient, Message } from '../src/index.js';
import type { VolleyAttachmentPicker } from '../src/elements/attachment-picker/attachment-picker.component.js';
import type { PersistHost, PersistPage } from './persist/page.js';
import { makeWorld, until } from './helpers.js';

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

type Frame = HTMLIFrameElement & { contentWindow: Window & { volleyPage?: PersistPage } };

let world: ReturnType<typeof makeWorld>;
let host: PersistHost;
let ivy: ChatClient;
let frames: Frame[] = [];
let runs = 0;

/** The page a frame shows now (a reload makes a new one). */
const page = (frame: Frame) => frame.contentWindow.volleyPage!;
const loaded = (frame: Frame) => new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));

/** A browser tab of Cam's: an iframe with test/persist/page.html, connected (or not, offline). */
async function openTab(name: string): Promise<Frame> {
  const frame = document.createElement('iframe') as Frame;
  frame.src = `/test/persist/page.html?tab=${name}`;
  frame.title = `tab ${name}`;
  const load = loaded(frame);
  document.body.append(frame);
  frames.push(frame);
  await load;
  await until(() => frame.contentWindow.volleyPage);
  await page(frame).ready;
  return frame;
}

/** Reloads the tab once everything it wrote has landed; resolves when the new page has connected (or failed to). */
async function reload(frame: Frame): Promise<void> {
  await page(frame).persistence.settled();
  const load = loaded(frame);
  frame.contentWindow.location.reload();
  await load;
  await until(() => frame.contentWindow.volleyPage);
  await page(frame).ready;
}

const composerOf = (frame: Frame) => page(frame).composer;
const textarea = (frame: Frame) => composerOf(frame).shadowRoot!.querySelector('textarea')!;
const picker = (frame: Frame) => composerOf(frame).shadowRoot!.querySelector('volley-attachment-picker') as VolleyAttachmentPicker;
const stateOf = (frame: Frame) => page(frame).client.state;
const pending = (frame: Frame) => (stateOf(frame).messages[host.conversationId] ?? []).filter((m) => m.status === 'pending');
const history = async (): Promise<Message[]> => world.engine.execute<'history'>('ivy', { type: 'history', conversationId: host.conversationId, limit: 500 });
const texts = (messages: readonly Message[]) => messages.map((m) => (m.kind === 'text' ? m.text : m.kind));

/** Types as a user does, in the tab's composer. */
function type(frame: Frame, value: string): void {
  const area = textarea(frame);
  area.value = value;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

describe('persistence across real reloads (volley-chat/persist)', () => {
  beforeEach(async () => {
    world = makeWorld();
    const cam = await world.client('cam');
    ivy = await world.client('ivy');
    const conversation = await cam.startConversation({ with: 'ivy' });
    await cam.send(conversation.id, { kind: 'text', text: 'Hi Ivy' });
    cam.disconnect();
    host = {
      engine: world.engine, clock: world.clock, namespace: `persist-browser-${++runs}-${Date.now()}`, userId: 'cam',
      conversationId: conversation.id, offline: false, forgetful: false, requests: [],
    };
    (window as unknown as { volleyPersistHost: PersistHost }).volleyPersistHost = host;
  });

  afterEach(async () => {
    frames.forEach((frame) => frame.remove());
    frames = [];
    world.dispose();
    // The frames' connections closed with their documents: the test databases can go.
    for (const { name } of await indexedDB.databases()) {
      if (name?.startsWith(host.namespace)) {
        await new Promise((resolve, reject) => Object.assign(indexedDB.deleteDatabase(name), { onsuccess: resolve, onerror: reject, onblocked: resolve }));
      }
    }
  });

  it('C5: a draft (text and a file) survives a reload', async () => {
    const tab = await openTab('a');
    type(tab, 'Half a thought');
    await picker(tab).add([new File([PNG], 'photo.png', { type: 'image/png' })]);
    await until(() => stateOf(tab).drafts[host.conversationId]?.attachments.length === 1 && stateOf(tab).drafts[host.conversationId].text === 'Half a thought');

    await reload(tab);
    await until(() => textarea(tab)?.value === 'Half a thought');
    await until(() => picker(tab)?.files.length === 1);
    expect(picker(tab).files[0].name).to.equal('photo.png');
    expect(new Uint8Array(await picker(tab).files[0].arrayBuffer())).to.deep.equal(PNG);
    const draft = stateOf(tab).drafts[host.conversationId];
    expect(draft.text).to.equal('Half a thought');
    expect(draft.attachments.map((file) => file.name)).to.deep.equal(['photo.png']);

    // Sending clears it, for good.
    await composerOf(tab).send();
    await until(() => stateOf(tab).drafts[host.conversationId] === undefined);
    await until(() => stateOf(tab).messages[host.conversationId].filter((m) => m.status === 'sent').length === 3);
    expect(texts(await history())).to.deep.equal(['Hi Ivy', 'Half a thought', 'attachment']);
    await reload(tab);
    expect(stateOf(tab).drafts[host.conversationId]).to.equal(undefined);
    expect(textarea(tab).value).to.equal('');
    expect(picker(tab).files.length).to.equal(0);
  });

  it('P7: a closed chat stays closed after a reload, even on an engine that forgot, until the provider writes', async () => {
    const tab = await openTab('a');
    await page(tab).client.closeConversation(host.conversationId);
    host.forgetful = true;

    await reload(tab);
    expect(stateOf(tab).conversations[host.conversationId].closed, 'closed after the reload').to.equal(true);
    await reload(tab);
    expect(stateOf(tab).conversations[host.conversationId].closed, 'closed after a second reload').to.equal(true);

    await ivy.send(host.conversationId, { kind: 'text', text: 'Still there, Cam?' });
    await until(() => stateOf(tab).conversations[host.conversationId].closed === false);
    await reload(tab);
    expect(stateOf(tab).conversations[host.conversationId].closed, 'open after the provider wrote').to.equal(false);
  });

  it('three messages sent offline show pending after a reload and reach the engine once each when the transport is back', async () => {
    const tab = await openTab('a');
    page(tab).transport.setOnline(false);
    for (const text of ['one', 'two', 'three']) {
      type(tab, text);
      await composerOf(tab).updateComplete;
      await composerOf(tab).send();
    }
    await until(() => pending(tab).length === 3);
    const ids = pending(tab).map((m) => m.id);
    host.offline = true;

    await reload(tab);
    expect(texts(pending(tab))).to.deep.equal(['one', 'two', 'three']);
    expect(pending(tab).map((m) => m.id)).to.deep.equal(ids);
    expect(texts(await history())).to.deep.equal(['Hi Ivy']);

    page(tab).transport.setOnline(true);
    await until(() => stateOf(tab).connection === 'open' && pending(tab).length === 0);
    await page(tab).persistence.flush();
    const stored = await history();
    expect(texts(stored)).to.deep.equal(['Hi Ivy', 'one', 'two', 'three']);
    expect(stored.slice(1).map((m) => m.id)).to.deep.equal(ids);
    expect(texts(stateOf(tab).messages[host.conversationId])).to.deep.equal(['Hi Ivy', 'one', 'two', 'three']);

    // And nothing is left to send after another reload.
    host.offline = false;
    await reload(tab);
    await page(tab).persistence.flush();
    expect(texts(await history())).to.deep.equal(['Hi Ivy', 'one', 'two', 'three']);
  });

  it('across an outage: a message cut in flight and one written offline go out once each, in order, when the transport is back, without a reload', async () => {
    const tab = await openTab('a');
    const composer = composerOf(tab);
    const shown = (part: string) => composer.shadowRoot!.querySelector(`[part=${part}]`)?.textContent?.trim() ?? '';
    // The connection dies while a message is on its way (the engine stored it; the answer is lost).
    host.cutAfterStore = true;
    type(tab, 'cut in flight');
    await composer.updateComplete;
    await composer.send();
    await until(() => stateOf(tab).connection === 'closed');
    type(tab, 'written offline');
    await composer.updateComplete;
    await composer.send();
    await until(() => pending(tab).length === 2);
    expect(texts(pending(tab))).to.deep.equal(['cut in flight', 'written offline']);
    expect(texts(await history())).to.deep.equal(['Hi Ivy', 'cut in flight'], 'the engine has the one cut in flight');
    await until(() => shown('error') !== '');
    expect(shown('error')).to.equal('The chat service cannot be reached.');

    // Back: the same page sends its outbox, each message once, in order.
    page(tab).transport.setOnline(true);
    await until(() => stateOf(tab).connection === 'open' && pending(tab).length === 0);
    await page(tab).persistence.flush();
    expect(texts(await history())).to.deep.equal(['Hi Ivy', 'cut in flight', 'written offline']);
    expect(texts(stateOf(tab).messages[host.conversationId])).to.deep.equal(['Hi Ivy', 'cut in flight', 'written offline']);
    expect(stateOf(tab).messages[host.conversationId].every((m) => m.status === 'sent')).to.equal(true);

    // A later refusal reads as text, not as its code.
    await ivy.block('cam');
    await until(() => shown('refusal') === 'Messaging is blocked in this chat.');
  });

  it('two tabs agree on a draft, a read and a close, and only one of them sends the outbox', async () => {
    const a = await openTab('a');
    const b = await openTab('b');
    await ivy.send(host.conversationId, { kind: 'text', text: 'Hello Cam' });
    await until(() => stateOf(a).conversations[host.conversationId].unread && stateOf(b).conversations[host.conversationId].unread);

    type(a, 'Typed in A');
    await until(() => textarea(b).value === 'Typed in A'); // the draft shows in B

    // B hears nothing from the engine now: what reaches it comes from tab A.
    page(b).transport.setOnline(false);
    await page(a).client.markRead(host.conversationId);
    await until(() => stateOf(b).conversations[host.conversationId].unread === false); // the read shows in B
    await page(a).client.closeConversation(host.conversationId);
    await until(() => stateOf(b).conversations[host.conversationId].closed); // the close shows in B

    page(a).transport.setOnline(false);
    for (const text of ['first', 'second']) await page(a).client.send(host.conversationId, { kind: 'text', text }).catch(() => undefined);
    await page(a).persistence.settled();
    host.requests.length = 0;
    page(a).transport.setOnline(true);
    page(b).transport.setOnline(true);
    await until(() => pending(a).length === 0);
    await Promise.all([page(a).persistence.flush(), page(b).persistence.flush()]);
    const senders = new Set(host.requests.filter((request) => request.endsWith(':send')).map((request) => request.split(':')[0]));
    expect([...senders], 'tabs that sent the outbox').to.have.length(1);
    expect(host.requests.filter((request) => request.endsWith(':send')), 'sends').to.have.length(2);
    expect(texts(await history())).to.deep.equal(['Hi Ivy', 'Hello Cam', 'first', 'second']);
    await until(() => texts(stateOf(b).messages[host.conversationId]).join() === 'Hi Ivy,Hello Cam,first,second');
  });
});

describe('C5 the composer keeps a draft per conversation', () => {
  it('switching conversations keeps each one its draft; Send clears it', async () => {
    const world = makeWorld();
    world.engine.recordOrder({ id: 'o1', customerId: 'cam', providerId: 'ivy', title: 'Logo design', amountCents: 5000 });
    const cam = await world.client('cam');
    const inbox = await cam.startConversation({ with: 'ivy' });
    const order = await cam.startConversation({ with: 'ivy', orderId: 'o1' });
    const { fixture, html } = await import('@open-wc/testing');
    await import('../src/elements/composer/composer.js');
    const composer = await fixture<HTMLElementTagNameMap['volley-composer']>(html`<volley-composer .client=${cam} conversation-id=${inbox.id}></volley-composer>`);
    const area = () => composer.shadowRoot!.querySelector('textarea')!;
    const typeHere = (value: string) => {
      area().value = value;
      area().dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    };

    typeHere('About the inbox');
    composer.conversationId = order.id; // before the frame that writes the draft: it is written on the switch
    await composer.updateComplete;
    expect(cam.state.drafts[inbox.id]?.text).to.equal('About the inbox');
    expect(area().value).to.equal('');
    typeHere('About the order');
    await until(() => cam.state.drafts[order.id]?.text === 'About the order');

    composer.conversationId = inbox.id;
    await composer.updateComplete;
    expect(area().value).to.equal('About the inbox');
    await composer.send();
    await until(() => (cam.state.messages[inbox.id] ?? []).some((m) => m.kind === 'text' && m.text === 'About the inbox' && m.status === 'sent'));
    expect(cam.state.drafts[inbox.id]).to.equal(undefined);
    expect(cam.state.drafts[order.id]?.text).to.equal('About the order');
  });
});
