import { summaryGrid, type EnrollmentSummaryLine } from './api';

describe('console insurance: the enrolment summary grid', () => {
  const lines = [
    { plan: 'industrial_accident', byStatus: { pending: 1, submitted: 0, enrolled: 7, rejected: 0, terminating: 0, terminated: 2 }, total: 10 },
    { plan: 'group_accident', byStatus: { pending: 2, submitted: 3, enrolled: 40, rejected: 1, terminating: 0, terminated: 3 }, total: 49 },
    { plan: 'employment', byStatus: { enrolled: 5 }, total: 5 },
  ] as EnrollmentSummaryLine[];

  it('lists the plans in the console’s order with every status, zeros filled', () => {
    const grid = summaryGrid(lines);
    expect(grid.rows.map((r) => r.plan)).toEqual(['group_accident', 'employment', 'industrial_accident']);
    expect(grid.rows[1].counts).toEqual({ pending: 0, submitted: 0, enrolled: 5, rejected: 0, terminating: 0, terminated: 0 });
    expect(grid.rows[0].total).toBe(49);
  });

  it('totals each status and the whole', () => {
    const { totals } = summaryGrid(lines);
    expect(totals.counts).toEqual({ pending: 3, submitted: 3, enrolled: 52, rejected: 1, terminating: 0, terminated: 5 });
    expect(totals.total).toBe(64);
  });

  it('keeps a plan the console does not know at the end, and ignores statuses it does not know', () => {
    const grid = summaryGrid([{ plan: 'pension', byStatus: { enrolled: 1, paused: 4 }, total: 5 } as unknown as EnrollmentSummaryLine, lines[1]]);
    expect(grid.rows.map((r) => r.plan)).toEqual(['group_accident', 'pension']);
    expect(grid.rows[1].counts.enrolled).toBe(1);
    expect(grid.rows[1].counts).not.toHaveProperty('paused');
    expect(summaryGrid([]).totals).toEqual({ counts: { pending: 0, submitted: 0, enrolled: 0, rejected: 0, terminating: 0, terminated: 0 }, total: 0 });
  });
});
