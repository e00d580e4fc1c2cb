import { createAwsJsonCodec } from './aws-json';
import { createAwsQueryCodec } from './aws-query';
import type { CodecOptions, Protocol, ProtocolCodec } from './codec';
import { createRestCodec } from './rest';
import { jsonDocumentFormat, xmlDocumentFormat } from './rest-formats';

export * from './codec';
export { SdkApi, errorTraits, memberNames, type OperationInfo, type SdkModule } from './sdk-api';
export { RESPONSE_HEADERS, withResponseHeaders } from './rest';
export { escapeXml } from './xml';

/** The codec of a protocol. A literal-union registry: a new protocol fails to compile until it has one. */
const FACTORIES: { readonly [P in Protocol]: (options: CodecOptions) => ProtocolCodec } = {
  awsJson1_0: (o) => createAwsJsonCodec('1.0', o),
  awsJson1_1: (o) => createAwsJsonCodec('1.1', o),
  restJson1: (o) => createRestCodec(jsonDocumentFormat(), o),
  restXml: (o) => createRestCodec(xmlDocumentFormat(o.xmlNamespace, o.api.namespace), o),
  awsQuery: (o) => createAwsQueryCodec(o),
};

export function createCodec(protocol: Protocol, options: CodecOptions): ProtocolCodec {
  return FACTORIES[protocol](options);
}
