/** XML helpers shared by restXml and awsQuery. */
import { XmlCodec } from '@aws-sdk/core/protocols';
import type { NormalizedSchema } from '@smithy/core/schema';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for an XML element or attribute. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Simple `<Name>value</Name>` elements for the scalar fields of an error. */
export function xmlFields(fields: Readonly<Record<string, unknown>>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object')
    .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
    .join('');
}

const DATE_TIME = 5;

/** An XML codec for a service namespace, with the timestamp default of XML protocols (date-time). */
export function xmlCodec(xmlNamespace: string | undefined, serviceNamespace: string): XmlCodec {
  return new XmlCodec({
    timestampFormat: { useTrait: true, default: DATE_TIME },
    ...(xmlNamespace ? { xmlNamespace } : {}),
    serviceNamespace,
  } as ConstructorParameters<typeof XmlCodec>[0]);
}

/** Serializes a value of a shape into an XML document (root element named after the shape). */
export function writeXml(codec: XmlCodec, schema: NormalizedSchema, value: unknown): string {
  const serializer = codec.createSerializer();
  serializer.write(schema, value);
  const out = serializer.flush();
  return typeof out === 'string' ? out : Buffer.from(out).toString('utf8');
}

/**
 * The content of the root element of an XML document (`<A x="1"><B/></A>` → `<B/>`),
 * for protocols that wrap a shape's members in their own envelope.
 */
export function innerXml(xml: string): string {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  if (/^<[^>]+\/>$/.test(body)) return '';
  const open = body.indexOf('>');
  const close = body.lastIndexOf('</');
  if (open === -1 || close === -1 || close < open) return '';
  return body.slice(open + 1, close);
}
