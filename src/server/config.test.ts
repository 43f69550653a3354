import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, logLevel: 'info' });
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('links to the port it serves on unless SIGAP_PUBLIC_URL says otherwise', () => {
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8081' }).publicUrl).toBe('http://localhost:8081');
    expect(loadConfig({ PORT: '8081', SIGAP_PUBLIC_URL: 'https://lpse.example.go.id/' }).publicUrl).toBe('https://lpse.example.go.id');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/sigap',
      SIGAP_DATA_DIR: '/srv/sigap',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db:5432/sigap',
      dataDir: '/srv/sigap',
      logLevel: 'warn',
    });
  });

  it('names the variable and the rule when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'PORT']);
      expect((error as ConfigError).message).toContain('DATABASE_URL: must start with postgres://');
      return;
    }
    expect.fail('loadConfig accepted PORT=70000');
  });

  it('trusts no proxy unless told, and reads hops or addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ SIGAP_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ SIGAP_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ SIGAP_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => loadConfig({ SIGAP_TRUST_PROXY: 'yes please' })).toThrow(/SIGAP_TRUST_PROXY/);
  });

  it('lets only loopback read /metrics unless SIGAP_METRICS_ALLOW names others', () => {
    expect(loadConfig({}).metricsAllow).toBe('loopback');
    expect(loadConfig({ SIGAP_METRICS_ALLOW: '10.0.0.0/8, 192.168.1.7' }).metricsAllow).toBe('10.0.0.0/8, 192.168.1.7');
    expect(loadConfig({ SIGAP_METRICS_ALLOW: 'any' }).metricsAllow).toBe('any');
    for (const wrong of ['abc', '10.0.0.0/8/1', 'everyone']) expect(() => loadConfig({ SIGAP_METRICS_ALLOW: wrong })).toThrow(/SIGAP_METRICS_ALLOW/);
  });
});
