import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { defaultPolicy } from '../src/index.js';
import '../src/elements/index.js';
import type { VolleyChat, VolleyFeed, VolleyInbox } from '../src/elements/index.js';
import { makeWorld, until } from './helpers.js';

/**
 * One engine, two products (R2): Ivy sells paid chats (volleys, tributes, orders), Acme Coffee is
 * a care channel (statuses). Each chat speaks its product's language, and customers' words.
 */
async function products() {
  const world = makeWorld({ policy: defaultPolicy() });
  world.engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'team', policy: { volley: { enabled: true }, tribute: { enabled: true }, sendLimits: { enabled: true } } });
  world.engine.upsertUser({ id: 'acme', role: 'provider', name: 'Acme Coffee', teamId: 'acme-care', policy: { care: { enabled: true } } });
  world.engine.upsertUser({ id: 'kim', role: 'agent', name: 'Kim', teamId: 'acme-care' });
  world.engine.recordOrder({ id: 'o1', customerId: 'cam', providerId: 'ivy', title: 'Tarot reading, 30 min', amountCents: 2500 });
  const cam = await world.client('cam');
  const paid = await cam.startConversation({ with: 'ivy' });
  await cam.send(paid.id, { kind: 'text', text: 'Hi Ivy' });
  const order = await cam.startConversation({ with: 'ivy', orderId: 'o1' });
  await cam.send(order.id, { kind: 'text', text: 'About my reading' });
  const care = await cam.startConversation({ with: 'acme' });
  await cam.send(care.id, { kind: 'text', text: 'My beans are late' });
  return { world, cam, paid, order, care };
}

const inner = <K extends keyof HTMLElementTagNameMap>(host: Element, tag: K) => host.shadowRoot!.querySelector(tag) as HTMLElementTagNameMap[K];
const rowOf = (el: VolleyInbox, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~=row][data-id="${id}"]`)!;
const badges = (row: HTMLElement) => [...row.querySelectorAll('[part~=badge]')].map((b) => b.textContent);

describe('each chat speaks its product (R2) and order chats show their order (M1)', () => {
  it("the customer's list tells the order chat from the pre-order chat, and uses customer words", async () => {
    const { cam, paid, order, care } = await products();
    const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${cam}></volley-inbox>`);
    await until(() => rowOf(el, care.id));
    expect(rowOf(el, order.id).querySelector('[part~=order]')?.textContent).to.equal('Order: Tarot reading, 30 min');
    expect(rowOf(el, paid.id).querySelector('[part~=order]')).to.equal(null);
    // The care chat waits for the channel: a customer reads that, not the agents' "Unanswered".
    expect(badges(rowOf(el, care.id))).to.deep.equal(['Waiting for a reply']);
    expect(el.shadowRoot!.textContent).not.to.contain('Unanswered');
    expect(el.shadowRoot!.querySelector('[part~=filter]')).to.equal(null);
  });

  it("the care agent's list keeps the agents' words", async () => {
    const { world, care } = await products();
    const kim = await world.client('kim');
    const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${kim}></volley-inbox>`);
    await until(() => rowOf(el, care.id));
    expect(badges(rowOf(el, care.id))).to.deep.equal(['Unanswered']);
    expect(el.shadowRoot!.querySelector('[part~=filter]')).not.to.equal(null);
  });

  it('a missed team chat tells the customer it waits for a reply, not that it was missed', async () => {
    const world = makeWorld({ policy: defaultPolicy() });
    world.engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'team', policy: { routing: { enabled: true } } });
    const cam = await world.client('cam');
    const chat = await cam.startConversation({ with: 'ivy' });
    await cam.send(chat.id, { kind: 'text', text: 'Anyone?' });
    world.clock.advance(15_000);
    await until(() => cam.state.conversations[chat.id]?.queued);
    const el = await fixture<VolleyInbox>(html`<volley-inbox .client=${cam}></volley-inbox>`);
    expect(badges(rowOf(el, chat.id))).to.deep.equal(['Waiting for a reply']);
    expect(el.shadowRoot!.textContent).not.to.contain('Missed');
  });

  it('the care chat has no tribute button; the paid chat has one; the order chat names its order in the header', async () => {
    const { cam, paid, order, care } = await products();
    const chat = await fixture<VolleyChat>(html`<volley-chat .client=${cam} conversation-id=${care.id}></volley-chat>`);
    await until(() => inner(chat, 'volley-thread'));
    expect(inner(chat, 'volley-tribute-button')?.shadowRoot?.querySelector('button') ?? null).to.equal(null);
    chat.conversationId = paid.id;
    await until(() => inner(chat, 'volley-tribute-button')?.shadowRoot?.querySelector('button'));
    chat.conversationId = order.id;
    await until(() => chat.shadowRoot!.querySelector('[part~=header] h2')?.textContent?.includes('Tarot reading, 30 min'));
  });

  it('an order in the feed opens that order\'s chat, starting it when there is none', async () => {
    const world = makeWorld({ policy: defaultPolicy() });
    world.engine.upsertUser({ id: 'ivy', role: 'provider', name: 'Ivy', teamId: 'team', policy: { sendLimits: { enabled: true } } });
    world.engine.recordOrder({ id: 'o7', customerId: 'cam', providerId: 'ivy', title: 'Blue lamp', amountCents: 4500 });
    const cam = await world.client('cam');
    const inbox = await cam.startConversation({ with: 'ivy' });
    const el = await fixture<VolleyFeed>(html`<volley-feed .client=${cam} conversation-id=${inbox.id}></volley-feed>`);
    await until(() => el.shadowRoot!.querySelector('button[part=order]'));
    const selected = oneEvent(el, 'volley-select') as unknown as Promise<GlobalEventHandlersEventMap['volley-select']>;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part=order]')!.click();
    const { conversationId } = await selected;
    expect(cam.state.conversations[conversationId]?.orderId).to.equal('o7');
  });

  it('in volley-chat, choosing an order in the feed opens its chat', async () => {
    const { cam, paid, order } = await products();
    const chat = await fixture<VolleyChat>(html`<volley-chat .client=${cam} conversation-id=${paid.id}></volley-chat>`);
    await until(() => [...chat.shadowRoot!.querySelectorAll('[part~=header] button')].some((b) => b.textContent === 'Orders and messages'));
    [...chat.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=header] button')].find((b) => b.textContent === 'Orders and messages')!.click();
    await until(() => inner(chat, 'volley-feed')?.shadowRoot?.querySelector('button[part=order]'));
    inner(chat, 'volley-feed').shadowRoot!.querySelector<HTMLButtonElement>('button[part=order]')!.click();
    await until(() => chat.shadowRoot!.querySelector('[part~=header] h2')?.textContent?.includes('Tarot reading, 30 min') && inner(chat, 'volley-thread')?.conversationId === order.id);
  });
});
