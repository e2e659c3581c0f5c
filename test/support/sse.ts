import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface SseClient {
  status: number | undefined;
  contentType: string | undefined;
  events: SseEvent[];
  close(): void;
}

/** Opens a Server-Sent Events stream on the app (listening on a free port if needed) and collects its events. */
export async function openSse(app: NestFastifyApplication, path: string, token: string): Promise<SseClient> {
  const server = app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const events: SseEvent[] = [];
  let buffer = '';
  const req = http.get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => req.on('response', resolve).on('error', reject));
  res.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let idx;
    while ((idx = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  });
  return { status: res.statusCode, contentType: res.headers['content-type'], events, close: () => req.destroy() };
}
