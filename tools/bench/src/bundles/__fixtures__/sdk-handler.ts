import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';

const client = new EventBridgeClient({});

/** A handler that uses one SDK client: the bench's fixture for building with and without the SDK. */
export const handler = async (): Promise<number> => (await client.send(new ListEventBusesCommand({}))).EventBuses?.length ?? 0;
