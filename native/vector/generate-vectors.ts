/**
 * Deterministic synthetic embeddings for tests and benchmarks.
 *
 * Real sentence embeddings are not spread uniformly over the sphere: they sit in topics, and inside
 * a topic in tighter sub-topics (near paraphrases). Uniform random vectors have no such structure,
 * every point is about equally far from every other, and ANN recall on them is far worse than on
 * real text. So the generator draws a two-level mixture of gaussians: topic centroids at random
 * on the sphere, sub-topic centres as gaussians around their topic, points as gaussians around
 * their sub-topic, then L2-normalises every vector (as the embedder does).
 *
 * The same seed and options always give the same bytes (own PRNG, no Math.random).
 */

export interface ClusteredVectorOptions {
  /** PRNG seed; same seed, same vectors. */
  seed?: number;
  /** Number of topics; default ~ n / 1000, at least 8. */
  topics?: number;
  /** Sub-topics per topic; default 20. */
  subtopicsPerTopic?: number;
  /** Per-dimension std-dev of sub-topic centres around the topic, times sqrt(d). Default 0.8. */
  subtopicSpread?: number;
  /** Per-dimension std-dev of points around their sub-topic centre, times sqrt(d). Default 0.6. */
  pointSpread?: number;
}

/** sfc32: small, fast, good statistical quality, 128-bit state; seeded through splitmix32. */
export function createRng(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** Standard normal deviates by Box-Muller, both outputs used. */
export function createGaussian(rng: () => number): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u = 0;
    while (u === 0) u = rng();
    const v = rng();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    hasSpare = true;
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** L2-normalises each row of a row-major matrix in place; zero rows stay zero. */
export function normalizeRows(data: Float32Array, d: number): void {
  const n = data.length / d;
  for (let i = 0; i < n; i++) {
    const off = i * d;
    let sum = 0;
    for (let j = 0; j < d; j++) sum += data[off + j] * data[off + j];
    if (sum === 0) continue;
    const inv = 1 / Math.sqrt(sum);
    for (let j = 0; j < d; j++) data[off + j] *= inv;
  }
}

/**
 * n x d row-major, L2-normalised, clustered vectors. Draw queries from the same distribution by
 * generating n + q with one seed and splitting, so queries fall near, not on, indexed points.
 */
export function generateClusteredVectors(n: number, d: number, opts: ClusteredVectorOptions = {}): Float32Array {
  const rng = createRng(opts.seed ?? 42);
  const gauss = createGaussian(rng);
  const topics = Math.max(1, opts.topics ?? Math.max(8, Math.round(n / 1000)));
  const subPerTopic = Math.max(1, opts.subtopicsPerTopic ?? 20);
  const subSigma = (opts.subtopicSpread ?? 0.8) / Math.sqrt(d);
  const pointSigma = (opts.pointSpread ?? 0.6) / Math.sqrt(d);

  const topicCentres = new Float32Array(topics * d);
  for (let i = 0; i < topicCentres.length; i++) topicCentres[i] = gauss();
  normalizeRows(topicCentres, d);

  const subCount = topics * subPerTopic;
  const subCentres = new Float32Array(subCount * d);
  for (let s = 0; s < subCount; s++) {
    const t = Math.floor(s / subPerTopic);
    for (let j = 0; j < d; j++) subCentres[s * d + j] = topicCentres[t * d + j] + subSigma * gauss();
  }
  normalizeRows(subCentres, d);

  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const s = Math.floor(rng() * subCount);
    const off = i * d;
    for (let j = 0; j < d; j++) out[off + j] = subCentres[s * d + j] + pointSigma * gauss();
  }
  normalizeRows(out, d);
  return out;
}
