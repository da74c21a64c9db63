import { expect, fixture, html } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import type { ChatClient } from '../src/index.js';
import '../src/elements/index.js';
import { clientContext, type VolleyChat, type VolleyInbox } from '../src/elements/index.js';
import { makeWorld, settle, until } from './helpers.js';

/** The element `tag` inside `host`'s shadow root. */
const inner = <K extends keyof HTMLElementTagNameMap>(host: Element, tag: K) => host.shadowRoot!.querySelector(tag) as HTMLElementTagNameMap[K];

/** Types in a chat's composer and presses Enter, as a user does. */
async function sendFromComposer(chat: VolleyChat, text: string) {
  const composer = inner(chat, 'volley-composer');
  const area = composer.shadowRoot!.querySelector('textarea')!;
  area.value = text;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await composer.updateComplete;
  area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
}

const threadText = (chat: VolleyChat) => inner(chat, 'volley-thread')?.shadowRoot?.textContent ?? '';

/** Counts a client's live subscriptions and event listeners, to prove elements let go of them. */
function countListeners(client: ChatClient) {
  const live = { subscriptions: 0, listeners: 0 };
  const subscribe = client.subscribe.bind(client);
  const on = client.on.bind(client);
  client.subscribe = ((...args: Parameters<ChatClient['subscribe']>) => {
    live.subscriptions++;
    const stop = subscribe(...args);
    let stopped = false;
    return () => { if (!stopped) { stopped = true; live.subscriptions--; } stop(); };
  }) as ChatClient['subscribe'];
  client.on = ((...args: Parameters<ChatClient['on']>) => {
    live.listeners++;
    const stop = on(...args);
    let stopped = false;
    return () => { if (!stopped) { stopped = true; live.listeners--; } stop(); };
  }) as ChatClient['on'];
  return live;
}

describe('volley-chat', () => {
  it('two independent chats on one page, each with its own client, talk through the engine', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const ivy = await world.client('ivy');
    const conversation = await cam.startConversation({ with: 'ivy' });
    const page = await fixture<HTMLElement>(html`<div>
      <volley-chat id="c" .client=${cam} conversation-id=${conversation.id}></volley-chat>
      <volley-chat id="p" .client=${ivy} conversation-id=${conversation.id}></volley-chat>
    </div>`);
    const customer = page.querySelector<VolleyChat>('#c')!;
    const provider = page.querySelector<VolleyChat>('#p')!;
    await until(() => inner(customer, 'volley-composer') && inner(provider, 'volley-thread'));
    await sendFromComposer(customer, 'Hello from the customer panel');
    await until(() => threadText(provider).includes('Hello from the customer panel'));
    // Each panel shows its own side: the customer's header names the provider and vice versa.
    expect(customer.shadowRoot!.querySelector('header h2')!.textContent).to.equal('Ivy');
    await until(() => provider.shadowRoot!.querySelector('header h2')?.textContent === 'Cam');
    // The customer's panel has the tribute button (paid chat); the provider's has none.
    expect(inner(customer, 'volley-tribute-button')).to.exist;
    expect(inner(provider, 'volley-tribute-button')).to.equal(null);
    world.dispose();
  });

  it('mounting and unmounting 20 times leaves no subscription, listener or timer behind', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const conversation = await cam.startConversation({ with: 'ivy' });
    await cam.send(conversation.id, { kind: 'text', text: 'hi' });
    const live = countListeners(cam);
    const timersBefore = world.clock.pendingTimers;
    const host = await fixture<HTMLElement>(html`<div></div>`);
    for (let i = 0; i < 20; i++) {
      const chat = document.createElement('volley-chat');
      chat.client = cam;
      chat.conversationId = conversation.id;
      host.append(chat);
      await until(() => inner(chat, 'volley-thread') && inner(chat, 'volley-composer'));
      await settle();
      expect(live.subscriptions).to.be.greaterThan(0);
      chat.remove();
    }
    await settle();
    expect(live.subscriptions, 'subscriptions left').to.equal(0);
    expect(live.listeners, 'event listeners left').to.equal(0);
    expect(world.clock.pendingTimers, 'timers left').to.equal(timersBefore);
    world.dispose();
  });

  it('hands its client to every element inside, and a new client when it changes', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const ivy = await world.client('ivy');
    const conversation = await cam.startConversation({ with: 'ivy' });
    await cam.send(conversation.id, { kind: 'text', text: 'Hello from Cam' });
    const chat = await fixture<VolleyChat>(html`<volley-chat .client=${cam} conversation-id=${conversation.id}></volley-chat>`);
    await until(() => inner(chat, 'volley-composer') && threadText(chat).includes('Hello from Cam'));
    expect([inner(chat, 'volley-inbox').client, inner(chat, 'volley-composer').client]).to.deep.equal([cam, cam]);

    chat.client = ivy;
    await until(() => inner(chat, 'volley-composer')?.client === ivy);
    expect(inner(chat, 'volley-inbox').client).to.equal(ivy);
    expect(inner(chat, 'volley-thread').client).to.equal(ivy);
    // Ivy's side: the header names the customer.
    await until(() => chat.shadowRoot!.querySelector('header h2')?.textContent === 'Cam');
    world.dispose();
  });

  it('an element outside volley-chat takes its client from a host\'s context provider', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    await cam.startConversation({ with: 'ivy' });
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const provider = new ContextProvider(host, { context: clientContext, initialValue: cam });
    const inbox = document.createElement('volley-inbox') as VolleyInbox;
    host.append(inbox);
    await until(() => inbox.shadowRoot?.querySelector('[role=option]'));
    expect(inbox.client).to.equal(cam);
    provider.setValue(undefined);
    await until(() => !inbox.shadowRoot!.querySelector('[role=option]'));
    world.dispose();
  });

  it('hands its strings and its dark theme to every element inside', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const chat = await fixture<VolleyChat>(html`<volley-chat .client=${cam} theme="dark" .strings=${{ pickChat: 'Wähle einen Chat.' }}></volley-chat>`);
    await until(() => inner(chat, 'volley-inbox'));
    expect(chat.shadowRoot!.querySelector('.empty')!.textContent).to.equal('Wähle einen Chat.');
    const inboxBackground = getComputedStyle(inner(chat, 'volley-inbox')).getPropertyValue('--volley-bg').trim();
    expect(inboxBackground).to.equal('#0f1419');
    world.dispose();
  });

  it('one strings object serves every element inside: no two elements read the same key differently', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const conversation = await cam.startConversation({ with: 'ivy' });
    const chat = await fixture<VolleyChat>(html`<volley-chat .client=${cam} conversation-id=${conversation.id} .strings=${{ send: 'Envoyer' }}></volley-chat>`);
    await until(() => inner(chat, 'volley-composer') && inner(chat, 'volley-tribute-button'));
    const composer = inner(chat, 'volley-composer');
    await until(() => composer.shadowRoot!.querySelector('[part~=send-button]')?.textContent?.trim() === 'Envoyer');
    const tribute = inner(chat, 'volley-tribute-button');
    tribute.shadowRoot!.querySelector<HTMLButtonElement>('[part~=button]')!.click();
    await until(() => tribute.shadowRoot!.querySelector('[part~=dialog]'));
    // Choosing a preset makes the confirm button say "Send $5.00": the tribute button's own key.
    tribute.shadowRoot!.querySelector<HTMLButtonElement>('[part~=presets] button')!.click();
    await until(() => tribute.shadowRoot!.querySelector('[part~=confirm]')!.textContent!.includes('$5.00'));
    world.dispose();
  });

  it('mirrors its layout right to left', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const conversation = await cam.startConversation({ with: 'ivy' });
    const page = await fixture<HTMLElement>(html`<div dir="rtl" style="width: 900px; height: 500px">
      <volley-chat .client=${cam} conversation-id=${conversation.id}></volley-chat></div>`);
    const chat = page.querySelector('volley-chat')!;
    await until(() => inner(chat, 'volley-thread'));
    const aside = chat.shadowRoot!.querySelector('aside')!.getBoundingClientRect();
    const main = chat.shadowRoot!.querySelector('main')!.getBoundingClientRect();
    expect(aside.left).to.be.greaterThan(main.left);
    world.dispose();
  });

  it('is accessible', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const conversation = await cam.startConversation({ with: 'ivy' });
    await cam.send(conversation.id, { kind: 'text', text: 'hello' });
    const chat = await fixture<VolleyChat>(html`<volley-chat .client=${cam} conversation-id=${conversation.id}></volley-chat>`);
    await until(() => inner(chat, 'volley-thread') && threadText(chat).includes('hello'));
    await expect(chat).to.be.accessible();
    world.dispose();
  });
});
