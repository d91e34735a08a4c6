import { Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import { CheckInsService } from './check-ins.service';
import { OkrConnectors } from './okr-connectors';
import { TeamRole } from '../teams/access-rules';

@ApiTags('okr')
@Controller('api')
export class CheckInsController {
  constructor(
    private readonly checkIns: CheckInsService,
    private readonly connectors: OkrConnectors,
  ) {}

  /** The review's "Update": the check-in counts from now on. */
  @Post('check-ins/:id/confirm')
  @HttpCode(200)
  @TeamRole('member', 'checkIn')
  confirm(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.checkIns.confirm(id, user);
  }

  @Post('check-ins/:id/discard')
  @HttpCode(200)
  @TeamRole('member', 'checkIn')
  discard(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.checkIns.discard(id, user);
  }

  /** The connector's current value, for the key result form ("set as start value"). */
  @Get('okr/connector-value/:connectorId')
  @TeamRole('member', 'customConnector', 'connectorId')
  connectorValue(@Param('connectorId', ParseIntPipe) connectorId: number) {
    return this.connectors.preview(connectorId);
  }
}
