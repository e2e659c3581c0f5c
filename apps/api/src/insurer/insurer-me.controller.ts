import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@dure/common';
import { INSURANCE_PLANS, InsurerView, PartyService } from '@dure/membership';
import { ApiKeyAuth, CurrentActor } from '../common/auth.decorators';

class InsurerSelfDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: INSURANCE_PLANS, isArray: true }) plans: string[];
  @ApiProperty({ format: 'uuid' }) apiKeyId: string;
}

@ApiTags('insurer')
@Controller('insurer')
export class InsurerMeController {
  constructor(private readonly parties: PartyService) {}

  @Get('me')
  @ApiKeyAuth('insurer')
  @ApiOperation({ summary: 'The insurer this API key belongs to' })
  @ApiOkResponse({ type: InsurerSelfDto })
  async me(@CurrentActor() actor: Actor): Promise<InsurerView> {
    return (await this.parties.insurer(actor.id)) as InsurerView;
  }
}
