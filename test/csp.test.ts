import { expect } from '@open-wc/testing';
import { openCspPage, until } from './helpers.js';

describe('a strict Content-Security-Policy (no unsafe-inline, no unsafe-eval)', () => {
  it('two chats render, exchange a message and show hostile text inertly with no violation', async () => {
    const { frame, doc, page } = await openCspPage();
    const provider = doc.getElementById('provider')!;
    const thread = () => provider.shadowRoot?.querySelector('volley-thread')?.shadowRoot;
    await until(() => thread()?.textContent?.includes('Hello <img src=x onerror=alert(1)>'));
    expect(thread()!.querySelectorAll('img').length, 'user text made an element').to.equal(0);
    // The styles applied: the dark panel's background is the dark token, not the browser default.
    const main = provider.shadowRoot!.querySelector('volley-thread')!;
    expect(getComputedStyle(main).getPropertyValue('--volley-bg').trim()).to.equal('#0f1419');
    expect(page.volleyCsp.violations).to.deep.equal([]);

    // The emoji picker under this policy: test/csp/emoji.test.ts.

    // The policy really is in force: an inline style, which a careless element might add, is refused.
    const inline = doc.createElement('style');
    inline.textContent = 'body { color: red; }';
    doc.head.append(inline);
    await until(() => page.volleyCsp.violations.length > 0);
    expect(page.volleyCsp.violations[0]).to.match(/^style-src/);
    frame.remove();
  });
});
