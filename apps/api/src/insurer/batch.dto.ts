import { ApiProperty } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { BatchFile } from '@dure/insurance';

export class BatchViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) insurerId: string;
  @ApiProperty({ enum: ['delta', 'full'] }) kind: string;
  @ApiProperty({ enum: ['csv', 'x12-834'] }) format: string;
  @ApiProperty({ enum: ['queued', 'building', 'ready', 'failed'] }) status: string;
  @ApiProperty({ description: 'The file id (CSV control line) and interchange control number (ISA13)' }) controlNo: number;
  @ApiProperty({ example: '2026-11-22' }) asOf: string;
  @ApiProperty({ nullable: true }) recordCount: number | null;
  @ApiProperty({ nullable: true, description: 'SHA-256 of the file, hex (also its ETag)' }) sha256: string | null;
  @ApiProperty({ nullable: true }) byteSize: number | null;
  @ApiProperty({ nullable: true }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true }) readyAt: string | null;
}

/**
 * Sends a batch file, streamed, with its SHA-256 as a strong ETag; a client that has it
 * (If-None-Match) gets a 304. Files never change, so they may be cached for good.
 */
export async function sendBatchFile(reply: FastifyReply, open: () => Promise<BatchFile>, ifNoneMatch: string | undefined): Promise<void> {
  const file = await open();
  const etag = `"${file.sha256}"`;
  void reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    file.stream.destroy();
    await reply.status(304).send();
    return;
  }
  void reply
    .header('content-type', file.contentType)
    .header('content-length', String(file.byteSize))
    .header('content-disposition', `attachment; filename="${file.filename}"`);
  await reply.send(file.stream);
}
