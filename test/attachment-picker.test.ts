import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { presets } from '../src/index.js';
import '../src/elements/attachment-picker/attachment-picker.js';
import type { VolleyAttachmentPicker } from '../src/elements/attachment-picker/attachment-picker.js';

/** The next `volley-*` event, typed. */
const next = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K) => oneEvent(target, name) as unknown as Promise<GlobalEventHandlersEventMap[K]>;

/** A real 1×1 PNG. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const XSS = '<img src=x onerror=alert(1)>';

const png = (name = 'photo.png') => new File([PNG], name, { type: 'image/png' });
const text = (name: string, body = 'plain words') => new File([body], name, { type: 'text/plain' });
const shadow = (el: Element) => el.shadowRoot!;
const refusals = (el: Element) => [...shadow(el).querySelectorAll('[part=refused] p')].map((p) => p.textContent);
const chips = (el: Element) => [...shadow(el).querySelectorAll('li')];

async function picker(multiple = true) {
  return fixture<VolleyAttachmentPicker>(html`<volley-attachment-picker ?multiple=${multiple} .policy=${presets.customerCare().attachments}></volley-attachment-picker>`);
}

/** Chooses files through the file input, as a user does. */
async function choose(el: VolleyAttachmentPicker, ...files: File[]) {
  const input = shadow(el).querySelector('input[type=file]') as HTMLInputElement;
  const transfer = new DataTransfer();
  files.forEach((f) => transfer.items.add(f));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  // updateComplete waits for the files' check and its render.
  await el.updateComplete;
}

describe('volley-attachment-picker (K6)', () => {
  it('refuses a .png whose bytes are not a PNG, with a message naming the file', async () => {
    const el = await picker();
    let events = 0;
    el.addEventListener('volley-attachments', () => events++);
    await choose(el, new File(['GIF89a not really a png'], 'holiday.png', { type: 'image/png' }));
    expect(refusals(el)).to.deep.equal(['holiday.png: This is not a real .png file.']);
    expect(shadow(el).querySelector('[part=refused]')!.getAttribute('role')).to.equal('alert');
    expect(el.files).to.have.length(0);
    expect(events).to.equal(0);
  });

  it('refuses a file over the size limit and a type the policy does not allow', async () => {
    const el = await picker();
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    await choose(el, new File([big], 'huge.png', { type: 'image/png' }), text('setup.exe'), text('notes.txt'));
    expect(refusals(el)).to.deep.equal(['huge.png: Files can be at most 10 MB.', 'setup.exe: Files of type .exe cannot be sent.']);
    expect(el.files.map((f) => f.name)).to.deep.equal(['notes.txt']);
  });

  it('accepts a real PNG with a thumbnail whose object URL is revoked on removal', async () => {
    const el = await picker();
    const file = png();
    setTimeout(() => void choose(el, file));
    const event = await next(el, 'volley-attachments');
    expect(event.files).to.deep.equal([file]);
    await el.updateComplete;
    const img = shadow(el).querySelector('img[part=thumbnail]') as HTMLImageElement;
    expect(img.alt).to.equal('photo.png');
    expect(img.src).to.match(/^blob:/);
    expect((await fetch(img.src)).ok).to.equal(true);
    expect(refusals(el)).to.deep.equal([]);

    (shadow(el).querySelector('button[aria-label="Remove photo.png"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.files).to.have.length(0);
    expect(shadow(el).querySelector('img')).to.equal(null);
    let revoked = false;
    await fetch(img.src).catch(() => (revoked = true));
    expect(revoked).to.equal(true);
  });

  it('revokes its previews when removed from the page and makes them again when put back', async () => {
    const el = await picker();
    await choose(el, png());
    const first = (shadow(el).querySelector('img') as HTMLImageElement).src;
    const parent = el.parentElement!;
    el.remove();
    let revoked = false;
    await fetch(first).catch(() => (revoked = true));
    expect(revoked).to.equal(true);
    parent.append(el);
    await el.updateComplete;
    const again = (shadow(el).querySelector('img') as HTMLImageElement).src;
    expect(again).to.not.equal(first);
    expect((await fetch(again)).ok).to.equal(true);
    el.clear();
  });

  it('takes files dropped onto it', async () => {
    const el = await picker();
    const transfer = new DataTransfer();
    transfer.items.add(text('brief.txt'));
    const zone = shadow(el).querySelector('.zone')!;
    const over = new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true });
    zone.dispatchEvent(over);
    expect(over.defaultPrevented).to.equal(true);
    setTimeout(() => zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })));
    const event = await next(el, 'volley-attachments');
    expect(event.files.map((f) => f.name)).to.deep.equal(['brief.txt']);
    await el.updateComplete;
    expect(chips(el).map((li) => li.querySelector('.name')!.textContent)).to.deep.equal(['brief.txt']);
  });

  it('keeps only the last file without the multiple attribute', async () => {
    const el = await picker(false);
    await choose(el, text('one.txt'));
    await choose(el, text('two.txt'));
    expect(el.files.map((f) => f.name)).to.deep.equal(['two.txt']);
  });

  it('shows upload progress per file, and Cancel aborts that upload and drops the file', async () => {
    const el = await picker();
    await choose(el, png('a.png'), text('b.txt'));
    const calls = new Map<string, { signal: AbortSignal; onProgress: (f: number) => void; resolve: (url: string) => void }>();
    const uploading = el.upload((file, { signal, onProgress }) => new Promise<string>((resolve, reject) => {
      calls.set(file.name, { signal, onProgress, resolve });
      signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
    }));
    await el.updateComplete;
    calls.get('a.png')!.onProgress(0.5);
    await el.updateComplete;
    const bar = shadow(el).querySelector('progress[aria-label="Uploading a.png"]') as HTMLProgressElement;
    expect(bar.value).to.equal(0.5);
    expect(shadow(el).querySelectorAll('progress')).to.have.length(2);

    (shadow(el).querySelector('button[aria-label="Cancel the upload of b.txt"]') as HTMLButtonElement).click();
    expect(calls.get('b.txt')!.signal.aborted).to.equal(true);
    calls.get('a.png')!.resolve('https://files.example/a.png');
    const done = await uploading;
    expect(done.map((d) => [d.file.name, d.url])).to.deep.equal([['a.png', 'https://files.example/a.png']]);
    expect(el.files.map((f) => f.name)).to.deep.equal(['a.png']);
    await el.updateComplete;
    expect(shadow(el).querySelector('progress')).to.equal(null);
  });

  it('keeps a file whose upload failed, saying so', async () => {
    const el = await picker();
    await choose(el, text('b.txt'));
    const done = await el.upload(() => Promise.reject(new Error('network down')));
    await el.updateComplete;
    expect(done).to.deep.equal([]);
    expect(el.files.map((f) => f.name)).to.deep.equal(['b.txt']);
    expect(chips(el)[0].querySelector('[role=alert]')!.textContent).to.equal('The upload failed.');
  });

  it('shows file names as text, never as HTML', async () => {
    const el = await picker();
    await choose(el, text(`${XSS}.txt`), text(`${XSS}.exe`));
    expect(chips(el)[0].querySelector('.name')!.textContent).to.equal(`${XSS}.txt`);
    expect(refusals(el)).to.deep.equal([`${XSS}.exe: Files of type .exe cannot be sent.`]);
    expect(shadow(el).querySelector('img')).to.equal(null);
  });

  it('is accessible, empty and with files and refusals', async () => {
    const el = await picker();
    await expect(el).to.be.accessible();
    await choose(el, png(), text('notes.txt'), text('bad.exe'));
    await expect(el).to.be.accessible();
    el.clear();
  });
});
