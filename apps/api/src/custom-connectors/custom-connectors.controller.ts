import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Put,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ModuleError } from '@integrator/sdk';
import { CurrentUser, type AuthUser } from '../auth/current-user';
import {
  CreateCustomConnectorDto,
  SendRequestDto,
  SendSavedDto,
  UpdateCustomConnectorDto,
} from './custom-connectors.dto';
import { CustomConnectorsService } from './custom-connectors.service';
import { CustomConnectorIntegrationGuard } from './integration.guard';
import type { SendResult } from './send-result';
import { CurrentTeam, TeamRole, type TeamContext } from '../teams/access-rules';

@ApiTags('custom connectors')
@Controller('api/custom-connectors')
@UseGuards(CustomConnectorIntegrationGuard)
export class CustomConnectorsController {
  constructor(private readonly connectors: CustomConnectorsService) {}

  @Get()
  @TeamRole('monitoring')
  list(@CurrentTeam() team: TeamContext) {
    return this.connectors.list(team.id);
  }

  @Post()
  @TeamRole('member')
  create(
    @Body() body: CreateCustomConnectorDto,
    @CurrentUser() user: AuthUser,
    @CurrentTeam() team: TeamContext,
  ) {
    return this.connectors.create(body, user, team.id);
  }

  @Post('send')
  @HttpCode(200)
  @TeamRole('member')
  sendUnsaved(@Body() body: SendRequestDto) {
    return outbound(this.connectors.sendUnsaved(body));
  }

  @Get(':id')
  @TeamRole('monitoring', 'customConnector')
  get(@Param('id', ParseIntPipe) id: number) {
    return this.connectors.get(id);
  }

  @Put(':id')
  @TeamRole('member', 'customConnector')
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateCustomConnectorDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.connectors.update(id, body, user);
  }

  @Delete(':id')
  @HttpCode(204)
  @TeamRole('member', 'customConnector')
  remove(@Param('id', ParseIntPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.connectors.remove(id, user);
  }

  @Post(':id/send')
  @HttpCode(200)
  @TeamRole('member', 'customConnector')
  send(@Param('id', ParseIntPipe) id: number, @Body() body: SendSavedDto) {
    return outbound(this.connectors.send(id, body.fieldPath));
  }
}

/** The outside service could not be reached or refused the token request: 502 with the (redacted) reason. */
async function outbound(result: Promise<SendResult>): Promise<SendResult> {
  try {
    return await result;
  } catch (err) {
    if (!(err instanceof ModuleError)) throw err;
    throw new HttpException(
      {
        statusCode: HttpStatus.BAD_GATEWAY,
        error: 'Bad Gateway',
        message: `the request failed: ${err.message}`,
        kind: err.kind,
        ...(err.status ? { status: err.status } : {}),
      },
      HttpStatus.BAD_GATEWAY,
    );
  }
}
