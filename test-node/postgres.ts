/**
 * A throwaway PostgreSQL for tests and benches: Debian's `postgresql` binaries, a cluster made by
 * `initdb` in a temporary folder, its own free port on 127.0.0.1 and its unix socket in that folder,
 * fsync on (a commit is on the disk, as in production), stopped and removed by `stop()` (or at the
 * process's exit, whatever happens to the test). `initdb` refuses to run as root: as root, the
 * cluster is made and run by the unprivileged `postgres` user (`runuser`), which owns the folder.
 *
 *   const pg = await startPostgres();
 *   const url = await pg.database();   // a fresh, empty database: postgres://volley@127.0.0.1:PORT/tN
 *   …
 *   await pg.stop();
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** Where `initdb` and `pg_ctl` are: `PG_BIN`, Debian's versioned folder, else the PATH. */
function binaries(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return fromEnv;
  const found = BIN_DIRS.find((dir) => existsSync(join(dir, 'initdb')));
  if (found) return found;
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath.slice(0, -'/initdb'.length);
  throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN to the folder of initdb and pg_ctl).');
}

/** Whether PostgreSQL's server binaries are on this machine (suites skip their PostgreSQL runs otherwise, saying why). */
export function postgresAvailable(): boolean {
  try {
    binaries();
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ThrowawayPostgres {
  /** The `postgres` database (for administration). */
  readonly url: string;
  readonly port: number;
  /** The cluster's folder (data, socket, log). */
  readonly dir: string;
  /** Creates a fresh, empty database and returns its URL. */
  database(name?: string): Promise<string>;
  /** Stops the server (immediate shutdown: nothing is kept) and removes the folder. */
  stop(): Promise<void>;
}

/** Starts a PostgreSQL of its own (about a second): see the module's comment. */
export async function startPostgres(options: { fsync?: boolean } = {}): Promise<ThrowawayPostgres> {
  const bin = binaries();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'volley-pg-'));
  const data = join(dir, 'data');
  // As root, everything runs as `postgres` (initdb and the server refuse root), which must own the folder.
  const owner = root ? 'postgres' : userInfo().username;
  if (root) {
    const uid = Number(execFileSync('id', ['-u', owner], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', owner], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [command, argv] = root ? ['runuser', ['-u', owner, '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  // `--no-sync` for the template files only: the server itself runs with fsync on.
  run('initdb', ['-D', data, '-U', 'volley', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  writeFileSync(join(dir, 'started'), '');
  const settings = [
    `-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", `-c fsync=${options.fsync === false ? 'off' : 'on'}`,
    '-c synchronous_commit=on', '-c shared_buffers=32MB', '-c max_connections=200', '-c log_min_messages=warning',
  ].join(' ');
  const stopSync = () => {
    if (!existsSync(join(data, 'postmaster.pid'))) return;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Stopped already.
    }
  };
  const onExit = () => {
    stopSync();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  try {
    run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
  } catch (error) {
    onExit();
    process.off('exit', onExit);
    throw error;
  }
  const url = `postgres://volley@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url, port, dir,
    async database(name = `t${++databases}`) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replaceAll('"', '')}"`);
      } finally {
        await client.end();
      }
      return `postgres://volley@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      process.off('exit', onExit);
      // Immediate: the cluster is thrown away, so no shutdown checkpoint (seconds of disk syncs) is worth waiting for.
      if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
