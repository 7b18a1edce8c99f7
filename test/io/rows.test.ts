import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../src/io/fields.js';
import { createRowMapper } from '../../src/io/rows.js';

function read(headers: string[], cells: string[]) {
  const toItem = createRowMapper(mapColumns(headers).map, { file: 'test.csv' });
  const item = toItem(cells, 2);
  if (item.kind !== 'follower') throw new Error(`expected a follower, got ${item.skip.code}`);
  return item.follower;
}

describe('row mapper: bio', () => {
  it('reads an empty cell in a bio column as a known empty bio', () => {
    expect(read(['screen_name', 'description'], ['ana', '']).bio).toBe('');
    expect(read(['screen_name', 'description'], ['ana', '   ']).bio).toBe('');
  });

  it('leaves the bio unknown when the export has no bio column, or the row stops short', () => {
    expect(read(['screen_name', 'followers_count'], ['ana', '12']).bio).toBeUndefined();
    expect(read(['screen_name', 'followers_count', 'description'], ['ana', '12']).bio).toBeUndefined();
  });

  it('keeps a bio with text as it is', () => {
    expect(read(['screen_name', 'description'], ['ana', ' Bookworm ']).bio).toBe('Bookworm');
  });
});
