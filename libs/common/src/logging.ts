import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import { maskAccount, maskRrn } from './masking';

const RRN_IN_TEXT = /\b(\d{6})-?(\d{7})\b/g;
const LONG_DIGITS = /\b\d[\d-]{8,}\d\b/g;

/** Masks RRNs and long digit runs (account, phone numbers) that may sit in a URL. */
export function maskText(text: string): string {
  return text.replace(RRN_IN_TEXT, (m) => maskRrn(m)).replace(LONG_DIGITS, (m) => (m.includes('*') ? m : maskAccount(m)));
}

/** Paths that never reach a log line in the clear. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  '*.password',
  '*.rrn',
  '*.bankAccount',
  '*.refreshToken',
  '*.accessToken',
  '*.apiKey',
];

/**
 * Errors as pino logs them, minus what can carry personal data: SQL parameters and the
 * driver's detail (a unique violation names the duplicate value); message and stack masked.
 */
export function serializeError(err: Error): Record<string, unknown> {
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const key of ['parameters', 'query', 'driverError', 'detail', 'where']) delete out[key];
  if (typeof out.message === 'string') out.message = maskText(out.message);
  if (typeof out.stack === 'string') out.stack = maskText(out.stack);
  return out;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  id?: string;
}

export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: {
        req: (req: LoggedRequest) => ({ method: req.method, url: req.url ? maskText(req.url) : undefined, ip: req.ip }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
    },
    destination,
  );
}

/** Nest's own log lines, in the same JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
