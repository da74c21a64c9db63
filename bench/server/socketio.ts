/**
 * Baseline for `npm run bench:server`: a Socket.IO 4 server doing what the relay does, the way
 * a Socket.IO app would: a client names its room in the handshake's `auth`, `send` events go
 * to the room's other sockets (`socket.to(room).emit`) and are acknowledged by callback.
 * WebSocket transport only (no long-polling), no storage. Prints `listening <port>` when ready.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });

io.on('connection', (socket) => {
  const room = String((socket.handshake.auth as { room?: unknown }).room);
  void socket.join(room);
  socket.on('send', (message: { id: string; text: string }, ack?: () => void) => {
    socket.to(room).emit('message', message);
    ack?.();
  });
});

http.listen(0, '127.0.0.1', () => console.log(`listening ${(http.address() as { port: number }).port}`));
process.on('SIGTERM', () => io.close(() => process.exit(0)));
