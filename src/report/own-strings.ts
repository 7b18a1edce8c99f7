/**
 * Strings cut from a big text (a CSV cell sliced from a 256 KB chunk) keep the
 * whole text alive in V8. What the report keeps past its row (top-N entries,
 * samples) is copied into strings of its own, so memory stays flat: a handful
 * of kept rows must not hold on to as many read chunks.
 */
export function ownString(s: string): string {
  // V8 copies short slices anyway (a sliced string is at least 13 characters).
  return s.length < 13 ? s : Buffer.from(s, 'utf16le').toString('utf16le');
}

/** Replaces every string in a small object graph (objects, arrays; Dates left as they are) with its own copy, in place. */
export function ownStrings<T>(value: T): T {
  own(value as unknown, new Set());
  return value;
}

function own(value: unknown, seen: Set<object>): void {
  if (value === null || typeof value !== 'object' || value instanceof Date || seen.has(value)) return;
  seen.add(value);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (typeof v === 'string') record[key] = ownString(v);
    else if (v !== null && typeof v === 'object') own(v, seen);
  }
}
