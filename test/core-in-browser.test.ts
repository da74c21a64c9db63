import { expect } from '@open-wc/testing';
import * as core from '../src/index.js';
import { runScriptedConversation } from '../demo/scripted.js';

describe('the core in a real browser', () => {
  it('runs a whole paid conversation through LocalTransport in Chromium', async () => {
    const lines: string[] = [];
    let volleys = 0;
    const summary = await runScriptedConversation(core, (who, text, message) => {
      lines.push(`${who}: ${text}`);
      if (message?.volley) volleys += 1;
    });
    // The reply after 1 h and the thanks after the tribute (a customer message) are volleys; the late reply is not.
    expect(volleys).to.equal(2);
    expect(summary).to.equal('Done: 2 volleys, $6.32 earned by Ivy.');
    expect(lines.at(-1)).to.contain("back in Cam's list (shown)");
  });

  it('importing the core defines no custom element', () => {
    const defined = ['volley-chat', 'volley-thread', 'volley-composer'].filter((tag) => customElements.get(tag));
    expect(defined).to.deep.equal([]);
  });
});

describe('rule families loaded on first use, in a real browser', () => {
  it('M2 and K6 refuse in Chromium once their chunks load, and T2 routing offers a chat', async () => {
    const clock = new core.ManualClock(0);
    const engine = new core.ChatEngine({ policy: core.presets.marketplace({ routing: { enabled: true } }), clock });
    engine.upsertUser({ id: 'c1', role: 'customer', name: 'Cam' });
    engine.upsertUser({ id: 'a1', role: 'agent', teamId: 't1' });
    const conversation = await engine.execute<'start'>('c1', { type: 'start', with: 't1' });
    const offers: string[] = [];
    engine.connect('a1', (event) => { if (event.type === 'offer') offers.push(event.offer.id); });

    const contact = await engine.execute('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm1', kind: 'text', text: 'mail me at ivy at gmail dot com' } }).catch((e) => e);
    expect(contact.code).to.equal('contact-info');
    const fake = await engine.execute('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm2', kind: 'attachment', attachment: { name: 'x.png', size: 4, head: btoa('MZ\x90\x00') } } }).catch((e) => e);
    expect(fake.code).to.equal('attachment-type');

    await engine.execute('c1', { type: 'send', conversationId: conversation.id, message: { id: 'm3', kind: 'text', text: 'Hello team' } });
    expect(offers.length).to.equal(1);
    const claimed = await engine.execute<'claim'>('a1', { type: 'claim', offerId: offers[0] });
    expect(claimed.ownerId).to.equal('a1');
  });
});
