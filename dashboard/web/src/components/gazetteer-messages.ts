import type { GazetteerKind } from '@trendwacht/shared';

/** The gazetteer settings' own strings live in locales/*.json as `gaz_<key>` (nl, fr, en). */
export type GazetteerMessage =
  | 'title'
  | 'intro'
  | 'off'
  | 'on'
  | 'counted'
  | 'onePerLine'
  | GazetteerField
  | 'save'
  | 'saved'
  | 'importTitle'
  | 'importHelp'
  | 'importFile'
  | 'imported'
  | 'importError'
  | 'download';
export type GazetteerField = GazetteerKind | 'officials' | 'localSources';
