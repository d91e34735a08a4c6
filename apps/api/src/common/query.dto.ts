import { IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

// Query parameters several lists share: a time range and paging (history, audit log).

const ISO = { message: 'must be an ISO 8601 date or date-time' };

export class TimeRangeQueryDto {
  /** At or after this ISO 8601 instant (a bare date means its UTC midnight). */
  @IsOptional()
  @IsISO8601({ strict: true }, ISO)
  from?: string;

  /** Before this ISO 8601 instant (exclusive). */
  @IsOptional()
  @IsISO8601({ strict: true }, ISO)
  to?: string;
}

export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class PagedTimeRangeQueryDto extends IntersectionType(TimeRangeQueryDto, PageQueryDto) {}
