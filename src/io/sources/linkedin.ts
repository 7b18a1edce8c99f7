import { csvSource, foldedHeaders } from './generic-csv.js';

/**
 * LinkedIn `Connections.csv` (Settings → Data privacy → Get a copy of your
 * data). The file opens with a `Notes:` line, a quoted note whose wording
 * changes between exports, and a blank line; the header row is found by its
 * signature, never by that text. Older exports lack `URL`; German exports
 * translate the header (`Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,
 * Position,Verbunden am`) but keep English dates (`03 Apr 2022`).
 *
 * There is no handle: the profile URL's slug is the handle, and the name is
 * the key when the URL is missing. Position and Company are the profile text.
 */
export const linkedinConnections = csvSource({
  id: 'linkedin',
  label: 'LinkedIn Connections.csv',
  signature(headers) {
    const h = foldedHeaders(headers);
    const names = (h.has('firstname') && h.has('lastname')) || (h.has('vorname') && h.has('nachname'));
    const connected = h.has('connectedon') || h.has('verbundenam');
    if (!names || !connected) return 0;
    // Company/Position are in every known variant; they make it certain.
    return h.has('position') && (h.has('company') || h.has('unternehmen')) ? 90 : 70;
  },
  rowOptions: () => ({ nameIsKey: true }),
});
