import { Foundation1763800000000 } from './1763800000000-foundation';
import { Dispatch1763900000000 } from './1763900000000-dispatch';
import { Billing1764000000000 } from './1764000000000-billing';
import { Insurance1764100000000 } from './1764100000000-insurance';
import { KoreanSeedNotes1764200000000 } from './1764200000000-korean-seed-notes';
import { OfficeIndexes1764300000000 } from './1764300000000-office-indexes';

/** Every migration, in order. Never edit one that has landed; add a new one. */
export const MIGRATIONS = [Foundation1763800000000, Dispatch1763900000000, Billing1764000000000, Insurance1764100000000, KoreanSeedNotes1764200000000, OfficeIndexes1764300000000];
