import { type TenantKeys, type Triage, falseAlarmKey, triageKey } from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import type { Reading } from './episodes';
import type { Stories } from './stories';

/** A false alarm dampens its series for this long. */
const FALSE_ALARM_DAYS = 30;

/** A series marked as a false alarm, with the burst that was one. */
export type FalseAlarm = { kind: string; key: string; observed: number; expected: number; score: number; at: number };

/**
 * What people decided about alerts, as the detector needs it: a story closed or marked as
 * a false alarm is not woken up again, a snoozed one sends nothing until its time, and a
 * series that raised a false alarm needs a clearly stronger burst (higher score and ratio
 * than the dismissed one) to alert again for a month — readings like the dismissed one
 * stay quiet, a real escalation still comes through.
 */
export class Feedback {
  private falseAlarms = new Map<string, FalseAlarm>();
  private readonly snoozes = new Map<string, number>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TenantKeys,
  ) {}

  /** Reads the false alarms of the last month (hourly, and at start). */
  async refresh(now: number): Promise<void> {
    const raw = await this.redis.hgetall(falseAlarmKey(this.keys.alerts));
    const out = new Map<string, FalseAlarm>();
    for (const [id, json] of Object.entries(raw)) {
      try {
        const f = JSON.parse(json) as FalseAlarm;
        if (now - f.at <= FALSE_ALARM_DAYS * 86_400_000) out.set(id, f);
      } catch {
        // An unreadable entry dampens nothing.
      }
    }
    this.falseAlarms = out;
  }

  /** Whether a burst is clearly stronger than a false alarm of its series (or it had none). */
  passes(r: Reading, minute: number): boolean {
    const f = this.falseAlarms.get(`${r.kind}\u0000${r.key}`);
    if (!f || minute - f.at > FALSE_ALARM_DAYS * 86_400_000) return true;
    return r.score >= 1.5 * f.score && r.observed / r.expected >= 1.5 * (f.observed / Math.max(f.expected, 1e-9));
  }

  snoozed(id: string, minute: number): boolean {
    return (this.snoozes.get(id) ?? 0) > minute;
  }

  /**
   * Reads the triage of the stories in memory (one HMGET a minute): dismissed ones are
   * dropped, their false alarms learnt at once.
   */
  async sync(stories: Stories, minute: number): Promise<void> {
    const ids = [...stories.open().map((s) => s.id), ...this.dormantIds(stories)];
    if (ids.length === 0) return;
    const raw = await this.redis.hmget(triageKey(this.keys.alerts), ...ids);
    let learnt = false;
    ids.forEach((id, i) => {
      const json = raw[i];
      if (!json) return;
      const t = JSON.parse(json) as Triage;
      if (t.state === 'closed' || t.state === 'false_alarm') {
        stories.drop(id);
        learnt ||= t.state === 'false_alarm';
      } else if (t.state === 'snoozed' && t.until) this.snoozes.set(id, t.until);
      else this.snoozes.delete(id);
    });
    if (learnt) await this.refresh(minute);
  }

  private dormantIds(stories: Stories): string[] {
    return stories.dormant().map((s) => s.id);
  }
}
