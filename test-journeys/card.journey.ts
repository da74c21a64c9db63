// The provider card (P10), played by its people: the host page mounts Ivy's card with the script
// tag (`?card=ivy`); Ivy sets Away in her own settings (`?settings=1`) and the customer's card reads
// her own status, her team's apart ("Away · their team is available"), live; back to Available.
import { journey, type Person, type Size } from './harness.ts';

/** The status chip `label` in the provider's settings. */
const statusChip = (person: Person, label: string) => person.find('volley-provider-settings [part="filter"] label').filter({ hasText: label });

for (const size of ['desktop', 'phone'] as Size[]) {
  journey(`provider card at ${size} size: Ivy sets Away and her card says so, her team's status apart`, async (world) => {
    // Someone of Ivy's team is on: the team is available while she is away.
    await world.open('ann', { size });
    const customer = await world.open(await world.customer(size === 'phone' ? 'Pia' : 'Dee'), { size, query: { card: 'ivy' } });
    const status = customer.find('volley-chat-card [part="status"]');
    await customer.see(status.filter({ hasText: /^Available$/ }));
    await customer.reach(customer.find('volley-chat-card [part="chat"]'));

    const ivy = await world.open('ivy', { size, query: { settings: '1' } });
    await ivy.press(statusChip(ivy, 'Away'));
    await ivy.see(statusChip(ivy, 'Away').locator('input:checked'));
    await customer.see(status.filter({ hasText: 'Away · their team is available' }));
    await customer.see(status.locator('.presence.away'));
    await customer.reach(customer.find('volley-chat-card [part="chat"]'));
    await ivy.shot(`settings-away-${size}`);
    await customer.shot(`card-away-${size}`);

    // Back to Available: the card follows, with no team note (the two agree).
    await ivy.press(statusChip(ivy, 'Available'));
    await customer.see(status.filter({ hasText: /^Available$/ }));
    await customer.shot(`card-available-${size}`);
  });
}
