import { expect, fixture, html } from '@open-wc/testing';
import '../src/elements/chat-card/chat-card.js';
import '../src/elements/provider-settings/provider-settings.js';
import type { VolleyChatCard } from '../src/elements/chat-card/chat-card.js';
import type { VolleyProviderSettings } from '../src/elements/provider-settings/provider-settings.js';
import { makeWorld, settle, START, until } from './helpers.js';

const HOUR = 3_600_000;

/** Max (a provider working alone) with his settings panel, and Cam looking at his card. */
async function settingsWorld(viewer = 'max') {
  const world = makeWorld();
  world.engine.upsertUser({ id: 'max', role: 'provider', name: 'Max' });
  const max = await world.client(viewer);
  const cam = await world.client('cam');
  const root = await fixture<HTMLElement>(html`<div>
    <volley-provider-settings .client=${max}></volley-provider-settings>
    <volley-chat-card .client=${cam} provider="max"></volley-chat-card>
  </div>`);
  const panel = root.querySelector('volley-provider-settings')!;
  const card = root.querySelector('volley-chat-card')!;
  await until(() => panel.shadowRoot!.querySelector('form') && card.shadowRoot!.querySelector('[part=status]'));
  const settings = () => world.engine.execute<'settings'>(viewer, { type: 'settings' });
  return { ...world, max, cam, panel, card, settings };
}

const $ = <E extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const checkbox = (panel: VolleyProviderSettings, part: string) => $<HTMLInputElement>(panel, `[part=${part}] input[type=checkbox]`)!;
const statusRadio = (panel: VolleyProviderSettings, status: string) =>
  [...panel.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=filter] input')].find((input) => input.value === status)!;
const cardStatus = (card: VolleyChatCard) => $(card, '[part=status]')?.textContent;
const cardButton = (card: VolleyChatCard) => $<HTMLButtonElement>(card, '[part=chat]')!;
const quietText = (panel: VolleyProviderSettings) => $(panel, '[part=quiet-hours]')!.textContent!.replace(/\s+/g, ' ');

/** Waits for the engine to answer as expected (its reads are asynchronous). */
async function engineSays(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await settle(1);
  expect(await check(), 'the engine\'s answer').to.equal(true);
}

function fillQuietHours(panel: VolleyProviderSettings, start: string, end: string, zone: string): void {
  const form = $<HTMLFormElement>(panel, 'form')!;
  (form.elements.namedItem('start') as HTMLInputElement).value = start;
  (form.elements.namedItem('end') as HTMLInputElement).value = end;
  (form.elements.namedItem('zone') as HTMLInputElement).value = zone;
  form.requestSubmit();
}

describe('volley-provider-settings (P8, P10, P11, D3)', () => {
  it('shows the settings in force: enrolled, available, no quiet hours, the policy\'s alert channels', async () => {
    const { panel } = await settingsWorld();
    expect(checkbox(panel, 'enrolment').checked).to.equal(true);
    expect(checkbox(panel, 'enrolment').disabled).to.equal(false);
    expect(statusRadio(panel, 'available').checked).to.equal(true);
    expect(quietText(panel)).to.contain('No quiet hours');
    expect(checkbox(panel, 'alerts').checked).to.equal(true);
    expect($<HTMLSelectElement>(panel, 'select')!.value).to.equal('when-away');
    await expect(panel).to.be.accessible();
    panel.setAttribute('theme', 'dark');
    await expect(panel).to.be.accessible();
  });

  it('P8 un-enrolling and enrolling again: the customer\'s card follows in another client', async () => {
    const { panel, card, settings } = await settingsWorld();
    checkbox(panel, 'enrolment').click();
    await until(() => cardButton(card).disabled);
    expect($(card, '[part=note]')!.textContent).to.equal('Max is not taking chats.');
    expect((await settings()).enrolled).to.equal(false);
    expect(checkbox(panel, 'enrolment').checked).to.equal(false);
    checkbox(panel, 'enrolment').click();
    await until(() => !cardButton(card).disabled);
    expect((await settings()).enrolled).to.equal(true);
    expect($(card, '[part=note]')).to.equal(null);
  });

  it('an agent sees its provider\'s enrolment but cannot change it', async () => {
    const { panel } = await settingsWorld('ana');
    expect(checkbox(panel, 'enrolment').checked).to.equal(true);
    expect(checkbox(panel, 'enrolment').disabled).to.equal(true);
  });

  it('P10 a status chosen here is what the customer\'s card shows; a change made elsewhere shows here', async () => {
    const { panel, card, max, settings } = await settingsWorld();
    statusRadio(panel, 'away').click();
    await until(() => cardStatus(card) === 'Away');
    expect((await settings()).status).to.equal('away');
    await max.setStatus('offline');
    await until(() => statusRadio(panel, 'offline').checked);
    expect(cardStatus(card)).to.equal('Offline');
  });

  it('P11 quiet hours the engine refuses: its reason is shown and the hours in force stay', async () => {
    const { panel, settings } = await settingsWorld();
    let code = '';
    panel.addEventListener('volley-error', (e) => (code = e.code));
    fillQuietHours(panel, '22:00', '07:00', 'Mars/Olympus_Mons');
    await until(() => $(panel, '[role=alert]'));
    expect(code).to.equal('invalid');
    expect($(panel, '[role=alert]')!.textContent).to.equal('Unknown time zone "Mars/Olympus_Mons".');
    expect((await settings()).quietHours).to.equal(null);
    expect(quietText(panel)).to.contain('No quiet hours');
  });

  it('P11 quiet hours saved: shown with the window in progress; alerts wait and the panel updates when it ends', async () => {
    const world = await settingsWorld();
    const { panel, clock, notifier, cam, settings } = world;
    // START is 09:00 UTC: a window from 09:00 to 11:00 UTC is in progress.
    fillQuietHours(panel, '09:00', '11:00', 'UTC');
    await until(() => quietText(panel).includes('Quiet now'));
    expect(quietText(panel)).to.contain('Alerts wait from 09:00 to 11:00 (UTC)');
    expect((await settings()).quietHours).to.deep.equal({ start: '09:00', end: '11:00', timeZone: 'UTC' });
    const chat = await cam.startConversation({ with: 'max' });
    await cam.send(chat.id, { kind: 'text', text: 'Are you there?' });
    expect(notifier.sent.filter((n) => n.userId === 'max').length).to.equal(0);
    clock.setTime(START + 2 * HOUR);
    await until(() => !quietText(panel).includes('Quiet now'));
    expect(notifier.sent.filter((n) => n.userId === 'max').map((n) => n.kind)).to.include('summary');
    $<HTMLButtonElement>(panel, '[part=quiet-hours] button[type=button]')!.click();
    await until(() => quietText(panel).includes('No quiet hours'));
    expect((await settings()).quietHours).to.equal(null);
  });

  it('D3 alert channels: push off and e-mail never are saved and read back', async () => {
    const { panel, settings } = await settingsWorld();
    checkbox(panel, 'alerts').click();
    await engineSays(async () => (await settings()).notifications.push === false);
    await until(() => !$(panel, 'select:disabled'));
    const select = $<HTMLSelectElement>(panel, 'select')!;
    select.value = 'never';
    select.dispatchEvent(new Event('change'));
    await engineSays(async () => (await settings()).notifications.email === 'never');
    expect((await settings()).notifications).to.deep.equal({ push: false, email: 'never' });
    await until(() => !$(panel, 'select:disabled'));
    expect([checkbox(panel, 'alerts').checked, $<HTMLSelectElement>(panel, 'select')!.value]).to.deep.equal([false, 'never']);
  });

  it('a customer has no provider settings: the refusal is shown', async () => {
    const world = makeWorld();
    const cam = await world.client('cam');
    const panel = await fixture<VolleyProviderSettings>(html`<volley-provider-settings .client=${cam}></volley-provider-settings>`);
    await until(() => $(panel, '[role=alert]'));
    // The engine's reason, as the ChatError carries it.
    expect($(panel, '[role=alert]')!.textContent).to.equal('Only the provider side has these settings.');
    expect($(panel, 'form')).to.equal(null);
  });
});
