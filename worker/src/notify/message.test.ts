import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sampleAlert } from '../../../test/seed';
import { type Notice, noticeBody, noticeMail, signature } from './message';

const alert = sampleAlert('al-1', {
  kind: 'theme',
  key: 'polarisation',
  severity: 'high',
  terms: [
    { term: 'kermis', count: 12 },
    { term: 'gemeenteraad', count: 9 },
  ],
  amplification: true,
});
const opened: Notice = {
  kind: 'alert',
  tenant: 'gent',
  change: 'open',
  alert,
  link: 'https://tw.example/t/gent/alerts/al-1',
};

describe('notification bodies', () => {
  it('json: the receipt, the event and the text in the target language, with a link', () => {
    const b = noticeBody(opened, 'json', 'nl') as Record<string, unknown>;
    expect(b).toMatchObject({ type: 'trendwacht.alert', tenant: 'gent', event: 'open', url: opened.link });
    expect(b.alert).toEqual(alert);
    expect(b.title).toBe('Trendwacht · Nieuwe melding · Polarisatie (hoog)');
    expect(b.text).toMatch(/^8× meer berichten dan normaal: /);
    expect(b.text).toContain('mogelijk gecoördineerde versterking');
    expect(b.text).toContain('Termen die meestegen: kermis, gemeenteraad');
  });
  it('teams: an Adaptive Card with the title, the lines and a button to the alert', () => {
    const b = noticeBody({ ...opened, change: 'escalate' }, 'teams', 'fr') as {
      attachments: { contentType: string; content: { body: { text: string }[]; actions: { url: string }[] } }[];
    };
    const card = b.attachments[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card?.content.body[0]?.text).toBe('Trendwacht · Alerte aggravée · Polarisation (élevée)');
    expect(card?.content.body[1]?.text).toMatch(/plus de messages que d’habitude/);
    expect(card?.content.actions[0]?.url).toBe(opened.link);
  });
  it('slack: one mrkdwn text with the link; a test message says where alerts will arrive', () => {
    const b = noticeBody({ ...opened, change: 'close' }, 'slack', 'en') as { text: string };
    expect(b.text).toMatch(/^\*Trendwacht · Alert closed · Polarisation \(high\)\*\n/);
    expect(b.text).toContain(`<${opened.link}|Open in Trendwacht>`);
    const test = noticeBody({ kind: 'test', tenant: 'gent', link: null }, 'slack', 'en') as { text: string };
    expect(test.text).toBe('*Trendwacht · Test message*\nAlerts of gent arrive here.');
  });
  it('e-mail: the title as subject, the lines and the link as plain text', () => {
    const m = noticeMail(opened, 'nl');
    expect(m.subject).toBe('Trendwacht · Nieuwe melding · Polarisatie (hoog)');
    expect(m.text).toMatch(/^8× meer berichten dan normaal: /);
    expect(m.text).toContain('Termen die meestegen: kermis, gemeenteraad');
    expect(m.text.trimEnd().endsWith(`Bekijk in Trendwacht: ${opened.link}`)).toBe(true);
  });
  it('a digest lists each change in one line, and its JSON carries every receipt', () => {
    const other = sampleAlert('al-3', { kind: 'target', key: 'jews', theme: 'hate', severity: 'medium' });
    const digest: Notice = {
      kind: 'digest',
      tenant: 'gent',
      items: [
        { change: 'open', alert },
        { change: 'close', alert: other },
      ],
      link: 'https://tw.example/t/gent/alerts',
    };
    const mail = noticeMail(digest, 'nl');
    expect(mail.subject).toBe('Trendwacht · 2 meldingen tegelijk');
    expect(mail.text.split('\n').slice(0, 2)).toEqual([
      'Nieuwe melding · Polarisatie (hoog)',
      'Melding afgesloten · Joden (middel)',
    ]);
    const json = noticeBody(digest, 'json', 'en') as {
      type: string;
      items: { event: string; alert: { id: string } }[];
    };
    expect(json.type).toBe('trendwacht.digest');
    expect(json.items.map((i) => `${i.event} ${i.alert.id}`)).toEqual(['open al-1', 'close al-3']);
  });
  it('names a new term as such in the title', () => {
    const term = sampleAlert('al-2', { kind: 'term', key: 'zwembadbrand', theme: 'all', severity: 'medium' });
    const b = noticeBody({ ...opened, alert: term }, 'json', 'nl') as { title: string };
    expect(b.title).toBe('Trendwacht · Nieuwe melding · Nieuwe term: “zwembadbrand” (middel)');
  });
  it('signs a body as t=<seconds>,v1=<HMAC-SHA256 of "t.body">', () => {
    const body = JSON.stringify(noticeBody(opened, 'json', 'en'));
    const sig = signature(body, 'k3y', 1_795_000_000);
    const mac = createHmac('sha256', 'k3y').update(`1795000000.${body}`).digest('hex');
    expect(sig).toBe(`t=1795000000,v1=${mac}`);
    expect(signature(`${body} `, 'k3y', 1_795_000_000)).not.toBe(sig);
  });
});
