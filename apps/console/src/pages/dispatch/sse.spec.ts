import { SseParser, backoffMs, parseData } from './sse';

describe('SseParser', () => {
  it('parses events as the API sends them (event, id, data, blank line)', () => {
    const p = new SseParser();
    const out = p.push('id: 1\nevent: order_changed\ndata: {"id":"a","status":"assigned"}\n\nevent: ping\ndata: {}\n\n');
    expect(out).toEqual([
      { event: 'order_changed', data: '{"id":"a","status":"assigned"}', id: '1' },
      { event: 'ping', data: '{}' },
    ]);
    expect(parseData(out[0])).toEqual({ id: 'a', status: 'assigned' });
    expect(p.lastEventId).toBe('1');
  });

  it('keeps a partial event until the rest arrives, however the chunks are cut', () => {
    const text = 'event: order_unassigned\ndata: {"orderNo":1042}\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      const p = new SseParser();
      const out = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut))];
      expect(out).toEqual([{ event: 'order_unassigned', data: '{"orderNo":1042}' }]);
    }
  });

  it('accepts CRLF and CR line ends, including a CRLF split across chunks', () => {
    const p = new SseParser();
    expect(p.push('event: a\r\ndata: 1\r')).toEqual([]);
    expect(p.push('\n\r\nevent: b\rdata: 2\r\r')).toEqual([
      { event: 'a', data: '1' },
      { event: 'b', data: '2' },
    ]);
  });

  it('joins data lines, skips comments, defaults the event name and drops events without data', () => {
    const p = new SseParser();
    const out = p.push(': keep-alive\n\nevent: only-a-name\n\ndata: line one\ndata:line two\ndata\n\n');
    expect(out).toEqual([{ event: 'message', data: 'line one\nline two\n' }]);
  });

  it('strips one space after the colon only, and ignores unknown fields', () => {
    const p = new SseParser();
    expect(p.push('data:  two spaces\nfoo: bar\n\n')).toEqual([{ event: 'message', data: ' two spaces' }]);
  });

  it('takes a retry delay from the server and resets the event name between events', () => {
    const p = new SseParser();
    const out = p.push('retry: 5000\nevent: x\ndata: 1\n\ndata: 2\n\nretry: soon\n\n');
    expect(out.map((m) => m.event)).toEqual(['x', 'message']);
    expect(p.retryMs).toBe(5000);
  });

  it('parseData gives undefined for data that is not JSON', () => {
    expect(parseData({ event: 'm', data: 'not json' })).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('doubles from 1 s up to 30 s, with jitter in the upper half', () => {
    expect(backoffMs(0, 0)).toBe(500);
    expect(backoffMs(0, 0.999)).toBe(1000);
    expect(backoffMs(1, 0)).toBe(1000);
    expect(backoffMs(3, 1)).toBe(8000);
    expect(backoffMs(10, 1)).toBe(30_000);
    expect(backoffMs(50, 0.5)).toBe(22_500);
  });
});
