#!/usr/bin/env node
// `npm start` (after `npm run build`; run with `node --import tsx`, which reads demo/world.ts): the
// chat server hosting the demo's world on the embedded SQLite default (./data), and the demo's
// static server, whose pages reach the chat server over WebSocket (`?transport=local` keeps the
// in-page engine). `npm start -- --reset` deletes the data folder first.
// Development only: the chat server hands tokens for the demo's people to pages on this machine.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createServer } from '../server/dist/index.js';
import { DEMO_USERS, demoPolicy, seedCalls } from '../demo/world.ts';
import { startServer } from './serve.mjs';

/** `VOLLEY_WEBHOOK` (with `VOLLEY_WEBHOOK_SECRET`, and `VOLLEY_WEBHOOK_EVENTS=notify,message`): charges and alerts go to that URL (docs/server.md). */
const webhookFromEnv = () => (process.env.VOLLEY_WEBHOOK ? {
  url: process.env.VOLLEY_WEBHOOK, secret: process.env.VOLLEY_WEBHOOK_SECRET ?? '', events: (process.env.VOLLEY_WEBHOOK_EVENTS ?? 'notify').split(','),
} : undefined);

/**
 * The chat server with the demo world (policy, people, seed journaled once on new data, dev tokens
 * for everyone) and the static server for the pages. Port 0 takes any free port.
 */
export async function startDemo({ chatPort = 8787, demoPort = 5173, host = '127.0.0.1', dataDir = 'data', postgres = undefined, secret = randomBytes(32).toString('hex'), webhook = webhookFromEnv() } = {}) {
  const startChat = (port) => createServer({
    // `postgres`: the journal and messages in that database (uploads stay in dataDir).
    port, host, dataDir, postgres, secret, policy: demoPolicy(), devUsers: [...DEMO_USERS], seed: seedCalls(),
    // The demo's pages are on another port (any, with port 0): development lets every origin in.
    dev: true,
    webhook,
  });
  let chat = await startChat(chatPort);
  try {
    const demo = await startServer({
      listenPort: demoPort, listenHost: host, connect: [new URL(chat.wsUrl).origin],
      // Attachments upload to the chat server and its pictures and videos show in the pages.
      files: [new URL(chat.url).origin], chat: chat.url,
    });
    const shownHost = host.includes(':') ? `[${host}]` : host;
    let chatRunning = true;
    return {
      get chat() { return chat; },
      demo,
      url: `http://${shownHost}:${demo.address().port}/`,
      /** An outage: the chat server stops (the page's server stays), to start again on the same port and data. */
      async stopChat() {
        chatRunning = false;
        await chat.close();
      },
      async startChat() {
        chat = await startChat(chat.port);
        chatRunning = true;
      },
      async close() {
        demo.closeAllConnections();
        await new Promise((resolve) => demo.close(resolve));
        if (chatRunning) await chat.close();
      },
    };
  } catch (error) {
    await chat.close();
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dataDir = process.env.VOLLEY_DATA ?? 'data';
  if (process.argv.includes('--reset')) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`Deleted ${dataDir}: the demo world starts afresh.`);
  }
  let running;
  try {
    running = await startDemo({
      chatPort: Number(process.env.VOLLEY_PORT ?? 8787),
      demoPort: Number(process.env.PORT ?? 5173),
      host: process.env.HOST ?? '127.0.0.1',
      dataDir,
      secret: process.env.VOLLEY_SECRET,
    });
  } catch (error) {
    if (error?.code === 'EADDRINUSE') {
      console.error(`A port is taken (${error.address}:${error.port}): stop what runs there, or set VOLLEY_PORT (chat server) and PORT (demo).`);
    } else {
      console.error(error);
    }
    process.exit(1);
  }
  const { chat } = running;
  const restored = chat.journal.fresh ? 'new, seeded with the demo world'
    : `restored from ${chat.journal.restored ? 'a snapshot and ' : ''}${chat.journal.replayed} journal entries`;
  console.log(`Volley chat server: ${chat.wsUrl}  (data in ${dataDir}: ${restored}; \`npm start -- --reset\` starts afresh)`);
  console.log(`Volley demo: ${running.url}  (over WebSocket; ${running.url}?transport=local for the in-page engine; Ctrl+C to stop)`);

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void running.close().then(() => process.exit(0));
    });
  }
}
