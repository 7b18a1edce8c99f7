/**
 * Keeps the best `limit` items seen so far: memory stays bounded however many
 * followers stream past. `better(a, b) < 0` when a ranks above b; it must be
 * a total order (tie-break on something unique) so results are deterministic.
 */
export class TopN<T> {
  private readonly items: T[] = [];
  constructor(
    private readonly limit: number,
    private readonly better: (a: T, b: T) => number,
  ) {}

  /** Keeps the item if it ranks among the best so far; true when it was kept. */
  offer(item: T): boolean {
    if (this.limit <= 0) return false;
    const items = this.items;
    if (items.length === this.limit && this.better(item, items[items.length - 1]!) >= 0) return false;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.better(items[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, item);
    if (items.length > this.limit) items.pop();
    return true;
  }

  values(): readonly T[] {
    return this.items;
  }
}
