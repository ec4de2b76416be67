import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { DIMS, type Features } from './features';

/**
 * A multi-output logistic regression over hashed features. Stored as a gzip file: a JSON
 * header line (outputs, thresholds, training record) followed by int8 weights per output
 * (scaled per output). Holds numbers only: no word of any training text.
 */
export const ModelHeaderSchema = z.object({
  format: z.literal('trendwacht-linear/1'),
  version: z.string(),
  dims: z.number().int().positive(),
  outputs: z.array(z.string()).min(1),
  bias: z.array(z.number()),
  scale: z.array(z.number().positive()),
  /** Decision threshold per output, chosen on out-of-fold scores of the training folds. */
  thresholds: z.record(z.number()),
  /** How the model was made: data, folds, sizes, hyper-parameters, attribution. */
  training: z.record(z.unknown()),
});
export type ModelHeader = z.infer<typeof ModelHeaderSchema>;

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

export class LinearModel {
  private readonly stride: number;

  /**
   * Weights interleaved by feature (`j * outputs + k`), so one post's heads share cache
   * lines: float while training, int8 (× the output's scale) once loaded, as the file has
   * them — a quarter of the memory, and a table small enough to stay in cache.
   */
  private constructor(
    readonly header: ModelHeader,
    private readonly weights: Float32Array | Int8Array,
  ) {
    this.stride = header.outputs.length;
  }

  static create(outputs: readonly string[], version: string, dims = DIMS): LinearModel {
    return new LinearModel(
      {
        format: 'trendwacht-linear/1',
        version,
        dims,
        outputs: [...outputs],
        bias: outputs.map(() => 0),
        scale: outputs.map(() => 1),
        thresholds: Object.fromEntries(outputs.map((o) => [o, 0.5])),
        training: {},
      },
      new Float32Array(dims * outputs.length),
    );
  }

  /** A saved model, for scoring (it cannot be trained further). */
  static load(file: string): LinearModel {
    let buf: Buffer;
    try {
      buf = gunzipSync(readFileSync(file));
    } catch (err) {
      throw new ModelFormatError(`cannot read model ${file}: ${(err as Error).message}`);
    }
    const nl = buf.indexOf(0x0a);
    const parsed = ModelHeaderSchema.safeParse(nl > 0 ? safeJson(buf.subarray(0, nl).toString('utf8')) : null);
    if (!parsed.success) throw new ModelFormatError(`model ${file} has no valid header`);
    const header = parsed.data;
    const body = new Int8Array(buf.buffer, buf.byteOffset + nl + 1, buf.length - nl - 1);
    if (body.length !== header.dims * header.outputs.length) {
      throw new ModelFormatError(`model ${file}: expected ${header.dims * header.outputs.length} weights`);
    }
    const h = header.outputs.length;
    const weights = new Int8Array(header.dims * h);
    for (let k = 0; k < h; k++) {
      for (let i = 0; i < header.dims; i++) weights[i * h + k] = body[k * header.dims + i] as number;
    }
    return new LinearModel(header, weights);
  }

  /** Writes the model quantised to int8 per output (max |w| → 127). */
  save(file: string): void {
    const { dims, outputs } = this.header;
    const body = new Int8Array(dims * outputs.length);
    const h = this.stride;
    const scale = outputs.map((_, k) => {
      const ks = this.scaleOf(k);
      let max = 0;
      for (let i = 0; i < dims; i++) max = Math.max(max, Math.abs((this.weights[i * h + k] as number) * ks));
      const s = max > 0 ? max / 127 : 1;
      for (let i = 0; i < dims; i++) body[k * dims + i] = Math.round(((this.weights[i * h + k] as number) * ks) / s);
      return s;
    });
    const header = JSON.stringify({ ...this.header, scale });
    writeFileSync(file, gzipSync(Buffer.concat([Buffer.from(`${header}\n`), Buffer.from(body.buffer)]), { level: 9 }));
  }

  get outputs(): readonly string[] {
    return this.header.outputs;
  }

  output(name: string): number {
    const k = this.header.outputs.indexOf(name);
    if (k < 0) throw new ModelFormatError(`model has no output "${name}"`);
    return k;
  }

  /** What one stored weight of output k is worth: 1 while training, the int8 step once loaded. */
  private scaleOf(k: number): number {
    return this.weights instanceof Int8Array ? (this.header.scale[k] ?? 1) : 1;
  }

  /** Raw score (log-odds) of output k. */
  margin(k: number, f: Features): number {
    const w = this.weights;
    const h = this.stride;
    let z = 0;
    for (let i = 0; i < f.size; i++) z += (w[(f.index[i] as number) * h + k] as number) * (f.value[i] as number);
    return (this.header.bias[k] as number) + z * this.scaleOf(k);
  }

  /** Raw scores of every output in one pass over the features (into `out`, reused). */
  margins(f: Features, out: Float64Array = new Float64Array(this.stride)): Float64Array {
    const w = this.weights;
    const h = this.stride;
    out.fill(0);
    for (let i = 0; i < f.size; i++) {
      const base = (f.index[i] as number) * h;
      const v = f.value[i] as number;
      for (let k = 0; k < h; k++) out[k] = (out[k] as number) + (w[base + k] as number) * v;
    }
    for (let k = 0; k < h; k++) out[k] = (this.header.bias[k] as number) + (out[k] as number) * this.scaleOf(k);
    return out;
  }

  probability(k: number, f: Features): number {
    return sigmoid(this.margin(k, f));
  }

  /**
   * One AdaGrad step of logistic loss with L2 on output k (training only). `g2` holds the
   * squared-gradient sums; `weight` scales the example (class balance).
   */
  step(k: number, f: Features, label: number, rate: number, l2: number, g2: Float32Array, weight: number): void {
    const w = this.weights;
    if (!(w instanceof Float32Array)) throw new ModelFormatError('a loaded model cannot be trained further');
    const h = this.stride;
    const err = (sigmoid(this.margin(k, f)) - label) * weight;
    for (let i = 0; i < f.size; i++) {
      const j = f.index[i] as number;
      const at = j * h + k;
      const g = err * (f.value[i] as number) + l2 * (w[at] as number);
      g2[j] = (g2[j] as number) + g * g;
      w[at] = (w[at] as number) - (rate * g) / Math.sqrt((g2[j] as number) + 1e-8);
    }
    this.header.bias[k] = (this.header.bias[k] as number) - rate * 0.1 * err;
  }

  setThreshold(name: string, t: number): void {
    this.header.thresholds[name] = t;
  }

  setTraining(record: Record<string, unknown>): void {
    this.header.training = record;
  }
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
