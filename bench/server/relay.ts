/**
 * Baseline for `npm run bench:server`: a bare `ws` relay, the least a chat server can do. A
 * client's first frame names its room (`{"join":"c1"}`); each later frame (`{"id":…,"text":…}`)
 * is forwarded as is to the room's other sockets and acknowledged to its sender
 * (`{"re":id}`). No auth, no storage, no rules. Prints `listening <port>` when ready.
 */
import type { WebSocket } from 'ws';
import { WebSocketServer } from '../../test-node/ws-fixtures.ts';

const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });

wss.on('connection', (socket) => {
  let room: Set<WebSocket> | undefined;
  socket.on('message', (data) => {
    const text = data.toString();
    const frame = JSON.parse(text) as { join?: string; id?: string };
    if (frame.join !== undefined) {
      room = rooms.get(frame.join) ?? new Set();
      rooms.set(frame.join, room);
      room.add(socket);
      socket.send('{"joined":true}');
      return;
    }
    for (const peer of room ?? []) if (peer !== socket) peer.send(text);
    socket.send(JSON.stringify({ re: frame.id }));
  });
  socket.on('close', () => room?.delete(socket));
  socket.on('error', () => socket.terminate());
});

wss.on('listening', () => console.log(`listening ${(wss.address() as { port: number }).port}`));
process.on('SIGTERM', () => wss.close(() => process.exit(0)));
