import { expect, fixture, html } from '@open-wc/testing';
import { presets } from '../src/index.js';
import '../src/elements/care-stats/care-stats.js';
import type { VolleyCareStats } from '../src/elements/care-stats/care-stats.js';
import { makeWorld, until } from './helpers.js';

describe('volley-care-stats (K5)', () => {
  it('shows the engine figures of the window and updates on refresh', async () => {
    const world = makeWorld({ policy: presets.customerCare() });
    const cam = await world.client('cam');
    const ana = await world.client('ana');
    const chat = await cam.startConversation({ with: 'ivy' });
    await cam.send(chat.id, { kind: 'text', text: 'Is my coupon still valid?' });
    world.clock.advance(2 * 60_000);
    await ana.send(chat.id, { kind: 'text', text: 'Yes, until Friday.' });

    const element = await fixture<VolleyCareStats>(html`<volley-care-stats .client=${ana}></volley-care-stats>`);
    await until(() => element.shadowRoot!.querySelector('dl'));
    const figure = (label: string) => [...element.shadowRoot!.querySelectorAll('dl div')].find((d) => d.querySelector('dt')!.textContent === label)?.querySelector('dd')!.textContent;
    expect(figure('Active')).to.equal('1');
    expect(figure('Answered')).to.equal('1');
    expect(figure('Average response time')).to.equal('2 min');
    expect(figure('Finished')).to.equal('0');
    // How the figures show loads with them (care-stats.figures.ts): its styles are in force.
    expect(getComputedStyle(element.shadowRoot!.querySelector('dd')!).fontWeight).to.equal('600');

    await ana.finish(chat.id);
    await element.refresh();
    await element.updateComplete;
    expect(figure('Finished')).to.equal('1');
    expect(figure('Active')).to.equal('0');
    await expect(element).to.be.accessible();
  });

  it('says why when the figures are refused, with replaceable strings', async () => {
    const world = makeWorld({ policy: presets.customerCare() });
    const cam = await world.client('cam');
    const element = await fixture<VolleyCareStats>(html`<volley-care-stats .client=${cam} .strings=${{ errors: { forbidden: 'Réservé aux agents.' } }}></volley-care-stats>`);
    await until(() => element.shadowRoot!.querySelector('[role=alert]'));
    expect(element.shadowRoot!.querySelector('[role=alert]')!.textContent).to.equal('Réservé aux agents.');
  });
});
