import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireSealKey } from './config';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, k: 5, tenant: 'demo', keyPrefix: 'tw', batchSize: 500, redisUrl: undefined });
  });
  it('names every bad variable in one error', () => {
    const env = { PORT: 'eighty', K_ANON: '2', REDIS_URL: 'localhost:6379' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(/PORT/);
      expect(msg).toMatch(/K_ANON/);
      expect(msg).toMatch(/REDIS_URL: must start with redis:\/\//);
    }
  });
  it('accepts a hex or base64 32-byte seal key and never echoes a bad one', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ TRENDWACHT_SEAL_KEY: hex }).sealKey?.length).toBe(32);
    expect(loadConfig({ TRENDWACHT_SEAL_KEY: Buffer.alloc(32, 7).toString('base64') }).sealKey?.length).toBe(32);
    const secret = 'not-a-valid-key-but-secret';
    expect(() => loadConfig({ TRENDWACHT_SEAL_KEY: secret })).toThrow(/TRENDWACHT_SEAL_KEY: must be 32 bytes/);
    try {
      loadConfig({ TRENDWACHT_SEAL_KEY: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
    }
  });
  it('explains how to get a seal key when one is needed', () => {
    expect(() => requireSealKey(loadConfig({}))).toThrow(/openssl rand -hex 32/);
  });
});
