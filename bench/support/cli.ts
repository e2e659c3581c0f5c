/**
 * What a benchmark's entry point needs: its settings from the environment, and a main
 * whose number becomes the exit code.
 */

/** A positive whole number from the environment variable `name`, else `fallback`. */
export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return n;
}

/** Runs `main` and exits with the code it returns; anything it throws is printed and exits 1. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
