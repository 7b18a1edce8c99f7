#!/usr/bin/env node
// Deterministic generator of realistic follower exports for the benchmark
// (and for anyone who wants a big file to try kindred on).
//
//   node scripts/gen-export.mjs --rows 100000 --out .bench/followers-100k.csv
//       [--interactions .bench/interactions-100k.csv] [--values .bench/values-50.yml --terms 50] [--seed 1]
//
// The same seed and row count always give the same bytes. Rows look like real
// exports: bios with hashtags, CamelCase, emoji, accents, quoted commas and
// newlines, "1.2K" counts, empty cells, the odd duplicate handle.
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { rng } from './rng.mjs';

const FIRST = ['Priya', 'Femi', 'Idris', 'Nia', 'Tom', 'Maya', 'Aoife', 'Kwame', 'Tariq', 'Oscar', 'Léa', 'Zoë', 'José', 'Søren', 'Ana', 'Chen', 'Yuki', 'Olu', 'Fatima', 'Björn', 'Mateo', 'Amélie', 'Niamh', 'Dara'];
const LAST = ['Mensah', 'Khan', 'Shah', 'Walsh', 'Hart', 'Novak', 'Nguyen', 'Ruiz', 'García', 'Müller', 'O’Brien', 'Kowalski', 'Okafor', 'Lindqvist', 'Silva', 'Dubois', 'Tanaka', 'Moreau'];
const PLACES = ['Bristol', 'Cardiff', 'Somerset, UK', 'London', 'Bath', 'Manchester', 'Dublin', 'Paris, France', 'São Paulo', 'Zürich', 'New York, NY', 'Berlin', '', '', 'Earth 🌍', 'Bristol-based'];
const PHRASES = [
  'Design nerd. Type, grids, colour.',
  'Shop local, read widely. #BookTok convert',
  'Dad of two. Runner. Coffee first.',
  'Bookworm and #amreading every night 📚',
  'Teacher by day, bibliophile by night',
  'Not a reader, honestly. Podcasts > books',
  'Volunteer at the community garden 🌱',
  'Follow back! F4F 💯 DM for promo',
  'Crypto giveaway 🚀🚀 get rich with me',
  'Free PDF download of any ebook, link in bio',
  '#ShopIndie #SupportSmallBusiness',
  'Librarian. Storytime on Saturdays.',
  'Café owner ☕ — crème brûlée enthusiast',
  'English Lit student @ Uni of Bristol',
  'Book club host, "Wine & Words" monthly',
  'Anti-bookstagram, pro sleep',
  'Running, cycling, climbing. Mostly outdoors.',
  'Photographer 📷 | Travel | Food',
  'Opinions my own. Retweets ≠ endorsements',
  'Indie bookshop fan; independent bookstores forever',
  'Literacy campaigner, library friends member',
  'Mum, nurse, tired',
  'I ❤️ #BookLovers and #ToBeRead piles',
  'Gamer. Streamer. #TwitchAffiliate',
  'Señora de los libros — lectora empedernida',
  'Developer, writes TypeScript, drinks tea',
  'We sell sofas. Visit our store!',
  'Chief Happiness Officer @ SomeStartup',
];
const EMOJI = ['✨', '📚', '🌿', '🔥', '💛', '🏳️‍🌈', '👩‍💻', '🙌', ''];
const TYPES = ['like', 'comment', 'share', 'reply', 'mention', 'dm'];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

function count(r) {
  const x = Math.floor(r() ** 3 * 250_000);
  if (x >= 1_000_000) return `${(x / 1_000_000).toFixed(1)}M`;
  if (x >= 10_000 && r() < 0.5) return `${(x / 1000).toFixed(1)}K`;
  if (x >= 1000 && r() < 0.3) return x.toLocaleString('en-US');
  return String(x);
}

function date(r, fromYear, toYear) {
  const y = fromYear + Math.floor(r() * (toYear - fromYear + 1));
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function csvCell(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function bio(r) {
  const n = Math.floor(r() * 4);
  if (n === 0 && r() < 0.5) return '';
  const parts = [];
  for (let i = 0; i <= n; i++) parts.push(pick(r, PHRASES));
  let text = parts.join(r() < 0.15 ? '\n' : ' ');
  const e = pick(r, EMOJI);
  if (e) text += ` ${e}`;
  return text;
}

function handleOf(i, r) {
  const first = FIRST[i % FIRST.length].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length].normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z]/gi, '').toLowerCase();
  // About 1 in 2,000 rows repeats an earlier handle (exports merged twice).
  const n = i > 10 && r() < 0.0005 ? Math.floor(r() * i) : i;
  return `${first}_${last}${n}`;
}

export async function generateExport(path, rows, seed = 1) {
  mkdirSync(dirname(path), { recursive: true });
  const r = rng(seed);
  const out = createWriteStream(path);
  let buf = 'Username,Name,Bio,Location,Followers,Following,Posts,Joined,Likes,Comments,Last interaction\r\n';
  for (let i = 0; i < rows; i++) {
    const first = pick(r, FIRST);
    const name = r() < 0.05 ? `${first} | ${pick(r, ['bookworm', 'runner', 'FOLLOW BACK', 'mum of 3'])}` : `${first} ${pick(r, LAST)}`;
    const handle = handleOf(i, r);
    const engaged = r() < 0.3;
    const cells = [
      r() < 0.2 ? `@${handle}` : handle,
      name,
      bio(r),
      pick(r, PLACES),
      count(r),
      count(r),
      count(r),
      date(r, 2009, 2026),
      engaged ? String(Math.floor(r() * 40)) : '',
      engaged ? String(Math.floor(r() * 8)) : '',
      engaged ? date(r, 2025, 2026) : '',
    ];
    buf += `${cells.map(csvCell).join(',')}\r\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

export async function generateInteractions(path, rows, seed = 2) {
  mkdirSync(dirname(path), { recursive: true });
  const r = rng(seed);
  const out = createWriteStream(path);
  let buf = 'handle,type,date\n';
  const events = Math.max(1, Math.floor(rows / 10));
  for (let i = 0; i < events; i++) {
    const target = Math.floor(r() * rows);
    buf += `${r() < 0.5 ? '@' : ''}${handleOf(target, () => 1)},${pick(r, TYPES)},${date(r, 2025, 2026)}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

// Terms every values file has (they match the bios above), then filler terms
// that look like real vocabulary, so bigger files cost what real big files cost.
const CORE = {
  'reading culture': ['bookworm', 'book club*', '#amreading', '#BookTok', 'reader', 'to be read', '#bookstagram', 'bibliophile', 'book lover*'],
  'independent shops': ['indie bookshop*', 'independent bookstore*', '#ShopIndie', 'shop local', 'bookseller*', 'support small business*'],
  community: ['volunteer*', 'community garden*', 'library friend*', 'storytime', 'literacy'],
};
const SYLLABLES = ['ka', 'lo', 'mi', 'ten', 'ra', 'vos', 'qui', 'del', 'zor', 'ish', 'ane', 'pul', 'tro', 'gen', 'sha', 'wil', 'bro', 'cyn', 'fal', 'hep'];

function fillerWord(r) {
  let w = '';
  const n = 2 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) w += pick(r, SYLLABLES);
  return w;
}

export function valuesYaml(terms, seed = 3) {
  const r = rng(seed);
  const values = Object.entries(CORE).map(([name, list]) => ({ name, terms: [...list] }));
  const coreCount = values.reduce((n, v) => n + v.terms.length, 0) + 4 + 3 + 3 + 5;
  let extra = Math.max(0, terms - coreCount);
  let v = 0;
  while (extra > 0) {
    const word = fillerWord(r);
    const kind = r();
    const term = kind < 0.2 ? `${word}*` : kind < 0.5 ? `${word} ${fillerWord(r)}` : kind < 0.6 ? `#${word[0].toUpperCase()}${word.slice(1)}Club` : word;
    values[v % values.length].terms.push(term);
    v++;
    extra--;
  }
  const list = (xs) => `[${xs.map((t) => JSON.stringify(t)).join(', ')}]`;
  return `# Generated by scripts/gen-export.mjs: ${terms} terms.
brand: Fernleaf Books
promise: An independent bookshop where every reader finds their next favourite book.
values:
${values.map((x) => `  - name: ${x.name}\n    terms: ${list(x.terms)}`).join('\n')}
idealCustomer:
  terms: ["teacher", "librarian", "book club host", "english lit*"]
  locations: ["Bristol", "Somerset", "Bath"]
redFlags:
  - name: piracy
    terms: ["free pdf download", "ebook pdf free", "pirated books"]
  - name: spam
    kind: spam
    terms: ["follow back", "f4f", "dm for promo", "crypto giveaway", "get rich"]
`;
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      out: { type: 'string' },
      interactions: { type: 'string' },
      values: { type: 'string' },
      terms: { type: 'string', default: '50' },
      seed: { type: 'string', default: '1' },
    },
  });
  const rows = Number(args.rows);
  if (!Number.isInteger(rows) || rows < 0) throw new Error('--rows takes a whole number');
  const seed = Number(args.seed);
  if (args.out) await generateExport(args.out, rows, seed);
  if (args.interactions) await generateInteractions(args.interactions, rows, seed + 1);
  if (args.values) {
    const { writeFileSync } = await import('node:fs');
    mkdirSync(dirname(args.values), { recursive: true });
    writeFileSync(args.values, valuesYaml(Number(args.terms), seed + 2));
  }
  if (!args.out && !args.interactions && !args.values) {
    process.stderr.write('usage: gen-export.mjs --rows N --out file.csv [--interactions file.csv] [--values file.yml --terms N] [--seed N]\n');
    process.exitCode = 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
