import { ApiError } from '../api/client';
import { compact, fieldErrors, formErrors } from './forms';

describe('console forms', () => {
  it('puts the API’s field errors beside their fields, nested paths included, and the rest in a summary', () => {
    const { byField, other } = fieldErrors(
      [
        { field: 'name', reason: 'must not be empty' },
        { field: 'pickup.lat', reason: 'must be a latitude' },
        { field: 'pickup.lng', reason: 'must be a longitude' },
        { field: 'mystery', reason: 'unknown field' },
      ],
      ['name', 'pickup'],
    );
    expect(byField).toEqual({ name: 'must not be empty', pickup: 'must be a latitude; must be a longitude' });
    expect(other).toEqual(['mystery: unknown field']);
  });

  it('shows a failed mutation beside its fields, and in a summary only what no field shows', () => {
    expect(formErrors(null, ['reason'])).toEqual({ byField: {}, other: [], summary: null });
    const down = new Error('Failed to fetch');
    expect(formErrors(down, ['reason'])).toEqual({ byField: {}, other: [], summary: down });
    const beside = new ApiError(400, 'VALIDATION', 'invalid', [{ field: 'reason', reason: 'must not be empty' }]);
    expect(formErrors(beside, ['reason'])).toEqual({ byField: { reason: 'must not be empty' }, other: [], summary: null });
    const partly = new ApiError(400, 'VALIDATION', 'invalid', [
      { field: 'reason', reason: 'must not be empty' },
      { field: 'memberId', reason: 'must be a UUID' },
    ]);
    expect(formErrors(partly, ['reason'])).toEqual({ byField: { reason: 'must not be empty' }, other: ['memberId: must be a UUID'], summary: partly });
    const conflict = new ApiError(409, 'MEMBER.ILLEGAL_TRANSITION', 'not allowed');
    expect(formErrors(conflict, ['reason'])).toEqual({ byField: {}, other: [], summary: conflict });
  });

  it('leaves empty optional fields out of a request body', () => {
    expect(compact({ a: '', b: 0, c: 'x', d: undefined, e: null })).toEqual({ b: 0, c: 'x' });
  });
});
