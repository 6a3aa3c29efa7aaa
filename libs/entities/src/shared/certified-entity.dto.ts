import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { VersionedEntityDto } from '#revisions/validation/versioned-entity.dto.js';

/** Superset's certification and external-management fields, which dashboards and charts share. */
export abstract class CertifiedEntityDto extends VersionedEntityDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  certifiedBy?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  certificationDetails?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  externalUrl?: string | null;

  @ApiPropertyOptional({ description: 'Superset: managed by an external tool.' })
  @IsOptional()
  @IsBoolean()
  isManagedExternally?: boolean;
}
