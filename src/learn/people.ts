import type { Classified } from '../classify.js';
import type { Follower } from '../follower.js';
import type { Label } from './labels.js';

/** A follower the user labelled, with how the current values file classified them. */
export interface LabelledPerson {
  follower: Follower;
  label: Label;
  /** The original values file's verdict. */
  before: Classified;
}
