import { z } from 'zod';
import { CONTRACTS, type DetailType } from './registry';

export type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema of a detail-type's `detail`, generated from its zod schema (the
 * one source of truth). `draft-2020-12` for docs and the Glue column
 * derivation; `draft-4` for the EventBridge Schema Registry, which accepts
 * `JSONSchemaDraft4`.
 */
export function detailJsonSchema(
  detailType: DetailType,
  target: 'draft-4' | 'draft-2020-12' = 'draft-2020-12',
): JsonSchema {
  return z.toJSONSchema(CONTRACTS[detailType].schema, { target, unrepresentable: 'any' }) as JsonSchema;
}

/**
 * JSON Schema (draft 4) of the whole EventBridge event (envelope plus detail),
 * the document the Schema Registry stores for each detail-type.
 */
export function eventJsonSchema(detailType: DetailType): JsonSchema {
  const { $schema: _ignored, ...detail } = detailJsonSchema(detailType, 'draft-4');
  const contract = CONTRACTS[detailType];
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: detailType,
    description: contract.description,
    type: 'object',
    required: ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail'],
    properties: {
      version: { type: 'string' },
      id: { type: 'string' },
      'detail-type': { type: 'string', enum: [detailType] },
      source: { type: 'string', enum: [contract.source] },
      account: { type: 'string' },
      time: { type: 'string', format: 'date-time' },
      region: { type: 'string' },
      resources: { type: 'array', items: { type: 'string' } },
      detail,
    },
  };
}
