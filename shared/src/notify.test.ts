import { describe, expect, it } from 'vitest';
import { NotifyTargetSchema, severityAtLeast } from './notify';

const issues = (v: unknown) => {
  const r = NotifyTargetSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('notification targets', () => {
  it('name the variable that holds a URL, never the URL', () => {
    expect(issues({ id: 'ops', urlEnv: 'OPS_URL' })).toEqual([]);
    expect(issues({ id: 'ops', urlEnv: 'https://hooks.example/abc' })).toEqual([
      'urlEnv: must be the name of an environment variable (A-Z, 0-9, _), not the secret',
    ]);
  });
  it('an e-mail target needs recipients and a sender; a webhook has neither', () => {
    expect(issues({ id: 'm', format: 'email', urlEnv: 'SMTP_URL' })).toEqual([
      'to: an e-mail target needs recipients',
      'from: an e-mail target needs a sender',
    ]);
    expect(
      issues({ id: 'm', format: 'email', urlEnv: 'SMTP_URL', to: ['Crisis@Gent.example'], from: 'tw@gent.example' }),
    ).toEqual([]);
    expect(
      issues({ id: 'm', format: 'email', urlEnv: 'SMTP_URL', to: ['niet-een-adres'], from: 'tw@gent.example' }),
    ).toEqual(['to.0: must be an e-mail address']);
    expect(issues({ id: 'w', urlEnv: 'OPS_URL', to: ['a@b.example'] })).toEqual([
      'to: only an e-mail target has recipients',
    ]);
  });
  it('orders severities', () => {
    expect(severityAtLeast('high', 'medium')).toBe(true);
    expect(severityAtLeast('low', 'medium')).toBe(false);
    expect(severityAtLeast('medium', 'medium')).toBe(true);
  });
});
