import { fieldErrors } from '../../lib/forms';
import { RULE_SET_FIELDS, formFrom, lastPage, ruleSetBody, ruleSetPhases, seoulInstant } from './model';

const seed = {
  vehicles: {
    motorcycle: { baseFareWon: 4000, baseDistanceM: 3000, perKmWon: 700 },
    damas: { baseFareWon: 15000, baseDistanceM: 5000, perKmWon: 1000 },
    labo: { baseFareWon: 18000, baseDistanceM: 5000, perKmWon: 1100 },
    truck_1t: { baseFareWon: 25000, baseDistanceM: 5000, perKmWon: 1300 },
  },
  roadFactorBps: 13000,
  expressSurchargeBps: 5000,
  nightSurchargeBps: 2000,
  weekendSurchargeBps: 1000,
  roundingUnitWon: 1000,
};

describe('settings: pricing rule sets', () => {
  it('marks the one in force, the scheduled and the past, newest first', () => {
    const sets = [
      { id: 'b', effectiveFrom: '2031-01-01T00:00:00.000+09:00' },
      { id: 'a', effectiveFrom: '2020-09-01T00:00:00.000+09:00' },
      { id: 'c', effectiveFrom: '2031-06-01T00:00:00.000+09:00' },
    ];
    const at = new Date('2031-03-03T12:00:00+09:00');
    expect(ruleSetPhases(sets, at).map((p) => [p.ruleSet.id, p.phase])).toEqual([
      ['c', 'future'],
      ['b', 'inForce'],
      ['a', 'past'],
    ]);
    // The very moment a rule set starts, it is in force.
    expect(ruleSetPhases(sets, new Date('2031-06-01T00:00:00+09:00'))[0].phase).toBe('inForce');
    // Before the first one, all are scheduled.
    expect(ruleSetPhases(sets, new Date('2019-01-01')).every((p) => p.phase === 'future')).toBe(true);
  });

  it('reads a Seoul date and time as an instant, refusing days the calendar lacks', () => {
    expect(seoulInstant('2031-03-04', '00:00')).toBe('2031-03-04T00:00:00+09:00');
    expect(new Date(seoulInstant('2031-03-04', '00:00')!).toISOString()).toBe('2031-03-03T15:00:00.000Z');
    expect(seoulInstant('2031-02-30', '00:00')).toBeNull();
    expect(seoulInstant('2031-03-04', '24:00')).toBeNull();
    expect(seoulInstant('', '00:00')).toBeNull();
  });

  it('prefills the form from the rule set in force and sends numbers as numbers', () => {
    const form = formFrom(seed, '2031-04-01');
    expect(form.vehicles.damas.perKmWon).toBe('1000');
    form.vehicles.motorcycle.baseFareWon = ' 4500 ';
    form.note = ' 봄 요금 ';
    const body = ruleSetBody(form);
    expect(body).toEqual({ effectiveFrom: '2031-04-01T00:00:00+09:00', ...seed, vehicles: { ...seed.vehicles, motorcycle: { ...seed.vehicles.motorcycle, baseFareWon: 4500 } }, note: '봄 요금' });
  });

  it('sends what it cannot read as typed, for the API to name', () => {
    const form = formFrom(null, '2031-04-01');
    form.roadFactorBps = '1.3';
    const body = ruleSetBody(form);
    expect(body.roadFactorBps).toBe('1.3');
    expect(body).not.toHaveProperty('note');
  });

  it('puts nested field errors beside their leaf field', () => {
    const { byField, other } = fieldErrors(
      [
        { field: 'vehicles.damas.perKmWon', reason: 'must not be less than 0' },
        { field: 'vehicles.labo', reason: 'should not be null or undefined' },
        { field: 'effectiveFrom', reason: 'must not be in the past' },
        { field: 'surprise', reason: 'is not a known field' },
      ],
      RULE_SET_FIELDS,
    );
    expect(byField).toEqual({ 'vehicles.damas.perKmWon': 'must not be less than 0', 'vehicles.labo': 'should not be null or undefined', effectiveFrom: 'must not be in the past' });
    expect(other).toEqual(['surprise: is not a known field']);
  });
});

describe('settings: lists', () => {
  it('knows the page a new row lands on', () => {
    expect(lastPage(0, 20)).toBe(1);
    expect(lastPage(20, 20)).toBe(1);
    expect(lastPage(21, 20)).toBe(2);
  });
});
