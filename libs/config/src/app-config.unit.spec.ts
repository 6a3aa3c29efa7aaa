import { describe, expect, it } from 'vitest';
import { databaseOptions, loadConfig } from './app-config.js';

describe('loadConfig: the API pool', () => {
  it('holds 10 connections unless DATABASE_POOL_SIZE says otherwise, and openDatabase gets that size', () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    const config = loadConfig({ DATABASE_POOL_SIZE: '40' });
    expect(databaseOptions(config).poolSize).toBe(40);
  });

  it('refuses a size that is not a whole number from 1 to 500, naming the key', () => {
    for (const size of ['0', '501', '2.5', 'ten']) expect(() => loadConfig({ DATABASE_POOL_SIZE: size })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
