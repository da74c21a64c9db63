import type { Server } from 'node:http';
import type { VolleyServer } from '../server/src/index.ts';

export interface RunningDemo {
  readonly chat: VolleyServer;
  demo: Server;
  /** The page server's address, ending in `/`. */
  url: string;
  /** An outage: the chat server stops (the page's server stays). */
  stopChat(): Promise<void>;
  /** The chat server starts again on the same port and data. */
  startChat(): Promise<void>;
  close(): Promise<void>;
}

export function startDemo(options?: { chatPort?: number; demoPort?: number; host?: string; dataDir?: string; postgres?: string; secret?: string }): Promise<RunningDemo>;
