export interface PageRequest {
  page: number;
  limit: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export function pageOffset(req: PageRequest): number {
  return (req.page - 1) * req.limit;
}

export function toPage<T>(items: T[], total: number, req: PageRequest): Page<T> {
  return { items, total, page: req.page, limit: req.limit };
}
