// A chat longer than what the server keeps in memory: the engine holds the latest 50 messages of
// each chat and the store the rest. The provider reads the whole history back, page by page, and
// again after the server restarts (a replay that keeps only the tail in memory).
import { journey } from './harness.ts';
import { bubble, write } from './helpers.ts';

const COUNT = 56;
const OUTAGE = [/WebSocket connection to .* failed/, /ERR_CONNECTION_REFUSED/, /502/, /Failed to load resource/];

journey('long history: messages older than the server\'s in-memory tail load with "Load earlier messages", before and after a restart', async (world) => {
  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy', allow: OUTAGE });
  for (let n = 1; n <= COUNT; n++) await write(customer, `Note ${n} of ${COUNT}`);
  await customer.see(bubble(customer, `Note ${COUNT} of ${COUNT}`));

  for (const moment of ['before', 'after'] as const) {
    if (moment === 'after') {
      await world.stopServer();
      await world.startServer();
    }
    // A fresh page: the first screen is the hello page (the latest 50), the rest comes from the store.
    const ivy = await world.open('ivy', { allow: OUTAGE });
    await ivy.press(ivy.find('volley-inbox [part="row"]').filter({ hasText: 'Dee' }));
    await ivy.see(bubble(ivy, `Note ${COUNT} of ${COUNT}`));
    const first = bubble(ivy, /^Note 1 of /);
    // Scrolling up to the top loads the previous page (the thread asks for it, or its "Load earlier" button).
    const box = await ivy.find('volley-thread [part~="bubble"]').filter({ hasText: `Note ${COUNT} of ${COUNT}` }).boundingBox();
    for (let turn = 0; turn < 20 && (await first.count()) === 0; turn++) {
      await ivy.page.mouse.move(box!.x + box!.width / 2, box!.y);
      await ivy.page.mouse.wheel(0, -4000);
      await ivy.page.waitForTimeout(250);
    }
    await ivy.see(first);
    await ivy.shot(`long-history-${moment}-restart`);
    await ivy.page.close();
  }
});
