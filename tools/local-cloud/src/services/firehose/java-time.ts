/**
 * The subset of Java's DateTimeFormatter patterns Firehose prefixes use
 * (`!{timestamp:yyyy-MM-dd}`): y, Y (week-based year), M, d, D, H, h, k, m, s,
 * S, a, E, w (ISO week), with `'quoted'` literals and `''` for a quote. Fields
 * are taken in a time zone (Firehose's CustomTimeZone, UTC by default). Pure.
 */
import { InvalidArgumentException } from './errors';

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 1 = Monday ... 7 = Sunday (ISO)
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const LETTERS = new Set(['y', 'Y', 'M', 'd', 'D', 'H', 'h', 'k', 'm', 's', 'S', 'a', 'E', 'w']);

function fieldsAt(ms: number, zone: string): Fields {
  if (zone === 'UTC') {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
      weekday: ((d.getUTCDay() + 6) % 7) + 1,
    };
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    millisecond: new Date(ms).getUTCMilliseconds(),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1,
  };
}

function dayOfYear(f: Fields): number {
  return Math.round((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000) + 1;
}

/** ISO-8601 week number and its week-based year. */
function isoWeek(f: Fields): { week: number; year: number } {
  const thursday = Date.UTC(f.year, f.month - 1, f.day) + (4 - f.weekday) * 86_400_000;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return { week, year };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function field(letter: string, count: number, f: Fields): string {
  switch (letter) {
    case 'y':
      return count === 2 ? pad(f.year % 100, 2) : pad(f.year, count);
    case 'Y': {
      const { year } = isoWeek(f);
      return count === 2 ? pad(year % 100, 2) : pad(year, count);
    }
    case 'M':
      return count >= 4 ? MONTHS[f.month - 1]! : count === 3 ? MONTHS[f.month - 1]!.slice(0, 3) : pad(f.month, count);
    case 'd':
      return pad(f.day, count);
    case 'D':
      return pad(dayOfYear(f), count);
    case 'H':
      return pad(f.hour, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      return pad(f.millisecond, 3).padEnd(count, '0').slice(0, count);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'E':
      return count >= 4 ? DAYS[f.weekday - 1]! : DAYS[f.weekday - 1]!.slice(0, 3);
    case 'w':
      return pad(isoWeek(f).week, count);
    default:
      throw new InvalidArgumentException(`Unsupported timestamp pattern letter "${letter}"`);
  }
}

type Token = { literal: string } | { letter: string; count: number };

/** Parses a pattern once; throws InvalidArgumentException for a letter it cannot format. */
export function compileJavaPattern(pattern: string): (ms: number, zone?: string) => string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ literal: "'" });
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end === -1) throw new InvalidArgumentException(`Unterminated quote in timestamp pattern "${pattern}"`);
      tokens.push({ literal: pattern.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      if (!LETTERS.has(c)) throw new InvalidArgumentException(`Unsupported timestamp pattern letter "${c}" in "${pattern}"`);
      let count = 1;
      while (pattern[i + count] === c) count++;
      tokens.push({ letter: c, count });
      i += count;
    } else {
      tokens.push({ literal: c });
      i++;
    }
  }
  return (ms, zone = 'UTC') => {
    const f = fieldsAt(ms, zone);
    return tokens.map((t) => ('literal' in t ? t.literal : field(t.letter, t.count, f))).join('');
  };
}
