/**
 * SNS message signatures. The local SNS signs every message it sends the way
 * SNS does (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA, over the
 * documented "Key\nValue\n" string) with a key and self-signed certificate made
 * once and kept under `<data>/sns/signing/`; the certificate is served at the
 * message's SigningCertURL, so a subscriber can verify what it receives.
 */
import { createSign } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { writeFileAtomic } from '../../core/persistence';

export interface SignedFields {
  readonly Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Message: string;
  readonly Timestamp: string;
  readonly Subject?: string;
  readonly SubscribeURL?: string;
  readonly Token?: string;
}

/** The string SNS signs: the fields of the message type, in this order, each as `Name\nvalue\n`. */
export function stringToSign(m: SignedFields): string {
  const names =
    m.Type === 'Notification'
      ? (['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const)
      : (['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const);
  return names
    .filter((n) => m[n] !== undefined)
    .map((n) => `${n}\n${m[n]}\n`)
    .join('');
}

export class Signer {
  private constructor(
    private readonly key: string,
    readonly certificate: string,
  ) {}

  static async open(dir: string): Promise<Signer> {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    if (!existsSync(keyFile) || !existsSync(certFile)) {
      const pems = await generate([{ name: 'commonName', value: 'sns.local-cloud' }], { keySize: 2048, algorithm: 'sha256', notAfterDate: new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000) });
      writeFileAtomic(keyFile, pems.private);
      writeFileAtomic(certFile, pems.cert);
    }
    return new Signer(readFileSync(keyFile, 'utf8'), readFileSync(certFile, 'utf8'));
  }

  sign(fields: SignedFields, version: '1' | '2'): string {
    const signer = createSign(version === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
    signer.update(stringToSign(fields), 'utf8');
    return signer.sign(this.key, 'base64');
  }
}
