import pg from 'pg';

// Proposer-key leases: a PostgreSQL session-level advisory lock per key index, all held
// on one dedicated connection. While the connection lives the lease is ours; if it
// drops, every lease is gone at once and the holder must stop signing immediately.

const LEASE_NAMESPACE = 0x64726f70; // "drop": the first int4 of the advisory lock key

export interface KeyLeaseHolder {
  tryAcquire(keyIndex: number): Promise<boolean>;
  release(keyIndex: number): Promise<void>;
  held(): number[];
  /** Settles when the lock connection is lost (all leases with it). */
  lost: Promise<Error>;
  close(): Promise<void>;
}

export async function openKeyLeaseHolder(databaseUrl: string, holderName: string): Promise<KeyLeaseHolder> {
  const client = new pg.Client({ connectionString: databaseUrl, keepAlive: true, application_name: holderName });
  const held = new Set<number>();
  let closing = false;
  const lost = new Promise<Error>((resolve) => {
    client.on('error', (error) => resolve(error));
    client.on('end', () => {
      if (!closing) resolve(new Error('lease connection ended'));
    });
  });
  await client.connect();
  // One statement at a time on the lock connection.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    tryAcquire: (keyIndex) =>
      serial(async () => {
        if (held.has(keyIndex)) return true;
        const result = await client.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS acquired', [LEASE_NAMESPACE, keyIndex]);
        if (result.rows[0]?.acquired) held.add(keyIndex);
        return held.has(keyIndex);
      }),
    release: (keyIndex) =>
      serial(async () => {
        if (!held.delete(keyIndex)) return;
        await client.query('SELECT pg_advisory_unlock($1, $2)', [LEASE_NAMESPACE, keyIndex]);
      }),
    held: () => [...held].sort((a, b) => a - b),
    lost,
    async close() {
      closing = true;
      held.clear();
      await client.end();
    },
  };
}

/** Key indexes whose lease some process holds right now (lanes that are being served). */
export async function leasedKeyIndexes(query: (sql: string, values: unknown[]) => Promise<Array<{ key_index: number }>>): Promise<number[]> {
  const rows = await query(
    "SELECT objid::int AS key_index FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objsubid = 2 AND granted",
    [LEASE_NAMESPACE],
  );
  return rows.map((row) => row.key_index).sort((a, b) => a - b);
}
