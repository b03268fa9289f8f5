/**
 * Study days in the user's time zone. A day ends at `day_starts_at_hour` local time (4 am by default, as in
 * Anki), so a late-night session still counts for the evening's day. Uses only Intl, which every JS runtime has.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(instant: Date, timeZone: string): WallTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { year: +parts.year!, month: +parts.month!, day: +parts.day!, hour: +parts.hour!, minute: +parts.minute!, second: +parts.second! };
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the local clock shows this date and hour. In a DST gap (an hour that does not exist)
 * the result is within an hour of it, which is all a day boundary needs.
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const local = Date.UTC(year, month - 1, day, hour);
  // Two passes: the offset at a first guess can differ from the offset at the answer across a DST change.
  const first = local - offsetAt(new Date(local), timeZone);
  return new Date(local - offsetAt(new Date(first), timeZone));
}

export interface StudyDay {
  /** Local calendar date of the study day, YYYY-MM-DD. */
  date: string;
  start: Date;
  end: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The study day containing `now`, and `offsetDays` days after it (negative: before). */
export function studyDay(now: Date, timeZone: string, startHour: number, offsetDays = 0): StudyDay {
  const local = wallTime(now, timeZone);
  // Before the rollover hour it is still the previous day.
  const base = new Date(Date.UTC(local.year, local.month - 1, local.day - (local.hour < startHour ? 1 : 0) + offsetDays));
  const [y, m, d] = [base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate()];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return {
    date: `${y}-${pad(m)}-${pad(d)}`,
    start: zonedInstant(y, m, d, startHour, timeZone),
    end: zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), startHour, timeZone),
  };
}

/** The local date (YYYY-MM-DD) of the study day that contains `instant`. */
export const studyDate = (instant: Date, timeZone: string, startHour: number): string => studyDay(instant, timeZone, startHour).date;
