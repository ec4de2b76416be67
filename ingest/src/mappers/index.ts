export { feedDocument } from './feed';
export { htmlToText } from './html';
export { jetstreamEvent } from './jetstream';
export { type Mapped, type Mapper, safeMap } from './mapped';
export { mapMastodonEvent, mapMastodonFrame, mastodonStatus } from './mastodon';
export { redditListing, redditNewest } from './reddit';
export { repairTelegramJson, telegramExport } from './telegram';
export { xStreamLine } from './x';
