/**
 * Date presets ("Yesterday", "Last 7 days", ...) → the Unix `since` / `until` Meta expects,
 * computed in the workflow's timezone. Pure: luxon only, no n8n, no HTTP.
 */
import { DateTime } from 'luxon';

export type DatePreset = 'today' | 'yesterday' | 'last7Days' | 'last30Days' | 'thisMonth' | 'lastWeek' | 'lastMonth' | 'custom' | 'none';
export type WeekStart = 'monday' | 'sunday' | 'saturday';

export interface UnixRange {
	since?: number;
	until?: number;
}

export interface ResolveRangeInput {
	preset: DatePreset;
	timezone: string;
	/** The moment "now" is; a parameter so that tests and the trigger can pin it. */
	now?: Date;
	/** For `lastWeek`; default Monday. */
	weekStart?: WeekStart;
	/** For `custom`: ISO date/date-time strings or Unix seconds. Either may be empty. */
	since?: string | number;
	until?: string | number;
}

/** Parses what a user can type or map: Unix seconds, Unix ms, or an ISO date (in `timezone`). */
export function toUnixSeconds(value: string | number | undefined, timezone: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' || /^\d+$/.test(String(value).trim())) {
		const numeric = Number(value);
		return numeric > 1e11 ? Math.floor(numeric / 1000) : Math.floor(numeric);
	}
	const parsed = DateTime.fromISO(String(value).trim(), { zone: timezone });
	return parsed.isValid ? Math.floor(parsed.toSeconds()) : Number.NaN;
}

/**
 * Presets cover whole days in the workflow's timezone; "today" and "this month" end now,
 * the others end one second before today's midnight, so the incomplete day is never
 * counted, whether Meta reads `until` as inclusive (Instagram's pages say so) or not.
 */
export function resolveDateRange(input: ResolveRangeInput): UnixRange {
	const now = DateTime.fromJSDate(input.now ?? new Date(), { zone: input.timezone });
	const today = now.startOf('day');
	const seconds = (moment: DateTime) => Math.floor(moment.toSeconds());
	const endOfYesterday = seconds(today) - 1;
	switch (input.preset) {
		case 'today':
			return { since: seconds(today), until: seconds(now) };
		case 'yesterday':
			return { since: seconds(today.minus({ days: 1 })), until: endOfYesterday };
		case 'last7Days':
			return { since: seconds(today.minus({ days: 7 })), until: endOfYesterday };
		case 'last30Days':
			return { since: seconds(today.minus({ days: 30 })), until: endOfYesterday };
		case 'thisMonth':
			return { since: seconds(now.startOf('month')), until: seconds(now) };
		case 'lastWeek': {
			const start = lastWeekStart(today, input.weekStart);
			return { since: seconds(start), until: seconds(start.plus({ days: 7 })) - 1 };
		}
		case 'lastMonth':
			return { since: seconds(today.startOf('month').minus({ months: 1 })), until: seconds(today.startOf('month')) - 1 };
		case 'custom': {
			const since = toUnixSeconds(input.since, input.timezone);
			// An empty "Until" means now; sent explicitly, since Meta documents the two as a pair.
			let until = toUnixSeconds(input.until, input.timezone) ?? (since !== undefined ? seconds(now) : undefined);
			// "Until 2026-11-24" (or the date picker's 2026-11-24T00:00:00) means that whole day (up to
			// now, if it is today; a later day stays as it is, to be refused).
			if (isWholeDay(input.until) && until !== undefined && !Number.isNaN(until) && until <= seconds(now)) {
				until = Math.min(seconds(DateTime.fromSeconds(until, { zone: input.timezone }).endOf('day')), seconds(now));
			}
			return { since, until };
		}
		default:
			return {};
	}
}

const WEEKDAY: Record<WeekStart, number> = { monday: 1, saturday: 6, sunday: 7 };

/** The first day of the last whole week before `today` (luxon weekdays: Monday 1 … Sunday 7). */
function lastWeekStart(today: DateTime, weekStart: WeekStart = 'monday'): DateTime {
	const back = (today.weekday - WEEKDAY[weekStart] + 7) % 7;
	return today.minus({ days: back + 7 });
}

/**
 * A bare date, or a date-time at midnight in its own offset: what n8n's date picker and
 * `{{ $today }}` give for a day (2026-11-24T00:00:00, 2026-11-24T00:00:00.000+01:00).
 */
function isWholeDay(value: string | number | undefined): boolean {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return false;
	const parsed = DateTime.fromISO(value.trim(), { setZone: true });
	return parsed.isValid && parsed.hour === 0 && parsed.minute === 0 && parsed.second === 0 && parsed.millisecond === 0;
}

/** The calendar days a range asks for, as ISO dates in the workflow's timezone. */
export interface DaySpan {
	first: string;
	last: string;
}

/**
 * The days a preset or a custom range means, in the workflow's timezone: "Yesterday" is one
 * day, "Last 7 days" the 7 days before today. Undefined when the range has no start (Meta's
 * default then applies) or a date does not parse (the range check reports that).
 */
export function requestedDays(input: ResolveRangeInput): DaySpan | undefined {
	const today = DateTime.fromJSDate(input.now ?? new Date(), { zone: input.timezone }).startOf('day');
	const span = (first: DateTime, last: DateTime): DaySpan => ({ first: first.toISODate() ?? '', last: last.toISODate() ?? '' });
	const daysBack = (days: number) => span(today.minus({ days }), today.minus({ days: 1 }));
	switch (input.preset) {
		case 'today':
			return span(today, today);
		case 'yesterday':
			return daysBack(1);
		case 'last7Days':
			return daysBack(7);
		case 'last30Days':
			return daysBack(30);
		case 'thisMonth':
			return span(today.startOf('month'), today);
		case 'lastWeek': {
			const start = lastWeekStart(today, input.weekStart);
			return span(start, start.plus({ days: 6 }));
		}
		case 'lastMonth':
			return span(today.startOf('month').minus({ months: 1 }), today.startOf('month').minus({ days: 1 }));
		case 'custom': {
			const dayOf = (value: string | number | undefined) => {
				const unix = toUnixSeconds(value, input.timezone);
				return unix === undefined || Number.isNaN(unix) ? undefined : DateTime.fromSeconds(unix, { zone: input.timezone }).startOf('day');
			};
			const first = dayOf(input.since);
			if (!first) return undefined;
			// A date-time Until at midnight ends the day before; any later time includes its day.
			const untilUnix = toUnixSeconds(input.until, input.timezone);
			let last = dayOf(input.until) ?? today;
			if (untilUnix !== undefined && !isWholeDay(input.until) && DateTime.fromSeconds(untilUnix, { zone: input.timezone }).equals(last)) {
				last = last.minus({ days: 1 });
			}
			return span(first, last < first ? first : last);
		}
		default:
			return undefined;
	}
}

/**
 * The period just before `days` (for "Compare With Previous Period"): the previous calendar
 * month when `days` is a whole month, otherwise the same number of days.
 */
export function previousDays(days: DaySpan): DaySpan {
	const first = DateTime.fromISO(days.first, { zone: 'UTC' });
	const wholeMonth = first.day === 1 && DateTime.fromISO(days.last, { zone: 'UTC' }).equals(first.endOf('month').startOf('day'));
	if (wholeMonth) {
		const month = first.minus({ months: 1 });
		return { first: month.toISODate() ?? '', last: month.endOf('month').toISODate() ?? '' };
	}
	const length = DateTime.fromISO(days.last, { zone: 'UTC' }).diff(first, 'days').days + 1;
	return { first: first.minus({ days: length }).toISODate() ?? '', last: first.minus({ days: 1 }).toISODate() ?? '' };
}

/**
 * The range to send for whole days of Meta's insights. Meta counts daily values in day
 * buckets of its own zone (`dayZone`: Threads' pages stamp them at 08:00 UTC, Instagram's at
 * Pacific midnight), so a range is sent from the first day's bucket start to the last day's
 * bucket end (capped at now): the totals then cover exactly the days of the daily rows.
 * `complete` is false while the last bucket has not ended.
 */
export function metaDayRange(days: DaySpan, dayZone: string, now: Date = new Date()): { since: number; until: number; complete: boolean } {
	const start = DateTime.fromISO(days.first, { zone: dayZone }).startOf('day');
	const end = DateTime.fromISO(days.last, { zone: dayZone }).plus({ days: 1 }).startOf('day');
	const nowSeconds = Math.floor(now.getTime() / 1000);
	const endSeconds = Math.floor(end.toSeconds());
	return { since: Math.floor(start.toSeconds()), until: Math.min(endSeconds, nowSeconds), complete: endSeconds <= nowSeconds };
}

/** When a day begins in `dayZone`, as HH:mm UTC (for messages). */
export function dayStartUtc(day: string, dayZone: string): string {
	return DateTime.fromISO(day, { zone: dayZone }).toUTC().toFormat('HH:mm');
}

/** Consecutive day spans of at most `maxSeconds` each in `dayZone` (Meta refuses longer ranges). */
export function splitDays(days: DaySpan, dayZone: string, maxSeconds: number): DaySpan[] {
	const spans: DaySpan[] = [];
	let first = DateTime.fromISO(days.first, { zone: dayZone });
	const last = DateTime.fromISO(days.last, { zone: dayZone });
	while (first <= last) {
		let end = first;
		while (end < last && end.plus({ days: 2 }).startOf('day').toSeconds() - first.toSeconds() <= maxSeconds) end = end.plus({ days: 1 });
		spans.push({ first: first.toISODate() ?? '', last: end.toISODate() ?? '' });
		first = end.plus({ days: 1 });
	}
	return spans;
}

export interface RangeRules {
	/** Earliest Unix time the endpoint accepts (e.g. 1712991600 for Threads user insights). */
	earliest: number;
	earliestLabel: string;
	now?: Date;
}

/** A human message naming the field and the fix, or undefined when the range is fine. */
export function rangeProblem(range: UnixRange, rules: RangeRules): string | undefined {
	const nowSeconds = Math.floor((rules.now ?? new Date()).getTime() / 1000);
	for (const field of ['since', 'until'] as const) {
		const value = range[field];
		if (value === undefined) continue;
		if (Number.isNaN(value)) {
			return `"${field === 'since' ? 'Since' : 'Until'}" is not a date: use a date such as 2024-06-01, a date-time, or a Unix timestamp`;
		}
		if (value < rules.earliest) {
			return `"${field === 'since' ? 'Since' : 'Until'}" is before ${rules.earliestLabel}, the earliest date Meta accepts here: pick a later date`;
		}
	}
	if (range.until !== undefined && range.until > nowSeconds + 60) {
		return '"Until" is in the future: pick a date up to now, or leave it empty';
	}
	if (range.since !== undefined && range.until !== undefined && range.until <= range.since) {
		return '"Until" must be after "Since": swap the two dates';
	}
	return undefined;
}

/** `YYYY-MM-DD` of a Unix time in the workflow's timezone, for the range columns of a row. */
export function isoDay(unixSeconds: number | undefined, timezone: string): string | undefined {
	if (unixSeconds === undefined) return undefined;
	return DateTime.fromSeconds(unixSeconds, { zone: timezone }).toISODate() ?? undefined;
}

/** A range as query parameters: only the ends it has. */
export function rangeQuery(range: UnixRange): UnixRange {
	return {
		...(range.since !== undefined ? { since: range.since } : {}),
		...(range.until !== undefined ? { until: range.until } : {}),
	};
}

/**
 * Splits a range into consecutive windows no longer than `maxSeconds` (Meta refuses longer
 * ones), oldest first. Windows do not share a second (inclusive bounds would count it twice).
 * A range without both ends is returned as it is.
 */
export function splitRange(range: UnixRange, maxSeconds: number): UnixRange[] {
	const { since, until } = range;
	if (since === undefined || until === undefined || until - since <= maxSeconds) return [range];
	const windows: UnixRange[] = [];
	for (let start = since; start <= until; start += maxSeconds) {
		windows.push({ since: start, until: Math.min(until, start + maxSeconds - 1) });
	}
	return windows;
}
