/**
 * ws 8 for the node tests, scripts and benchmarks: it is the server workspace's dependency (the
 * widget's users never install it), so it is loaded from there.
 */
import { createRequire } from 'node:module';
import type WebSocketType from 'ws';
import type { WebSocketServer as WebSocketServerType } from 'ws';
import type { WebSocketConstructor } from '../src/transport/ws.ts';

const ws = createRequire(new URL('../server/package.json', import.meta.url))('ws') as typeof import('ws');

export const WebSocket = ws.WebSocket as unknown as typeof WebSocketType;
export const WebSocketServer = ws.WebSocketServer as unknown as typeof WebSocketServerType;
/** The class `WebSocketTransport` takes in Node 20 (which has no global WebSocket). */
export const NodeWebSocket = ws.WebSocket as unknown as WebSocketConstructor;
