import { twitterRoute } from '../routes/twitter';
import { wireIngressHandler } from '../runtime/wire';

/** API Gateway proxy handler of the TWITTER route (see routes/twitter.ts for what it accepts). */
export const handler = wireIngressHandler('TWITTER', twitterRoute);
