/** The document formats of the REST protocols: JSON for restJson1, XML for restXml. */
import { JsonCodec } from '@aws-sdk/core/protocols';
import type { NormalizedSchema } from '@smithy/core/schema';
import type { DocumentFormat } from './rest';
import { escapeXml, writeXml, xmlCodec, xmlFields } from './xml';

const EPOCH_SECONDS = 7;

/** restJson1 bodies: JSON with `jsonName` renaming, timestamps in epoch seconds. */
export function jsonDocumentFormat(): DocumentFormat {
  const codec = new JsonCodec({ timestampFormat: { useTrait: true, default: EPOCH_SECONDS }, jsonName: true });
  return {
    protocol: 'restJson1',
    contentType: 'application/json',
    read(schema: NormalizedSchema, body: Buffer) {
      return codec.createDeserializer().readObject(schema, JSON.parse(body.toString('utf8')));
    },
    write(schema: NormalizedSchema, value: unknown) {
      const s = codec.createSerializer();
      s.write(schema, value);
      const out = s.flush();
      return typeof out === 'string' ? out : Buffer.from(out as Uint8Array);
    },
    errorBody(code, messageKey, message, fields) {
      return JSON.stringify({ [messageKey]: message, ...fields, code });
    },
  };
}

/** restXml bodies (S3): XML with the shapes' xmlName / xmlFlattened / xmlNamespace traits. */
export function xmlDocumentFormat(xmlNamespace: string | undefined, serviceNamespace: string): DocumentFormat {
  const codec = xmlCodec(xmlNamespace, serviceNamespace);
  return {
    protocol: 'restXml',
    contentType: 'application/xml',
    read(schema: NormalizedSchema, body: Buffer) {
      return codec.createDeserializer().read(schema, body.toString('utf8'));
    },
    write(schema: NormalizedSchema, value: unknown) {
      return `<?xml version="1.0" encoding="UTF-8"?>\n${writeXml(codec, schema, value)}`;
    },
    errorBody(code, _messageKey, message, fields, requestId) {
      return (
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>` +
        `${xmlFields(fields)}<RequestId>${escapeXml(requestId)}</RequestId></Error>`
      );
    },
  };
}
