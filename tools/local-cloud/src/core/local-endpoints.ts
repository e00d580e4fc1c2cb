/**
 * The local stand-ins' addresses, derived from the configuration alone so that the
 * Lambda environment overlay, the fakes, the CLI and the tests agree on them.
 */
import { join } from 'node:path';
import type { CloudConfig } from './config';

export interface LocalEndpoints {
  /** The AWS-compatible endpoint. */
  readonly endpoint: string;
  /** Base URL of the local X API (`<base>/2/tweets`, `<base>/2/media/upload`), like `https://api.x.com`. */
  readonly xApi: string;
  /** Base URL of the local Slack Web API (`<base>chat.postMessage`), with its trailing slash. */
  readonly slackApi: string;
  /** Origin of the local HTTPS media host. */
  readonly mediaOrigin: string;
  /** Host (name:port) of the media host, for allow-lists. */
  readonly mediaHost: string;
  /** PEM file of the local certificate authority that signed the media host's certificate. */
  readonly caFile: string;
  /** The data directory. */
  readonly dataDir: string;
}

export function localEndpoints(config: CloudConfig, endpoint: string, ports: { media?: number; platforms?: number } = {}): LocalEndpoints {
  const mediaPort = ports.media ?? config.mediaPort;
  const platforms = `http://${config.host}:${ports.platforms ?? config.platformsPort}`;
  return {
    endpoint,
    xApi: platforms,
    slackApi: `${platforms}/api/`,
    mediaOrigin: `https://localhost:${mediaPort}`,
    mediaHost: `localhost:${mediaPort}`,
    caFile: join(config.dataDir, 'fakes', 'ca.pem'),
    dataDir: config.dataDir,
  };
}

/** The `${name}` placeholders the overrides file may use, by name. */
export function placeholderValues(e: LocalEndpoints): Record<string, string> {
  return {
    endpoint: e.endpoint,
    'fakes.x': e.xApi,
    'fakes.slack': e.slackApi,
    'media.origin': e.mediaOrigin,
    'media.host': e.mediaHost,
    'media.ca': e.caFile,
    dataDir: e.dataDir,
  };
}
