#!/usr/bin/env node
// The benchmark's baseline: csv-parse alone, with the options kindred reads
// exports with (src/io/csv.ts csvParseOptions), over the same decoded text
// stream, counting records and doing nothing else.
//   node scripts/bench-parse.mjs file.csv
import { parse } from 'csv-parse';
import { csvParseOptions, sniffCsvLayout } from '../dist/io/csv.js';
import { openInput } from '../dist/io/open-input.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: bench-parse.mjs file.csv\n');
  process.exit(2);
}
const input = await openInput(file);
const layout = sniffCsvLayout(input.head);
const parser = parse(csvParseOptions(layout.delimiter, layout.headerLine + 2));
let records = 0;
parser.on('readable', () => {
  while (parser.read() !== null) records++;
});
const done = new Promise((resolve, reject) => {
  parser.on('end', resolve);
  parser.on('error', reject);
});
for await (const chunk of input.text()) {
  if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
}
parser.end();
await done;
process.stdout.write(`${records}\n`);
