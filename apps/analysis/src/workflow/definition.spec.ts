import { SUPPORTED_LANGUAGES } from '../text/languages';
import { analysisDefinition } from './__testing__/definition';
import { allStates } from './__testing__/harness';
import { STEPS } from './steps';

type State = {
  Type: string;
  Resource?: string;
  Retry?: Array<{ ErrorEquals: string[]; JitterStrategy?: string; BackoffRate?: number; MaxAttempts?: number }>;
  Catch?: Array<{ ErrorEquals: string[] }>;
  Choices?: Array<{ Or?: Array<{ Variable: string; StringEquals: string }> }>;
  TimeoutSeconds?: number;
  MaxConcurrency?: number;
};

describe('the analysis state machine definition', () => {
  const { definition } = analysisDefinition();
  const states = allStates(definition['States'] as never) as Array<[string, State]>;
  const tasks = states.filter(([, s]) => s.Type === 'Task');

  it('is the reviewed artefact (any change to it shows in this snapshot)', () => {
    expect(definition).toMatchSnapshot();
  });

  it('uses only what both Step Functions and the local cloud run: JSONPath, SDK integrations, lambda:invoke, events:putEvents', () => {
    const text = JSON.stringify(definition);
    for (const unsupported of ['QueryLanguage', 'JSONata', '"Assign"', 'waitForTaskToken', 'DISTRIBUTED', 'ItemReader']) {
      expect(text).not.toContain(unsupported);
    }
    for (const [, task] of tasks) {
      expect(task.Resource).toMatch(
        /^arn:aws:states:::(aws-sdk:(comprehend|rekognition):\w+|lambda:invoke|events:putEvents)$/,
      );
    }
    // No JSONPath filters or slices: the engines disagree on them (see state-helpers.ts).
    expect(text).not.toMatch(/\[\?\(|\[\d*:\d*\]/);
  });

  it('retries every AWS call with exponential backoff and full jitter, and catches what the retries do not cure', () => {
    expect(tasks.map(([name]) => name).sort()).toEqual(
      [
        STEPS.prepare,
        STEPS.language,
        STEPS.sentiment,
        STEPS.entities,
        STEPS.pii,
        STEPS.download,
        STEPS.labels,
        STEPS.text,
        STEPS.celebrities,
        STEPS.moderation,
        STEPS.assemble,
        STEPS.publish,
        'PublishFallbackAnalysis',
      ].sort(),
    );
    for (const [name, task] of tasks) {
      expect({ name, retry: task.Retry?.length }).toEqual({ name, retry: 1 });
      expect({ name, jitter: task.Retry![0]!.JitterStrategy, backoff: task.Retry![0]!.BackoffRate }).toEqual({ name, jitter: 'FULL', backoff: 2 });
      expect({ name, catches: task.Catch?.some((c) => c.ErrorEquals.includes('States.ALL')) }).toEqual({ name, catches: true });
      expect({ name, timeout: task.TimeoutSeconds! > 0 }).toEqual({ name, timeout: true });
    }
  });

  it('renders the supported-language tables into the Choice rules', () => {
    const codes = (step: string) =>
      (states.find(([name]) => name === `${step}Applies`)![1].Choices![1]!.Or ?? []).map((c) => c.StringEquals);
    expect(codes(STEPS.sentiment)).toEqual(SUPPORTED_LANGUAGES.SENTIMENT);
    expect(codes(STEPS.entities)).toEqual(SUPPORTED_LANGUAGES.ENTITIES);
    expect(codes(STEPS.pii)).toEqual(['en', 'es']);
  });

  it('analyses images with bounded concurrency', () => {
    const [, map] = states.find(([name]) => name === STEPS.analyseImages)!;
    expect(map.MaxConcurrency).toBe(2);
  });
});
