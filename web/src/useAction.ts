import { useCallback, useState } from 'react';
import { toErrorBody, type ErrorBody } from './http';

/** Tracks one async user action: whether it is running and the error it last ended with. */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  const run = useCallback(async (action: () => Promise<void>) => {
    setPending(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(toErrorBody(caught));
    } finally {
      setPending(false);
    }
  }, []);

  return { pending, error, run };
}
