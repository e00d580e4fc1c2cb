import { slackRoute } from '../routes/slack';
import { wireIngressHandler } from '../runtime/wire';

/** API Gateway proxy handler of the SLACK route (see routes/slack.ts for what it accepts). */
export const handler = wireIngressHandler('SLACK', slackRoute);
