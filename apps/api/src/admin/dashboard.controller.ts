import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DashboardService, TodayDashboardView } from '@dure/billing';
import { Roles } from '../common/auth.decorators';

class OrdersByStatusDto {
  @ApiProperty() requested: number;
  @ApiProperty() assigned: number;
  @ApiProperty() picked_up: number;
  @ApiProperty() delivered: number;
  @ApiProperty() cancelled: number;
  @ApiProperty() failed: number;
}

class DashboardOrdersDto {
  @ApiProperty({ type: OrdersByStatusDto, description: 'Orders created today plus open orders of any day, by current status' })
  byStatus: OrdersByStatusDto;
  @ApiProperty({ description: 'requested + assigned + picked_up, of any day' }) open: number;
}

class CouriersOnlineDto {
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Per vehicle, as on the dispatch map', example: { motorcycle: 12, damas: 2, labo: 1, truck_1t: 0 } })
  byVehicle: Record<string, number>;
}

class HourBucketDto {
  @ApiProperty({ minimum: 0, maximum: 23, description: 'Hour of the day in Asia/Seoul' }) hour: number;
  @ApiProperty() deliveries: number;
}

class DashboardMonthDto {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty() deliveries: number;
  @ApiProperty() feeWon: number;
  @ApiProperty({ description: 'Σ (floor(fare × benchmark / 10000) − fee) over the deliveries of the month so far' }) savingsWon: number;
  @ApiProperty({ example: 2000 }) benchmarkRateBps: number;
}

class TodayDashboardDto {
  @ApiProperty({ example: '2026-11-22', description: 'The business date (Asia/Seoul)' }) date: string;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: DashboardOrdersDto }) orders: DashboardOrdersDto;
  @ApiProperty({ type: CouriersOnlineDto }) couriersOnline: CouriersOnlineDto;
  @ApiProperty({ type: [HourBucketDto], description: '24 buckets, hours 0-23 in Asia/Seoul' }) deliveriesPerHour: HourBucketDto[];
  @ApiProperty() deliveredToday: number;
  @ApiProperty({ description: 'Σ fee of the orders delivered today' }) feeRevenueWon: number;
  @ApiProperty({ type: DashboardMonthDto }) month: DashboardMonthDto;
}

@ApiTags('admin: dashboard')
@Controller('admin/dashboard')
@Roles('admin', 'dispatcher', 'accountant')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('today')
  @ApiOperation({ summary: "Today's figures (Asia/Seoul): orders by status, couriers online, deliveries per hour, fee revenue, this month's savings" })
  @ApiOkResponse({ type: TodayDashboardDto })
  today(): Promise<TodayDashboardView> {
    return this.dashboard.today();
  }
}
