import type { Context } from 'aws-lambda';
import { parseDetail } from '@sma/contracts';
import { exampleDetail } from '@sma/contracts/testing';
import { assembleInput } from '../assemble/__testing__/inputs';
import { InvalidMessageError, InvalidStepInputError } from '../errors';
import { handler as assemble } from './assemble-analysis';
import { handler as prepare } from './prepare-text';

const context = { functionName: 'test', awsRequestId: 'r-1', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:test' } as Context;

describe('PrepareText handler', () => {
  it('plans the text of a received message', async () => {
    const result = await prepare({ Message: exampleDetail('MESSAGE_RECEIVED'), DefaultLanguage: 'en' }, context);
    expect(result.Plan).toMatchObject({ Empty: false, DetectLanguage: false, Language: { Code: 'en', Source: 'DEFAULT' } });
  });

  it('fails with a typed error the workflow catches by name', async () => {
    await expect(prepare({ Message: exampleDetail('MESSAGE_RECEIVED'), DefaultLanguage: 'xx' }, context)).rejects.toThrow(InvalidStepInputError);
    await expect(prepare({ Message: { Text: 1 }, DefaultLanguage: 'en' }, context)).rejects.toMatchObject({ name: 'InvalidMessageError' });
    await expect(prepare({ Message: {}, DefaultLanguage: 'en' }, context)).rejects.toBeInstanceOf(InvalidMessageError);
  });
});

describe('AssembleAnalysis handler', () => {
  it('returns an AnalysedAt and an Analysis that make a valid MESSAGE_ANALYSED with the message', async () => {
    const result = await assemble(assembleInput(), context);
    expect(() => parseDetail('MESSAGE_ANALYSED', { ...exampleDetail('MESSAGE_RECEIVED'), ...result })).not.toThrow();
  });

  it('names the step and the fields when its input is not what the workflow sends', async () => {
    await expect(assemble({ Text: {} }, context)).rejects.toThrow(/^AssembleAnalysis received invalid input: Text\.Plan/);
  });
});
