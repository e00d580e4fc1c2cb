import { join } from 'node:path';
import { TemplateShapeError } from '../errors';
import { resourcesOfType, type SynthesizedStack } from './assembly';
import { placeholderOf } from './placeholders';

/** A Lambda function as the synthesized template declares it. */
export interface FunctionShape {
  readonly stack: SynthesizedStack;
  readonly logicalId: string;
  /** The bundle's file name without `.js` (`twitter` of `twitter.handler`). */
  readonly handlerFile: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: 'arm64' | 'x86_64';
  /** The folder of the function's code asset inside the assembly, when it is a local asset. */
  readonly assetDir: string | undefined;
  /** The environment with intrinsics resolved to placeholders (see `placeholderOf`). */
  readonly environment: Readonly<Record<string, string>>;
}

/** Lambda's defaults when a template leaves a property out. */
const DEFAULT_MEMORY_MB = 128;
const DEFAULT_TIMEOUT_SECONDS = 3;

export function functionsOf(stacks: readonly SynthesizedStack[]): FunctionShape[] {
  return resourcesOfType(stacks, 'AWS::Lambda::Function').map(({ stack, logicalId, resource }) => {
    const p = resource.Properties ?? {};
    const handler = p['Handler'];
    if (typeof handler !== 'string' || !handler.includes('.')) {
      throw new TemplateShapeError(`${stack.stackName}/${logicalId}: Handler ${JSON.stringify(handler)} is not <file>.<export>`);
    }
    const variables = ((p['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
    const assetPath = resource.Metadata?.['aws:asset:path'];
    const architectures = (p['Architectures'] as string[] | undefined) ?? ['x86_64'];
    return {
      stack,
      logicalId,
      handlerFile: handler.slice(0, handler.lastIndexOf('.')),
      memoryMb: Number(p['MemorySize'] ?? DEFAULT_MEMORY_MB),
      timeoutSeconds: Number(p['Timeout'] ?? DEFAULT_TIMEOUT_SECONDS),
      architecture: architectures[0] === 'arm64' ? 'arm64' : 'x86_64',
      assetDir: typeof assetPath === 'string' ? join(stack.assemblyDir, assetPath) : undefined,
      environment: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, placeholderOf(stack, v)])),
    };
  });
}
