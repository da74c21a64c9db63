import { expect } from '@open-wc/testing';
import { hitAt, openCspPage, until } from '../helpers.js';

describe('the emoji picker under a strict Content-Security-Policy', () => {
  it('opens with a real grid, inserts a clicked emoji and the page sees no violation', async () => {
    const { frame, doc, page } = await openCspPage();
    const chat = doc.getElementById('customer')!;
    await until(() => chat.shadowRoot?.querySelector('volley-composer')?.shadowRoot?.querySelector('[part~=emoji-button]'));
    const composer = chat.shadowRoot!.querySelector('volley-composer')!;
    // The demo's data: several categories, more emoji than one row holds.
    composer.emojiDataUrl = '/demo/emoji-data.json';
    await composer.updateComplete;
    // Room above the composer for the panel, as in a page that gives the chat its height (through CSSOM: the CSP allows it).
    chat.style.blockSize = '600px';
    const area = composer.shadowRoot!.querySelector('textarea')!;
    area.value = 'Nice ';
    area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));

    composer.shadowRoot!.querySelector<HTMLButtonElement>('[part~=emoji-button]')!.click();
    const panel = () => composer.shadowRoot!.querySelector<HTMLElement>('[part~=emoji-panel]');
    const cells = () => [...(panel()?.shadowRoot?.querySelectorAll<HTMLElement>('[role=gridcell]') ?? [])];
    await until(() => cells().length > 1);

    // A grid with real size, its emoji side by side (not a column), the panel inside the page.
    const grid = panel()!.shadowRoot!.querySelector('[role=grid]')!.getBoundingClientRect();
    expect(grid.width, 'grid width').to.be.greaterThan(200);
    expect(grid.height, 'grid height').to.be.greaterThan(100);
    const [first, second] = cells().map((cell) => cell.getBoundingClientRect());
    expect(first.width, 'emoji width').to.be.greaterThan(20);
    expect(second.top, 'the second emoji is on the first row').to.equal(first.top);
    expect(second.left, 'the second emoji is beside the first').to.be.greaterThan(first.right - 1);
    const box = panel()!.getBoundingClientRect();
    expect(box.top >= 0 && box.left >= 0 && box.right <= frame.clientWidth, 'the panel is on screen').to.equal(true);
    expect(getComputedStyle(panel()!).backgroundColor, 'the panel is styled').to.not.equal('rgba(0, 0, 0, 0)');

    // What a click on the first emoji reaches is that emoji (nothing covers it); clicking it inserts it.
    const target = hitAt(first.left + first.width / 2, first.top + first.height / 2, doc);
    expect(target, 'the first emoji is reachable').to.equal(cells()[0]);
    const emoji = cells()[0].textContent!.trim();
    cells()[0].click();
    await until(() => area.value === `Nice ${emoji}`);
    expect(panel(), 'the panel closed').to.equal(null);

    expect(page.volleyCsp.violations).to.deep.equal([]);
    frame.remove();
  });
});
