/**
 * Every row of a paged list, page by page (the API caps a page at `limit`), stopping at
 * `max` rows so an export cannot run away.
 */
export async function collectPages<T>(fetchPage: (page: number, limit: number) => Promise<{ items: T[]; total: number }>, limit = 100, max = 10_000): Promise<{ rows: T[]; truncated: boolean }> {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const res = await fetchPage(page, limit);
    rows.push(...res.items);
    if (rows.length >= max) return { rows: rows.slice(0, max), truncated: res.total > max };
    if (res.items.length < limit || rows.length >= res.total) return { rows, truncated: false };
  }
}
