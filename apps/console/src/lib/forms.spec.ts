import { compact, fieldErrors } from './forms';

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

  it('leaves empty optional fields out of a request body', () => {
    expect(compact({ a: '', b: 0, c: 'x', d: undefined, e: null })).toEqual({ b: 0, c: 'x' });
  });
});
