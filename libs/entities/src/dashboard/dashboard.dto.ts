import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsBoundedJsonObject } from '#revisions/validation/is-bounded-json-object.js';
import { CertifiedEntityDto } from '../shared/certified-entity.dto.js';

/** The writable state of a dashboard. PATCH takes any subset; PUT and POST the whole. */
export class DashboardDto extends CertifiedEntityDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @ApiPropertyOptional({ maxLength: 255, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  slug?: string | null;

  @ApiPropertyOptional({ maxLength: 10_000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ maxLength: 200_000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  css?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  published?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Filters, refresh frequency, color scheme, cross-filter config (refers to chart ids).' })
  @IsOptional()
  @IsBoundedJsonObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Components keyed by id; CHART components name their chart in meta.chartId.' })
  @IsOptional()
  @IsBoundedJsonObject()
  layout?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Charts of the same org shown on the dashboard.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  chartIds?: string[];

  @ApiPropertyOptional({ nullable: true, description: 'Superset theme id.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  themeId?: number | null;

  @ApiPropertyOptional({ type: [String], description: 'Superset role names allowed to see the dashboard (DASHBOARD_RBAC).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  roles?: string[];
}
