import { describe, expect, it } from 'vitest';
import { SOURCE_FORMATS } from '../../../src/io/sources/index.js';
import { PLATFORMS } from '../../../src/platforms.js';

describe('platform list in help', () => {
  it('names exactly the registered readers, in detection order, with their labels', () => {
    expect(PLATFORMS).toEqual(SOURCE_FORMATS.map((f) => ({ id: f.id, label: f.label })));
  });
});
