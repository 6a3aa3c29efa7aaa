import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '#web/scripts/api-types.js';

describe("the history page's API types", () => {
  it('are generated from the current OpenAPI document (run `npm run generate:api-types` when this fails)', async () => {
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(await generateApiTypes());
  });
});
