import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { sendKeys } from '@web/test-runner-commands';
import { ChatClient, LocalTransport, presets } from '../src/index.js';
import '../src/elements/index.js';
import { clientContext, type VolleyChat, type VolleyInbox } from '../src/elements/index.js';
import { makeWorld, PEOPLE, reachedAt, settle, until } from './helpers.js';

const XSS = '<img src=x onerror=alert(1)>';

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
  });

  it('hands its strings and its dark theme to every element inside', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const chat = await fixture<VolleyChat>(html`<volley-chat .client=${cam} theme="dark" .strings=${{ pickChat: 'Wähle einen Chat.' }}></volley-chat>`);
    await until(() => inner(chat, 'volley-inbox'));
    expect(chat.shadowRoot!.querySelector('.empty')!.textContent).to.equal('Wähle einen Chat.');
    const inboxBackground = getComputedStyle(inner(chat, 'volley-inbox')).getPropertyValue('--volley-bg').trim();
    expect(inboxBackground).to.equal('#0f1419');
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
  });

  describe('team and care (T2, T4, T6, K2)', () => {
    const header = (chat: VolleyChat) => chat.shadowRoot!.querySelector('header h2')?.textContent;
    const context = (chat: VolleyChat) => chat.shadowRoot!.querySelector<HTMLDetailsElement>('[part=context]');
    const finishButton = (chat: VolleyChat) => chat.shadowRoot!.querySelector<HTMLButtonElement>('[part=finish]');

    /** A team inbox whose host knows what customers came for (T6); Cam's chat is offered to Ana and Bo. */
    async function offered() {
      const world = makeWorld({
        policy: presets.teamInbox(),
        users: PEOPLE.filter((person) => person.id !== 'adm'),
        history: {
          engagementHistory: () => [],
          context: (customerId) => ({ query: `Boots in size 42 for ${customerId}`, history: [{ order: 12, title: 'Boots' }, 'Visited the sale page', XSS, { order: 13 }] }),
        },
      });
      const { engine, clock } = world;
      const [ana, bo, cam] = [await world.client('ana'), await world.client('bo'), await world.client('cam')];
      const conversation = await cam.startConversation({ with: 'ivy' });
      await cam.send(conversation.id, { kind: 'text', text: 'Do you have boots?' });
      await until(() => Object.keys(ana.state.offers).length === 1);
      return { engine, clock, ana, bo, cam, conversation };
    }

    it('claiming from its own incoming offers opens the claimed chat, with the customer context above it', async () => {
      const { ana, conversation } = await offered();
      let contexts = 0;
      const customerContext = ana.customerContext.bind(ana);
      ana.customerContext = (id: string) => (contexts++, customerContext(id));
      const chat = await fixture<VolleyChat>(html`<volley-chat .client=${ana}></volley-chat>`);
      const incoming = await (async () => { await until(() => inner(chat, 'volley-incoming')?.shadowRoot?.querySelector('[part=claim]')); return inner(chat, 'volley-incoming'); })();
      expect(header(chat)).to.equal(undefined);
      incoming.shadowRoot!.querySelector<HTMLButtonElement>('[part=claim]')!.click();
      await until(() => header(chat) === 'Cam' && inner(chat, 'volley-thread')?.conversationId === conversation.id);

      await until(() => context(chat));
      const panel = context(chat)!;
      expect(panel.open).to.equal(true);
      expect(panel.querySelector('summary')!.textContent).to.equal('About this customer');
      expect(panel.querySelector('p')!.textContent).to.equal('Looking for: Boots in size 42 for cam');
      expect([...panel.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(['Boots', 'Visited the sale page', XSS, '{"order":13}']);
      expect(panel.querySelectorAll('img').length).to.equal(0);
      await expect(chat).to.be.accessible();
      chat.setAttribute('theme', 'dark');
      await expect(chat).to.be.accessible();

      // Collapsible from the keyboard, and loaded once for the chat however often it renders.
      panel.querySelector('summary')!.focus();
      await sendKeys({ press: 'Enter' });
      expect(panel.open).to.equal(false);
      await sendFromComposer(chat, 'Yes, in every size.');
      await until(() => threadText(chat).includes('Yes, in every size.'));
      expect(contexts).to.equal(1);
    });

    it('shows no customer context before anyone took the chat, nor to the customer', async () => {
      const { ana, cam, conversation } = await offered();
      let contexts = 0;
      const customerContext = ana.customerContext.bind(ana);
      ana.customerContext = (id: string) => (contexts++, customerContext(id));
      const member = await fixture<VolleyChat>(html`<volley-chat .client=${ana} conversation-id=${conversation.id}></volley-chat>`);
      const customer = await fixture<VolleyChat>(html`<volley-chat .client=${cam} conversation-id=${conversation.id}></volley-chat>`);
      await until(() => inner(member, 'volley-thread') && inner(customer, 'volley-thread'));
      await settle();
      expect([context(member), context(customer)]).to.deep.equal([null, null]);
      expect(contexts).to.equal(0);
    });

    for (const [layout, width] of [['phone', 390], ['desktop', 1000]] as const) {
      it(`a new offer shows, is announced and can be claimed or declined while a chat is open (${layout}, ${width} px)`, async () => {
        const { engine, ana, conversation } = await offered();
        await ana.claim(Object.keys(ana.state.offers)[0]);
        const page = await fixture<HTMLElement>(html`<div style="inline-size: ${width}px; block-size: 700px">
          <volley-chat .client=${ana} conversation-id=${conversation.id}></volley-chat></div>`);
        const chat = page.querySelector<VolleyChat>('volley-chat')!;
        await until(() => header(chat) === 'Cam' && inner(chat, 'volley-thread'));

        engine.upsertUser({ id: 'dee', role: 'customer', name: 'Dee' });
        const dee = new ChatClient({ transport: new LocalTransport(engine, { userId: 'dee' }) });
        await dee.connect();
        const second = await dee.startConversation({ with: 'ivy' });
        await dee.send(second.id, { kind: 'text', text: 'Anyone there?' });
        const incoming = inner(chat, 'volley-incoming');
        await until(() => incoming.shadowRoot!.querySelector('[part=card]'));
        const card = incoming.shadowRoot!.querySelector<HTMLElement>('[part=card]')!;
        expect(card.textContent).to.contain('Dee');
        // Said in a live region, not only drawn.
        await until(() => [...incoming.shadowRoot!.querySelectorAll('[role=status]')].some((r) => r.textContent!.includes('Dee')));
        // The chat stays open beside (or below) the offer.
        expect(header(chat)).to.equal('Cam');
        const bounds = chat.getBoundingClientRect();
        const controls = [card.querySelector('[part~=countdown]')!, ...card.querySelectorAll('button')];
        expect(controls).to.have.length(4);
        for (const control of controls) {
          const box = control.getBoundingClientRect();
          expect(box.width * box.height, `${control.textContent} has a size`).to.be.greaterThan(0);
          expect(box.top >= bounds.top && box.bottom <= bounds.bottom && box.left >= bounds.left && box.right <= bounds.right, `${control.textContent} is inside the chat`).to.equal(true);
          expect(reachedAt(control), `${control.textContent} is not covered`).to.equal(control);
        }
        await expect(chat).to.be.accessible();

        card.querySelector<HTMLButtonElement>('[part=claim]')!.click();
        await until(() => header(chat) === 'Dee' && inner(chat, 'volley-thread')?.conversationId === second.id);
        dee.disconnect();
      });
    }

    it('a member who picks a chat up from the queue sees it open', async () => {
      const { clock, engine, ana, conversation } = await offered();
      const chat = await fixture<VolleyChat>(html`<volley-chat .client=${ana}></volley-chat>`);
      clock.advance(engine.policy.routing.claimWindowMs);
      const inbox = await (async () => { await until(() => inner(chat, 'volley-inbox')?.shadowRoot?.querySelector('[part~=pick-up]')); return inner(chat, 'volley-inbox'); })();
      inbox.shadowRoot!.querySelector<HTMLButtonElement>('[part~=pick-up]')!.click();
      await until(() => header(chat) === 'Cam' && inner(chat, 'volley-thread')?.conversationId === conversation.id);
      await until(() => context(chat));
    });

    it('the owner finishes a care chat; another member is not offered Finish', async () => {
      const world = makeWorld({ policy: presets.customerCare() });
      const cam = await world.client('cam');
      const ana = await world.client('ana');
      const bo = await world.client('bo');
      const conversation = await cam.startConversation({ with: 'ivy' });
      await cam.send(conversation.id, { kind: 'text', text: 'Is my coupon valid?' });
      await ana.send(conversation.id, { kind: 'text', text: 'It is.' });
      const owner = await fixture<VolleyChat>(html`<volley-chat .client=${ana} conversation-id=${conversation.id}></volley-chat>`);
      const other = await fixture<VolleyChat>(html`<volley-chat .client=${bo} conversation-id=${conversation.id}></volley-chat>`);
      await until(() => finishButton(owner) && inner(other, 'volley-thread'));
      expect(finishButton(other)).to.equal(null);
      expect(finishButton(owner)!.textContent).to.equal('Finish chat');
      // One volley-chat (one main landmark) on the page for the check.
      other.remove();
      await expect(owner).to.be.accessible();

      const intent = oneEvent(owner, 'volley-finish') as unknown as Promise<GlobalEventHandlersEventMap['volley-finish']>;
      finishButton(owner)!.click();
      expect((await intent).conversationId).to.equal(conversation.id);
      await until(() => ana.state.conversations[conversation.id].status === 'finished' && !finishButton(owner));
      await until(() => threadText(owner).includes('This chat was finished.'));
    });

    it('a take-over is told to both members by name, and the composer drops its stale owned-by-other warning (K3)', async () => {
      const world = makeWorld({ policy: presets.customerCare() });
      const cam = await world.client('cam');
      const ana = await world.client('ana');
      const bo = await world.client('bo');
      const conversation = await cam.startConversation({ with: 'ivy' });
      await cam.send(conversation.id, { kind: 'text', text: 'Is my coupon valid?' });
      await ana.send(conversation.id, { kind: 'text', text: 'Let me check.' });
      const page = await fixture<HTMLElement>(html`<div>
        <volley-chat id="ana" .client=${ana} conversation-id=${conversation.id}></volley-chat>
        <volley-chat id="bo" .client=${bo} conversation-id=${conversation.id}></volley-chat></div>`);
      const [owner, other] = [page.querySelector<VolleyChat>('#ana')!, page.querySelector<VolleyChat>('#bo')!];
      await until(() => inner(owner, 'volley-thread') && inner(other, 'volley-composer'));
      const composerError = () => inner(other, 'volley-composer').shadowRoot!.querySelector('[part=error]')?.textContent ?? '';

      await sendFromComposer(other, 'It is, until Friday.');
      await until(() => composerError().includes('Another agent owns this chat.'));
      const thread = inner(other, 'volley-thread');
      await until(() => thread.shadowRoot!.querySelector('[data-action=take-over]'));
      thread.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=take-over]')!.click();
      await until(() => thread.shadowRoot!.querySelector('dialog')?.open);
      thread.shadowRoot!.querySelector<HTMLButtonElement>('dialog button.danger')!.click();

      for (const chat of [owner, other]) await until(() => threadText(chat).includes('Bo took this chat over from Ana.'));
      await until(() => composerError() === '');
      // Ana wrote before and is no participant now: her name still shows.
      expect(threadText(other)).to.contain('Ana').and.not.contain('Someone');
      expect(finishButton(owner)).to.equal(null);
    });

    it('lets the host cancel volley-finish', async () => {
      const world = makeWorld({ policy: presets.customerCare() });
      const cam = await world.client('cam');
      const ana = await world.client('ana');
      const conversation = await cam.startConversation({ with: 'ivy' });
      await cam.send(conversation.id, { kind: 'text', text: 'Hello?' });
      await ana.send(conversation.id, { kind: 'text', text: 'Hi!' });
      const owner = await fixture<VolleyChat>(html`<volley-chat .client=${ana} conversation-id=${conversation.id} @volley-finish=${(e: Event) => e.preventDefault()}></volley-chat>`);
      await until(() => finishButton(owner));
      finishButton(owner)!.click();
      await settle();
      expect(ana.state.conversations[conversation.id].status).to.equal('active');
    });
  });

  it('is accessible', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const conversation = await cam.startConversation({ with: 'ivy' });
    await cam.send(conversation.id, { kind: 'text', text: 'hello' });
    const chat = await fixture<VolleyChat>(html`<volley-chat .client=${cam} conversation-id=${conversation.id}></volley-chat>`);
    await until(() => inner(chat, 'volley-thread') && threadText(chat).includes('hello'));
    await expect(chat).to.be.accessible();
  });
});
