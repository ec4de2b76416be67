import { readFile } from 'node:fs/promises';
import { repairTelegramJson, safeMap, telegramExport } from '../mappers';
import { parseJson } from '../mappers/mapped';
import { type Source, SourceReject } from '../source';

/**
 * A Telegram Desktop JSON export (`result.json`). Invalid `\xHH` escapes are repaired
 * before parsing; a file that still is not JSON is one `unmappable` reject. Re-importing
 * the same export adds nothing (ids are chat id + message id).
 */
export function telegramFileSource(path: string): Source {
  return {
    name: 'telegram',
    async *items() {
      const doc = parseJson(repairTelegramJson(await readFile(path, 'utf8')));
      if (doc === undefined) {
        yield new SourceReject('unmappable', 'export: not JSON, even after repairing \\x escapes');
        return;
      }
      for (const m of safeMap(telegramExport, doc)) yield m.ok ? m.post : new SourceReject(m.reason, m.detail);
    },
  };
}
