import { applyPlace, breakdownTotal, currentFieldErrors, emptyOrderForm, emptyStop, formatDistance, idempotencyKeyFor, orderBody, parseCoord, quoteRequest, readOrderFilter, writeOrderFilter } from './model';

describe('the phone-order form', () => {
  it('fills a stop from a known place and keeps what was typed for "by hand"', () => {
    const stop = applyPlace(emptyStop(), 'dongdaegu');
    expect(stop).toEqual({ place: 'dongdaegu', address: '대구 동구 동대구로 550 동대구역', lat: '35.8797', lng: '128.6286', contactName: '역 물품보관소', contactPhone: '053-940-0004' });
    expect(applyPlace({ ...stop, address: 'typed' }, '')).toMatchObject({ place: '', address: 'typed' });
  });

  it('asks for a quote only once both stops have valid coordinates', () => {
    const form = emptyOrderForm();
    expect(quoteRequest(form)).toBeNull();
    form.pickup = applyPlace(form.pickup, 'dongseongno');
    expect(quoteRequest(form)).toBeNull();
    form.dropoff = { ...form.dropoff, lat: '35.8276', lng: '128.61' };
    expect(quoteRequest(form)).toEqual({ pickup: { lat: 35.8693, lng: 128.5961 }, dropoff: { lat: 35.8276, lng: 128.61 }, vehicleType: 'motorcycle', urgency: 'normal' });
    form.dropoff.lat = '35.';
    expect(quoteRequest(form)).toBeNull();
    expect(parseCoord('91', 90)).toBeNull();
    expect(parseCoord(' -33.5 ', 90)).toBe(-33.5);
    expect(parseCoord('1e3', 180)).toBeNull();
  });

  it('shapes the order body, leaving the checking of fields to the API', () => {
    const form = emptyOrderForm();
    form.pickup = applyPlace(form.pickup, 'seomun');
    form.dropoff = { place: '', address: ' 어딘가 ', lat: 'abc', lng: '', contactName: '김', contactPhone: '010-1234-5678' };
    form.itemDescription = ' 서류 ';
    form.fareWon = '12,000';
    const body = orderBody(form) as unknown as Record<string, Record<string, unknown>>;
    expect(body.pickup).toEqual({ address: '대구 중구 큰장로26길 45 서문시장', lat: 35.8688, lng: 128.5807, contactName: '서문시장 포목점', contactPhone: '053-256-0002' });
    expect(body.dropoff).toEqual({ address: '어딘가', lat: 'abc', lng: undefined, contactName: '김', contactPhone: '010-1234-5678' });
    expect(body).toMatchObject({ itemDescription: '서류', fareWon: 12000, vehicleType: 'motorcycle', urgency: 'normal', paymentMethod: 'cash' });
    expect('clientId' in body).toBe(false);
    expect('dispatchMode' in body).toBe(false);
    form.dispatchMode = 'manual';
    form.clientId = ' 8d9c0b8e-0000-4000-8000-000000000000 ';
    expect(orderBody(form)).toMatchObject({ dispatchMode: 'manual', clientId: '8d9c0b8e-0000-4000-8000-000000000000' });
  });

  it('keeps the Idempotency-Key while the same body is sent again, and takes a new one for a changed form', () => {
    let n = 0;
    const next = () => `key-${++n}`;
    const first = idempotencyKeyFor(null, { a: 1 }, next);
    expect(first.key).toBe('key-1');
    expect(idempotencyKeyFor(first, { a: 1 }, next)).toBe(first);
    expect(idempotencyKeyFor(first, { a: 2 }, next).key).toBe('key-2');
  });

  it('adds up the breakdown', () => {
    expect(breakdownTotal([{ amountWon: 4000 }, { amountWon: 2565 }, { amountWon: 435 }])).toBe(7000);
    expect(breakdownTotal([])).toBe(0);
  });
});

describe('the order list', () => {
  it('reads and writes its filters in the address, ignoring junk', () => {
    const f = readOrderFilter(new URLSearchParams('status=assigned&date=2026-11-22&memberId=8d9c0b8e-0000-4000-8000-000000000000&needsDispatcher=true&page=3'));
    expect(f).toEqual({ status: 'assigned', date: '2026-11-22', clientId: undefined, memberId: '8d9c0b8e-0000-4000-8000-000000000000', needsDispatcher: true, page: 3 });
    expect(writeOrderFilter(f).toString()).toBe('status=assigned&date=2026-11-22&memberId=8d9c0b8e-0000-4000-8000-000000000000&needsDispatcher=true&page=3');
    expect(readOrderFilter(new URLSearchParams('status=lost&date=yesterday&clientId=1&page=-1'))).toEqual({ status: undefined, date: undefined, clientId: undefined, memberId: undefined, needsDispatcher: undefined, page: 1 });
  });

  it('formats distances', () => {
    expect(formatDistance(850)).toBe('850 m');
    expect(formatDistance(6565)).toBe('6.6 km');
    expect(formatDistance(null)).toBe('—');
  });
  it('drops the error of a field corrected since the refusal, and keeps the others', () => {
    const sent = emptyOrderForm();
    sent.pickup.lat = '95';
    sent.pickup.contactPhone = '12345';
    const errors = { 'pickup.lat': '90 이하여야 합니다', 'pickup.contactPhone': '전화번호를 입력하세요', urgency: 'x' };
    expect(currentFieldErrors(errors, null, sent)).toEqual(errors);
    expect(currentFieldErrors(errors, sent, sent)).toEqual(errors);
    const now = { ...sent, pickup: { ...sent.pickup, lat: '35.8906' } };
    expect(currentFieldErrors(errors, sent, now)).toEqual({ 'pickup.contactPhone': '전화번호를 입력하세요', urgency: 'x' });
    expect(currentFieldErrors(errors, sent, { ...now, urgency: 'express' })).toEqual({ 'pickup.contactPhone': '전화번호를 입력하세요' });
  });
});
