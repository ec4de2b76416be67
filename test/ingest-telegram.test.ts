import { telegramWebSource } from '@trendwacht/ingest';
import { afterAll, describe, expect, it } from 'vitest';
import { replayServer } from '../ingest/src/connectors/replay-server';
import { dropRoot, testKeys, testRedis, uniqueRoot, waitFor } from './helpers';
import { sourceRuns } from './ingest-runs';

/**
 * Issue 20 item 1: a public Telegram channel through its web preview (t.me/s/<channel>),
 * polled with the highest post number as cursor and resumed from it after a restart. The
 * pages are our own, in the preview's markup: replies quoting another post, a link preview,
 * a service message, a photo without caption, entities, attributes in another order.
 */
const root = uniqueRoot();
const keys = testKeys(root);
const redis = testRedis();
afterAll(async () => {
  await dropRoot(redis, root);
  await redis.quit();
});

const CHANNEL = 'wijkraad_noord';
const at = (n: number) => new Date(Date.UTC(2026, 10, 20, 8, 0) + n * 600_000).toISOString().replace('.000Z', '+00:00');

/** One message of the preview, in one of a few shapes (by its number). */
function message(n: number): string {
  const head = `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${CHANNEL}/${n}" data-view="x${n}">`;
  const date = `<div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">${n * 3}</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/${CHANNEL}/${n}"><time class="time" datetime="${at(n)}">08:00</time></a></span></div></div>`;
  const owner = `<div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/${CHANNEL}"><span dir="auto">Wijkraad Noord</span></a></div>`;
  if (n % 9 === 4) {
    return `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message service_message js-widget_message" data-post="${CHANNEL}/${n}"><div class="tgme_widget_message_bubble"><div class="tgme_widget_message_text js-message_text">Kanaalfoto gewijzigd</div>${date}</div></div></div>`;
  }
  if (n % 9 === 6) {
    return `${head}<div class="tgme_widget_message_bubble">${owner}<a class="tgme_widget_message_photo_wrap" href="https://t.me/${CHANNEL}/${n}" style="width:800px"></a>${date}</div></div></div>`;
  }
  const reply =
    n % 9 === 2
      ? `<a class="tgme_widget_message_reply" href="https://t.me/${CHANNEL}/${n - 1}"><div class="tgme_widget_message_author accent_color"><span class="tgme_widget_message_author_name">Wijkraad Noord</span></div><div class="tgme_widget_message_text js-message_text" dir="auto">GECITEERD: oude aankondiging</div></a>`
      : '';
  const preview =
    n % 9 === 8
      ? `<a class="tgme_widget_message_link_preview" href="https://example.org/x"><div class="link_preview_title" dir="auto">Voorbeeld</div><div class="tgme_widget_message_text">VOORBEELDTEKST van een andere site</div></a>`
      : '';
  // Attributes in another order on some; entities and line breaks in the text.
  const textDiv =
    n % 2 === 0
      ? `<div class="tgme_widget_message_text js-message_text" dir="auto">`
      : `<div dir="auto" class="js-message_text tgme_widget_message_text extra">`;
  const text = `Bericht ${n}: de buurtwerking &amp; het wijkcomité nodigen uit.<br/>Samenkomst aan het <b>Sint-Jansplein</b> <a href="?q=%23noord">#noord</a>`;
  return `${head}<div class="tgme_widget_message_bubble">${owner}${reply}${textDiv}${text}</div>${preview}${date}</div></div></div>`;
}

/** A page: the messages in the preview's order (oldest first). */
const page = (from: number, to: number) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Wijkraad Noord – Telegram</title></head><body><section class="tgme_channel_history js-message_history">${Array.from({ length: to - from + 1 }, (_, i) => message(from + i)).join('\n')}</section></body></html>`;

describe('Telegram public channel through the web preview', () => {
  it('takes the latest page, then after a restart goes on from the saved post number, page by page', async () => {
    let newest = 25;
    const requests: string[] = [];
    // The restarted poller's first request is refused once (429): it must back off and ask again.
    let tooMany = false;
    const srv = await replayServer({
      '/s/bestaat_niet': (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(page(1, 0)),
      [`/s/${CHANNEL}`]: (req, res) => {
        requests.push(req.url ?? '');
        if (tooMany) {
          tooMany = false;
          return void res.writeHead(429, { 'Retry-After': '0' }).end();
        }
        const after = Number(new URL(req.url ?? '', 'http://x').searchParams.get('after'));
        const from = after ? after + 1 : Math.max(1, newest - 19);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(page(from, Math.min(newest, from + 19)));
      },
    });
    const runs = sourceRuns(redis, keys, 'tg-noord');
    const source = () =>
      telegramWebSource({ channels: [CHANNEL], base: srv.url, intervalMs: 30, backoff: { baseMs: 10, maxMs: 20 } });
    const isPost = (n: number) => n % 9 !== 4 && n % 9 !== 6;
    const expected = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i)
        .filter(isPost)
        .map((n) => `telegram:${CHANNEL}/${n}`);
    try {
      const first = runs.start(source());
      await runs.savedWhen((s) => s[`after:${CHANNEL}`] === '25', 'the first cursor');
      const c1 = await first.stop();
      expect(requests[0]).toBe(`/s/${CHANNEL}`); // no cursor yet: the latest page only
      expect(runs.queued.map((p) => p.id)).toEqual(expected(6, 25));
      expect(c1.rejected).toMatchObject({ not_a_post: 5 }); // service messages and captionless photos

      newest = 63; // 38 new posts while the poller was down
      const asked = requests.length;
      tooMany = true;
      const second = runs.start(source());
      await waitFor(() => runs.queued.length >= expected(6, 63).length, 15_000, 'the posts that came meanwhile');
      await new Promise((r) => setTimeout(r, 150));
      await second.stop();
      expect(requests.slice(asked, asked + 4)).toEqual([
        `/s/${CHANNEL}?after=25`, // refused (429)
        `/s/${CHANNEL}?after=25`,
        `/s/${CHANNEL}?after=45`,
        `/s/${CHANNEL}?after=63`,
      ]);
      expect(runs.queued.map((p) => p.id)).toEqual(expected(6, 63)); // each once, in order
      expect(await runs.saved()).toMatchObject({ [`after:${CHANNEL}`]: '63' });

      const p = runs.queued.find((q) => q.id.endsWith('/11')); // n % 9 === 2: a reply
      expect(p?.text).toBe(
        'Bericht 11: de buurtwerking & het wijkcomité nodigen uit.\nSamenkomst aan het Sint-Jansplein #noord',
      );
      expect(p).toMatchObject({ authorKey: `channel:${CHANNEL}`, tags: ['noord'], createdAt: Date.parse(at(11)) });
      for (const q of runs.queued) expect(q.text).not.toMatch(/GECITEERD|VOORBEELDTEKST/);

      // A channel that does not exist (or is private) shows in the health, not as silence.
      const missing = telegramWebSource({ channels: ['bestaat_niet'], base: srv.url, intervalMs: 1000 });
      const probe = sourceRuns(redis, keys, 'tg-missing').start(missing);
      await waitFor(() => missing.health.lastError === 'no_messages', 5_000, 'the missing channel in the health');
      await probe.stop();
    } finally {
      await srv.close();
    }
  });
});
