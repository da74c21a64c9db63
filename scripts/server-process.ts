/**
 * The reference server as a child process, for the scripts that need one they can load or kill
 * (`npm run test:faults`, `npm run bench:server`): runs server/src/cli.ts from source.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = decodeURIComponent(new URL('..', import.meta.url).pathname);

/** Whether a checkout's server is built (`npm run build`): `spawnServer({ compiled })` can then run it as an operator does. */
export const isBuilt = (checkout = root): boolean => existsSync(join(checkout, 'server/dist/cli.js'));

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the server on `port` with its data in `dataDir` (its journal in PostgreSQL with `postgres`), and resolves once it says it listens.
 * Rate limits are raised far above what the scripts send: they measure the server, not the limits.
 * `nodeArgs` go to node before the script (the bench's `--cpu-prof`); `root` runs another checkout's
 * server (the bench's `--compare`).
 */
export async function spawnServer(options: { port: number; dataDir: string; postgres?: string; secret: string; ratePerIp: number; nodeArgs?: string[]; root?: string; compiled?: boolean }): Promise<ChildProcess> {
  const from = options.root ?? root;
  // `compiled`: the built server (`npm run build`), as an operator runs it, without compiling TypeScript at start.
  const script = options.compiled ? [join(from, 'server/bin/volley-chat-server.js')] : ['--conditions=volley-source', '--import', 'tsx', join(from, 'server/src/cli.ts')];
  const child = spawn(process.execPath, [
    ...(options.nodeArgs ?? []), ...script,
    '--port', String(options.port), '--data', options.dataDir, ...(options.postgres ? ['--postgres', options.postgres] : []), '--secret', options.secret,
    '--rate-user', '100000', '--rate-ip', String(options.ratePerIp), '--rate-connect', '100000',
  ], { cwd: from, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('volley-chat-server: ws://')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`The server exited (${code}) before it was ready.`)));
  });
  return child;
}
