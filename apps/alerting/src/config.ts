import { z } from 'zod';
import { ALERT_TYPES, type AlertType } from './alerts/alert-types';
import { AlertingConfigurationError } from './errors';

const AlertTypesSchema = z.array(z.enum(ALERT_TYPES)).min(1).optional();

/**
 * One subscriber and the alert types it takes (all of them when `alertTypes` is
 * absent). Addresses live in configuration only: cdk.json context or
 * `-c alertSubscriptions='[...]'`, never in code.
 *
 * @example
 * ```json
 * [
 *   { "protocol": "email", "endpoint": "support-leads@example.com", "alertTypes": ["NEGATIVE_MESSAGE"] },
 *   { "protocol": "https", "endpoint": "https://hooks.example.com/sma/alerts" }
 * ]
 * ```
 */
export const AlertSubscriptionSchema = z.discriminatedUnion('protocol', [
  z.object({ protocol: z.literal('email'), endpoint: z.email(), alertTypes: AlertTypesSchema }).strict(),
  z.object({ protocol: z.literal('https'), endpoint: z.url({ protocol: /^https$/ }), alertTypes: AlertTypesSchema }).strict(),
]);
export type AlertSubscription = z.infer<typeof AlertSubscriptionSchema>;

export const AlertingConfigSchema = z.object({
  /** A percentage, as Rekognition reports moderation confidence. */
  moderationMinConfidence: z.number().min(0).max(100),
  alertSubscriptions: z
    .array(AlertSubscriptionSchema)
    .refine((subs) => new Set(subs.map((s) => `${s.protocol}:${s.endpoint}`)).size === subs.length, {
      message: 'the same endpoint is listed twice; give it one entry with several alertTypes',
    }),
});
export type AlertingConfig = z.infer<typeof AlertingConfigSchema>;

/** A context value as given: cdk.json gives JSON values, `-c key=value` gives strings. */
function fromContext(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw new AlertingConfigurationError(`Context "${key}" is not valid JSON`, [value.slice(0, 200)], { cause: error });
  }
}

/**
 * Reads and checks the service's configuration from CDK context, failing the
 * synth with every problem listed rather than deploying a half-configured service.
 */
export function alertingConfigFromContext(tryGetContext: (key: string) => unknown): AlertingConfig {
  const raw = {
    moderationMinConfidence: fromContext('moderationMinConfidence', tryGetContext('moderationMinConfidence')),
    alertSubscriptions: fromContext('alertSubscriptions', tryGetContext('alertSubscriptions') ?? []),
  };
  const result = AlertingConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new AlertingConfigurationError(
      'Invalid alerting configuration',
      result.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
      { cause: result.error },
    );
  }
  return result.data;
}

/** The alert types a subscription takes. */
export function alertTypesOf(subscription: AlertSubscription): readonly AlertType[] {
  return subscription.alertTypes ?? ALERT_TYPES;
}
