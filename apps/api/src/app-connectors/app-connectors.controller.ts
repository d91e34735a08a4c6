import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateAppConnectorDto, OutboxQueryDto, UpdateAppConnectorDto } from './app-connectors.dto';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import { CurrentTeam, OrgRole, TeamRole, type TeamContext } from '../teams/access-rules';
import { AuditLog } from '../teams/audit.service';
import { AppConnectorsService } from './app-connectors.service';
import { MailService } from './mail.service';

@ApiTags('app connectors')
@Controller('api/app-connectors')
export class AppConnectorsController {
  constructor(private readonly connectors: AppConnectorsService) {}

  @Get()
  @TeamRole('admin')
  list(@CurrentTeam() team: TeamContext) {
    return this.connectors.list(team.id);
  }

  @Post()
  @TeamRole('admin')
  create(@Body() body: CreateAppConnectorDto, @CurrentTeam() team: TeamContext) {
    return this.connectors.create(body, team.id);
  }

  @Get(':id')
  @TeamRole('admin', 'appConnector')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.connectors.get(id);
  }

  @Put(':id')
  @TeamRole('admin', 'appConnector')
  update(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateAppConnectorDto) {
    return this.connectors.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @TeamRole('admin', 'appConnector')
  remove(@Param('id', ParseIntPipe) id: number) {
    return this.connectors.remove(id);
  }

  @Get(':id/tokens')
  @TeamRole('admin', 'appConnector')
  tokens(@Param('id', ParseIntPipe) id: number) {
    return this.connectors.tokens(id);
  }
}

@ApiTags('app connectors')
@Controller('api/app-tokens')
export class AppTokensController {
  constructor(
    private readonly connectors: AppConnectorsService,
    private readonly audit: AuditLog,
  ) {}

  @Delete(':id')
  @HttpCode(204)
  @TeamRole('admin', 'appToken')
  async revoke(
    @Param('id', ParseIntPipe) id: number,
    @CurrentUser() user: AuthUser,
    @CurrentTeam() team: TeamContext,
  ) {
    await this.connectors.revokeToken(id);
    await this.audit.record({
      action: 'app_token.revoked',
      actor: user,
      teamId: team.id,
      targetType: 'app_token',
      targetId: id,
    });
  }
}

/** Mail kept when no SMTP server is configured (one-time codes on a laptop install). */
@ApiTags('app connectors')
@OrgRole('admin')
@Controller('api/outbox')
export class OutboxController {
  constructor(private readonly mail: MailService) {}

  @Get()
  list(@Query() q: OutboxQueryDto) {
    return this.mail.outbox(q.take ?? 50);
  }
}
