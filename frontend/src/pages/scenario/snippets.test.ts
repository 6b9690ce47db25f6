import { describe, expect, it } from 'vitest';
import { snippet } from './IngestTab';

const ID = '583a5942-71e5-4f86-8619-6d7b7f5c4d78';

describe('shipper snippets', () => {
  it('carry the endpoint, the scenario and the key for every shipper', () => {
    for (const s of ['curl', 'logstash', 'fluentbit', 'otel'] as const) {
      const code = snippet(s, 'https://costs.example.com', ID, 'mk_secret');
      expect(code).toContain(ID);
      expect(code).toContain('mk_secret');
    }
    expect(snippet('curl', 'http://localhost:8080', ID, 'k')).toContain('curl -XPOST http://localhost:8080/ingest');
    expect(snippet('otel', 'http://localhost:8080', ID, 'k')).toContain('logs_endpoint: http://localhost:8080/v1/logs');
  });

  it('Fluent Bit gets host, port and TLS from the URL', () => {
    const tls = snippet('fluentbit', 'https://costs.example.com', ID, 'k');
    expect(tls).toMatch(/Host\s+costs\.example\.com/);
    expect(tls).toMatch(/Port\s+443/);
    expect(tls).toMatch(/tls\s+On/);
    const plain = snippet('fluentbit', 'http://localhost:8080', ID, 'k');
    expect(plain).toMatch(/Port\s+8080/);
    expect(plain).toMatch(/tls\s+Off/);
  });

  it('names the chosen key when the secret is not known here', () => {
    expect(snippet('curl', 'http://h', ID, '$MOCKUPAWS_KEY', 'API key "fb" (mk_398Bhv…)')).toMatch(/^# API key "fb"/);
  });
});
