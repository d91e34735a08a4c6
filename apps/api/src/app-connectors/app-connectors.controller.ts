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
import { CurrentTeam, OrgRole, TeamRole, type TeamContext } from '../teams/access-rules';
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
  constructor(private readonly connectors: AppConnectorsService) {}

  @Delete(':id')
  @HttpCode(204)
  @TeamRole('admin', 'appToken')
  revoke(@Param('id', ParseIntPipe) id: number) {
    return this.connectors.revokeToken(id);
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
