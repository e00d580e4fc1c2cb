import { App } from 'aws-cdk-lib';
import { deploymentEnvironment } from '@sma/cdk';
import { isBotLocaleId } from './bot/definition';
import { RespondingStack } from './stack';

const app = new App();
const context = (key: string): string | undefined => {
  const value = app.node.tryGetContext(key) as unknown;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};
const replyLocale = context('replyLocale') ?? 'en_GB';
if (!isBotLocaleId(replyLocale)) throw new Error(`cdk.json context replyLocale "${replyLocale}" is not a locale of the bot`);
const defaultUtterance = context('defaultUtterance');
const jokeApiUrl = context('jokeApiUrl');
const factApiUrl = context('factApiUrl');

new RespondingStack(app, 'Responding', {
  env: deploymentEnvironment(),
  replyLocale,
  ...(defaultUtterance ? { defaultUtterance } : {}),
  ...(jokeApiUrl ? { jokeApiUrl } : {}),
  ...(factApiUrl ? { factApiUrl } : {}),
});
