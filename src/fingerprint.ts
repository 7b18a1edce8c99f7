/**
 * A 64-bit fingerprint of a follower key (two independent 32-bit string
 * hashes), for sets and indexes that must not hold millions of strings. Two
 * distinct keys share a fingerprint with probability 2⁻⁶⁴ a pair: among n keys
 * about n²/2⁶⁵ (3·10⁻⁸ for a million). Never 0/0, which marks an empty slot.
 *
 * Returned as two numbers without allocating: `fingerprint(key)` gives the
 * high half and leaves the low half in `fingerprintLow` until the next call.
 */
export let fingerprintLow = 0;

export function fingerprint(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  // 0/0 marks an empty slot: nudge the (one in 2⁶⁴) fingerprint that is 0/0.
  if (h1 === 0 && h2 === 0) h2 = 1;
  fingerprintLow = h2 >>> 0;
  return h1 >>> 0;
}
