import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ERROR_MESSAGES } from '../src/model/error-texts.js';
import { ChatClient, LocalTransport, presets, type ErrorCode, type Message, type Policy, type UploadOptions } from '../src/index.js';
import '../src/elements/composer/composer.js';
import type { VolleyComposer } from '../src/elements/composer/composer.js';
import { makeWorld, settle, until } from './helpers.js';

/** The next `volley-*` event, typed. */
const next = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K) => oneEvent(target, name) as unknown as Promise<GlobalEventHandlersEventMap[K]>;

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const PDF = new TextEncoder().encode('%PDF-1.7\n');
const XSS = '<img src=x onerror=alert(1)>';

/** An in-page transport whose uploads wait until the test settles them (or the composer cancels them). */
class HeldUploads extends LocalTransport {
  readonly held: { file: File; options: UploadOptions; resolve(url: string): void }[] = [];
  override upload(file: File, options: UploadOptions = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(options.signal!.reason));
      this.held.push({ file, options, resolve });
    });
  }
}
const EMOJI_DATA = new URL('./fixtures/emoji-data.json', import.meta.url).href;

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T | null;
const textarea = (el: Element) => $<HTMLTextAreaElement>(el, 'textarea')!;
const sendButton = (el: Element) => $<HTMLButtonElement>(el, '[part=send-button]')!;
const partText = (el: Element, part: string) => $(el, `[part=${part}]`)?.textContent?.trim() ?? '';
const stored = (client: ChatClient, cid: string) => (client.state.messages[cid] ?? []).filter((m) => m.seq > 0);
const last = (client: ChatClient, cid: string) => stored(client, cid).at(-1) as Message & Record<string, unknown>;

/** Types as a user does: the value changes and an input event fires. */
async function type(el: VolleyComposer, value: string) {
  const area = textarea(el);
  area.value = value;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  await settle();
  await el.updateComplete;
}

function press(el: VolleyComposer, init: KeyboardEventInit) {
  const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true, ...init });
  textarea(el).dispatchEvent(event);
  return event;
}

async function composer(client: ChatClient, cid: string, extra: Partial<VolleyComposer> = {}) {
  const el = await fixture<VolleyComposer>(html`<volley-composer .client=${client} conversation-id=${cid} emoji-data-url=${EMOJI_DATA}></volley-composer>`);
  Object.assign(el, extra);
  await el.updateComplete;
  await settle();
  return el;
}

/** Cam wrote to Ivy: a conversation both can send in. */
async function chat(policy: Policy = presets.paidChat()) {
  const world = makeWorld({ policy });
  const cam = await world.client('cam');
  const ivy = await world.client('ivy');
  const conversation = await cam.startConversation({ with: 'ivy' });
  await cam.send(conversation.id, { kind: 'text', text: 'Hi Ivy' });
  await settle();
  return { world, cam, ivy, cid: conversation.id };
}

describe('volley-composer', () => {
  // First, while nothing has touched the picker yet: it must not load with the composer.
  it('loads the emoji picker only on the first click, with its data from the configured URL', async () => {
    const { cam, cid } = await chat();
    const el = await composer(cam, cid);
    const dataRequests = () => performance.getEntriesByType('resource').filter((e) => e.name === EMOJI_DATA);
    expect(customElements.get('volley-emoji-picker')).to.equal(undefined);
    expect(dataRequests()).to.have.length(0);
    expect($(el, '[part~=emoji-panel]')).to.equal(null);

    await type(el, 'Nice ');
    $(el, '[part=emoji-button]')!.click();
    const picker = () => $<HTMLElement & { dataUrl: string }>(el, 'volley-emoji-picker');
    const cells = () => [...(picker()?.shadowRoot?.querySelectorAll<HTMLButtonElement>('[role=gridcell]') ?? [])];
    await until(() => cells().length);
    expect(dataRequests()).to.have.length(1);
    expect(picker()!.dataUrl).to.equal(EMOJI_DATA);
    // The first category of the fixture: its two emoji, named by their annotation.
    expect(cells().map((cell) => [cell.textContent!.trim(), cell.getAttribute('aria-label')])).to.deep.equal([['😀', 'grinning face'], ['❤️', 'red heart']]);
    // On a desktop the search field has the focus.
    expect(picker()!.shadowRoot!.activeElement).to.equal(picker()!.shadowRoot!.querySelector('[part~=search]'));

    cells()[1].click();
    await el.updateComplete;
    expect(textarea(el).value).to.equal('Nice ❤️');
    expect(picker(), 'the panel closed').to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
    el.remove();
  });

  it('searches emoji, switches categories and moves in the grid with the keyboard; its strings are replaceable', async () => {
    const { cam, cid } = await chat();
    const el = await composer(cam, cid, { strings: { emojiSearch: 'Chercher', emojiGroups: { 0: 'Visages', 1: 'Personnes' }, emojiNone: 'Aucun' } });
    textarea(el).focus();
    $(el, '[part=emoji-button]')!.click();
    const root = () => $(el, 'volley-emoji-picker')!.shadowRoot!;
    const cells = () => [...($(el, 'volley-emoji-picker')?.shadowRoot?.querySelectorAll<HTMLButtonElement>('[role=gridcell]') ?? [])];
    await until(() => cells().length);
    expect(root().querySelector('input')!.getAttribute('aria-label')).to.equal('Chercher');
    const tabs = [...root().querySelectorAll<HTMLButtonElement>('[role=tab]')];
    expect(tabs.map((tab) => [tab.getAttribute('aria-label'), tab.getAttribute('aria-selected')])).to.deep.equal([['Visages', 'true'], ['Personnes', 'false']]);
    expect(root().querySelector('[role=grid]')!.getAttribute('aria-label')).to.equal('Visages');

    // Down from the search field goes into the grid; the arrows move along it, Escape closes the panel.
    await sendKeys({ press: 'ArrowDown' });
    await until(() => root().activeElement === cells()[0]);
    await sendKeys({ press: 'ArrowRight' });
    await until(() => root().activeElement === cells()[1]);
    expect(cells().map((cell) => cell.tabIndex)).to.deep.equal([-1, 0]);
    await sendKeys({ press: 'ArrowUp' });
    await until(() => root().activeElement === root().querySelector('input'));

    // A search by tag, then one that finds nothing; Enter picks the first result.
    await sendKeys({ type: 'thumb' });
    await until(() => cells().length === 1);
    expect(cells()[0].textContent!.trim()).to.equal('👍');
    expect(tabs.every((tab) => tab.getAttribute('aria-selected') === 'false')).to.equal(true);
    await sendKeys({ type: 'zzz' });
    await until(() => root().querySelector('[role=status]')?.textContent === 'Aucun');
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'Backspace' });
    await until(() => cells().length === 1);
    await sendKeys({ press: 'Enter' });
    await until(() => textarea(el).value === '👍');

    // The tabs: the second category, with the arrow keys.
    $(el, '[part=emoji-button]')!.click();
    await until(() => cells().length === 2);
    root().querySelector<HTMLButtonElement>('[role=tab]')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => cells().length === 1 && cells()[0].textContent!.trim() === '👍');
    expect(root().activeElement?.getAttribute('aria-label')).to.equal('Personnes');
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, 'volley-emoji-picker'));
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#emoji'));
  });

  it('says so when the emoji data cannot be loaded', async () => {
    const { cam, cid } = await chat();
    const el = await composer(cam, cid, { emojiDataUrl: new URL('./fixtures/missing-emoji.json', import.meta.url).href });
    $(el, '[part=emoji-button]')!.click();
    const status = () => $(el, 'volley-emoji-picker')?.shadowRoot?.querySelector('[role=status]')?.textContent;
    await until(() => status() === 'The emoji could not be loaded.');
  });

  it('sends on Enter, breaks the line on Shift+Enter, and keeps the focus in the text area', async () => {
    const { cam, ivy, cid } = await chat();
    const el = await composer(cam, cid);
    textarea(el).focus();
    await sendKeys({ type: 'Two lines' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'of text' });
    await el.updateComplete;
    expect(textarea(el).value).to.equal('Two lines\nof text');
    expect(stored(cam, cid)).to.have.length(1);

    await sendKeys({ press: 'Enter' });
    await settle();
    expect(last(ivy, cid)).to.include({ kind: 'text', text: 'Two lines\nof text', authorId: 'cam' });
    expect(textarea(el).value).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
    expect(parseFloat(getComputedStyle(textarea(el)).fontSize)).to.be.at.least(16);

    // The Send button sends too, and gives the focus back to the text area.
    await type(el, 'And a click');
    sendButton(el).click();
    await settle();
    expect(last(ivy, cid)).to.include({ text: 'And a click' });
    expect(el.shadowRoot!.activeElement).to.equal(textarea(el));
  });

  it('does not send on the Enter that confirms an IME composition', async () => {
    const { cam, cid } = await chat();
    const el = await composer(cam, cid);
    await type(el, 'にほんご');
    const event = press(el, { isComposing: true });
    await settle();
    expect(event.defaultPrevented).to.equal(false);
    expect(stored(cam, cid)).to.have.length(1);
    expect(textarea(el).value).to.equal('にほんご');
  });

  it('announces volley-send with the draft; canceling it stops the send', async () => {
    const { cam, ivy, cid } = await chat();
    const el = await composer(cam, cid);
    await type(el, 'Hold this one');
    el.addEventListener('volley-send', (e) => e.preventDefault(), { once: true });
    setTimeout(() => press(el, {}));
    const canceled = await next(el, 'volley-send');
    expect(canceled.conversationId).to.equal(cid);
    expect(canceled.draft).to.deep.equal({ kind: 'text', text: 'Hold this one' });
    await settle();
    expect(stored(ivy, cid)).to.have.length(1);
    expect(cam.state.messages[cid]).to.have.length(1);
    expect(textarea(el).value).to.equal('Hold this one');

    setTimeout(() => press(el, {}));
    const sent = await next(el, 'volley-send');
    expect(sent.defaultPrevented).to.equal(false);
    await settle();
    expect(last(ivy, cid)).to.include({ text: 'Hold this one' });
  });

  describe('shows why sending is refused before anyone types', () => {
    const cases: [ErrorCode, string, () => Promise<{ world: ReturnType<typeof makeWorld>; client: ChatClient; cid: string }>][] = [
      ['blocked', 'the customer blocked the provider', async () => {
        const { world, cam, ivy, cid } = await chat();
        await cam.block('ivy');
        return { world, client: ivy, cid };
      }],
      ['customer-must-initiate', 'the customer has not written yet', async () => {
        const world = makeWorld({ policy: presets.paidChat() });
        const cam = await world.client('cam');
        const { id } = await cam.startConversation({ with: 'ivy' });
        return { world, client: await world.client('ivy'), cid: id };
      }],
      ['unanswered-limit', 'five provider messages in a row went unanswered', async () => {
        const { world, ivy, cid } = await chat(presets.clientDMs());
        for (let i = 1; i <= 5; i++) await ivy.send(cid, { kind: 'text', text: `Follow-up ${i}` });
        return { world, client: ivy, cid };
      }],
      ['chat-disabled', 'the channel turned two-way chat off', async () => {
        const { world, cam, cid } = await chat(presets.customerCare());
        await (await world.client('adm')).setChatEnabled('ivy', false);
        return { world, client: cam, cid };
      }],
      ['account-restricted', 'the provider account is suspended', async () => {
        const { world, ivy, cid } = await chat(presets.clientDMs());
        world.engine.setAccountState('ivy', 'suspended');
        return { world, client: ivy, cid };
      }],
      ['negative-review', 'the client left a negative review', async () => {
        const { world, ivy, cid } = await chat(presets.clientDMs());
        world.engine.recordReview({ from: 'cam', to: 'ivy', rating: 'negative' });
        return { world, client: ivy, cid };
      }],
    ];
    for (const [code, when, setUp] of cases) {
      it(`${code}: when ${when}`, async () => {
        const { client, cid } = await setUp();
        await settle();
        const el = await composer(client, cid);
        // A refusal in the state is a code: its text renders once the engine's texts have loaded.
        await until(() => partText(el, 'refusal') === ERROR_MESSAGES[code]);
        expect($(el, '[part=refusal]')!.getAttribute('role')).to.equal('status');
        expect(textarea(el).disabled).to.equal(true);
        expect(sendButton(el).disabled).to.equal(true);
        await expect(el).to.be.accessible();
      });
    }

    it('follows the engine live: a block after the composer opened locks it, an unblock frees it', async () => {
      const { cam, ivy, cid } = await chat();
      const el = await composer(ivy, cid);
      expect(partText(el, 'refusal')).to.equal('');
      expect(textarea(el).disabled).to.equal(false);
      await cam.block('ivy');
      await until(() => partText(el, 'refusal') === ERROR_MESSAGES.blocked);
      expect(textarea(el).disabled).to.equal(true);
      await cam.unblock('ivy');
      await settle();
      expect(partText(el, 'refusal')).to.equal('');
      expect(textarea(el).disabled).to.equal(false);
    });
  });

  describe('contact details (M2)', () => {
    const EMAIL = 'mail me at ivy at gmail dot com';

    it('warns while typing in a marketplace inbox and blocks the send', async () => {
      const { cam, ivy, cid } = await chat(presets.marketplace());
      const el = await composer(cam, cid);
      await type(el, 'Is the blue one still available?');
      expect(partText(el, 'warning')).to.equal('');
      await type(el, EMAIL);
      await until(() => partText(el, 'warning') === ERROR_MESSAGES['contact-info']);
      expect($(el, '[part=warning]')!.getAttribute('role')).to.equal('status');
      expect(sendButton(el).disabled).to.equal(true);
      let announced = false;
      el.addEventListener('volley-send', () => (announced = true));
      press(el, {});
      await el.send();
      await settle();
      expect(announced).to.equal(false);
      expect(stored(ivy, cid)).to.have.length(1);
      expect(textarea(el).value).to.equal(EMAIL);
      await type(el, 'Never mind');
      expect(partText(el, 'warning')).to.equal('');
    });

    it('does not warn inside an order, where the engine allows contact details', async () => {
      const world = makeWorld({ policy: presets.marketplace() });
      world.engine.recordOrder({ id: 'o1', customerId: 'cam', providerId: 'ivy', title: 'Logo design', amountCents: 5000 });
      const cam = await world.client('cam');
      const ivy = await world.client('ivy');
      const { id: cid } = await cam.startConversation({ with: 'ivy', orderId: 'o1' });
      const el = await composer(cam, cid);
      await type(el, EMAIL);
      press(el, {});
      // The rule loads on first use, before the send: wait for the message, not a number of rounds.
      await until(() => last(ivy, cid)?.text === EMAIL, 'the message with contact details inside the order');
      // The rule is loaded now: the same text again draws no warning.
      await type(el, EMAIL);
      expect(partText(el, 'warning')).to.equal('');
      expect(sendButton(el).disabled).to.equal(false);
    });
  });

  it('shows a refused send as an alert and a volley-error event', async () => {
    const { world, cam, cid } = await chat(presets.customerCare());
    const ana = await world.client('ana');
    const bo = await world.client('bo');
    await ana.send(cid, { kind: 'text', text: 'I am on it.' });
    await settle();
    const el = await composer(bo, cid);
    await type(el, 'Let me help too');
    setTimeout(() => press(el, {}));
    const error = await next(el, 'volley-error');
    expect(error.code).to.equal('owned-by-other');
    await el.updateComplete;
    expect(partText(el, 'error')).to.equal(ERROR_MESSAGES['owned-by-other']);
    expect($(el, '[part=error]')!.getAttribute('role')).to.equal('alert');
    expect(last(cam, cid)).to.include({ text: 'I am on it.' });
  });

  it('sends each chosen file as an attachment message the engine stores, kept by the client\'s transport or uploaded through the host hook', async () => {
    const { cam, ivy, cid } = await chat();
    const el = await composer(cam, cid);
    const picker = $(el, 'volley-attachment-picker') as HTMLElement & { add(files: File[]): Promise<void>; files: readonly File[]; updateComplete: Promise<boolean> };
    await picker.add([new File([PNG], 'dot.png', { type: 'image/png' })]);
    await el.updateComplete;
    expect(sendButton(el).disabled).to.equal(false);
    const drafts: unknown[] = [];
    el.addEventListener('volley-send', (e) => drafts.push(e.draft));
    await el.send();
    // The attachment rules load on first use: wait for the stored message, not a number of rounds.
    await until(() => last(ivy, cid)?.kind === 'attachment');
    const head = btoa(String.fromCharCode(...PNG));
    // With no host uploader the client's transport keeps the file: on the in-page engine, a blob: URL of this page.
    const { url: kept, ...sent } = (last(ivy, cid) as Message & { attachment: { url?: string } }).attachment;
    expect(sent).to.deep.equal({ name: 'dot.png', size: PNG.length, mime: 'image/png', head });
    expect(kept).to.match(/^blob:/);
    expect(drafts).to.have.length(1);
    expect(picker.files).to.have.length(0);

    const uploaded: string[] = [];
    el.uploader = async (file, { onProgress }) => {
      onProgress(1);
      uploaded.push(file.name);
      return `https://files.example/${file.name}`;
    };
    await picker.add([new File(['agenda'], 'agenda.txt', { type: 'text/plain' }), new File([PNG], 'two.png', { type: 'image/png' })]);
    await el.updateComplete;
    const before = stored(ivy, cid).length;
    await el.send();
    await until(() => stored(ivy, cid).length === before + 2);
    expect(uploaded).to.deep.equal(['agenda.txt', 'two.png']);
    const [agenda, two] = stored(ivy, cid).slice(-2) as (Message & { attachment: { name: string; url?: string } })[];
    expect([agenda.attachment.name, agenda.attachment.url]).to.deep.equal(['agenda.txt', 'https://files.example/agenda.txt']);
    expect([two.attachment.name, two.attachment.url]).to.deep.equal(['two.png', 'https://files.example/two.png']);
  });

  it('uploads through the client\'s transport with a progress bar and a Cancel per file; the other side gets the URL', async () => {
    const { world, ivy, cid } = await chat();
    const uploads = new HeldUploads(world.engine, { userId: 'cam' });
    const cam = new ChatClient({ transport: uploads, clock: world.clock });
    await cam.connect();
    const el = await composer(cam, cid);
    const picker = $(el, 'volley-attachment-picker') as HTMLElement & { add(files: File[]): Promise<void>; files: readonly File[] };
    await picker.add([new File([PNG], 'photo.png', { type: 'image/png' }), new File([PDF], 'receipt.pdf', { type: 'application/pdf' })]);
    await el.updateComplete;
    const sending = el.send();
    await until(() => uploads.held.length === 2);
    expect(uploads.held.map((u) => u.file.name)).to.deep.equal(['photo.png', 'receipt.pdf']);
    expect(sendButton(el).disabled).to.equal(true);
    uploads.held[0].options.onProgress!(0.5);
    await settle();
    const bar = $(picker, 'progress[aria-label="Uploading photo.png"]') as HTMLProgressElement;
    expect(bar.value).to.equal(0.5);
    ($(picker, 'button[aria-label="Cancel the upload of receipt.pdf"]') as HTMLButtonElement).click();
    expect(uploads.held[1].options.signal!.aborted).to.equal(true);
    uploads.held[0].resolve('https://chat.example/uploads/0b0c');
    await sending;
    await until(() => last(ivy, cid)?.kind === 'attachment');
    expect((last(ivy, cid) as Message & { attachment: { name: string; url?: string } }).attachment).to.include({ name: 'photo.png', url: 'https://chat.example/uploads/0b0c' });
    expect(stored(ivy, cid).filter((m) => m.kind === 'attachment')).to.have.length(1);
    expect(picker.files).to.have.length(0);
    cam.disconnect();
  });

  describe('provider side', () => {
    const paymentButtons = [{ id: 'pb1', title: 'Portrait session', amountCents: 4500 }];
    const goodies = [{ id: 'g1', title: 'Wallpaper pack' }];
    const engagements = [{ id: 'e1', type: 'coupon' as const, title: '10% off', code: 'TEN' }, { id: 'e2', type: 'promo' as const, title: XSS }];

    it('inserts a catalog entry from a keyboard-operable menu; an engagement becomes an engagement message', async () => {
      const { cam, ivy, cid } = await chat();
      const el = await composer(ivy, cid, { paymentButtons, goodies, engagements });
      const opener = $(el, '[part=insert-button]')!;
      opener.click();
      await el.updateComplete;
      // First in the file to open a tool: the tools load on first use, "Loading…" until they are there.
      expect($(el, '[role=menu]')).to.equal(null);
      expect($(el, 'p.muted')!.textContent).to.equal('Loading…');
      expect(opener.getAttribute('aria-expanded')).to.equal('true');
      await until(() => $(el, '[role=menuitem]') && el.shadowRoot!.activeElement?.getAttribute('role') === 'menuitem');
      const items = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role=menuitem]')];
      expect(items.map((i) => i.textContent!.trim())).to.deep.equal(['Portrait session · $45.00', 'Wallpaper pack', '10% off', XSS]);
      expect(el.shadowRoot!.querySelector('[role=menu] img')).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal(items[0]);
      await sendKeys({ press: 'ArrowUp' });
      expect(el.shadowRoot!.activeElement).to.equal(items[3]);
      await sendKeys({ press: 'ArrowUp' });
      expect(el.shadowRoot!.activeElement).to.equal(items[2]);
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Enter' });
      // The first staff-only item loads its shape check before it goes: wait for it to arrive.
      await until(() => last(cam, cid)?.kind === 'engagement');
      expect(last(cam, cid)).to.deep.include({ kind: 'engagement', engagement: engagements[0] });
      expect($(el, '[role=menu]')).to.equal(null);

      opener.click();
      await el.updateComplete;
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect($(el, '[role=menu]')).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal(opener);

      opener.click();
      await el.updateComplete;
      (el.shadowRoot!.querySelectorAll<HTMLElement>('[role=menuitem]')[0]).click();
      await settle();
      expect(last(cam, cid)).to.deep.include({ kind: 'payment-button', button: paymentButtons[0] });
    });

    it('offers no catalog and no tribute request to the customer', async () => {
      const { cam, cid } = await chat();
      const el = await composer(cam, cid, { paymentButtons, goodies, engagements });
      expect($(el, '[part=insert-button]')).to.equal(null);
      expect($(el, '[part=request-button]')).to.equal(null);
    });

    it('requests a tribute: amount and note, checked against the policy, then the card reaches the customer', async () => {
      const { cam, ivy, cid } = await chat();
      const el = await composer(ivy, cid);
      $(el, '[part=request-button]')!.click();
      // The amount form loads on first use, then takes the focus.
      await until(() => el.shadowRoot!.activeElement?.getAttribute('name') === 'amount');
      const form = $<HTMLFormElement>(el, '[part=tribute-form]')!;
      const amount = form.querySelector<HTMLInputElement>('input[name=amount]')!;
      expect(el.shadowRoot!.activeElement).to.equal(amount);
      await expect(el).to.be.accessible();

      amount.value = '0.5';
      form.requestSubmit();
      await el.updateComplete;
      expect(form.querySelector('[role=alert]')!.textContent).to.equal('Enter an amount between $1.00 and $1,000.00.');

      amount.value = '12.5';
      form.querySelector<HTMLInputElement>('input[name=note]')!.value = 'For the extra sketches';
      setTimeout(() => form.requestSubmit());
      const request = await next(el, 'volley-tribute-request');
      expect([request.conversationId, request.amountCents, request.note]).to.deep.equal([cid, 1250, 'For the extra sketches']);
      await until(() => last(cam, cid)?.kind === 'tribute-request');
      expect(last(cam, cid)).to.include({ kind: 'tribute-request', amountCents: 1250, note: 'For the extra sketches' });
      expect($(el, '[part=tribute-form]')).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[part=request-button]'));
    });
  });

  describe('typing (P12)', () => {
    /** Cam's client with its typing calls counted. */
    function countTyping(client: ChatClient) {
      const calls: string[] = [];
      const typing = client.typing.bind(client);
      client.typing = (id: string) => (calls.push(id), typing(id));
      return calls;
    }

    it('tells the other side on input; the engine throttles, and the signal lapses after the policy time', async () => {
      const { world, cam, ivy, cid } = await chat();
      const calls = countTyping(cam);
      const el = await composer(cam, cid);
      await type(el, 'H');
      await type(el, 'He');
      expect(calls).to.deep.equal([cid, cid]);
      await until(() => ivy.state.typing[cid]?.cam);
      world.clock.advance(world.engine.policy.typing.ttlMs);
      await until(() => !ivy.state.typing[cid]?.cam);
    });

    it('does not signal on IME composition steps, only when the composition commits', async () => {
      const { cam, cid } = await chat();
      const calls = countTyping(cam);
      const el = await composer(cam, cid);
      const area = textarea(el);
      for (const step of ['に', 'にほ', 'にほん']) {
        area.value = step;
        area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, isComposing: true }));
      }
      expect(calls).to.have.length(0);
      area.dispatchEvent(new CompositionEvent('compositionend', { data: '日本' }));
      expect(calls).to.deep.equal([cid]);
    });
  });

  it('wraps its toolbar on a narrow provider panel: no button overlaps another', async () => {
    const { ivy, cid } = await chat();
    const el = await composer(ivy, cid, { paymentButtons: [{ id: 'pb1', title: 'Portrait', amountCents: 4500 }] });
    el.style.inlineSize = '24rem';
    await el.updateComplete;
    const picker = $(el, 'volley-attachment-picker')!;
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.toolbar > button'), picker.shadowRoot!.querySelector<HTMLElement>('[part=button]')!];
    expect(buttons).to.have.length(5);
    const boxes = buttons.map((b) => b.getBoundingClientRect());
    const overlaps = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)).length;
    expect(overlaps).to.equal(0);
    const toolbar = $(el, '.toolbar')!.getBoundingClientRect();
    expect(boxes.every((b) => b.left >= toolbar.left && b.right <= toolbar.right + 0.5)).to.equal(true, 'every button inside the toolbar');
  });

  it('is accessible', async () => {
    const { cam, cid } = await chat(presets.marketplace());
    const el = await composer(cam, cid);
    await expect(el).to.be.accessible();
    await type(el, 'mail me at ivy at gmail dot com');
    await expect(el).to.be.accessible();
  });
});
