import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';

export interface Loaded<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  reload(): void;
}

/** Runs `load` when `deps` change; `reload` runs it again (after a write). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { ...state, reload };
}

export function ErrorNote({ error }: { error: Error }) {
  const status = error instanceof ApiError ? error.status : undefined;
  const text =
    status === 403 ? `Your role cannot see this. ${error.message}` : status === 404 ? 'Not found: it does not exist in your organisation.' : status === 410 ? `That version was pruned by retention. ${error.message}` : error.message;
  return (
    <p class="note note-error" role="alert">
      {text}
    </p>
  );
}

/** A failed write's message, where the form or dialog shows it; nothing when there is none. */
export function FailureNote({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p class="note note-error" role="alert">
      {message}
    </p>
  );
}

/** Loading, error or the content. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (loaded.data === undefined)
    return (
      <p class="muted" role="status">
        Loading…
      </p>
    );
  return <>{children(loaded.data)}</>;
}
