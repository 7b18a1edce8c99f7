import { expect } from 'vitest';

/**
 * A frame of a JavaScript stack trace (`    at say (dist/io/prompts.js:39:28)`,
 * `    at file:///…/main.js:12:3`). Only frames: the report itself has lines
 * that start with "at" ("at 80% or more, one value dominates").
 */
export const STACK_FRAME = /^\s+at \S.*:\d+:\d+\)?\s*$/m;

/** What reached the user holds no stack frame and no "internal error". */
export function expectNoStack(text: string): void {
  expect(text).not.toMatch(STACK_FRAME);
  expect(text).not.toMatch(/internal error/i);
}
