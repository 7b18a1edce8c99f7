import type { ColumnMap } from '../fields.js';
import { columnOf, csvSource, foldedHeaders } from './generic-csv.js';

/**
 * Mailchimp audience export (Audience → All contacts → Export Audience): the
 * audience's own merge fields first (`Email Address, First Name, Last Name`,
 * any language), then fixed system columns `MEMBER_RATING, OPTIN_TIME,
 * OPTIN_IP, CONFIRM_TIME, …, LAST_CHANGED, LEID, EUID, NOTES, TAGS`.
 * MEMBER_RATING (1–5 stars) is Mailchimp's own engagement measure: it is the
 * engagement evidence. People are keyed by email and shown by name; the email
 * is written only with --include-emails.
 */
export const mailchimpAudience = csvSource({
  id: 'mailchimp',
  label: 'Mailchimp audience export',
  signature(headers) {
    const h = foldedHeaders(headers);
    const system = ['memberrating', 'optintime', 'confirmtime', 'lastchanged', 'leid', 'euid'].filter((c) => h.has(c)).length;
    return system >= 3 ? 90 : system >= 2 && h.has('memberrating') ? 70 : 0;
  },
  columns(headers): ColumnMap {
    // The system columns sit at the end; a merge field called "Email" or
    // "Rating" earlier must not win over them.
    return {
      email: columnOf(headers, 'Email Address', 'Email'),
      rating: columnOf(headers, 'MEMBER_RATING'),
      followedAt: columnOf(headers, 'OPTIN_TIME', 'CONFIRM_TIME'),
      lastInteractionAt: columnOf(headers, 'LAST_CHANGED'),
      location: placeColumn(headers),
    } as ColumnMap;
  },
  // TAGS are list labels ("VIP, Blog"), not a count of mentions; REGION is a
  // geo-IP guess, used as the location only when no merge field names a place.
  drop: (headers) => (placeColumn(headers) === undefined ? ['mentions', 'location'] : ['mentions']),
  rowOptions: () => ({ emailIsKey: true }),
});

function placeColumn(headers: string[]): number | undefined {
  return columnOf(headers, 'City', 'Location', 'Town', 'Country', 'Ort', 'Stadt', 'Ville');
}
