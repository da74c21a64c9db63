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
