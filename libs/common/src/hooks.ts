/**
 * Work another domain does inside this domain's transaction. A lower domain cannot call a
 * higher one (billing sits above dispatch), so the higher one registers here at start-up
 * and runs, in order, in the same transaction as the change: both commit or neither does.
 */
export class TransactionHooks<Tx, E> {
  private readonly hooks: { name: string; run: (tx: Tx, event: E) => Promise<void> }[] = [];

  register(name: string, run: (tx: Tx, event: E) => Promise<void>): void {
    if (this.hooks.some((h) => h.name === name)) return;
    this.hooks.push({ name, run });
  }

  async run(tx: Tx, event: E): Promise<void> {
    for (const h of this.hooks) await h.run(tx, event);
  }

  names(): string[] {
    return this.hooks.map((h) => h.name);
  }
}
