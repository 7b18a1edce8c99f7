const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * The text of a short HTML fragment such as a Mastodon `note`
 * (`<p>Reader &amp; <a href="…"><span>#bookclub</span></a></p>`): paragraphs
 * and line breaks become new lines, tags are dropped, entities decoded. One
 * pass each, no backtracking: linear in the length of the cell.
 */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return html;
  return html
    .replace(/<br\s*\/?>|<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[a-z/!][^<>]*>/gi, '')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8}|#39);/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('#x') || (lower.startsWith('#') && lower !== '#39')) {
        const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return NAMED[lower] ?? whole;
    })
    .trim();
}
