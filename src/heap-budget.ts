import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Keeps a long streaming run's heap near its live size. Each row makes short-
 * lived objects; the few alive when the young generation is collected move to
 * the old one, where V8, with memory to spare, lets garbage pile up to
 * hundreds of MB before collecting it. The audit keeps only counters, so its
 * live heap is small: when the heap grows past the budget, ask V8 for an
 * (incremental, off the critical path) major collection. Called every few
 * thousand rows; a no-op where V8 does not allow it.
 */
export function createHeapBudget(budgetBytes: number): () => void {
  const gc = exposeGc();
  if (!gc) return () => {};
  // Start from the live size: reading the values file and interaction logs left garbage behind.
  gc({ type: 'major', execution: 'sync' });
  let limit = v8.getHeapStatistics().used_heap_size + budgetBytes;
  return () => {
    const used = v8.getHeapStatistics().used_heap_size;
    if (used < limit) return;
    gc({ type: 'major', execution: 'async' });
    // If what survives is itself big (a huge interactions log), move the bar rather than collect in a loop.
    limit = Math.max(limit, used + budgetBytes / 2);
  };
}

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

function exposeGc(): Gc | undefined {
  try {
    const existing = (globalThis as { gc?: Gc }).gc;
    if (typeof existing === 'function') return existing;
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as Gc) : undefined;
  } catch {
    return undefined;
  }
}
