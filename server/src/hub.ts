import type { ChatEngine, ChatEvent } from 'volley-chat';
import { CLOSE_CODES } from 'volley-chat/ws';
import type { Connection } from './connection.js';

/**
 * Every open connection, and the authenticated ones by user. The engine hears one listener per
 * user online, and the hub fans each event out to that user's sockets (serialized once for every
 * user it concerns). A sweep pings the sockets silent for a heartbeat and ends those silent for three.
 */
export class Hub {
  readonly #all = new Set<Connection>();
  readonly #byUser = new Map<string, { connections: Set<Connection>; detach: () => void }>();
  readonly #sweep: NodeJS.Timeout;
  #last: { ev?: ChatEvent; body: string } = { body: '' };

  constructor(private readonly engine: ChatEngine, heartbeatMs: number) {
    this.#sweep = setInterval(() => {
      const now = Date.now();
      for (const connection of this.#all) {
        if (connection.lastHeard < now - 3 * heartbeatMs) connection.socket.terminate();
        // Only a socket silent for a heartbeat is asked: one heard from lately is alive, and a ping
        // to each of thousands of sockets at once is thousands of writes in one turn of the loop.
        else if (connection.open && connection.lastHeard < now - heartbeatMs) connection.socket.ping();
      }
    }, heartbeatMs);
  }

  /** Open connections, authenticated or not. */
  get size(): number {
    return this.#all.size;
  }

  add(connection: Connection): void {
    this.#all.add(connection);
  }

  /** A closed connection: forgotten, and the user's engine listener let go with their last socket. */
  remove(connection: Connection): void {
    this.#all.delete(connection);
    const userId = connection.subscribed;
    if (userId === undefined) return;
    connection.subscribed = undefined;
    const entry = this.#byUser.get(userId);
    if (!entry?.connections.delete(connection)) return;
    if (entry.connections.size > 0) return;
    this.#byUser.delete(userId);
    entry.detach();
  }

  /**
   * Live events for `userId` start reaching this connection (call it in order with every change,
   * inside a journal read). Throws when the engine does not know the user.
   */
  subscribe(connection: Connection, userId: string): void {
    let entry = this.#byUser.get(userId);
    if (!entry) {
      const detach = this.engine.connect(userId, (event) => this.#deliver(userId, event));
      this.#byUser.set(userId, (entry = { connections: new Set(), detach }));
    }
    entry.connections.add(connection);
    connection.subscribed = userId;
  }

  #deliver(userId: string, ev: ChatEvent): void {
    const entry = this.#byUser.get(userId);
    if (!entry) return;
    for (const connection of entry.connections) {
      // The socket sending this message asked for it in the reply only.
      if (ev.type === 'message' && connection.unechoed.has(ev.message.id)) continue;
      connection.sendSerialized(this.#serialized(ev));
    }
  }

  /** The engine hands one event object to every user it concerns (a message to both sides): it is serialized once. */
  #serialized(ev: ChatEvent): string {
    if (ev !== this.#last.ev) this.#last = { ev, body: JSON.stringify({ ev }) };
    return this.#last.body;
  }

  /** Drops a user's sockets; returns how many. */
  disconnect(userId: string): number {
    let dropped = 0;
    for (const connection of this.#all) {
      if (connection.userId !== userId) continue;
      connection.socket.terminate();
      dropped++;
    }
    return dropped;
  }

  /** Stops the sweep and asks every socket to close (`goingAway`). */
  closeAll(): void {
    clearInterval(this.#sweep);
    for (const connection of this.#all) connection.socket.close(CLOSE_CODES.goingAway, 'Server shutting down.');
  }

  terminateAll(): void {
    for (const connection of this.#all) connection.socket.terminate();
  }
}
