import { describe, expect, it } from 'vitest';
import { FIELD_ALIASES, FIELD_NAMES, fieldForHeader, foldHeader, mapColumns } from '../../src/io/fields.js';

describe('header aliases', () => {
  it('never give one header name to two fields', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const field of FIELD_NAMES) {
      for (const alias of [field, ...FIELD_ALIASES[field]]) {
        const folded = foldHeader(alias);
        const first = owner.get(folded);
        if (first && first !== field) clashes.push(`${alias}: ${first} and ${field}`);
        else owner.set(folded, field);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('map the German LinkedIn header and localised spreadsheet labels', () => {
    const { map } = mapColumns(['Vorname', 'Nachname', 'URL', 'E-Mail-Adresse', 'Unternehmen', 'Position', 'Verbunden am']);
    expect(map).toEqual({ firstName: 0, lastName: 1, profileUrl: 2, email: 3, company: 4, headline: 5, followedAt: 6 });
    expect(fieldForHeader('Abonnés')).toBe('followers');
    expect(fieldForHeader('Über mich')).toBe('bio');
    expect(fieldForHeader('Nombre de usuario')).toBe('handle');
    expect(fieldForHeader('Gefolgt am')).toBe('followedAt');
  });
});
