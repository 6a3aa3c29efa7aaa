/**
 * Writers of one stream in this process take turns: each read → decide → append starts after the
 * previous one settled, so they never race each other for the next version. Writers in other
 * processes (replicas) still can; the unique (stream, version) key and the retries cover those.
 */
const tails = new Map<string, Promise<unknown>>();

export async function inTurn<T>(stream: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(stream) ?? Promise.resolve();
  const turn = previous.then(work, work);
  const tail = turn.catch(() => undefined);
  tails.set(stream, tail);
  try {
    return await turn;
  } finally {
    if (tails.get(stream) === tail) tails.delete(stream);
  }
}
