#!/usr/bin/env node
// `npm start`: the reference server on the embedded SQLite default (./data), then the demo's static
// server. Development only: the server makes the demo's users and hands their tokens to this
// machine at /dev/token?user=cam (or ivy). `?transport=local` on the demo keeps the in-page engine.
import { createServer } from '../server/dist/index.js';
import { presets } from '../dist/index.js';
import { startServer } from './serve.mjs';
import { randomBytes } from 'node:crypto';

const chatPort = Number(process.env.VOLLEY_PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.VOLLEY_DATA ?? 'data';
const chat = await createServer({
  port: chatPort,
  host,
  dataDir,
  secret: process.env.VOLLEY_SECRET ?? randomBytes(32).toString('hex'),
  policy: presets.paidChat(),
  devUsers: [{ id: 'cam', role: 'customer', name: 'Cam' }, { id: 'ivy', role: 'provider', name: 'Ivy' }],
});
const demo = await startServer();
const { port: demoPort } = demo.address();
console.log(`Volley chat server: ${chat.wsUrl}  (data in ${dataDir}, dev tokens at ${chat.url}/dev/token?user=cam)`);
console.log(`Volley demo: http://${host}:${demoPort}/  (?transport=local for the in-page engine; Ctrl+C to stop)`);

process.on('SIGINT', () => {
  demo.close();
  void chat.close().then(() => process.exit(0));
});
