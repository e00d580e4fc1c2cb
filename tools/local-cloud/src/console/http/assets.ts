/**
 * The page's assets: the browser source (`tools/local-cloud/console/src`) bundled with
 * esbuild into one script and one stylesheet, in memory, when the console starts
 * (in the background: the endpoint does not wait for it). Preact and every other
 * import are inside the bundle; the page loads nothing from anywhere else.
 * Names carry a content hash, so they are cached for good; the HTML never is.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { HttpResponse } from '../../core/http/types';

export interface Asset {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** The same bytes gzipped (served to clients that accept it). */
  readonly gzip: Buffer;
}

export interface AssetBundle {
  readonly html: string;
  /** By file name (`app.3f2a1c9b.js`). */
  readonly files: ReadonlyMap<string, Asset>;
  readonly buildMs: number;
  /** Bytes of the script and stylesheet, uncompressed. */
  readonly bytes: number;
}

/** Where the browser source lives. */
export const CONSOLE_SOURCE_DIR = join(__dirname, '..', '..', '..', 'console');

const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 10);

/** The page shell: no inline script (a strict content security policy holds), the bundle deferred. */
export function pageHtml(script: string, stylesheet: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local console · Serverless Message Analyser</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/_console/assets/${stylesheet}">
<script type="module" src="/_console/assets/${script}"></script>
</head>
<body>
<div id="app"><p class="boot">Loading the console…</p></div>
<noscript>The console needs JavaScript.</noscript>
</body>
</html>
`;
}

/** Bundles the browser source. */
export async function buildAssets(sourceDir = CONSOLE_SOURCE_DIR): Promise<AssetBundle> {
  const started = performance.now();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: { app: join(sourceDir, 'src', 'main.tsx') },
    absWorkingDir: sourceDir,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome111', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    outdir: 'out',
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const files = new Map<string, Asset>();
  let script = '';
  let stylesheet = '';
  let bytes = 0;
  for (const out of result.outputFiles) {
    const body = Buffer.from(out.contents);
    const ext = out.path.endsWith('.css') ? 'css' : 'js';
    const name = `app.${hash(body)}.${ext}`;
    files.set(name, { path: name, contentType: ext === 'css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', body, gzip: gzipSync(body, { level: 9 }) });
    bytes += body.length;
    if (ext === 'css') stylesheet = name;
    else script = name;
  }
  return { html: pageHtml(script, stylesheet), files, buildMs: performance.now() - started, bytes };
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function htmlResponse(html: string): HttpResponse {
  return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS }, body: html };
}

export function assetResponse(asset: Asset, ifNoneMatch: string | undefined, acceptEncoding = ''): HttpResponse {
  const etag = `"${asset.path}"`;
  if (ifNoneMatch === etag) return { statusCode: 304, headers: { etag }, body: undefined };
  const gzip = /\bgzip\b/.test(acceptEncoding);
  return {
    statusCode: 200,
    headers: {
      'content-type': asset.contentType,
      'cache-control': 'public, max-age=31536000, immutable',
      etag,
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      ...SECURITY_HEADERS,
    },
    body: gzip ? asset.gzip : asset.body,
  };
}
