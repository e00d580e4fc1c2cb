/**
 * Lex V2 runtime (restJson1, signing name `lex`): RecognizeText, GetSession
 * and DeleteSession on the local runtime (src/engines/lex), which trains its
 * NLU from the synthesized `AWS::Lex::Bot` and calls the alias's code-hook
 * Lambda through the local Lambda service. Provisions `AWS::Lex::Bot`,
 * `AWS::Lex::BotVersion` and `AWS::Lex::BotAlias`; `api` gives the model
 * views (the `lexmodels` service) the bots.
 */
import type { DeleteSessionRequest, GetSessionRequest, RecognizeTextRequest } from '@aws-sdk/client-lex-runtime-v2';
import type { Cloud } from '../../core/cloud';
import { stableSuffix } from '../../core/ids';
import type { SdkModule } from '../../core/protocols';
import { defineService, type ResolvedResource, type ServiceInstance } from '../../core/service';
import { aliasFromTemplate, botFromTemplate, LocalLexRuntime } from '../../engines/lex';
import { lambdaInvoker } from './lambda-invoker';

type LexResourceType = 'AWS::Lex::Bot' | 'AWS::Lex::BotVersion' | 'AWS::Lex::BotAlias';

export interface LexApi {
  readonly runtime: LocalLexRuntime;
  /** When each bot was provisioned (the model views' timestamps). */
  readonly loadedAt: ReadonlyMap<string, Date>;
  /** Milliseconds each bot locale's NLU took to train; set when `start()` ran. */
  readonly warmedUp: Promise<Record<string, number>> | undefined;
}

/** Lex ids are ten upper-case letters and digits. */
const lexId = (resource: ResolvedResource): string => stableSuffix([resource.stack, resource.logicalId], 10);

export const lexService = defineService({
  name: 'lex',
  signingName: 'lex',
  protocol: 'restJson1',
  sdk: () => require('@aws-sdk/client-lex-runtime-v2') as SdkModule,
  resourceTypes: ['AWS::Lex::Bot', 'AWS::Lex::BotVersion', 'AWS::Lex::BotAlias'],
  create: (cloud: Cloud): ServiceInstance<LexResourceType> & { api: LexApi } => {
    const runtime = new LocalLexRuntime({ invoker: lambdaInvoker(cloud) });
    const loadedAt = new Map<string, Date>();
    const versions = new Map<string, string[]>();
    const api: { runtime: LocalLexRuntime; loadedAt: Map<string, Date>; warmedUp: Promise<Record<string, number>> | undefined } = { runtime, loadedAt, warmedUp: undefined };
    const arn = (resource: string): string => `arn:aws:lex:${cloud.config.region}:${cloud.config.accountId}:${resource}`;
    return {
      api,
      start() {
        api.warmedUp = new Promise<void>((resolve) => setImmediate(resolve)).then(() => runtime.warmUp());
        api.warmedUp.catch((error: unknown) => cloud.log.child('lex').error(`NLU training failed: ${(error as Error).message}`));
      },
      resources: {
        'AWS::Lex::Bot': (resource) => {
          const id = lexId(resource);
          runtime.putBot(botFromTemplate(id, resource.properties));
          loadedAt.set(id, new Date());
          return { ref: id, arn: arn(`bot/${id}`), attributes: { Id: id, Arn: arn(`bot/${id}`) } };
        },
        'AWS::Lex::BotVersion': (resource) => {
          const botId = String(resource.properties.BotId);
          const known = versions.get(botId) ?? [];
          if (!known.includes(resource.logicalId)) known.push(resource.logicalId);
          versions.set(botId, known);
          const version = String(known.indexOf(resource.logicalId) + 1);
          return { ref: `${botId}|${version}`, attributes: { BotVersion: version } };
        },
        'AWS::Lex::BotAlias': (resource) => {
          const id = lexId(resource);
          const alias = aliasFromTemplate(id, resource.properties);
          runtime.putAlias(alias);
          const aliasArn = arn(`bot-alias/${alias.botId}/${id}`);
          return { ref: `${id}|${alias.botId}`, arn: aliasArn, attributes: { BotAliasId: id, Arn: aliasArn } };
        },
      },
      operations: {
        RecognizeText: (input: RecognizeTextRequest) =>
          runtime.recognizeText({
            botId: input.botId!,
            botAliasId: input.botAliasId!,
            localeId: input.localeId!,
            sessionId: input.sessionId!,
            text: input.text!,
            sessionState: input.sessionState,
            requestAttributes: input.requestAttributes,
          }),
        GetSession: (input: GetSessionRequest) =>
          runtime.getSession({ botId: input.botId!, botAliasId: input.botAliasId!, localeId: input.localeId!, sessionId: input.sessionId! }),
        DeleteSession: (input: DeleteSessionRequest) =>
          runtime.deleteSession({ botId: input.botId!, botAliasId: input.botAliasId!, localeId: input.localeId!, sessionId: input.sessionId! }),
      },
    };
  },
});
