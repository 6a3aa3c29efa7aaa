import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsBoundedJsonObject } from '#revisions/validation/is-bounded-json-object.js';
import { CertifiedEntityDto } from '../shared/certified-entity.dto.js';

/** The writable state of a chart. `queryContext` is a cache: stored and returned, never versioned. */
export class ChartDto extends CertifiedEntityDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name!: string;

  @ApiProperty({ maxLength: 100, example: 'echarts_timeseries_line' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  vizType!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A live dataset of the same org.' })
  @IsOptional()
  @IsUUID('all')
  datasetId?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'metrics, adhoc_filters, groupby, time_range, color_scheme, …' })
  @IsOptional()
  @IsBoundedJsonObject()
  params?: Record<string, unknown>;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  cacheTimeout?: number | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'Derived query cache; never versioned.' })
  @IsOptional()
  @IsBoundedJsonObject()
  queryContext?: Record<string, unknown> | null;
}
