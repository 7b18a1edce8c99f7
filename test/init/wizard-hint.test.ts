import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { liveHint, validateTerms } from '../../src/init/wizard.js';

const plain = new Chalk({ level: 0 });
const hint = (typed: string, existing: { term: string; owner: string }[] = [], vocab: string[] = []) => liveHint(typed, existing, new Set(vocab), plain);

describe('the live hint under a terms prompt', () => {
  it('speaks about the term being typed: what it also matches and what to consider', () => {
    expect(hint('bookworm, shop local')).toBe('  shop local: also matches #ShopLocal, shoplocal; consider shop local*');
    expect(hint('colour')).toContain('consider colour*, color');
  });

  it('says when the term is already covered, here or under another value', () => {
    expect(hint('shop local, #shoplocal')).toBe('  #shoplocal: already matched by "shop local"');
    expect(hint('#ShopLocal', [{ term: 'shop local', owner: 'independent shops' }])).toContain('under "independent shops" (it would count for both)');
    expect(hint('reader', [{ term: 'reader', owner: 'reading' }])).toContain('already listed');
  });

  it('never shows raw control characters typed or pasted', () => {
    expect(hint('caf\u001b[31mé')).not.toContain('\u001b');
  });

  it('validates a terms answer as the values file will', () => {
    expect(validateTerms('a, b')).toBe(true);
    expect(validateTerms(' , ')).toMatch(/at least one/);
    expect(validateTerms('ok, 🙂')).toMatch(/no letters or digits/);
  });
});
