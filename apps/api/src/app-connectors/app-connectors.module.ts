import { Module } from '@nestjs/common';
import { AppAccessService } from './app-access.service';
import { AppApiController } from './app-api.controller';
import { AppApiService } from './app-api.service';
import { AppConnectorsController, AppTokensController, OutboxController } from './app-connectors.controller';
import { AppConnectorsService } from './app-connectors.service';
import { AppTokenGuard } from './app-token.guard';
import { MailService } from './mail.service';
import { OtpService } from './otp.service';

/** App connectors: access for outside applications (AFAS-style), managed by super users. */
@Module({
  controllers: [AppConnectorsController, AppTokensController, OutboxController, AppApiController],
  providers: [AppConnectorsService, AppAccessService, AppApiService, AppTokenGuard, MailService, OtpService],
})
export class AppConnectorsModule {}
