import { nbUpperTail } from './count-model';

/**
 * How surprising a term's count is when its rate in this stream is not known well: the
 * term's share of posts is uncertain, and the count is judged against every share the
 * stream's past still allows, not only against the best guess.
 *
 * The prior of the share θ of posts that hold the term is a mixture: mostly a log-normal
 * around its share in ordinary language (the background vocabulary; `shareSpread`, natural
 * log: a term is easily ten times more or less common in one town's stream than in a
 * corpus), and for a part (`localShare`) any share at all, log-uniform — the words of the
 * stream's own everyday talk (its towns, its greetings, its recurring phrases) that no
 * corpus knows. The stream's own past — `mine` of `total` posts — then narrows it
 * (binomial likelihood). After hours with the term absent only small shares remain and a
 * burst of it is news; after one hour of a few dozen posts, a word seen five times may
 * simply be a common word of this town, and is not yet.
 *
 * The count in a window is a negative binomial (the level's own dispersion) of mean
 * `posts` × θ, averaged over the posterior of θ on a grid of log-shares.
 */
export type ShareEvidence = {
  /** Posts holding the term before the window (the last two days as the detector keeps them). */
  mine: number;
  /** All posts before the window over the same time. */
  total: number;
  /** The term's share of posts in ordinary language (the prior's centre). */
  prior: number;
  /** Posts of all expected in the window. */
  posts: number;
  /** Dispersion of all posts' count in the window (negative binomial size). */
  size: number;
};

export type ShareModelOptions = {
  /** Spread of a term's share in a stream around its share in ordinary language (ln units). */
  shareSpread: number;
  /** Part of the prior for a word of the stream's own talk: any share (log-uniform). */
  localShare: number;
  /** Floor of a window's expected count. */
  minExpected: number;
};

export const DEFAULT_SHARE_MODEL: Pick<ShareModelOptions, 'shareSpread' | 'localShare'> = {
  shareSpread: Math.LN10,
  localShare: 0.2,
};

/** The grid over the log-share: from one post in ten million to all of them. */
const GRID = 96;
const LO = Math.log(1e-7);
const HI = Math.log(0.999);

type Posterior = { means: number[]; weights: number[] };

function posterior(s: ShareEvidence, o: ShareModelOptions): Posterior {
  const mu = Math.log(Math.min(0.5, Math.max(1e-7, s.prior)));
  const sigma = o.shareSpread;
  const mine = Math.max(0, Math.min(s.mine, s.total));
  const rest = Math.max(0, s.total - mine);
  const step = (HI - LO) / GRID;
  const flat = o.localShare / (HI - LO);
  const logs: number[] = [];
  const means: number[] = [];
  for (let i = 0; i < GRID; i++) {
    const u = LO + step * (i + 0.5);
    const theta = Math.exp(u);
    const z = (u - mu) / sigma;
    const prior = ((1 - o.localShare) * Math.exp(-0.5 * z * z)) / (sigma * Math.sqrt(2 * Math.PI)) + flat;
    logs.push(Math.log(prior) + mine * u + rest * Math.log1p(-theta));
    means.push(Math.max(o.minExpected, s.posts * theta));
  }
  const top = Math.max(...logs);
  const raw = logs.map((l) => Math.exp(l - top));
  const sum = raw.reduce((a, b) => a + b, 0);
  return { means, weights: raw.map((w) => w / sum) };
}

/** The expected count in the window: the posterior mean share times the posts expected. */
export function shareMean(s: ShareEvidence, o: ShareModelOptions): number {
  const p = posterior(s, o);
  return p.means.reduce((a, m, i) => a + m * (p.weights[i] as number), 0);
}

/** −log10 P(X ≥ observed) under the posterior predictive (see the module comment). */
export function shareSurprise(observed: number, s: ShareEvidence, o: ShareModelOptions): number {
  const p = posterior(s, o);
  let tail = 0;
  for (let i = 0; i < GRID; i++) {
    const w = p.weights[i] as number;
    if (w < 1e-15) continue;
    tail += w * nbUpperTail(observed, p.means[i] as number, s.size);
  }
  return tail > 0 ? -Math.log10(Math.min(1, tail)) : 300;
}
