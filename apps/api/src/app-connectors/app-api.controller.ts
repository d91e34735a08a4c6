import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/current-user';
import type { AppAccess } from './app-access.service';
import {
  AppRunDto,
  AppRunQueryDto,
  OtpRequestDto,
  OtpValidationDto,
  PagingQueryDto,
} from './app-connectors.dto';
import { AppApiService } from './app-api.service';
import { AppCaller, AppTokenGuard } from './app-token.guard';
import { OtpService } from './otp.service';

/** The API outside applications call: OTP self-registration, then runs and reads with an app token. */
@ApiTags('app API')
@Public()
@Controller('api/app')
export class AppApiController {
  constructor(
    private readonly otp: OtpService,
    private readonly api: AppApiService,
  ) {}

  /** Always 202 with no body: nothing tells whether the key, user or membership were right. */
  @Post('otp-request')
  @HttpCode(202)
  async otpRequest(@Body() body: OtpRequestDto, @Req() request: FastifyRequest): Promise<void> {
    await this.otp.request(body.key, body.user, request.ip);
  }

  @Post('otp-validation')
  @HttpCode(200)
  otpValidation(@Body() body: OtpValidationDto, @Req() request: FastifyRequest) {
    return this.otp.validate(body.key, body.user, body.code, request.ip);
  }

  @ApiBearerAuth()
  @UseGuards(AppTokenGuard)
  @Get('scenarios/:id/schema')
  schema(@Param('id', ParseIntPipe) id: number, @AppCaller() caller: AppAccess) {
    return this.api.schema(caller, id);
  }

  @ApiBearerAuth()
  @UseGuards(AppTokenGuard)
  @Post('scenarios/:id/run')
  async run(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: AppRunDto,
    @Query() q: AppRunQueryDto,
    @AppCaller() caller: AppAccess,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const wait = q.async !== 'true' && q.async !== '1';
    const result = await this.api.run(caller, id, body.input, wait);
    if (!wait) void reply.status(202);
    return result;
  }

  @ApiBearerAuth()
  @UseGuards(AppTokenGuard)
  @Get('datastores/:id/records')
  records(@Param('id', ParseIntPipe) id: number, @Query() q: PagingQueryDto, @AppCaller() caller: AppAccess) {
    return this.api.records(caller, id, q.skip ?? 0, q.take ?? 100);
  }
}
