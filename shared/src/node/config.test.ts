import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireSealKey } from './config';
import { redisTarget } from './redis';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      k: 5,
      tenant: 'demo',
      keyPrefix: 'tw',
      batchSize: 1000,
      redisUrl: undefined,
    });
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
  it('reads a Redis Cluster seed from REDIS_URL ?cluster=true, and names a bad one without its password', () => {
    expect(redisTarget('redis://:s3cret@10.0.0.5:7000?cluster=true')).toEqual({
      cluster: true,
      host: '10.0.0.5',
      port: 7000,
      username: undefined,
      password: 's3cret',
      tls: false,
    });
    expect(redisTarget('rediss://user:p%40ss@[::1]')).toMatchObject({
      cluster: false,
      host: '::1',
      port: 6379,
      username: 'user',
      password: 'p@ss',
      tls: true,
    });
    expect(() => loadConfig({ REDIS_URL: 'redis://h:1?cluster=yes' })).toThrow(
      /REDIS_URL: cluster must be true or false/,
    );
    expect(() => loadConfig({ REDIS_URL: 'redis://h:1/3?cluster=true' })).toThrow(/only database 0/);
    try {
      loadConfig({ REDIS_URL: 'redis://:s3cret@bad host:1' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/REDIS_URL: not a valid URL/);
      expect((e as Error).message).not.toContain('s3cret');
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
