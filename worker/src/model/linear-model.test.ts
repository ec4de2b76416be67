import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FeatureBuilder, copyFeatures } from './features';
import { LinearModel, ModelFormatError } from './linear-model';

const builder = new FeatureBuilder();
const feats = (text: string) => copyFeatures(builder.build('en', text.split(' '), new Set(['not']), []));

describe('hashed features', () => {
  it('are deterministic, unit length, and mark words in a negation scope', () => {
    const a = feats('the quick brown fox');
    expect([...a.index]).toEqual([...feats('the quick brown fox').index]);
    const norm = Math.sqrt([...a.value].reduce((s, v) => s + v * v, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect(feats('not nice').size).toBeGreaterThan(feats('so nice').size);
  });
});

describe('LinearModel', () => {
  const data: [string, 0 | 1][] = [
    ['bright sunny morning walk', 1],
    ['sunny park bright day', 1],
    ['bright and sunny again', 1],
    ['grey rainy cold evening', 0],
    ['cold rainy grey streets', 0],
    ['rainy and cold again', 0],
  ];
  const train = () => {
    const m = LinearModel.create(['label'], 'test');
    const g2 = new Float32Array(m.header.dims);
    for (let e = 0; e < 20; e++) for (const [t, y] of data) m.step(0, feats(t), y, 0.5, 1e-6, g2, 1);
    return m;
  };
  it('learns a separable toy task', () => {
    const m = train();
    expect(m.probability(0, feats('bright sunny'))).toBeGreaterThan(0.7);
    expect(m.probability(0, feats('rainy cold'))).toBeLessThan(0.3);
  });
  it('survives save and load (int8) with nearly the same outputs, and stores no word', () => {
    const m = train();
    m.setThreshold('label', 0.42);
    m.setTraining({ rows: data.length });
    const file = join(mkdtempSync(join(tmpdir(), 'tw-model-')), 'm.tw.gz');
    m.save(file);
    const back = LinearModel.load(file);
    expect(back.header.thresholds.label).toBe(0.42);
    for (const [t] of data) expect(back.probability(0, feats(t))).toBeCloseTo(m.probability(0, feats(t)), 1);
    const raw = gunzipSync(readFileSync(file)).toString('latin1');
    for (const word of ['bright', 'sunny', 'rainy', 'streets']) expect(raw).not.toContain(word.slice(1));
  });
  it('refuses a file that is not a model, naming it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tw-model-')), 'bad.gz');
    expect(() => LinearModel.load(file)).toThrow(ModelFormatError);
    expect(() => LinearModel.load(file)).toThrow(/bad\.gz/);
  });
});
