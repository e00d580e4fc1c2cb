/**
 * Reads the SigV4 credential scope of a request (header or presigned query), which
 * names the service and region the client meant. Signatures are not verified: the
 * local cloud accepts any credentials, as there is no IAM to check them against.
 */
import { queryParam, type HttpRequest } from './types';

export interface CredentialScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

const SCOPE = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

export function credentialScope(req: Pick<HttpRequest, 'headers' | 'query'>): CredentialScope | undefined {
  const auth = req.headers['authorization'];
  let credential: string | undefined;
  if (auth?.startsWith('AWS4-HMAC-SHA256')) {
    credential = /Credential=([^,\s]+)/.exec(auth)?.[1];
  } else {
    credential = queryParam(req, 'X-Amz-Credential');
  }
  if (!credential) return undefined;
  const m = SCOPE.exec(credential);
  if (!m) return undefined;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]! };
}
