import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@dure/common';
import { CourierProfileView, MemberQueryService } from '@dure/membership';
import { CurrentActor, Roles } from '../common/auth.decorators';
import { CourierProfileDto } from './member-view.dto';

@ApiTags('courier')
@Controller('courier')
export class CourierMeController {
  constructor(private readonly members: MemberQueryService) {}

  @Get('me')
  @Roles('courier')
  @ApiOperation({ summary: 'The signed-in courier: masked PII, status, member number, insurance cover' })
  @ApiOkResponse({ type: CourierProfileDto })
  me(@CurrentActor() actor: Actor): Promise<CourierProfileView> {
    return this.members.courierProfile(actor.id);
  }
}
