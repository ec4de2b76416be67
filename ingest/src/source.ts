/**
 * A source of raw items (lines, JSON objects, platform payloads). Connectors yield what
 * they receive; `normalise` in post-input.ts turns each into a `Post` or a reject.
 */
export interface Source {
  /** Short id of the platform or file kind; namespaces post ids (`source:id`). */
  readonly name: string;
  items(signal?: AbortSignal): AsyncIterable<unknown>;
}
