import { Body, Controller, HttpCode, Inject, Module, Post, type DynamicModule } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { mintToken } from '#cli/mint-token.js';
import type { AppConfig } from '#config/app-config.js';
import { resolveJwtSecret } from '#config/jwt-secret.js';
import { ROLES, type Role } from '#revisions/actor.js';
import { ValidationFailedError } from '#revisions/errors.js';
import { ApiResponseBody } from '../openapi/response-schemas.js';
import { Public } from './public.decorator.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;
const DEV_SECRET = Symbol('DEV_SECRET');

class DevTokenRequest {
  @ApiProperty({ example: 'alice', pattern: NAME.source }) sub!: string;
  @ApiProperty({ example: 'acme', pattern: NAME.source }) org!: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['editor'] }) roles!: Role[];
}

/**
 * Dev sign-in for the history page: mints a 12-hour token with the generated dev secret.
 * It exists only when that secret was generated (no JWT_SECRET, no JWT_PUBLIC_KEY, not production),
 * so it can never sign tokens for a real deployment.
 */
@ApiTags('dev')
@Public()
@Controller('api/v1/dev')
class DevSignInController {
  constructor(@Inject(DEV_SECRET) private readonly secret: string) {}

  @Post('token')
  @HttpCode(201)
  @ApiOperation({ summary: 'Development only (generated dev secret): a token for any user, org and roles' })
  @ApiBody({ type: DevTokenRequest })
  @ApiResponseBody('DevToken', 201)
  token(@Body() body: unknown): { token: string } {
    return { token: mintToken(this.secret, parseDevTokenRequest(body)) };
  }
}

function parseDevTokenRequest(body: unknown): DevTokenRequest {
  const problems: string[] = [];
  const input = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const unknown = Object.keys(input).filter((key) => !['sub', 'org', 'roles'].includes(key));
  if (unknown.length) problems.push(`unknown properties: ${unknown.join(', ')}`);
  for (const name of ['sub', 'org'] as const) {
    if (typeof input[name] !== 'string' || !NAME.test(input[name])) problems.push(`${name} must be 1-100 letters, digits, or . _ @ -, starting with a letter or digit`);
  }
  const roles = input.roles;
  if (!Array.isArray(roles) || roles.length > ROLES.length || !roles.every((role) => ROLES.includes(role))) problems.push(`roles must be a list of ${ROLES.join(', ')}`);
  if (problems.length) throw new ValidationFailedError(problems);
  return input as unknown as DevTokenRequest;
}

export function usesGeneratedDevSecret(config: AppConfig): boolean {
  return !config.production && !config.jwt.secret && !config.jwt.publicKey;
}

@Module({})
export class DevSignInModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!usesGeneratedDevSecret(config)) return { module: DevSignInModule };
    return { module: DevSignInModule, controllers: [DevSignInController], providers: [{ provide: DEV_SECRET, useValue: resolveJwtSecret(config) }] };
  }
}
