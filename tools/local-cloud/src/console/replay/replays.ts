/**
 * The replay view's link to EventBridge: the archives, the replays and starting
 * one, through the service's own operations (`ListArchives`, `StartReplay`…).
 */
import { ListArchivesCommand, ListReplaysCommand, StartReplayCommand } from '@aws-sdk/client-eventbridge';
import type { Cloud } from '../../core/cloud';
import type { ArchiveView, ReplayView } from '../api-types';
import { fromAws } from '../errors';
import type { ReplayRequest } from './replay-request';

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

export async function listArchives(cloud: Cloud): Promise<ArchiveView[]> {
  try {
    const out = await cloud.send(new ListArchivesCommand({}));
    return (out.Archives ?? []).map((a) => {
      const busArn = a.EventSourceArn ?? '';
      const name = a.ArchiveName ?? '';
      return {
        name,
        arn: `arn:${cloud.config.partition}:events:${cloud.config.region}:${cloud.config.accountId}:archive/${name}`,
        bus: busArn.split('/').pop() ?? busArn,
        busArn,
        eventCount: a.EventCount ?? 0,
        sizeBytes: a.SizeBytes ?? 0,
        retentionDays: a.RetentionDays ?? 0,
      };
    });
  } catch (err) {
    throw fromAws(err);
  }
}

/** Every replay, newest first; `replayed` counts the events the console saw with each replay's name. */
export async function listReplays(cloud: Cloud, replayed: (name: string) => number): Promise<ReplayView[]> {
  try {
    const out = await cloud.send(new ListReplaysCommand({}));
    return (out.Replays ?? [])
      .map((r) => ({
        name: r.ReplayName ?? '',
        archive: (r.EventSourceArn ?? '').split('/').pop() ?? '',
        state: r.State ?? 'STARTING',
        ...(r.StateReason ? { stateReason: r.StateReason } : {}),
        eventStartTime: iso(r.EventStartTime) ?? '',
        eventEndTime: iso(r.EventEndTime) ?? '',
        replayStartTime: iso(r.ReplayStartTime) ?? '',
        ...(r.ReplayEndTime ? { replayEndTime: r.ReplayEndTime.toISOString() } : {}),
        replayedEvents: replayed(r.ReplayName ?? ''),
      }))
      .sort((a, b) => (a.replayStartTime < b.replayStartTime ? 1 : -1));
  } catch (err) {
    throw fromAws(err);
  }
}

export async function startReplay(cloud: Cloud, request: ReplayRequest): Promise<{ name: string; state: string }> {
  const archives = await listArchives(cloud);
  const archive = archives.find((a) => a.name === request.archive);
  try {
    const out = await cloud.send(
      new StartReplayCommand({
        ReplayName: request.name,
        EventSourceArn: archive?.arn ?? request.archive,
        Destination: { Arn: archive?.busArn ?? '' },
        EventStartTime: request.start,
        EventEndTime: request.end,
        Description: 'Started from the local console',
      }),
    );
    return { name: request.name, state: out.State ?? 'STARTING' };
  } catch (err) {
    throw fromAws(err);
  }
}
