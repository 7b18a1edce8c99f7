/**
 * The export formats by `--platform` name, for help texts. Kept apart from
 * the readers themselves so `kindred --help` loads none of them; a test holds
 * this list equal to the reader registry (src/io/sources/index.ts).
 */
export const PLATFORMS: readonly { id: string; label: string }[] = [
  { id: 'instagram', label: 'Instagram followers JSON' },
  { id: 'x-archive', label: 'X/Twitter archive follower.js' },
  { id: 'linkedin', label: 'LinkedIn Connections.csv' },
  { id: 'x-api', label: 'X/Twitter API user objects' },
  { id: 'instagram-api', label: 'Instagram profiles (web API or scraper output)' },
  { id: 'bluesky', label: 'Bluesky getFollowers (JSON)' },
  { id: 'mastodon', label: 'Mastodon followers (Account entities)' },
  { id: 'tiktok', label: 'TikTok data download follower list' },
  { id: 'tiktok-profiles', label: 'TikTok profiles (scraper or API output)' },
  { id: 'meltwater', label: 'Meltwater-style mentions export' },
  { id: 'mailchimp', label: 'Mailchimp audience export' },
  { id: 'substack', label: 'Substack subscriber export' },
  { id: 'csv', label: 'CSV/TSV with recognised column names' },
  { id: 'json', label: 'JSON accounts with recognised keys' },
];

/** The --platform names, comma-separated. */
export function platformIds(): string {
  return PLATFORMS.map((p) => p.id).join(', ');
}

/** One line per platform, for `audit --help`. */
export function platformHelp(): string {
  const width = Math.max(4, ...PLATFORMS.map((p) => p.id.length));
  return [`  ${'auto'.padEnd(width)}  detect the format (default)`, ...PLATFORMS.map((p) => `  ${p.id.padEnd(width)}  ${p.label}`)].join('\n');
}
