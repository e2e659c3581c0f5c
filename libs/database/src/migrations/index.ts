import { Foundation1763800000000 } from './1763800000000-foundation';
import { Dispatch1763900000000 } from './1763900000000-dispatch';

/** Every migration, in order. Never edit one that has landed; add a new one. */
export const MIGRATIONS = [Foundation1763800000000, Dispatch1763900000000];
