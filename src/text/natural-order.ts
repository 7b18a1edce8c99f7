/**
 * Natural, numeric-aware order for handles and names: fan2 before fan10. It
 * depends on nothing but the code units (no locale, no ICU data), so a report
 * sorts the same on every machine and the JSON stays byte-identical.
 * Runs of ASCII digits compare by value (leading zeros aside), everything else
 * by code unit; a full code-unit comparison breaks the remaining ties
 * (fan01 / fan1), so the order is total.
 */
export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      const ea = digitRunEnd(a, i);
      const eb = digitRunEnd(b, j);
      const na = stripZeros(a, i, ea);
      const nb = stripZeros(b, j, eb);
      // A longer run without leading zeros is a larger number; equal lengths compare digit by digit.
      if (ea - na !== eb - nb) return ea - na - (eb - nb);
      for (let k = 0; k < ea - na; k++) {
        const d = a.charCodeAt(na + k) - b.charCodeAt(nb + k);
        if (d !== 0) return d;
      }
      i = ea;
      j = eb;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  const rest = a.length - i - (b.length - j);
  if (rest !== 0) return rest;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function digitRunEnd(s: string, from: number): number {
  let k = from;
  while (k < s.length && isDigit(s.charCodeAt(k))) k++;
  return k;
}

function stripZeros(s: string, from: number, end: number): number {
  let k = from;
  while (k < end - 1 && s.charCodeAt(k) === 48) k++;
  return k;
}
