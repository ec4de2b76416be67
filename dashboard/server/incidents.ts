import { randomBytes } from 'node:crypto';
import {
  type INCIDENT_SEVERITIES,
  type Incident,
  type IncidentEvent,
  IncidentSchema,
  type IncidentStatus,
  type TenantKeys,
  scrub,
} from '@trendwacht/shared';
import type { RedisClient } from '@trendwacht/shared/node';
import { readLua } from '@trendwacht/shared/node';
import { safeText } from './text';

export type NewIncident = {
  title: string;
  severity: (typeof INCIDENT_SEVERITIES)[number];
  alerts: string[];
  narratives: string[];
};
export type IncidentPatch = {
  title?: string | undefined;
  status?: IncidentStatus | undefined;
  severity?: (typeof INCIDENT_SEVERITIES)[number] | undefined;
  assignee?: string | null | undefined;
};

/** Staff text loses e-mail addresses, phone numbers, handles and URLs before it is kept. */
export const cleanStaffText = (text: string) => scrub(safeText(text)).text.replace(/\s+/g, ' ').trim();

// Read-modify-write of one incident, atomically: the script replaces the JSON only if it
// is still the version the caller read.
const REPLACE = readLua(new URL('./lua/incident-replace.lua', import.meta.url));

// Delete only if the incident is still what the caller read (closed).
const DELETE = readLua(new URL('./lua/incident-delete.lua', import.meta.url));

/** The crisis board of one tenant. Incidents hold ids, statuses and staff notes — never post text. */
export class IncidentStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: TenantKeys,
    private readonly now: () => number = Date.now,
  ) {}

  async create(n: NewIncident, by: string): Promise<Incident> {
    const at = this.now();
    const incident: Incident = {
      id: `in-${randomBytes(5).toString('hex')}`,
      title: cleanStaffText(n.title),
      status: 'new',
      severity: n.severity,
      assignee: null,
      createdBy: by,
      createdAt: at,
      updatedAt: at,
      alerts: n.alerts,
      narratives: n.narratives,
      events: [{ at, by, kind: 'created' }],
    };
    await this.redis
      .multi()
      .hset(this.keys.incidents, incident.id, JSON.stringify(incident))
      .zadd(this.keys.incidentsLog, at, incident.id)
      .exec();
    return incident;
  }

  async get(id: string): Promise<Incident | null> {
    const raw = await this.redis.hget(this.keys.incidents, id);
    return raw ? IncidentSchema.parse(JSON.parse(raw)) : null;
  }

  /** Most recently updated first. */
  async list(limit = 200): Promise<Incident[]> {
    const ids = await this.redis.zrevrange(this.keys.incidentsLog, 0, limit - 1);
    if (ids.length === 0) return [];
    const raw = await this.redis.hmget(this.keys.incidents, ...ids);
    return raw.filter((r): r is string => r !== null).map((r) => IncidentSchema.parse(JSON.parse(r)));
  }

  async update(id: string, patch: IncidentPatch, by: string): Promise<Incident | null> {
    return this.change(id, (inc, at) => {
      const events: IncidentEvent[] = [];
      const set = <K extends 'title' | 'status' | 'severity' | 'assignee'>(key: K, value: Incident[K] | undefined) => {
        if (value === undefined || value === inc[key]) return;
        events.push({ at, by, kind: key, from: inc[key], to: value });
        inc[key] = value;
      };
      set('title', patch.title === undefined ? undefined : cleanStaffText(patch.title));
      set('status', patch.status);
      set('severity', patch.severity);
      set('assignee', patch.assignee);
      return events;
    });
  }

  async addNote(id: string, text: string, by: string): Promise<Incident | null> {
    return this.change(id, (_inc, at) => [{ at, by, kind: 'note', note: cleanStaffText(text) }]);
  }

  async link(id: string, link: { alertId?: string | undefined; narrativeId?: string | undefined }, by: string) {
    return this.change(id, (inc, at) => {
      const list = link.alertId ? inc.alerts : inc.narratives;
      const ref = (link.alertId ?? link.narrativeId) as string;
      if (list.includes(ref)) return [];
      list.push(ref);
      return [{ at, by, kind: 'link', to: ref }];
    });
  }

  /** Deletes a closed incident; an open one must be closed first (so nothing in follow-up disappears). */
  async remove(id: string): Promise<'removed' | 'not_found' | 'not_closed'> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const raw = await this.redis.hget(this.keys.incidents, id);
      if (!raw) return 'not_found';
      if (IncidentSchema.parse(JSON.parse(raw)).status !== 'closed') return 'not_closed';
      if ((await this.redis.eval(DELETE, 2, this.keys.incidents, this.keys.incidentsLog, id, raw)) === 1) {
        return 'removed';
      }
    }
    throw new Error('incident busy: could not delete');
  }

  private async change(id: string, fn: (inc: Incident, at: number) => IncidentEvent[]): Promise<Incident | null> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const raw = await this.redis.hget(this.keys.incidents, id);
      if (!raw) return null;
      const inc = IncidentSchema.parse(JSON.parse(raw));
      const at = this.now();
      const events = fn(inc, at);
      if (events.length === 0) return inc;
      inc.events.push(...events);
      inc.updatedAt = at;
      const ok = await this.redis.eval(
        REPLACE,
        2,
        this.keys.incidents,
        this.keys.incidentsLog,
        id,
        raw,
        JSON.stringify(inc),
        at,
      );
      if (ok === 1) return inc;
    }
    throw new Error('incident busy: could not update');
  }
}
