const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Meta's data downloads (Instagram, Facebook) write text as UTF-8 bytes each
 * escaped as a Latin-1 code point: "café" arrives as "cafÃ©", an emoji as
 * four characters in U+0080–U+00FF. The repair reads the code points back as
 * bytes and decodes them as UTF-8.
 *
 * It is applied only when it is safe: every character must fit in one byte
 * (otherwise the text was never mojibake), at least one must be non-ASCII, and
 * the bytes must be valid UTF-8 (a genuine "café" typed as Latin-1 is not, so
 * it is left alone). Valid UTF-8 re-encodes to the same bytes, so the repair
 * round-trips by construction.
 */
export function repairMojibake(text: string): string {
  let nonAscii = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return text;
    if (c > 0x7f) nonAscii = true;
  }
  if (!nonAscii) return text;
  try {
    return fatalUtf8.decode(Buffer.from(text, 'latin1'));
  } catch {
    return text;
  }
}
