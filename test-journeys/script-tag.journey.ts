// The script tag as a customer on a site loads it (issue 16): over the server, the bubble's panel
// opens onto their chat and the first message goes without the modules only others need — the
// in-page demo engine, the incoming offers, the feed, the care figures, the tribute button (not
// in a care chat) — nor the chat list, hidden beside the open chat in the narrow panel until Back,
// which then shows it. `npm run size` counts the bytes of the same path (scripts/size-loaded.mjs).
import assert from 'node:assert/strict';
import { journey, type Person, type Size } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

/** The modules of dist/volley/ the page fetched (`name-<hash>.js` → `name`). */
const fetchedModules = (person: Person) =>
  person.page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.includes('/volley/')).map((path) => path.split('/').pop()!.replace(/-[\w-]{8}\.js$/, '')));

for (const size of ['desktop', 'phone'] as Size[]) {
  journey(`script tag at ${size} size: the panel and the first message load only what a customer's chat shows; Back loads the list`, async (world) => {
    const customer = await world.open(await world.customer(size === 'phone' ? 'Pia' : 'Dee'), { with: 'acme', size, surface: 'bubble' });
    await customer.press(customer.button('Open chat'));
    const text = `Is my order on its way? (${size})`;
    await write(customer, text);
    await customer.see(bubble(customer, text));
    const loaded = await fetchedModules(customer);
    for (const name of ['demo-world', 'incoming', 'feed', 'care-stats', 'tribute-button', 'inbox']) {
      assert.ok(!loaded.includes(name), `the customer's panel fetched ${name} (fetched: ${loaded.join(', ')})`);
    }
    await customer.shot(`script-tag-chat-${size}`);
    await customer.press(customer.button('Back to chats'));
    await customer.see(row(customer, /Acme/));
    assert.ok((await fetchedModules(customer)).includes('inbox'), 'the list loads when Back shows it');
    await customer.shot(`script-tag-list-${size}`);
  });
}
