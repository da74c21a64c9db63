import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { selectConversationList, selectHasUnread, selectMessages, type ChatClient, type Message } from '../src/index.ts';
import { flush, makeWorld } from './fixtures.ts';

const HOUR = 3_600_000;

/** What both sides must agree on, message by message. */
const thread = (client: ChatClient, conversationId: string) =>
  selectMessages(conversationId)(client.state).map((m) => ({ id: m.id, seq: m.seq, kind: m.kind, authorId: m.authorId, volley: m.volley === true }));

const listed = (client: ChatClient) => selectConversationList(client.state).map((c) => c.id);

describe('Scenario P1–P7: a paid chat between a customer and a provider, through LocalTransport', () => {
  it('messages, a volley, a late reply, a one-click tribute, a close and a reopen', async () => {
    const world = makeWorld({ users: [{ id: 'c1', role: 'customer', name: 'Cal' }, { id: 'p1', role: 'provider', name: 'Ivy' }] });
    const { clock, engine, payments } = world;
    const { windowMs, earningsCents } = engine.policy.volley;
    const tributeCents = engine.policy.tribute.minCents * 5;
    const volleysReported: string[] = [];
    engine.on('volley', (v) => volleysReported.push(v.messageId));

    const customer = await world.client('c1');
    const provider = await world.client('p1');

    // The customer starts from the provider's chat card (P9) and writes first (C1).
    const { id: cid } = await customer.startConversation({ with: 'p1' });
    await customer.send(cid, { id: 'm1', kind: 'text', text: 'Hi Ivy! 👋' });
    await flush();
    assert.deepEqual(thread(provider, cid), [{ id: 'm1', seq: 1, kind: 'text', authorId: 'c1', volley: false }]);
    assert.equal(provider.state.conversations[cid].unread, true);
    assert.deepEqual(listed(provider), [cid]);

    // P1: the provider's first reply within the window is a volley, shown on both sides (P2).
    clock.advance(HOUR);
    const reply = await provider.send(cid, { id: 'm2', kind: 'text', text: 'Hello Cal!' });
    assert.equal(reply.volley, true);
    assert.equal(reply.seq, 2);
    // A second provider message before the customer writes again is not one.
    const more = await provider.send(cid, { id: 'm3', kind: 'text', text: 'How can I help?' });
    assert.equal(more.volley, undefined);
    await flush();
    for (const client of [customer, provider]) {
      assert.deepEqual(thread(client, cid).filter((m) => m.volley).map((m) => m.id), ['m2']);
    }
    assert.equal(customer.state.conversations[cid].unread, true);
    await customer.markRead(cid);

    // P1: a reply later than the window is not a volley.
    clock.advance(5 * 60_000);
    await customer.send(cid, { id: 'm4', kind: 'text', text: 'Do you do custom sets?' });
    clock.advance(windowMs + 1);
    const late = await provider.send(cid, { id: 'm5', kind: 'text', text: 'Sorry, just saw this. Yes!' });
    assert.equal(late.volley, undefined);
    await flush();
    assert.equal(thread(customer, cid).find((m) => m.id === 'm5')!.volley, false);

    // P4: the provider requests a tribute; the customer pays it in one click.
    const request = await provider.requestTribute(cid, { id: 'm6', amountCents: tributeCents, note: 'for the custom set' });
    assert.equal(request.kind, 'tribute-request');
    await flush();
    const card = selectMessages(cid)(customer.state).find((m) => m.id === 'm6');
    assert.ok(card && card.kind === 'tribute-request');
    assert.equal(card.amountCents, tributeCents);
    assert.equal(card.note, 'for the custom set');

    const paid = await customer.sendTribute(cid, { id: 'm7', amountCents: card.amountCents, requestId: card.id });
    await flush();
    for (const client of [customer, provider]) {
      const tribute = selectMessages(cid)(client.state).find((m) => m.id === 'm7');
      assert.ok(tribute && tribute.kind === 'tribute', 'both sides see the tribute');
      assert.equal(tribute.amountCents, tributeCents);
      assert.equal(tribute.requestId, 'm6');
      assert.equal(tribute.seq, paid.seq);
    }
    // The same request cannot be paid twice (a new id is a new payment attempt), and nothing is charged for it.
    await assert.rejects(customer.sendTribute(cid, { id: 'm7b', amountCents: card.amountCents, requestId: card.id }), { code: 'invalid' });

    // P7: the customer closes; the chat leaves the customer's list only.
    await customer.markRead(cid);
    const closed = await customer.closeConversation(cid);
    assert.equal(closed.closed, true);
    await flush();
    assert.deepEqual(listed(customer), []);
    assert.equal(customer.state.conversations[cid].closed, true);
    assert.deepEqual(listed(provider), [cid], "closing is the closer's own view");

    // A new message from the other party brings it back, unread. The tribute was the customer's
    // latest message (P4: it is a chat message both sides see), so this first reply after it, within
    // the window, is a volley.
    clock.advance(HOUR);
    const ready = await provider.send(cid, { id: 'm8', kind: 'text', text: 'Your set is ready.' });
    assert.equal(ready.volley, true);
    await flush();
    assert.deepEqual(listed(customer), [cid]);
    assert.equal(customer.state.conversations[cid].closed, false);
    assert.equal(customer.state.conversations[cid].unread, true);
    assert.equal(selectHasUnread(customer.state), true);

    // Closed again, and reopened from the provider's page: the same conversation comes back.
    await customer.closeConversation(cid);
    assert.deepEqual(listed(customer), []);
    const reopened = await customer.startConversation({ with: 'p1' });
    assert.equal(reopened.id, cid);
    assert.equal(reopened.closed, false);
    await flush();
    assert.deepEqual(listed(customer), [cid]);
    assert.deepEqual(Object.keys(customer.state.conversations), [cid]);

    // P1 again: a reply exactly at the window's end still counts.
    await customer.send(cid, { id: 'm9', kind: 'text', text: 'Thank you!' });
    clock.advance(windowMs);
    const onTime = await provider.send(cid, { id: 'm10', kind: 'text', text: 'Enjoy!' });
    assert.equal(onTime.volley, true);
    await flush();

    // Both sides hold the same thread: same ids, same gap-free seqs, same volley flags.
    const expected = [
      ['m1', 'text', 'c1', false], ['m2', 'text', 'p1', true], ['m3', 'text', 'p1', false], ['m4', 'text', 'c1', false],
      ['m5', 'text', 'p1', false], ['m6', 'tribute-request', 'p1', false], ['m7', 'tribute', 'c1', false],
      ['m8', 'text', 'p1', true], ['m9', 'text', 'c1', false], ['m10', 'text', 'p1', true],
    ].map(([id, kind, authorId, volley], i) => ({ id, seq: i + 1, kind, authorId, volley }));
    assert.deepEqual(thread(customer, cid), expected);
    assert.deepEqual(thread(provider, cid), expected);
    const mine = (client: ChatClient, me: string) => selectMessages(cid)(client.state).filter((m: Message) => m.authorId === me);
    assert.ok(mine(customer, 'c1').every((m) => m.status === 'sent'));
    assert.ok(mine(provider, 'p1').every((m) => m.status === 'sent'));
    assert.ok(mine(customer, 'p1').every((m) => m.status === undefined));

    // The host's payments adapter saw exactly the three volleys and the one tribute (not the refused second payment).
    assert.deepEqual(payments.charges, [
      { reason: 'volley', payerId: 'c1', payeeId: 'p1', amountCents: earningsCents, conversationId: cid, messageId: 'm2' },
      { reason: 'tribute', payerId: 'c1', payeeId: 'p1', amountCents: tributeCents, conversationId: cid, messageId: 'm7' },
      { reason: 'volley', payerId: 'c1', payeeId: 'p1', amountCents: earningsCents, conversationId: cid, messageId: 'm8' },
      { reason: 'volley', payerId: 'c1', payeeId: 'p1', amountCents: earningsCents, conversationId: cid, messageId: 'm10' },
    ]);
    assert.equal(payments.earnings('p1'), 3 * earningsCents + tributeCents);
    assert.deepEqual(volleysReported, ['m2', 'm8', 'm10']);

    // P5: the provider's overview agrees.
    const details = await provider.customerDetails('c1');
    assert.equal(details.volleys, 3);
    assert.deepEqual(details.tributes, { count: 1, totalCents: tributeCents });
  });
});
