import { z } from 'zod';
import { AnalyticsConfigurationError } from './errors';

/** The analytics service's configuration, from cdk.json context (or `-c key=value`). */
export const AnalyticsConfigSchema = z.object({
  /** Glue database name: lower case, as Athena identifiers are. */
  glueDatabaseName: z.string().regex(/^[a-z][a-z0-9_]{0,254}$/, 'lower-case letters, digits and _ only'),
  /** First day the `dt` partition projection covers. */
  lakeStartDate: z.iso.date(),
  athenaWorkGroupName: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/),
  /** Queries scanning more than this many GiB are cancelled. */
  athenaScanLimitGiB: z.number().min(0.01).max(1_000_000),
});
export type AnalyticsConfig = z.infer<typeof AnalyticsConfigSchema>;

const KEYS = Object.keys(AnalyticsConfigSchema.shape) as Array<keyof AnalyticsConfig>;

/** Reads and checks the configuration from CDK context, naming every problem. */
export function analyticsConfigFromContext(tryGetContext: (key: string) => unknown): AnalyticsConfig {
  const raw = Object.fromEntries(
    KEYS.map((key) => {
      const value = tryGetContext(key);
      // `-c athenaScanLimitGiB=5` arrives as a string.
      return [key, key === 'athenaScanLimitGiB' && typeof value === 'string' ? Number(value) : value];
    }),
  );
  const result = AnalyticsConfigSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
    throw new AnalyticsConfigurationError(`Invalid analytics configuration: ${issues}`, { cause: result.error });
  }
  return result.data;
}
