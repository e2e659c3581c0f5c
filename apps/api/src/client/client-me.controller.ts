import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@dure/common';
import { ClientView, PartyService } from '@dure/membership';
import { ApiKeyAuth, CurrentActor } from '../common/auth.decorators';

class ClientSelfDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() businessNo: string;
  @ApiProperty() creditAccount: boolean;
  @ApiProperty({ format: 'uuid' }) apiKeyId: string;
}

@ApiTags('client')
@Controller('client')
export class ClientMeController {
  constructor(private readonly parties: PartyService) {}

  @Get('me')
  @ApiKeyAuth('client')
  @ApiOperation({ summary: 'The business client this API key belongs to' })
  @ApiOkResponse({ type: ClientSelfDto })
  async me(@CurrentActor() actor: Actor): Promise<ClientView> {
    return (await this.parties.client(actor.id)) as ClientView;
  }
}
