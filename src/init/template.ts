import type { InitAnswers } from './answers.js';

/**
 * What `kindred init --yes` (and init off a terminal) writes: a complete,
 * valid file of examples, each section commented, for the brand to rewrite.
 * The examples are a small maker brand's, chosen to show each kind of term:
 * phrases, wildcards, hashtags.
 */
export const TEMPLATE_ANSWERS: InitAnswers = {
  brand: 'Your Brand',
  promise: 'Handmade goods that last, from people who care how things are made.',
  values: [
    { name: 'craftsmanship', terms: ['handmade', 'made by hand', 'small batch*', 'artisan*', '#MakersGonnaMake'] },
    { name: 'sustainability', terms: ['sustainab*', 'zero waste', 'low waste', 'plastic free', 'slow fashion'] },
    { name: 'community', terms: ['volunteer*', 'shop local', 'support small business*', 'community garden*'] },
  ],
  idealCustomer: { roles: ['designer*', 'maker*'], interests: ['interior design', 'gift*'], locations: [] },
  redFlags: [{ name: 'fast fashion', terms: ['fast fashion haul', 'dropshipping', 'wholesale cheap'] }],
  spamList: true,
};
