/**
 * The one @vladmandic/human instance of the process on the TensorFlow.js WASM
 * backend (tfjs-node cannot install here), with its models read from the
 * package's own `models/` folder. Human fetches models with `file://` URLs,
 * which Node's fetch rejects: while the models load, a scoped shim answers
 * those URLs from disk and hands every other URL to the real fetch. Detection
 * calls are serialised (the WASM backend runs one graph at a time) and the
 * last results are kept per image so that the several Rekognition calls the
 * analysis makes on one image run the detector once.
 */
import type { Config, Human, Result } from '@vladmandic/human';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageDir } from '../esm';
import { InternalServerException } from '../errors';
import type { Pixels } from './image/decode';
import { mergeFaces, placeFace, tilesFor } from './tiles';

const humanDir = packageDir('@vladmandic/human');
const wasmDir = join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist') + '/';

const CONFIG: Partial<Config> = {
  backend: 'wasm',
  wasmPath: wasmDir,
  modelBasePath: pathToFileURL(join(humanDir, 'models')).href + '/',
  debug: false,
  async: true,
  warmup: 'none',
  cacheSensitivity: 0,
  filter: { enabled: false } as Config['filter'],
  face: {
    enabled: true,
    detector: { enabled: true, rotation: false, maxDetected: 100, minConfidence: 0.2, iouThreshold: 0.1, return: false, skipFrames: 0, skipTime: 0, modelPath: 'blazeface.json', mask: false, square: false, minSize: 0, scale: 1.4, cropFactor: 1.6 },
    mesh: { enabled: true, modelPath: 'facemesh.json', keepInvalid: false },
    iris: { enabled: true, modelPath: 'iris.json', scale: 2.3 },
    emotion: { enabled: true, minConfidence: 0.05, modelPath: 'emotion.json', skipFrames: 0, skipTime: 0 },
    description: { enabled: true, modelPath: 'faceres.json', minConfidence: 0.1, skipFrames: 0, skipTime: 0 },
    antispoof: { enabled: false },
    liveness: { enabled: false },
  } as Config['face'],
  body: { enabled: false } as Config['body'],
  hand: { enabled: false } as Config['hand'],
  gesture: { enabled: false },
  segmentation: { enabled: false } as Config['segmentation'],
  object: { enabled: true, modelPath: 'centernet.json', minConfidence: 0.2, iouThreshold: 0.4, maxDetected: 50, skipFrames: 0, skipTime: 0 },
};

type HumanModule = { Human: new (config: Partial<Config>) => Human };

let instance: Promise<Human> | undefined;
let queue: Promise<unknown> = Promise.resolve();
const recent = new Map<string, Promise<Result>>();
const RECENT_RESULTS = 8;

/** Answers `file://` URLs from disk while `work` runs; every other URL goes to the real fetch. */
async function withFileFetch<T>(work: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('file://')) return realFetch(input, init);
    return new Response(await readFile(fileURLToPath(url)), { status: 200 });
  }) as typeof fetch;
  try {
    return await work();
  } finally {
    globalThis.fetch = realFetch;
  }
}

/** Loads the backend and models once per process. */
export function vision(): Promise<Human> {
  instance ??= (async () => {
    const { Human } = require(join(humanDir, 'dist', 'human.node-wasm.js')) as HumanModule;
    const human = new Human(CONFIG);
    try {
      await withFileFetch(async () => {
        await human.init();
        await human.load();
      });
    } catch (error) {
      instance = undefined;
      throw new InternalServerException('The local vision models failed to load', { cause: error });
    }
    return human;
  })();
  return instance;
}

/** Runs face and object detection on an image, once per distinct image among the last few. */
export function detect(pixels: Pixels, key: Uint8Array): Promise<Result> {
  const id = createHash('sha256').update(key).digest('hex');
  const cached = recent.get(id);
  if (cached) return cached;
  const run = queue.then(async () => {
    const human = await vision();
    const tensor = human.tf.tensor3d(pixels.rgb, [pixels.height, pixels.width, 3], 'int32');
    try {
      const whole = await human.detect(tensor as never);
      const tiles = tilesFor(pixels.width, pixels.height);
      if (tiles.length === 0) return whole;
      const faces = [...whole.face];
      for (const tile of tiles) {
        const crop = human.tf.slice(tensor, [tile.y, tile.x, 0], [tile.height, tile.width, 3]);
        try {
          const part = await human.detect(crop as never, { object: { enabled: false } } as never);
          for (const face of part.face) {
            const placed = placeFace(face, tile, pixels.width, pixels.height);
            if (placed) faces.push(placed);
          }
        } finally {
          human.tf.dispose(crop);
        }
      }
      return { ...whole, face: mergeFaces(faces) };
    } finally {
      human.tf.dispose(tensor);
    }
  });
  queue = run.catch(() => undefined);
  recent.set(id, run);
  run.catch(() => recent.delete(id));
  if (recent.size > RECENT_RESULTS) recent.delete(recent.keys().next().value!);
  return run;
}

