import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'rewind:public';

/** Reachable without a token (health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
