import pg from 'pg';

export interface PlaceholderPruneResult {
  prunedEvents: number;
  batches: number;
}

/**
 * BENCH PLACEHOLDER, used only when the engine has no PruneRevisionsCommand yet: deletes events
 * older than `cutoff` in batches, each batch in a short transaction of its own that opts in with
 * `set local rewind.retention = 'on'` (the only DELETE the trigger allows), never a stream's head.
 * Change records go with their events (FK on delete cascade). It writes no Baseline event, so a
 * ratio measured with it is provisional.
 */
export async function placeholderPrune(url: string, cutoff: Date, batchSize = 5000): Promise<PlaceholderPruneResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let prunedEvents = 0;
  let batches = 0;
  try {
    for (;;) {
      await client.query('begin');
      await client.query(`set local rewind.retention = 'on'`);
      const { rowCount } = await client.query(
        `delete from revision_events where position in (
           select e.position from revision_events e
           where e.recorded_at < $1
             and e.version < (select max(h.version) from revision_events h where h.stream_kind = e.stream_kind and h.stream_id = e.stream_id)
           order by e.position limit $2)`,
        [cutoff.toISOString(), batchSize],
      );
      await client.query('commit');
      prunedEvents += rowCount ?? 0;
      batches++;
      if (!rowCount) return { prunedEvents, batches };
    }
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
