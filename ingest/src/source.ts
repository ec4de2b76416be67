import type { ConnectorHealth, RejectReason } from '@trendwacht/shared';

/**
 * A source of raw items (lines, JSON objects, platform payloads). Connectors yield what
 * they receive — mapped to post inputs, or a `SourceReject` for what their mapper refused;
 * `normalise` in post-input.ts turns each input into a `Post` or a reject.
 */
export interface Source {
  /** Short id of the platform or file kind; namespaces post ids (`source:id`). */
  readonly name: string;
  items(signal?: AbortSignal): AsyncIterable<unknown>;
  /** Live state of a connector (streams and pollers); files have none. */
  readonly health?: ConnectorHealth;
  /**
   * Where to start: the state saved from the `Checkpoint`s of an earlier run (cursors,
   * ETags). Called once, before `items()`, when the run keeps state.
   */
  resume?(state: Record<string, string>): void;
}

/** Yielded for a post a connector's keyword filter left out: counted, nothing kept. */
export const FILTERED: unique symbol = Symbol('filtered');

/**
 * Yielded by a connector after the items a cursor covers: the run saves these entries
 * once every post before it is queued, so a restart resumes from there — never past a
 * post that was not queued.
 */
export class Checkpoint {
  constructor(readonly entries: Record<string, string>) {}
}

/** An item a connector's mapper refused: counted by reason, its content not kept. */
export class SourceReject {
  constructor(
    readonly reason: RejectReason,
    readonly detail: string,
  ) {}
}

/** What `/api/sources` and the settings page show of a connector (the API contract's). */
export type { ConnectorHealth };

export function newHealth(mapper: string): ConnectorHealth {
  return {
    state: 'connecting',
    mapper,
    connectedSince: null,
    lastItemAt: null,
    lagMs: null,
    reconnects: 0,
    errors: 0,
    lastError: null,
  };
}
