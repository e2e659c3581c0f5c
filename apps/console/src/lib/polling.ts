/** How often something on its way (a settlement run, an insurance batch) is asked for its progress. */
export const POLL_MS = 1500;
