import type { ColumnMap } from '../fields.js';
import { columnOf, csvSource, foldedHeaders } from './generic-csv.js';

/**
 * Substack subscriber export (Settings → Exports → `email_list.<publication>.csv`):
 * `email,active_subscription,expiry,plan,email_disabled,created_at,first_payment_at`,
 * sometimes with `name` and `prefer_digests` (columns seen in real exports
 * read by Ghost's Substack migrator and others). `created_at` is when the
 * person subscribed, not when an account was made, so it is the follow date
 * here. There is no engagement column: pair it with --interactions.
 */
export const substackSubscribers = csvSource({
  id: 'substack',
  label: 'Substack subscriber export',
  signature(headers) {
    const h = foldedHeaders(headers);
    if (!h.has('email')) return 0;
    const specific = ['activesubscription', 'emaildisabled', 'firstpaymentat', 'preferdigests', 'expiry'].filter((c) => h.has(c)).length;
    return specific >= 2 ? 85 : 0;
  },
  columns(headers): ColumnMap {
    return { followedAt: columnOf(headers, 'created_at') } as ColumnMap;
  },
  drop: () => ['accountCreatedAt'],
  rowOptions: () => ({ emailIsKey: true }),
});
