import { LocalTransport, type Transport } from '../src/index.js';
import { createLiveWorld, type LiveWorld } from './world.js';

/**
 * The one place the live product chooses how its clients reach the engine. `?transport=local`
 * (the default for now) runs the engine in this page; a WebSocket transport to the demo server
 * belongs here too, chosen the same way, and nothing else in the demo needs to change.
 */
export const transportKind = new URLSearchParams(location.search).get('transport') ?? 'local';

let world: LiveWorld | undefined;

/** The in-page world (engine, clock, payments), made on first use. */
export function liveWorld(): LiveWorld {
  return (world ??= createLiveWorld());
}

/** A transport for one user of the live product. */
export function makeTransport(userId: string): Transport {
  switch (transportKind) {
    case 'local':
      return new LocalTransport(liveWorld().engine, { userId });
    default:
      throw new Error(`Unknown transport "${transportKind}": use ?transport=local`);
  }
}
