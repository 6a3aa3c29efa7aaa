import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsBoundedJsonObject } from '#revisions/validation/is-bounded-json-object.js';
import { VersionedEntityDto } from '#revisions/validation/versioned-entity.dto.js';

export class NoteLinkDto {
  @ApiProperty({ maxLength: 2048 }) @IsString() @IsNotEmpty() @MaxLength(2048) url!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) label?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() pinned?: boolean;
}

/** The writable state of a note: a test-only kind, proof that a kind is one definition and one migration. */
export class NoteDto extends VersionedEntityDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) body?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10) priority?: number | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsBoundedJsonObject() settings?: Record<string, unknown>;

  @ApiPropertyOptional({ type: [NoteLinkDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NoteLinkDto)
  links?: NoteLinkDto[];
}
