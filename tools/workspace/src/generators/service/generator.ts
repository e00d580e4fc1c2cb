import { join } from 'node:path';
import { formatFiles, generateFiles, names, type Tree } from '@nx/devkit';
import { CONTRACTS, isDetailType } from '@sma/contracts';
import type { ServiceGeneratorSchema } from './schema';
import { InvalidServiceOptionsError } from '../../errors';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface NormalizedServiceOptions {
  readonly name: string;
  readonly projectRoot: string;
  readonly className: string;
  readonly stackId: string;
  readonly handler: string;
  readonly handlerFunction: string;
  readonly detailType: string;
  readonly source: string;
  readonly team: string;
}

/** Validates the options and derives every name the templates use. */
export function normalizeOptions(tree: Tree, options: ServiceGeneratorSchema): NormalizedServiceOptions {
  const name = options.name?.trim() ?? '';
  if (!KEBAB.test(name)) throw new InvalidServiceOptionsError(`Service name "${name}" must be kebab-case, e.g. "translation"`);
  const projectRoot = `apps/${name}`;
  if (tree.exists(projectRoot)) throw new InvalidServiceOptionsError(`${projectRoot} already exists`);
  const handler = options.handler ?? 'on-event';
  if (!KEBAB.test(handler)) throw new InvalidServiceOptionsError(`Handler name "${handler}" must be kebab-case`);
  const detailType = options.detailType ?? 'MESSAGE_ANALYSED';
  if (!isDetailType(detailType)) {
    throw new InvalidServiceOptionsError(`"${detailType}" is not a detail-type of @sma/contracts`);
  }
  const className = names(name).className;
  return {
    name,
    projectRoot,
    className,
    stackId: className,
    handler,
    handlerFunction: names(handler).className,
    detailType,
    source: CONTRACTS[detailType].source,
    team: options.team ?? `@sma/${name}`,
  };
}

/**
 * `nx g @sma/workspace:service <name>`: scaffolds a microservice that follows
 * docs/conventions.md — its own package and version, tags, targets, CDK stack
 * subscribed to one detail-type, a thin handler, template and handler tests,
 * a README, and the team's CODEOWNERS line. As generated it passes lint,
 * typecheck, test and synth.
 */
export async function serviceGenerator(tree: Tree, options: ServiceGeneratorSchema): Promise<void> {
  const o = normalizeOptions(tree, options);
  generateFiles(tree, join(__dirname, 'files'), o.projectRoot, { ...o, tmpl: '' });
  const owners = tree.exists('CODEOWNERS') ? tree.read('CODEOWNERS', 'utf-8')! : '';
  const line = `/${o.projectRoot}/`.padEnd(21) + o.team;
  tree.write('CODEOWNERS', `${owners.replace(/\n*$/, '\n')}${line}\n`);
  await formatFiles(tree);
}

export default serviceGenerator;
