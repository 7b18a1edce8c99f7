import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Keeps a long streaming run's heap near its live size. Each row makes short-
 * lived objects; the few alive when the young generation is collected move to
 * the old one, where V8, with memory to spare, lets garbage pile up to
 * hundreds of MB before collecting it. The audit keeps only counters, so its
 * live heap is small: when the heap grows past the budget, ask V8 for a major
 * collection. Called every few thousand rows; a no-op where V8 does not allow it.
 */
export function createHeapBudget(budgetBytes: number): () => void {
  const gc = exposeGc();
  if (!gc) return () => {};
  // Start from the live size: reading the values file and interaction logs left garbage behind.
  gc();
  let limit = nextLimit(budgetBytes);
  return () => {
    if (v8.getHeapStatistics().used_heap_size < limit) return;
    // A full collection of a small live heap takes a few tens of ms, once per 100k rows or so.
    gc();
    limit = nextLimit(budgetBytes);
  };
}

/**
 * The next bar, from what survived: a full collection costs in proportion to
 * the live heap, so a big live set (a huge interactions log) gets a
 * proportionally bigger allowance and the collections stay a small share of the run.
 */
function nextLimit(budgetBytes: number): number {
  const live = v8.getHeapStatistics().used_heap_size;
  return live + Math.max(budgetBytes, live / 2);
}

/** V8's gc(): with no argument, a full (major) collection. */
type Gc = () => void;

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
