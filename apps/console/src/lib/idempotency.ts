/**
 * A fresh Idempotency-Key for one submission of a form: a random UUID (version 4).
 *
 * Made from crypto.getRandomValues, which every browser has. crypto.randomUUID is missing
 * or throws outside a secure context, and an office LAN may serve the console over plain
 * http.
 */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
