/**
 * Runs tasks with at most `limit` in flight, results in input order. The first failure aborts the others
 * (through the signal they receive) and is rethrown: a document either generates completely or fails cleanly.
 */
export async function runWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number, signal: AbortSignal) => Promise<R>,
  outerSignal?: AbortSignal,
): Promise<R[]> {
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outerSignal?.reason);
  if (outerSignal?.aborted) onOuterAbort();
  outerSignal?.addEventListener('abort', onOuterAbort, { once: true });

  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && !controller.signal.aborted && next < items.length) {
      const index = next++;
      // Each task gets its own signal, linked to the shared one only while it runs: SDKs add an abort listener
      // per request and do not always remove it, which would pile up on one long-lived signal.
      const own = new AbortController();
      const relay = () => own.abort(controller.signal.reason);
      controller.signal.addEventListener('abort', relay, { once: true });
      try {
        results[index] = await task(items[index]!, index, own.signal);
      } catch (error) {
        failure ??= { error };
        controller.abort(error);
      } finally {
        controller.signal.removeEventListener('abort', relay);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  } finally {
    outerSignal?.removeEventListener('abort', onOuterAbort);
  }
  if (failure) throw (failure as { error: unknown }).error;
  if (controller.signal.aborted) throw controller.signal.reason;
  return results;
}
