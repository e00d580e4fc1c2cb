/**
 * Calls a code-hook Lambda the way Lex does: synchronously (RequestResponse)
 * through the local Lambda service, failing on a function error.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { Cloud } from '../../core/cloud';
import type { LambdaInvoker } from '../../engines/types';

export function lambdaInvoker(cloud: Cloud): LambdaInvoker {
  return {
    async invoke(functionArn, event) {
      const answer = await cloud.send(
        new InvokeCommand({ FunctionName: functionArn, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(event)) }),
      );
      const text = answer.Payload ? new TextDecoder().decode(answer.Payload) : '';
      if (answer.FunctionError) {
        let message = text;
        try {
          message = (JSON.parse(text) as { errorMessage?: string }).errorMessage ?? text;
        } catch {
          // The payload is not JSON: report it as it is.
        }
        throw new Error(`${answer.FunctionError}: ${message}`);
      }
      return text === '' ? null : (JSON.parse(text) as unknown);
    },
  };
}
