import { Module } from '@nestjs/common';
import { IncompleteController } from './incomplete.controller';
import { IncompleteService } from './incomplete.service';

@Module({ controllers: [IncompleteController], providers: [IncompleteService], exports: [IncompleteService] })
export class IncompleteModule {}
