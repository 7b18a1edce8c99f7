import { describe, expect, it } from 'vitest';
import { TermMatcher } from '../../src/text/matcher.js';

// Our own bios and posts, one pattern each (issue #17). A cause with a value
// term list and a red flag, as a marketer would write them.
const matcher = new TermMatcher([
  { text: 'zero waste', tag: 'value' },
  { text: 'composting', tag: 'value' },
  { text: 'refill shop*', tag: 'value' },
  { text: 'minimalist', tag: 'value' },
  { text: 'minimalists', tag: 'value' },
  { text: 'green new deal', tag: 'value' },
  { text: 'single-use plastic', tag: 'flag' },
  { text: 'fast fashion', tag: 'flag' },
  { text: 'grifter', tag: 'flag' },
]);
/** Polarity and cue of the first match of `term` in `text`. */
const read = (text: string, term: string) => {
  const m = matcher.match(text).find((x) => x.term === term);
  return m ? { polarity: m.polarity, cue: m.cue, word: m.word } : undefined;
};

describe('a mention is not a stance: opponents who name the value', () => {
  it('reads a value in scare quotes as a mention', () => {
    expect(read('My neighbour\'s "zero waste" lifestyle produces three bins a week', 'zero waste')).toMatchObject({ polarity: 'mention', cue: 'quoted' });
    expect(read("Their 'minimalist' flat has four TVs", 'minimalist')).toMatchObject({ polarity: 'mention', cue: 'quoted' });
    // A long quotation is not scare quotes.
    expect(read('"I went zero waste in 2019 and never looked back" is my motto', 'zero waste')?.polarity).toBe('support');
  });

  it('reads "X is a fraud", "the X agenda", "so-called X" as hostility', () => {
    expect(read('Composting is a total con run by councils', 'composting')).toMatchObject({ polarity: 'hostile', cue: 'framed', word: 'con' });
    expect(read('Fed the zero waste propaganda at school every week', 'zero waste')).toMatchObject({ polarity: 'hostile', cue: 'framed' });
    expect(read('the so called zero waste movement', 'zero waste')).toMatchObject({ polarity: 'hostile', cue: 'framed' });
  });

  it('reads the target of an insult or a threat as hostility', () => {
    expect(read('pretentious minimalists lecturing us again', 'minimalists')).toMatchObject({ polarity: 'hostile', cue: 'insult', word: 'pretentious' });
    expect(read('Minimalists are so preachy', 'minimalists')).toMatchObject({ polarity: 'hostile', cue: 'insult' });
    expect(read('someone should punch every minimalist on this street', 'minimalist')).toMatchObject({ polarity: 'hostile', cue: 'threat' });
    expect(read('The refill shop crowd should be fined for blocking the pavement', 'refill shop*')).toMatchObject({ polarity: 'hostile', cue: 'threat' });
  });
});

describe('words people use of themselves are not hostility', () => {
  it('keeps self-mockery and innocent nouns next to a term as support', () => {
    expect(read('lazy minimalist, busy mum', 'minimalist')?.polarity).toBe('support');
    expect(read('proud militant minimalist', 'minimalist')?.polarity).toBe('support');
    expect(read('minimalist fantasy novels on a tiny shelf', 'minimalist')?.polarity).toBe('support');
    expect(read('Debunking the composting myth that it smells', 'composting')?.polarity).toBe('support');
    expect(read('Delivering the green new deal agenda at city hall', 'green new deal')?.polarity).toBe('support');
    // The same nouns after a link do frame it as false.
    expect(read('composting is a myth', 'composting')).toMatchObject({ polarity: 'hostile', cue: 'framed', word: 'myth' });
  });
});

describe('hostility without a listed negator', () => {
  it.each([
    ['#StopGreenNewDeal', 'green new deal', 'stop'],
    ['#NoGreenNewDeal2028', 'green new deal', 'no'],
    ['#EndZeroWaste', 'zero waste', 'end'],
    ['#ZeroWasteIsTheft', 'zero waste', 'theft'],
    ['#WhyIWontVoteGreenNewDeal', 'green new deal', 'wont'],
  ])('%s', (tag, term, word) => {
    expect(read(`Small business owner. ${tag}`, term)).toMatchObject({ polarity: 'hostile', cue: 'hashtag', word });
  });

  it('reads "fuck X", "done with X", "recovering X", "anti-X"; "ex-X" as not counted', () => {
    expect(read('fuck composting, my garden smells', 'composting')?.polarity).toBe('hostile');
    // A lone letter is no negator: an initial, or a piece of F4F.
    expect(read('F4F book lover, composting', 'composting')?.polarity).toBe('support');
    expect(read("Honestly I'm done with the zero waste thing", 'zero waste')).toMatchObject({ polarity: 'hostile', cue: 'fed-up' });
    expect(read('fed up with minimalists telling me what to own', 'minimalists')).toMatchObject({ polarity: 'hostile', cue: 'fed-up' });
    expect(read('Recovering minimalist. I own a lot of mugs now.', 'minimalist')).toMatchObject({ polarity: 'hostile', word: 'recovering' });
    // Having left it is not support, but not a conflict either: an ex-bookseller now in tech opposes nothing.
    expect(read('ex-minimalist, maximalist now', 'minimalist')).toMatchObject({ polarity: 'negated', word: 'ex' });
    expect(read('proudly anti-minimalist', 'minimalist')).toMatchObject({ polarity: 'hostile', word: 'anti' });
  });

  it('keeps a negated hostility from becoming one', () => {
    expect(read('not anti composting, just lazy', 'composting')?.polarity).toBe('support');
  });
});

describe('self-identification vs mention', () => {
  it('reads another account\'s @handle as a mention', () => {
    expect(read('Big fan of @ZeroWasteChef and @minimalist_mum', 'zero waste')).toMatchObject({ polarity: 'mention', cue: 'handle' });
    expect(read('Big fan of @ZeroWasteChef and @minimalist_mum', 'minimalist')).toMatchObject({ polarity: 'mention', cue: 'handle' });
    // An @ inside an e-mail address starts no handle.
    expect(read('write to hello@shop.example about composting', 'composting')?.polarity).toBe('support');
  });

  it('reads a group spoken of as a mention, and the writer themselves as support', () => {
    expect(read('Minimalists are everywhere on my feed lately', 'minimalists')).toMatchObject({ polarity: 'mention', cue: 'group' });
    expect(read('Dear minimalists, where do you keep your stuff?', 'minimalists')).toMatchObject({ polarity: 'mention', cue: 'group' });
    expect(matcher.match("I'm a minimalist and a mum")[0]).toMatchObject({ polarity: 'support', self: true });
    expect(matcher.match('proud minimalist')[0]).toMatchObject({ polarity: 'support', self: true });
    expect(matcher.match('nurse, runner #zerowaste')[0]).toMatchObject({ polarity: 'support', self: true });
  });
});

describe('negation must govern the term', () => {
  it('stops at a new subject between the negator and the term', () => {
    expect(read("don't care if you think I'm a minimalist", 'minimalist')?.polarity).toBe('support');
    expect(read('we must not let this grifter near the council', 'grifter')?.polarity).toBe('support');
  });

  it('still reads a governed negation', () => {
    expect(read('not a minimalist, never will be', 'minimalist')?.polarity).toBe('negated');
    expect(read("doesn't do composting", 'composting')?.polarity).toBe('negated');
  });
});

describe('hashtags', () => {
  it('splits a lower-case compound into the values file\'s own words', () => {
    expect(read('#antizerowaste', 'zero waste')).toMatchObject({ polarity: 'hostile', word: 'anti' });
    expect(read('#zerowasteforlife2024', 'zero waste')?.polarity).toBe('support');
    expect(read('#nofastfashion', 'fast fashion')?.polarity).toBe('hostile');
    // Only with the file's words: an unknown remainder leaves the hashtag whole.
    expect(read('#zerowastequeen', 'zero waste')).toBeUndefined();
  });

  it('does not split plain words, and keeps positions on the word as written', () => {
    expect(matcher.match('composting zerowastequeen #airport')).toHaveLength(1);
    const [m] = matcher.match('#stopfastfashion now');
    expect(m).toMatchObject({ term: 'fast fashion', start: 0, end: 1 });
  });

  it('does not read part of a CamelCase hashtag whose other part reverses it', () => {
    expect(read('#StopSingleUsePlastic #ZeroWaste', 'single-use plastic')?.polarity).toBe('hostile');
    expect(read('#StopSingleUsePlastic #ZeroWaste', 'zero waste')?.polarity).toBe('support');
  });
});
