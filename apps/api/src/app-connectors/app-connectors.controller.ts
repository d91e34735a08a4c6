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
import { SuperUserOnly } from '../auth/current-user';
import { CreateAppConnectorDto, OutboxQueryDto, UpdateAppConnectorDto } from './app-connectors.dto';
import { AppConnectorsService } from './app-connectors.service';
import { MailService } from './mail.service';

@ApiTags('app connectors')
@SuperUserOnly()
@Controller('api/app-connectors')
export class AppConnectorsController {
  constructor(private readonly connectors: AppConnectorsService) {}

  @Get()
  list() {
    return this.connectors.list();
  }

  @Post()
  create(@Body() body: CreateAppConnectorDto) {
    return this.connectors.create(body);
  }

  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.connectors.get(id);
  }

  @Put(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateAppConnectorDto) {
    return this.connectors.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseIntPipe) id: number) {
    return this.connectors.remove(id);
  }

  @Get(':id/tokens')
  tokens(@Param('id', ParseIntPipe) id: number) {
    return this.connectors.tokens(id);
  }
}

@ApiTags('app connectors')
@SuperUserOnly()
@Controller('api/app-tokens')
export class AppTokensController {
  constructor(private readonly connectors: AppConnectorsService) {}

  @Delete(':id')
  @HttpCode(204)
  revoke(@Param('id', ParseIntPipe) id: number) {
    return this.connectors.revokeToken(id);
  }
}

/** Mail kept when no SMTP server is configured (one-time codes on a laptop install). */
@ApiTags('app connectors')
@SuperUserOnly()
@Controller('api/outbox')
export class OutboxController {
  constructor(private readonly mail: MailService) {}

  @Get()
  list(@Query() q: OutboxQueryDto) {
    return this.mail.outbox(q.take ?? 50);
  }
}
