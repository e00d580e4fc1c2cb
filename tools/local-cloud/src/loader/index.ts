import type { StackLoader } from '../core/runtime';
import { readAssembly, type StackArtifact } from './assembly';
import { loadStacks } from './load';

export * from './assembly';
export { NO_VALUE, SUPPORTED_INTRINSICS, referencedIds, resolveValue, type IntrinsicScope } from './intrinsics';
export { loadStacks, orderResources, orderStacks, resourceOwners } from './load';
export { INERT_RESOURCE_TYPES } from './resource-types';

/** Reads every stack of these cloud assemblies. */
export function readAssemblies(dirs: readonly string[]): StackArtifact[] {
  return dirs.flatMap((dir) => readAssembly(dir));
}

/** The `StackLoader` that provisions these stacks when the cloud starts. */
export function stackLoader(stacks: readonly StackArtifact[]): StackLoader {
  return (cloud) => loadStacks(cloud, stacks);
}
