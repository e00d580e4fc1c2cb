/**
 * Checks and converts what SendMessage carries: the body's characters and
 * size, message attributes (names, types, values) and system attributes, and
 * which attributes a ReceiveMessage asked to get back. Pure.
 */
import type { MessageAttributeValue, MessageSystemAttributeValue } from '@aws-sdk/client-sqs';
import type { StoredAttribute } from './checksums';
import { InvalidMessageContents, InvalidParameterValue } from './errors';

/** XML 1.0 characters: what SQS accepts in bodies and string attributes. */
const VALID_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!aws\.|amazon\.)[A-Za-z0-9_.-]{1,256}(?<!\.)$/i;
const MAX_ATTRIBUTES = 10;

export function checkBody(body: string | undefined): string {
  if (body === undefined || body === '') throw new InvalidParameterValue('The request must contain the parameter MessageBody.');
  if (!VALID_CHARS.test(body)) {
    throw new InvalidMessageContents('Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');
  }
  return body;
}

function toStored(name: string, raw: MessageAttributeValue | MessageSystemAttributeValue): StoredAttribute {
  const type = raw.DataType ?? '';
  const base = type.split('.')[0];
  if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
    throw new InvalidParameterValue(`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
  }
  if (raw.StringListValues?.length || raw.BinaryListValues?.length) {
    throw new InvalidParameterValue(`Message (user) attribute '${name}': StringListValues and BinaryListValues are reserved by SQS for future use; send StringValue or BinaryValue.`);
  }
  if (base === 'Binary') {
    if (!(raw.BinaryValue instanceof Uint8Array) || raw.BinaryValue.length === 0) {
      throw new InvalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty message attribute value for message attribute type '${type}'.`);
    }
    return { DataType: type, BinaryValue: Buffer.from(raw.BinaryValue).toString('base64') };
  }
  const value = raw.StringValue;
  if (value === undefined || value === '') {
    throw new InvalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty message attribute value for message attribute type '${type}'.`);
  }
  if (!VALID_CHARS.test(value)) throw new InvalidMessageContents(`Message (user) attribute '${name}' contains invalid characters.`);
  if (base === 'Number' && (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) || value.replace(/[^0-9]/g, '').length > 38)) {
    throw new InvalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
  }
  return { DataType: type, StringValue: value };
}

export function checkAttributes(raw: Record<string, MessageAttributeValue> | undefined): Record<string, StoredAttribute> | undefined {
  if (!raw || Object.keys(raw).length === 0) return undefined;
  const names = Object.keys(raw);
  if (names.length > MAX_ATTRIBUTES) throw new InvalidParameterValue(`Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`);
  const out: Record<string, StoredAttribute> = {};
  for (const name of names) {
    if (!ATTRIBUTE_NAME.test(name)) throw new InvalidParameterValue(`Message (user) attribute name '${name}' is invalid.`);
    out[name] = toStored(name, raw[name]!);
  }
  return out;
}

export function checkSystemAttributes(raw: Record<string, MessageSystemAttributeValue> | undefined): Record<string, StoredAttribute> | undefined {
  if (!raw || Object.keys(raw).length === 0) return undefined;
  for (const name of Object.keys(raw)) {
    if (name !== 'AWSTraceHeader') throw new InvalidParameterValue(`Message system attribute name '${name}' is invalid.`);
  }
  const header = toStored('AWSTraceHeader', raw['AWSTraceHeader']!);
  if (header.DataType !== 'String') throw new InvalidParameterValue("Message system attribute 'AWSTraceHeader' must be of type String.");
  return { AWSTraceHeader: header };
}

/** Bytes a message counts for against MaximumMessageSize: body plus each attribute's name, type and value. */
export function messageSize(body: string, attributes: Readonly<Record<string, StoredAttribute>> | undefined): number {
  let size = Buffer.byteLength(body);
  for (const [name, a] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType);
    size += a.BinaryValue !== undefined ? Buffer.from(a.BinaryValue, 'base64').length : Buffer.byteLength(a.StringValue ?? '');
  }
  return size;
}

export function toSdkAttribute(a: StoredAttribute): MessageAttributeValue {
  return a.BinaryValue !== undefined
    ? { DataType: a.DataType, BinaryValue: new Uint8Array(Buffer.from(a.BinaryValue, 'base64')) }
    : { DataType: a.DataType, StringValue: a.StringValue! };
}

/** The message attributes a receive asked for: `All`, `.*`, exact names, or `prefix.*`. */
export function selectAttributes(
  attributes: Readonly<Record<string, StoredAttribute>> | undefined,
  requested: readonly string[] | undefined,
): Record<string, MessageAttributeValue> | undefined {
  if (!attributes || !requested || requested.length === 0) return undefined;
  const wanted = (name: string) =>
    requested.some((r) => r === 'All' || r === '.*' || r === name || (r.endsWith('.*') && name.startsWith(r.slice(0, -1))));
  const picked = Object.entries(attributes).filter(([name]) => wanted(name));
  return picked.length > 0 ? Object.fromEntries(picked.map(([n, a]) => [n, toSdkAttribute(a)])) : undefined;
}
