/**
 * The durable stores a server suite runs against, one loop for all: SQLite (a folder) and
 * PostgreSQL (a database in a throwaway cluster this process starts on first use, see postgres.ts).
 *
 *   const kinds = storeKinds();
 *   after(() => stopStores(kinds));
 *   for (const kind of kinds) describe(`… (${kind.name})`, () => { … await kind.open(await kind.place()) … });
 *
 * `VOLLEY_TEST_STORES=sqlite` (or `postgres`) runs one only. Without PostgreSQL installed, its runs
 * are skipped with a note (CI installs it: .ci/run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PgStore, SqliteStore, type ServerOptions, type ServerStore } from '../server/src/index.ts';
import { postgresAvailable, startPostgres, type ThrowawayPostgres } from './postgres.ts';

export type StoreName = 'sqlite' | 'postgres';

export interface StoreKind {
  readonly name: StoreName;
  /** Why this kind's runs are skipped (PostgreSQL not installed), if they are. */
  readonly skip?: string;
  /** A new, empty place for data: a folder (SQLite) or a database URL (PostgreSQL). */
  place(): Promise<string>;
  /** The store on a place (takes its lock). */
  open(place: string): Promise<ServerStore>;
  /** `createServer`'s options for a place. */
  server(place: string): Pick<ServerOptions, 'dataDir' | 'postgres'>;
  /** Raw SQL on a place, the store closed or not (`?` placeholders, both dialects): the rows. */
  sql<T = Record<string, unknown>>(place: string, text: string, ...params: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

function sqlite(): StoreKind {
  let root: string | undefined;
  let places = 0;
  return {
    name: 'sqlite',
    async place() {
      root ??= mkdtempSync(join(tmpdir(), 'volley-stores-'));
      return join(root, `data-${++places}`);
    },
    async open(place) {
      return new SqliteStore(place);
    },
    server: (place) => ({ dataDir: place }),
    async sql<T>(place: string, text: string, ...params: unknown[]) {
      const db = new Database(join(place, 'volley.sqlite'));
      try {
        const statement = db.prepare(text);
        return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
      } finally {
        db.close();
      }
    },
    async stop() {
      if (root) rmSync(root, { recursive: true, force: true });
    },
  };
}

function postgres(): StoreKind {
  let cluster: Promise<ThrowawayPostgres> | undefined;
  const skip = postgresAvailable() ? undefined : 'PostgreSQL is not installed (apt-get install -y postgresql)';
  return {
    name: 'postgres',
    skip,
    async place() {
      cluster ??= startPostgres();
      return (await cluster).database();
    },
    open: (place) => PgStore.open(place),
    server: (place) => ({ postgres: place }),
    async sql<T>(place: string, text: string, ...params: unknown[]) {
      const { default: pg } = await import('pg');
      // bigint counts as numbers, as SQLite gives them.
      const client = new pg.Client({
        connectionString: place,
        types: { getTypeParser: ((oid: number, format: 'text') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
      });
      await client.connect();
      try {
        let n = 0;
        return (await client.query(text.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async stop() {
      const started = cluster;
      cluster = undefined;
      if (started) await (await started).stop();
    },
  };
}

/** Both kinds, or those `VOLLEY_TEST_STORES` names (comma separated). */
export function storeKinds(): StoreKind[] {
  const wanted = process.env.VOLLEY_TEST_STORES?.split(',').map((name) => name.trim());
  return [sqlite(), postgres()].filter((kind) => !wanted || wanted.includes(kind.name));
}

export async function stopStores(kinds: StoreKind[]): Promise<void> {
  await Promise.all(kinds.map((kind) => kind.stop()));
}
