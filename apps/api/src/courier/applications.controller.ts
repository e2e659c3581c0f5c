import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MemberApplicationService } from '@dure/membership';
import { Public } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { Idempotent } from '../common/idempotency.interceptor';
import { ApplicationCreatedDto, ApplicationDto } from './application.dto';

@ApiTags('courier')
@Controller('courier/applications')
export class ApplicationsController {
  constructor(private readonly applications: MemberApplicationService) {}

  @Post()
  @Public()
  @Idempotent()
  @ApiOperation({ summary: 'Apply to join the cooperative' })
  @ApiCreatedResponse({ type: ApplicationCreatedDto })
  @ApiErrors(400, 409)
  apply(@Body() dto: ApplicationDto): Promise<ApplicationCreatedDto> {
    return this.applications.apply(dto);
  }
}
