/**
 * The outside world's stand-ins, as one local-cloud component: the X API and Slack
 * Web API egress posts to, the HTTPS media host images are downloaded from, and the
 * development secrets they check. Everything they receive is recorded
 * (`GET /_fakes/records`).
 */
import { SECRET_NAMES } from '@sma/contracts';
import { unwatchFile, watchFile } from 'node:fs';
import { listen, type ListeningServer } from '../core/http/server';
import { jsonResponse, queryParam, type HttpRequest, type HttpResponse } from '../core/http/types';
import type { Component, LocalCloud } from '../core/runtime';
import { ensureDevSecrets, readDevSecrets, type DevSecrets } from './dev-secrets';
import { ensurePki, MediaHost } from './media-host';
import { FakeRecorder, type FakeRecord, type Platform } from './recorder';
import { createSlackApi } from './slack-api';
import { createXApi } from './x-api';

export { ensureDevSecrets, readDevSecrets, secretsFile, type DevSecrets } from './dev-secrets';
export { ensurePki } from './media-host';
export type { FakeRecord, Platform } from './recorder';
export { hmacSha1Signature, percentEncode, signatureBaseString, verifyOAuth1 } from './oauth1';

/** Routes on the AWS endpoint. */
export const FAKE_ROUTES = {
  media: '/_fakes/media',
  records: '/_fakes/records',
} as const;

/** Paths on the platforms' own origin (`cloud.endpoints.xApi`): as on api.x.com and slack.com. */
export const PLATFORM_PATHS = {
  x: '/2/',
  slack: '/api',
  slackUpload: '/upload',
  control: '/_control/',
} as const;

/** The fakes' `api` (tests, console). */
export interface FakesApi {
  readonly recorder: FakeRecorder;
  secrets(): DevSecrets;
  readonly secretsFile: string;
  readonly caFile: string;
  readonly mediaPort: number;
  readonly platformsPort: number;
}

interface State {
  recorder: FakeRecorder;
  media: MediaHost;
  x: (req: HttpRequest) => Promise<HttpResponse>;
  slack: ReturnType<typeof createSlackApi>;
  secrets: DevSecrets;
  secretsFile: string;
  caFile: string;
  platforms: ListeningServer;
}

export function fakesComponent(): Component & { readonly api: () => FakesApi } {
  let state: State | undefined;
  const ready = () => {
    if (!state) throw new Error('the fakes are not started');
    return state;
  };
  return {
    name: 'fakes',
    api: () => {
      const s = ready();
      return { recorder: s.recorder, secrets: () => s.secrets, secretsFile: s.secretsFile, caFile: s.caFile, mediaPort: s.media.port, platformsPort: s.platforms.port };
    },
    routes: {
      [FAKE_ROUTES.media]: (req) => ready().media.upload(req),
      [FAKE_ROUTES.records]: async (req) => {
        const platform = queryParam(req, 'platform') as Platform | undefined;
        const kind = queryParam(req, 'kind');
        const records: FakeRecord[] = ready().recorder.list((r) => (!platform || r.platform === platform) && (!kind || r.kind === kind));
        return jsonResponse(200, records);
      },
    },
    async start(cloud: LocalCloud) {
      const dir = cloud.dataDir('fakes');
      const recorder = new FakeRecorder(dir);
      await recorder.open();
      const { file, secrets, created } = ensureDevSecrets(cloud.config.dataDir);
      if (created) cloud.log.info(`created development secrets in ${file}`);
      const pki = await ensurePki(dir);
      const media = new MediaHost(dir, recorder);
      await media.start(pki, cloud.config.host, cloud.config.mediaPort);
      cloud.mediaPort = media.port;
      const x = createXApi({ prefix: '', credentials: () => ready().secrets[SECRET_NAMES.twitter], recorder });
      const slack = createSlackApi({
        prefix: PLATFORM_PATHS.slack,
        uploadPrefix: PLATFORM_PATHS.slackUpload,
        credentials: () => ready().secrets[SECRET_NAMES.slack],
        recorder,
        endpoint: () => cloud.endpoints.xApi,
      });
      const platforms = await listen(
        async (req) => {
          if (req.path.startsWith(PLATFORM_PATHS.x) || req.path === `${PLATFORM_PATHS.control}x`) return x({ ...req, path: req.path.replace(`${PLATFORM_PATHS.control}x`, '/_control') });
          if (req.path === `${PLATFORM_PATHS.control}slack`) return slack.api({ ...req, path: `${PLATFORM_PATHS.slack}/_control` });
          if (req.path.startsWith(`${PLATFORM_PATHS.slack}/`)) return slack.api(req);
          if (req.path.startsWith(`${PLATFORM_PATHS.slackUpload}/`)) return slack.upload(req);
          return jsonResponse(404, { message: `No local platform serves ${req.path}` });
        },
        cloud.config.host,
        cloud.config.platformsPort,
      );
      cloud.platformsPort = platforms.port;
      const s: State = { recorder, media, secrets, secretsFile: file, caFile: pki.caFile, x, slack, platforms };
      state = s;
      // The user may edit the secrets file while the cloud runs: the fakes follow it.
      watchFile(file, { interval: 1000, persistent: false }, () => {
        try {
          s.secrets = readDevSecrets(cloud.config.dataDir);
          cloud.log.info(`reloaded ${file}`);
        } catch (err) {
          cloud.log.warn(`${file} changed but is not valid; keeping the previous secrets`, { error: err as Error });
        }
      });
    },
    async stop() {
      if (state) unwatchFile(state.secretsFile);
      await state?.platforms.close();
      await state?.media.stop();
      await state?.recorder.close();
    },
  };
}
