/**
 * Scheduled rules: `rate(5 minutes)` and `cron(0 12 * * ? *)` (EventBridge's six
 * fields: minutes hours day-of-month month day-of-week year, in UTC) fire a
 * "Scheduled Event" to the rule's targets. Lists, ranges, steps, `*` and `?` are
 * supported; `L`, `W` and `#` are refused with a clear error.
 */
import type { Cloud } from '../../core/cloud';
import { ValidationError } from '../../core/errors';
import type { Rule } from './model';

export type Schedule = { readonly kind: 'rate'; readonly ms: number } | { readonly kind: 'cron'; readonly fields: readonly (ReadonlySet<number> | undefined)[] };

const UNITS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** [min, max] per cron field; day-of-week 1-7 is SUN-SAT as in EventBridge. */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [1, 7],
  [1970, 2199],
];

function parseField(text: string, index: number, expression: string): ReadonlySet<number> | undefined {
  if (text === '*' || text === '?') return undefined;
  if (/[LW#]/.test(text)) throw new ValidationError(`Parameter ScheduleExpression is not valid: ${expression} (L, W and # are not supported by the local cloud)`);
  const [lo, hi] = RANGES[index]!;
  const names = index === 3 ? MONTHS : index === 4 ? DAYS : undefined;
  const value = (s: string) => {
    const named = names?.indexOf(s.toUpperCase()) ?? -1;
    const n = named >= 0 ? named + 1 : Number(s);
    if (!Number.isInteger(n) || n < lo || n > hi) throw new ValidationError(`Parameter ScheduleExpression is not valid: ${expression}`);
    return n;
  };
  const set = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new ValidationError(`Parameter ScheduleExpression is not valid: ${expression}`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [lo, hi];
    else if (range!.includes('-')) [from, to] = range!.split('-').map(value) as [number, number];
    else [from, to] = [value(range!), stepText === undefined ? value(range!) : hi];
    for (let n = from; n <= to; n += step) set.add(n);
  }
  return set;
}

export class Schedules {
  private readonly rules = new Map<string, { rule: Rule; schedule: Schedule }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly lastFired = new Map<string, number>();

  constructor(
    private readonly cloud: Cloud,
    private readonly fire: (rule: Rule) => Promise<void>,
  ) {}

  /** Parses a schedule expression; throws `ValidationException` as `PutRule` does. */
  static parse(expression: string): Schedule {
    const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
    if (rate) {
      const n = Number(rate[1]);
      const unit = rate[2]!;
      if (n < 1 || (n === 1) !== !unit.endsWith('s')) throw new ValidationError(`Parameter ScheduleExpression is not valid: ${expression}`);
      return { kind: 'rate', ms: n * UNITS[unit]! };
    }
    const cron = /^cron\((.+)\)$/.exec(expression);
    if (cron) {
      const fields = cron[1]!.trim().split(/\s+/);
      if (fields.length !== 6) throw new ValidationError(`Parameter ScheduleExpression is not valid: ${expression} (cron takes 6 fields)`);
      if ((fields[2] === '?') === (fields[4] === '?')) throw new ValidationError(`Parameter ScheduleExpression is not valid: ${expression} (exactly one of day-of-month and day-of-week must be ?)`);
      return { kind: 'cron', fields: fields.map((f, i) => parseField(f, i, expression)) };
    }
    throw new ValidationError(`Parameter ScheduleExpression is not valid: ${expression}`);
  }

  /** Does a cron schedule fire in the minute starting at `ms`? */
  static cronMatches(schedule: Extract<Schedule, { kind: 'cron' }>, ms: number): boolean {
    const d = new Date(ms);
    const values = [d.getUTCMinutes(), d.getUTCHours(), d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCDay() + 1, d.getUTCFullYear()];
    return schedule.fields.every((set, i) => !set || set.has(values[i]!));
  }

  set(rule: Rule): void {
    if (rule.schedule && rule.state === 'ENABLED') {
      const schedule = Schedules.parse(rule.schedule);
      this.rules.set(rule.arn, { rule, schedule });
      if (!this.lastFired.has(rule.arn)) this.lastFired.set(rule.arn, schedule.kind === 'rate' ? Date.now() : Math.floor(Date.now() / 60_000) * 60_000);
    } else this.rules.delete(rule.arn);
  }

  delete(arn: string): void {
    this.rules.delete(arn);
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), Math.max(50, 1000 * Math.min(1, this.cloud.config.delayScale))).unref();
  }

  private tick(): void {
    const now = Date.now();
    for (const [arn, { rule, schedule }] of this.rules) {
      const last = this.lastFired.get(arn) ?? now;
      if (schedule.kind === 'rate') {
        if (now - last < schedule.ms * this.cloud.config.delayScale) continue;
        this.lastFired.set(arn, now);
      } else {
        // Once per UTC minute, when the minute matches.
        const minute = Math.floor(now / 60_000) * 60_000;
        if (minute <= last) continue;
        this.lastFired.set(arn, minute);
        if (!Schedules.cronMatches(schedule, minute)) continue;
      }
      this.fire(rule).catch((err: unknown) => this.cloud.log.error(`scheduled rule ${rule.name} could not fire`, { error: err as Error }));
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
