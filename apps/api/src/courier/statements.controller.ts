import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Actor, Page } from '@dure/common';
import { EarningsService, EarningsView, SettlementService, StatementDetailView, StatementView } from '@dure/billing';
import { CurrentActor, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { PageQueryDto, pageOf } from '../common/page-query.dto';
import { UuidParam } from '../common/uuid.pipe';
import { IsCalendarDate } from '../common/validators';
import { StatementDetailDto, StatementViewDto } from '../admin/billing.controller';

export class EarningsQueryDto {
  @ApiProperty({ example: '2026-11-01' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-11-30', description: 'Inclusive' }) @IsCalendarDate() to: string;
}

class EarningsDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() jobs: number;
  @ApiProperty() grossWon: number;
  @ApiProperty() feeWon: number;
  @ApiProperty({ description: 'What a 20% fee would have taken, less the fee taken' }) savingsWon: number;
  @ApiProperty({ example: 2000 }) benchmarkRateBps: number;
}

class StatementPageDto {
  @ApiProperty({ type: [StatementViewDto] }) items: StatementViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

@ApiTags('courier')
@Controller('courier')
@Roles('courier')
export class CourierStatementsController {
  constructor(
    private readonly settlements: SettlementService,
    private readonly earnings: EarningsService,
  ) {}

  @Get('statements')
  @ApiOperation({ summary: 'Own statements, newest first' })
  @ApiOkResponse({ type: StatementPageDto })
  @ApiErrors(400)
  statements(@Query() q: PageQueryDto, @CurrentActor() actor: Actor): Promise<Page<StatementView>> {
    return this.settlements.statements({ memberId: actor.id }, pageOf(q));
  }

  @Get('statements/:id')
  @ApiOperation({ summary: "An own statement with its lines (another courier's is a 404)" })
  @ApiOkResponse({ type: StatementDetailDto })
  @ApiErrors(400, 404)
  statement(@Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<StatementDetailView> {
    return this.settlements.statementForCourier(actor.id, id);
  }

  @Get('earnings')
  @ApiOperation({ summary: 'Earnings over business dates, with the savings against a 20% fee' })
  @ApiOkResponse({ type: EarningsDto })
  @ApiErrors(400)
  earningsFor(@Query() q: EarningsQueryDto, @CurrentActor() actor: Actor): Promise<EarningsView> {
    return this.earnings.forCourier(actor.id, q.from, q.to);
  }
}
