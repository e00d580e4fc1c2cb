import { webhookRoute } from '../routes/webhook';
import { wireIngressHandler } from '../runtime/wire';

/** API Gateway proxy handler of the WEBHOOK route (see routes/webhook.ts for what it accepts). */
export const handler = wireIngressHandler('WEBHOOK', webhookRoute);
