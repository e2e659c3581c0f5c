import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiProperty({ example: 'rrn' }) field: string;
  @ApiProperty({ example: 'does not match birthDate' }) reason: string;
  @ApiPropertyOptional({ example: 'MEMBERSHIP.INVALID_RRN' }) code?: string;
}

export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'MEMBERSHIP.INVALID_RRN', description: 'Stable machine-readable code' }) code: string;
  @ApiProperty({ example: 'The resident registration number is not valid' }) message: string;
  @ApiProperty({ type: [ErrorDetailDto] }) details: ErrorDetailDto[];
  @ApiProperty({ example: '6f1c2f9e-1d5b-4c5e-9d0e-2a4b8c7d9e10' }) requestId: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: a field is missing, malformed or unknown, or the body is not JSON',
  401: 'No valid credentials',
  403: 'Valid credentials without the needed role or ownership',
  404: 'Not found',
  409: 'Conflict with the current state (duplicate, illegal transition, idempotency key reused)',
  429: 'Too many attempts; see Retry-After',
  503: 'A dependency is unavailable',
};

/** Documents the error responses an endpoint can give, all in the one error shape. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorResponseDto })),
  );
}
