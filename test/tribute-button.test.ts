import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ERROR_MESSAGES } from '../src/model/error-texts.js';
import { presets, type ChatClient, type Message } from '../src/index.js';
import '../src/elements/tribute-button/tribute-button.js';
import type { VolleyTributeButton } from '../src/elements/tribute-button/tribute-button.js';
import { makeWorld, settle, until } from './helpers.js';

/** The next `volley-*` event, typed. */
const next = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K) => oneEvent(target, name) as unknown as Promise<GlobalEventHandlersEventMap[K]>;

const $ = <T extends HTMLElement = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T | null;
const opener = (el: Element) => $<HTMLButtonElement>(el, '[part=button]')!;
const dialog = (el: Element) => $(el, 'dialog[open]');
const presetButtons = (el: Element) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=presets] button')];
const tributes = (client: ChatClient, cid: string) => (client.state.messages[cid] ?? []).filter((m) => m.kind === 'tribute') as Extract<Message, { kind: 'tribute' }>[];

async function setUp(customize?: (el: VolleyTributeButton) => void) {
  const world = makeWorld({ policy: presets.paidChat() });
  const cam = await world.client('cam');
  const ivy = await world.client('ivy');
  const { id: cid } = await cam.startConversation({ with: 'ivy' });
  await cam.send(cid, { kind: 'text', text: 'Loved the stream' });
  const el = await fixture<VolleyTributeButton>(html`<volley-tribute-button .client=${cam} conversation-id=${cid}></volley-tribute-button>`);
  customize?.(el);
  await el.updateComplete;
  return { world, cam, ivy, cid, el };
}

/** Opens the dialog: it loads on first use, then its first amount (or the chosen one) has the focus. */
async function openDialog(el: VolleyTributeButton) {
  opener(el).click();
  await until(() => dialog(el) && el.shadowRoot!.activeElement);
}

async function confirm(el: VolleyTributeButton) {
  $<HTMLFormElement>(el, 'form')!.requestSubmit();
  await el.updateComplete;
  await settle();
  await el.updateComplete;
}

async function typeInto(el: VolleyTributeButton, selector: string, value: string) {
  const field = $<HTMLInputElement>(el, selector)!;
  field.value = value;
  field.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

describe('volley-tribute-button (P4)', () => {
  // First in the file to open the dialog: its module is not loaded yet.
  it('loads its dialog on first open: "Loading…" until it is there, then the dialog with the focus on an amount', async () => {
    const { el } = await setUp();
    opener(el).click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('dialog').length).to.equal(0);
    expect($(el, 'p.muted')!.textContent).to.equal('Loading…');
    expect(opener(el).getAttribute('aria-expanded')).to.equal('true');
    await until(() => dialog(el));
    await until(() => el.shadowRoot!.activeElement?.textContent === '$5.00');
    await expect(el).to.be.accessible();
  });

  it('offers the preset amounts, by default and as given', async () => {
    const { el } = await setUp();
    await openDialog(el);
    expect(presetButtons(el).map((b) => b.textContent)).to.deep.equal(['$5.00', '$10.00', '$20.00']);
    el.presets = [300, 1500];
    el.currency = 'EUR';
    await el.updateComplete;
    expect(presetButtons(el).map((b) => b.textContent)).to.deep.equal(['€3.00', '€15.00']);
  });

  it('pays a preset: volley-tribute, then the tribute reaches the provider and "Tribute sent" shows', async () => {
    const { world, ivy, cid, el } = await setUp();
    await openDialog(el);
    presetButtons(el)[1].click();
    await el.updateComplete;
    expect(presetButtons(el)[1].getAttribute('aria-pressed')).to.equal('true');
    expect($(el, '[part=confirm]')!.textContent!.trim()).to.equal('Send $10.00');
    setTimeout(() => void confirm(el));
    const intent = await next(el, 'volley-tribute');
    expect([intent.conversationId, intent.amountCents, intent.note]).to.deep.equal([cid, 1000, undefined]);
    // The first tribute loads the engine's tribute desk: wait for the outcome, not a number of rounds.
    await until(() => tributes(ivy, cid).length > 0 && $(el, '[part=status]')?.textContent === 'Tribute sent');
    expect(tributes(ivy, cid).map((m) => m.amountCents)).to.deep.equal([1000]);
    expect(world.payments.charges.filter((c) => c.reason === 'tribute').map((c) => [c.payerId, c.payeeId, c.amountCents])).to.deep.equal([['cam', 'ivy', 1000]]);
    expect($(el, '[part=status]')!.textContent).to.equal('Tribute sent');
    expect($(el, '[part=status]')!.getAttribute('role')).to.equal('status');
    expect(dialog(el)).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(opener(el));
  });

  it('pays a custom amount with a note, refusing amounts outside the policy bounds', async () => {
    const { ivy, cid, el } = await setUp();
    await openDialog(el);
    let intents = 0;
    el.addEventListener('volley-tribute', () => intents++);
    await typeInto(el, 'input[type=number]', '0.5');
    await confirm(el);
    expect($(el, '[part=error]')!.textContent).to.equal('Enter an amount between $1.00 and $1,000.00.');
    await typeInto(el, 'input[type=number]', '1000.01');
    await confirm(el);
    expect($(el, '[part=error]')!.textContent).to.equal('Enter an amount between $1.00 and $1,000.00.');
    expect(intents).to.equal(0);

    await typeInto(el, 'input[type=number]', '7.5');
    await typeInto(el, 'input[name=note]', 'For the <b>encore</b>');
    expect($(el, '[part=confirm]')!.textContent!.trim()).to.equal('Send $7.50');
    await confirm(el);
    expect(intents).to.equal(1);
    expect(tributes(ivy, cid).map((m) => [m.amountCents, m.note])).to.deep.equal([[750, 'For the <b>encore</b>']]);
  });

  it('asks for an amount when none is chosen', async () => {
    const { ivy, cid, el } = await setUp();
    await openDialog(el);
    await confirm(el);
    expect($(el, '[part=error]')!.textContent).to.equal('Choose an amount.');
    expect(tributes(ivy, cid)).to.have.length(0);
  });

  it('shows the decline, sends no tribute and keeps the dialog open when the payment is declined', async () => {
    const { world, cam, ivy, cid, el } = await setUp();
    world.payments.setBalance('cam', 0);
    await openDialog(el);
    presetButtons(el)[0].click();
    await el.updateComplete;
    setTimeout(() => void confirm(el));
    const error = await next(el, 'volley-error');
    expect(error.code).to.equal('payment-declined');
    await settle();
    await el.updateComplete;
    // The engine's reason (the payments adapter's), as the ChatError carries it.
    expect($(el, '[part=error]')!.textContent).to.equal('Not enough credit for this payment.');
    expect(error.message).to.equal('Not enough credit for this payment.');
    expect($(el, '[part=error]')!.getAttribute('role')).to.equal('alert');
    expect($(el, '[part=status]')!.textContent).to.equal('');
    expect(dialog(el)).to.not.equal(null);
    expect(tributes(cam, cid)).to.have.length(0);
    expect(tributes(ivy, cid)).to.have.length(0);
  });

  it('stops when the host cancels volley-tribute', async () => {
    const { world, cid, ivy, el } = await setUp();
    el.addEventListener('volley-tribute', (e) => e.preventDefault());
    await openDialog(el);
    presetButtons(el)[0].click();
    await el.updateComplete;
    await confirm(el);
    expect(tributes(ivy, cid)).to.have.length(0);
    expect(world.payments.charges.filter((c) => c.reason === 'tribute')).to.have.length(0);
  });

  it('works from the keyboard: Enter opens, Tab moves, Escape closes and gives the focus back', async () => {
    const { ivy, cid, el } = await setUp();
    opener(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(dialog(el)).to.not.equal(null);
    expect(opener(el).getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(presetButtons(el)[0]);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(presetButtons(el)[1]);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(presetButtons(el)[1].getAttribute('aria-pressed')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(dialog(el)).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(opener(el));

    // Open again: the choice is kept and Enter in the amount field confirms.
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(presetButtons(el)[1]);
    $<HTMLInputElement>(el, 'input[type=number]')!.focus();
    await sendKeys({ type: '12' });
    await sendKeys({ press: 'Enter' });
    await until(() => tributes(ivy, cid).length > 0);
    expect(tributes(ivy, cid).map((m) => m.amountCents)).to.deep.equal([1200]);
  });

  it("words a refusal with the host's text for its code, over the engine's", async () => {
    const { world, el } = await setUp((el) => (el.strings = { errors: { 'payment-declined': 'Paiement refusé.' } }));
    world.payments.setBalance('cam', 0);
    await openDialog(el);
    presetButtons(el)[0].click();
    await el.updateComplete;
    setTimeout(() => void confirm(el));
    const error = await next(el, 'volley-error');
    expect([error.code, error.message]).to.deep.equal(['payment-declined', 'Paiement refusé.']);
    await until(() => $(el, '[part=error]')!.textContent === 'Paiement refusé.');
  });

  it('is disabled with the reason when the conversation refuses sending', async () => {
    const { ivy, el } = await setUp();
    await ivy.block('cam');
    await settle();
    await el.updateComplete;
    expect(opener(el).disabled).to.equal(true);
    await until(() => $(el, '[part=status]')!.textContent === ERROR_MESSAGES.blocked);
    await expect(el).to.be.accessible();
  });

  it('shows nothing to the provider side', async () => {
    const { ivy, cid } = await setUp();
    const el = await fixture<VolleyTributeButton>(html`<volley-tribute-button .client=${ivy} conversation-id=${cid}></volley-tribute-button>`);
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('is accessible, closed and open', async () => {
    const { el } = await setUp();
    await expect(el).to.be.accessible();
    await openDialog(el);
    await expect(el).to.be.accessible();
  });
});
