import { z } from 'zod';

/**
 * Who puts an event on the bus. Raw channel events carry the channel's name
 * (as the original design did: `TWITTER`); domain events carry the service that
 * produced them, so rules and IAM conditions (`events:source`) can tell a real
 * `MESSAGE_ANALYSED` from one forged by another service.
 */
export const EVENT_SOURCES = ['TWITTER', 'SLACK', 'WEBHOOK', 'INGRESS', 'ANALYSIS', 'RESPONDING', 'EGRESS'] as const;
export const EventSourceSchema = z.enum(EVENT_SOURCES);
export type EventSource = z.infer<typeof EventSourceSchema>;
