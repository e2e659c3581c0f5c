import type { FastifyReply } from 'fastify';

/** Headers of a CSV download (the body is UTF-8 with a BOM, for Excel). */
export function csvHeaders(reply: FastifyReply, filename: string): void {
  void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store');
}

export async function sendCsv(reply: FastifyReply, file: { filename: string; csv: string }): Promise<void> {
  csvHeaders(reply, file.filename);
  await reply.send(file.csv);
}
