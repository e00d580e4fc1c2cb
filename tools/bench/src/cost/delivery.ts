import { mapAccountActivity } from '@sma/anti-corruption';
import { twitterFixture } from '@sma/anti-corruption/testing';
import { BenchError } from '../errors';
import type { Publication } from './topology';

const FILLER =
  'the van broke down again on the ring road and nobody at Acme Motors answers the phone, this is the third time this month ';

/** A mention of `characters` characters, as people write them: the bot's handle, then words. */
export function mentionText(characters: number): string {
  const text = `@makitdev ${FILLER.repeat(Math.ceil(characters / FILLER.length) + 1)}`;
  return text.slice(0, characters).trimEnd();
}

/**
 * What ingress publishes for one X mention of the given length, with or
 * without a photo: the recorded Account Activity mention (one photo) with its
 * text replaced, mapped by the anti-corruption layer exactly as ingress maps it.
 */
export function mentionDelivery(characters: number, photo: boolean, receivedAt = '2026-11-23T12:00:00.000Z'): Publication[] {
  const json = structuredClone(twitterFixture('tweet_create_events').json) as { tweet_create_events: Array<Record<string, unknown>> };
  const tweet = json.tweet_create_events[0]!;
  const text = mentionText(characters);
  tweet['text'] = text;
  tweet['display_text_range'] = [0, text.length];
  if (!photo) {
    // The recorded mention carries one photo: without it, it is a text-only mention.
    delete tweet['extended_entities'];
    delete (tweet['entities'] as Record<string, unknown>)['media'];
  }
  const delivery = mapAccountActivity(json, receivedAt);
  const [message] = delivery.messages;
  if (delivery.messages.length !== 1 || (message!.ImageUrls?.length ?? 0) !== (photo ? 1 : 0)) {
    throw new BenchError(`The recorded mention no longer maps to one message with ${photo ? 'one photo' : 'no photo'}`);
  }
  return [
    ...delivery.raw.map((e) => ({ detailType: e.detailType, detail: e.detail })),
    ...delivery.messages.map((m) => ({ detailType: 'MESSAGE_RECEIVED', detail: m })),
  ];
}
