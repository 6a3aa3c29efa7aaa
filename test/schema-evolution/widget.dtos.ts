import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsBoundedJsonObject } from '#revisions/validation/is-bounded-json-object.js';
import { VersionedEntityDto } from '#revisions/validation/versioned-entity.dto.js';

/** DTOs of the test-only `widget` kind at each schema version (see widget.definitions.ts). */
class TileProperties {
  @IsOptional() @IsInt() @Min(0) @Max(100) size?: number | null;
  @IsOptional() @IsString() @MaxLength(100) label?: string | null;
}

export class WidgetTileV1Dto extends TileProperties {
  @IsString() @IsNotEmpty() @MaxLength(20) slot!: string;
}

export class WidgetTileV3Dto extends TileProperties {
  @IsString() @IsNotEmpty() @MaxLength(30) tileKey!: string;
}

abstract class WidgetBaseDto extends VersionedEntityDto {
  @IsOptional() @IsBoundedJsonObject() options?: Record<string, unknown>;
}

export class WidgetV1Dto extends WidgetBaseDto {
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsOptional() @IsString() @MaxLength(50) color?: string | null;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => WidgetTileV1Dto) tiles?: WidgetTileV1Dto[];
}

export class WidgetV2Dto extends WidgetBaseDto {
  @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @IsOptional() @IsString() @MaxLength(50) color?: string | null;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => WidgetTileV1Dto) tiles?: WidgetTileV1Dto[];
}

export class WidgetV3Dto extends WidgetBaseDto {
  @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @IsOptional() @IsBoundedJsonObject() appearance?: Record<string, unknown>;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => WidgetTileV3Dto) tiles?: WidgetTileV3Dto[];
}
