import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsBoundedJsonArray, IsBoundedJsonObject } from '#revisions/validation/is-bounded-json-object.js';
import { VersionedEntityDto } from '#revisions/validation/versioned-entity.dto.js';

export class DatasetColumnDto {
  @ApiProperty({ maxLength: 255, description: 'Natural key within the dataset.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  columnName!: string;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) type?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) expression?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) verboseName?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isDttm?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() groupby?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() filterable?: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) description?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isActive?: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) pythonDateFormat?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) datetimeFormat?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) advancedDataType?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) @IsOptional() @IsBoundedJsonObject({ maxBytes: 64 * 1024 }) extra?: Record<string, unknown> | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Superset column uuid.' }) @IsOptional() @IsUUID('all') uuid?: string | null;
}

export class DatasetMetricDto {
  @ApiProperty({ maxLength: 255, description: 'Natural key within the dataset.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  metricName!: string;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) expression?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) metricType?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) verboseName?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) d3format?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) @IsOptional() @IsBoundedJsonObject({ maxBytes: 1024 }) currency?: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) description?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) warningText?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) @IsOptional() @IsBoundedJsonObject({ maxBytes: 64 * 1024 }) extra?: Record<string, unknown> | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Superset metric uuid.' }) @IsOptional() @IsUUID('all') uuid?: string | null;
}

/** The writable state of a dataset, with its columns and metrics keyed by name. */
export class DatasetDto extends VersionedEntityDto {
  @ApiProperty({ maxLength: 255 }) @IsString() @IsNotEmpty() @MaxLength(255) tableName!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) schema?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) catalog?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) database?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(200_000) sql?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) description?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) mainDttmCol?: string | null;

  @ApiPropertyOptional({ nullable: true, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  cacheTimeout?: number | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsBoundedJsonObject() params?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsBoundedJsonObject() extra?: Record<string, unknown>;

  // Superset export fields (docs/bundles.md).
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) currencyCodeColumn?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(2048) defaultEndpoint?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(-2_147_483_648) @Max(2_147_483_647) offset?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) sourceDbEngine?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) @IsOptional() @IsBoundedJsonObject({ maxBytes: 64 * 1024 }) templateParams?: Record<string, unknown> | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() filterSelectEnabled?: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) fetchValuesPredicate?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isManagedExternally?: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(2048) externalUrl?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() normalizeColumns?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() alwaysFilterMainDttm?: boolean;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, nullable: true, description: 'Superset folders of columns and metrics.' }) @IsOptional() @IsBoundedJsonArray({ maxBytes: 256 * 1024 }) folders?: unknown[] | null;
  @ApiPropertyOptional({ nullable: true, description: 'Superset `data`: URL of example data.' }) @IsOptional() @IsString() @MaxLength(2048) dataUrl?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(2048) dataFile?: string | null;

  @ApiPropertyOptional({ type: [DatasetColumnDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => DatasetColumnDto)
  columns?: DatasetColumnDto[];

  @ApiPropertyOptional({ type: [DatasetMetricDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => DatasetMetricDto)
  metrics?: DatasetMetricDto[];
}
