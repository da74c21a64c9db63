// The chat server as `npm start` runs it: the demo's pages live on another origin (another port)
// and chat over it (development lets every origin in; a production server lets in only the pages
// it lists). While it runs it owns its data folder: a second server on the same data is refused
// with a clear reason, and after a restart the folder is free again and the chat goes on.
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { createServer } from '../server/src/index.ts';
import { journey } from './harness.ts';
import { bubble, row, write } from './helpers.ts';

/** While the server restarts the browser reports refused sockets and the dev token endpoint's 502. */
const OUTAGE = [/WebSocket connection to .* failed/, /ERR_CONNECTION_REFUSED/, /502/, /Failed to load resource/];

journey('server: a page on another origin chats over the dev server; its data folder has one owner, and a restart frees it', async (world) => {
  const dee = await world.customer('Dee');
  const customer = await world.open(dee, { with: 'ivy', size: 'phone', allow: OUTAGE });
  assert.notEqual(new URL(world.url).origin, new URL(world.server.url).origin, 'the page and the chat server are on different origins');
  await write(customer, 'Hello from another origin');
  const ivy = await world.open('ivy', { allow: OUTAGE });
  await ivy.press(row(ivy, 'Hello from another origin'));
  await ivy.see(bubble(ivy, 'Hello from another origin'));

  // A second server on the same data folder is refused while the first runs.
  // (The world's server is the built one, server/dist: its SqliteStore is another class than this file's.)
  const { file } = world.server.journal.store as unknown as { file: string };
  const dataDir = dirname(file);
  await assert.rejects(createServer({ secret: 'x'.repeat(32), dataDir, port: 0 }), /in use by another server/);

  // Stopped and started again on the same data: the lock went with the first, and the chat goes on.
  await world.stopServer();
  await world.startServer();
  await write(customer, 'Still here after the restart');
  await ivy.see(bubble(ivy, 'Still here after the restart'), 30_000);
  await customer.shot('server-ownership-phone');
  await ivy.shot('server-ownership-desktop');
});
