import { collectPages } from './paging';

describe('collectPages', () => {
  it('collects every page for an export, and stops at the cap', async () => {
    const all = Array.from({ length: 250 }, (_, i) => i);
    const pages: number[] = [];
    const fetchPage = (page: number, limit: number) => {
      pages.push(page);
      return Promise.resolve({ items: all.slice((page - 1) * limit, page * limit), total: all.length });
    };
    expect(await collectPages(fetchPage, 100)).toEqual({ rows: all, truncated: false });
    expect(pages).toEqual([1, 2, 3]);
    const capped = await collectPages(fetchPage, 100, 150);
    expect(capped.rows).toEqual(all.slice(0, 150));
    expect(capped.truncated).toBe(true);
    expect(await collectPages(() => Promise.resolve({ items: [], total: 0 }))).toEqual({ rows: [], truncated: false });
  });
});
