import type { BaselineOptions } from './baseline';
import type { EpisodeOptions } from './episodes';
import { DEFAULT_EVIDENCE, type EvidenceOptions } from './evidence';
import { DEFAULT_NOVELTY, type NoveltyOptions } from './novelty';
import { DEFAULT_SHARE_MODEL, type ShareModelOptions } from './share-model';
import type { StoryOptions } from './stories';
import type { WindowOptions } from './windows';

/** Version of the detector; alerts carry it next to the analysis version. */
export const DETECTOR_VERSION = 'd5';

export type DetectorOptions = BaselineOptions &
  EpisodeOptions &
  NoveltyOptions &
  WindowOptions &
  ShareModelOptions &
  Omit<EvidenceOptions, 'threshold'> &
  Omit<StoryOptions, 'threshold'> & {
    /** Minutes summed into the window compared with the baseline. */
    windowMin: number;
    /**
     * Longer windows read too, for sparse streams (tens of posts an hour): five authors in
     * half an hour is news there. A burst is the strongest of its windows.
     */
    longWindowsMin: number[];
    /** Terms of all posts watched per hour for emerging terms. */
    watchTerms: number;
    /** Alerts kept (older ones are forgotten). */
    keepAlerts: number;
    /** The tenant's time zone (IANA): receipts and alerts show times in it. */
    timeZone: string;
    /**
     * Before the tenant's own rhythm is known, expect all posts to follow the ordinary daily
     * rhythm (background/daily.ts) in the tenant's time zone, and count the stream's surge
     * against it as corroboration (evidence.ts).
     */
    diurnal: boolean;
  };

export const DEFAULT_DETECTOR: DetectorOptions = {
  windowMin: 10,
  longWindowsMin: [30, 60],
  scanCorrection: true,
  days: 7,
  weeks: 4,
  warmupDays: 2,
  coldStartMin: 60,
  priorShare: 0.002,
  priorPosts: 50,
  minExpected: 0.1,
  threshold: 6,
  minRatio: { theme: 2, target: 2, narrative: 2, term: 4 },
  minPosts: 5,
  k: 5,
  closeAfterMin: 60,
  dormantHours: 72,
  joinAt: 0.3,
  linkAt: 0.1,
  maxMembers: 24,
  ...DEFAULT_NOVELTY,
  ...DEFAULT_EVIDENCE,
  ...DEFAULT_SHARE_MODEL,
  watchTerms: 150,
  keepAlerts: 2000,
  timeZone: 'Europe/Brussels',
  diurnal: true,
  diurnalShiftMin: 60,
};
