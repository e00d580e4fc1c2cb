import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type InputTransformer,
  InvalidTargetInputError,
  type TargetInputSettings,
  type TransformContext,
  ValidationException,
  compileInputTransformer,
  targetInput,
  transformInput,
} from './index';

/**
 * The data-driven transformer corpus: templates, paths, an event and the exact
 * text the target receives, each case with the AWS rule it checks in `note`.
 */
const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8')) as T;

interface TransformerCorpus {
  readonly context: TransformContext;
  readonly event: unknown;
  readonly cases: readonly { note: string; paths: Record<string, string>; template: string; expected?: string; error?: string }[];
  readonly invalid: readonly { note: string; paths: Record<string, string>; template?: string; message?: string; messageIncludes?: string }[];
}

interface TargetCorpus {
  readonly context: TransformContext;
  readonly event: unknown;
  readonly cases: readonly { note: string; target: TargetInputSettings; expected: string }[];
  readonly invalid: readonly { note: string; target: TargetInputSettings; message: string }[];
}

describe('input-transformer.json', () => {
  const corpus = fixture<TransformerCorpus>('input-transformer.json');
  const transformer = (c: { paths: Record<string, string>; template?: string }): InputTransformer => ({
    InputPathsMap: c.paths,
    ...(c.template === undefined ? {} : { InputTemplate: c.template }),
  });

  it.each(corpus.cases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    const run = () => transformInput(corpus.event, transformer(c), corpus.context);
    if (c.error) {
      expect(run).toThrow(InvalidTargetInputError);
    } else {
      const output = run();
      expect(output).toBe(c.expected);
      if (c.template.trimStart().startsWith('{') || c.template.trimStart().startsWith('[')) expect(() => JSON.parse(output)).not.toThrow();
    }
  });

  it.each(corpus.invalid.map((c) => [c.note, c] as const))('refuses: %s', (_note, c) => {
    let thrown: unknown;
    try {
      compileInputTransformer(transformer(c), 'target-1');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationException);
    const message = (thrown as Error).message;
    if (c.message !== undefined) expect(message).toBe(c.message);
    if (c.messageIncludes !== undefined) expect(message).toContain(c.messageIncludes);
  });
});

describe('target-input.json', () => {
  const corpus = fixture<TargetCorpus>('target-input.json');

  it.each(corpus.cases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    expect(targetInput(c.target, corpus.event, corpus.context)).toBe(c.expected);
  });

  it.each(corpus.invalid.map((c) => [c.note, c] as const))('refuses: %s', (_note, c) => {
    expect(() => targetInput(c.target, corpus.event, corpus.context)).toThrow(new ValidationException(c.message));
  });
});

describe('transformInput', () => {
  const context: TransformContext = { ruleName: 'r', ruleArn: 'arn:aws:events:eu-west-1:1:rule/r', ingestionTime: new Date('2024-01-02T03:04:05.000Z') };

  it('takes the event as JSON text too, and a Date ingestion time as ISO 8601', () => {
    expect(transformInput('{"detail":{"a":1}}', { InputPathsMap: { a: '$.detail.a' }, InputTemplate: '<a> at <aws.events.event.ingestion-time>' }, context)).toBe(
      '1 at 2024-01-02T03:04:05.000Z',
    );
  });

  it('refuses an event that is not a JSON object', () => {
    expect(() => transformInput('[]', { InputTemplate: 'x' }, context)).toThrow(new ValidationException('Parameter Event is not valid.'));
  });

  it('carries the invalid output on the delivery error', () => {
    const error = (() => {
      try {
        transformInput({ detail: { o: { k: 1 } } }, { InputPathsMap: { o: '$.detail.o' }, InputTemplate: '{"o": "<o>"}' }, context);
      } catch (e) {
        return e as InvalidTargetInputError;
      }
      return undefined;
    })();
    expect(error?.name).toBe('InvalidTargetInputError');
    expect(error?.input).toBe('{"o": "{"k":1}"}');
  });
});
