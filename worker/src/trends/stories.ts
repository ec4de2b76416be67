import { createHash } from 'node:crypto';
import { type AlertKind, SEVERITIES, type Severity } from '@trendwacht/shared';
import type { Reading } from './episodes';

/**
 * One story = one alert. Bursting series (terms, phrases, themes, target groups,
 * narratives) that move together in the same posts and minutes are one story: a burst
 * joins the open story it is most tied to (co-occurrence, measured by the caller), a
 * later burst of a member extends or escalates it, a story that went quiet sleeps for a
 * while and wakes up (same alert) when its words burst again, and a burst only loosely
 * tied to a story opens a new one linked to it (a new development).
 */

export type StoryOptions = {
  /** Minutes without a bursting member before a story closes. */
  closeAfterMin: number;
  /** Hours a closed story can still be woken up by a burst of its own words. */
  dormantHours: number;
  /** Tie (0–1, see `Affinity`) from which a burst joins a story. */
  joinAt: number;
  /** Tie from which a burst that does not join opens a story linked to it. */
  linkAt: number;
  /** Members remembered per story (the strongest). */
  maxMembers: number;
  threshold: number;
};

export type Member = {
  kind: AlertKind;
  key: string;
  theme: string;
  firstAt: number;
  lastAt: number;
  peak: Reading;
  /** It could have opened a story itself (not a common word): one of the story's own words. */
  seeds?: boolean;
};

export type Story = {
  id: string;
  openedAt: number;
  lastBurstAt: number;
  severity: Severity;
  /** The first burst: its series is the receipt's chart. */
  lead: Member;
  members: Map<string, Member>;
  state: 'open' | 'dormant';
  closedAt: number | null;
  linkedTo: string | null;
  /**
   * The words the story was told with, as its members joined and burst (strongest first;
   * the detector keeps them). A narrative or theme of it that later bursts with other
   * words is another story, and a story is tied to new bursts by these, not by what its
   * members say now.
   */
  words?: string[];
};

export type StoryEvent = {
  type: 'open' | 'escalate' | 'extend' | 'close' | 'reopen';
  story: Story;
  /** The burst behind the event (for close: the lead's peak). */
  reading: Reading;
  /** A series joined the story with this event. */
  joined?: boolean;
};

/** How tied a burst is to a story: 1 = the same posts, 0 = nothing in common. */
export type Affinity = (burst: Burst, story: Story) => Promise<number>;

export type Burst = {
  reading: Reading;
  theme: string;
  authors: number;
  /** May it open a story? (false: a common word, which only joins, extends or wakes one.) */
  seeds?: boolean;
  /**
   * A narrative, theme or target group whose words now share nothing telling with the
   * story it is in: it bursts about something else and is not that story's member now.
   */
  drifted?: boolean;
};

export const memberId = (kind: string, key: string) => `${kind}\u0000${key}`;

export function severityOf(r: Reading, threshold: number): Severity {
  const ratio = r.observed / r.expected;
  if (ratio >= 8 && r.score >= 2 * threshold) return 'high';
  if (ratio >= 4) return 'medium';
  return 'low';
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

export class Stories {
  private readonly list = new Map<string, Story>();

  constructor(private readonly o: StoryOptions) {}

  open(): Story[] {
    return [...this.list.values()].filter((s) => s.state === 'open');
  }
  dormant(): Story[] {
    return [...this.list.values()].filter((s) => s.state === 'dormant');
  }
  get(id: string): Story | undefined {
    return this.list.get(id);
  }
  /**
   * The story a series belongs to: an open one, or a dormant one it can wake — by its own
   * words or narratives only: a theme is too broad to say that the same story is back.
   */
  of(kind: string, key: string): Story | undefined {
    const id = memberId(kind, key);
    const broad = kind === 'theme' || kind === 'target';
    let best: Story | undefined;
    for (const s of this.list.values()) {
      if (!s.members.has(id) || (broad && s.state === 'dormant')) continue;
      if (!best || s.lastBurstAt > best.lastBurstAt) best = s;
    }
    return best;
  }
  /** Forgets a story (closed or dismissed by a person: it does not wake up again). */
  drop(id: string): void {
    this.list.delete(id);
  }
  restore(s: Story): void {
    this.list.set(s.id, s);
  }

  /**
   * One minute's bursts (strongest first) → what happened to the stories. A member's burst
   * extends its story; a new series joins the story it is most tied to, wakes a dormant one,
   * or opens a new story (linked when loosely tied to one).
   */
  async step(bursts: readonly Burst[], minute: number, affinity: Affinity): Promise<StoryEvent[]> {
    const events = new Map<string, StoryEvent>();
    const sorted = [...bursts].sort((a, b) => b.reading.score - a.reading.score);
    for (const b of sorted) {
      const r = b.reading;
      const id = memberId(r.kind, r.key);
      let story = b.drifted ? undefined : this.of(r.kind, r.key);
      // A common word (no seed) extends an open story it is in, never wakes one asleep.
      if (story?.state === 'dormant' && b.seeds === false) story = undefined;
      let tie = story ? 1 : 0;
      let loose: Story | null = null;
      if (!story) {
        // Open stories first; a quiet one wakes up by its own words or words used in the
        // same posts now (the affinity gives a dormant story no tie through a theme).
        // A common word (no seed) may join an open story, never wake one asleep.
        for (const s of [...this.open(), ...(b.seeds === false ? [] : this.dormant())]) {
          const a = await affinity(b, s);
          if (a > tie) {
            tie = a;
            story = s;
          }
        }
        if (story && tie < this.o.joinAt) {
          loose = tie >= this.o.linkAt && story.state === 'open' ? story : null;
          story = undefined;
        }
      }
      if (!story && b.seeds === false) continue;
      if (!story) {
        const s = this.create(b, minute, loose);
        events.set(s.id, { type: 'open', story: s, reading: r });
        continue;
      }
      const m = story.members.get(id);
      if (m) {
        m.lastAt = minute;
        if (b.seeds !== false) m.seeds = true;
        if (r.score > m.peak.score) m.peak = r;
      } else this.add(story, b, minute);
      const joined = !m;
      story.lastBurstAt = minute;
      const prior = events.get(story.id);
      if (story.state === 'dormant') {
        story.state = 'open';
        story.closedAt = null;
        events.set(story.id, { type: 'reopen', story, reading: r });
      }
      const severity = severityOf(r, this.o.threshold);
      if (rank(severity) > rank(story.severity)) {
        story.severity = severity;
        if (prior?.type !== 'open') events.set(story.id, { type: 'escalate', story, reading: r });
      } else if (!events.has(story.id)) events.set(story.id, { type: 'extend', story, reading: r, joined });
      else if (joined) (events.get(story.id) as StoryEvent).joined = true;
    }
    for (const s of this.list.values()) {
      if (s.state === 'open' && !events.has(s.id) && minute - s.lastBurstAt >= this.o.closeAfterMin * 60_000) {
        s.state = 'dormant';
        s.closedAt = minute;
        events.set(s.id, { type: 'close', story: s, reading: s.lead.peak });
      }
      if (s.state === 'dormant' && minute - (s.closedAt ?? minute) > this.o.dormantHours * 3_600_000)
        this.list.delete(s.id);
    }
    return [...events.values()];
  }

  private create(b: Burst, minute: number, linked: Story | null): Story {
    const r = b.reading;
    const lead = memberOf(b, minute);
    const s: Story = {
      id: storyId(r),
      openedAt: minute,
      lastBurstAt: minute,
      severity: severityOf(r, this.o.threshold),
      lead,
      members: new Map([[memberId(r.kind, r.key), lead]]),
      state: 'open',
      closedAt: null,
      linkedTo: linked?.id ?? null,
    };
    this.list.set(s.id, s);
    return s;
  }

  private add(story: Story, b: Burst, minute: number): void {
    story.members.set(memberId(b.reading.kind, b.reading.key), memberOf(b, minute));
    if (story.members.size > this.o.maxMembers) {
      // The weakest word (never the lead) makes room: a theme, target group or narrative
      // left out would burst on as a story of its own.
      let weakest: string | null = null;
      let low = Number.POSITIVE_INFINITY;
      const words = [...story.members.values()].some((m) => m !== story.lead && m.kind === 'term');
      for (const [id, m] of story.members)
        if (m !== story.lead && (!words || m.kind === 'term') && m.peak.score < low) {
          low = m.peak.score;
          weakest = id;
        }
      if (weakest) story.members.delete(weakest);
    }
  }
}

/** A burst as a story's member, first and last seen this minute. */
function memberOf(b: Burst, minute: number): Member {
  const r = b.reading;
  return {
    kind: r.kind,
    key: r.key,
    theme: b.theme,
    firstAt: minute,
    lastAt: minute,
    peak: r,
    seeds: b.seeds !== false,
  };
}

function storyId(r: Reading): string {
  return `al-${createHash('sha256').update(`${r.kind}\u0000${r.key}\u0000${r.windowEnd}`).digest('hex').slice(0, 16)}`;
}
