import { isoDay, metaDayRange, previousDays, rangeProblem, requestedDays, resolveDateRange, splitDays, splitRange, toUnixSeconds } from '../../nodes/shared/parameters/dateRange';

const now = new Date('2026-03-10T15:30:00Z');
const unix = (iso: string) => Date.parse(iso) / 1000;

describe('resolveDateRange', () => {
	it('computes presets in the workflow timezone, whole days ending one second before midnight', () => {
		const berlin = (preset: Parameters<typeof resolveDateRange>[0]['preset']) =>
			resolveDateRange({ preset, timezone: 'Europe/Berlin', now });
		expect(berlin('yesterday')).toEqual({ since: unix('2026-03-08T23:00:00Z'), until: unix('2026-03-09T22:59:59Z') });
		expect(berlin('today')).toEqual({ since: unix('2026-03-09T23:00:00Z'), until: unix('2026-03-10T15:30:00Z') });
		expect(berlin('last7Days')).toEqual({ since: unix('2026-03-02T23:00:00Z'), until: unix('2026-03-09T22:59:59Z') });
		expect(berlin('last30Days').since).toBe(unix('2026-02-07T23:00:00Z'));
		expect(berlin('thisMonth')).toEqual({ since: unix('2026-02-28T23:00:00Z'), until: unix('2026-03-10T15:30:00Z') });
		expect(berlin('none')).toEqual({});
	});

	it('a different timezone moves the day boundaries', () => {
		const ny = resolveDateRange({ preset: 'yesterday', timezone: 'America/New_York', now });
		expect(ny).toEqual({ since: unix('2026-03-09T04:00:00Z'), until: unix('2026-03-10T03:59:59Z') });
	});

	it('custom accepts dates, date-times, Unix seconds and milliseconds', () => {
		expect(resolveDateRange({ preset: 'custom', timezone: 'UTC', since: '2025-01-01', until: 1736035200 })).toEqual({
			since: unix('2025-01-01T00:00:00Z'),
			until: 1736035200,
		});
		expect(toUnixSeconds(1736035200000, 'UTC')).toBe(1736035200);
		expect(toUnixSeconds('', 'UTC')).toBeUndefined();
		expect(toUnixSeconds('not a date', 'UTC')).toBeNaN();
	});

	it('custom with an empty Until ends now (Meta documents since and until as a pair); both empty: no range', () => {
		expect(resolveDateRange({ preset: 'custom', timezone: 'UTC', now, since: '2026-03-01', until: '' })).toEqual({
			since: unix('2026-03-01T00:00:00Z'),
			until: unix('2026-03-10T15:30:00Z'),
		});
		expect(resolveDateRange({ preset: 'custom', timezone: 'UTC', now, since: '', until: '' })).toEqual({ since: undefined, until: undefined });
	});

	it('custom Until given as a date means that whole day, in the workflow timezone, and never past now', () => {
		expect(resolveDateRange({ preset: 'custom', timezone: 'Asia/Tokyo', now, since: '2026-03-05', until: '2026-03-05' })).toEqual({
			since: unix('2026-03-04T15:00:00Z'),
			until: unix('2026-03-05T14:59:59Z'),
		});
		// Today (in Berlin): up to now.
		expect(resolveDateRange({ preset: 'custom', timezone: 'Europe/Berlin', now, since: '2026-03-09', until: '2026-03-10' }).until).toBe(unix('2026-03-10T15:30:00Z'));
		// The date picker's or {{ $today }}'s midnight with an offset is that whole day too.
		expect(resolveDateRange({ preset: 'custom', timezone: 'Europe/Berlin', now, since: '2026-03-01', until: '2026-03-05T00:00:00.000+01:00' }).until).toBe(unix('2026-03-05T22:59:59Z'));
		expect(requestedDays({ preset: 'custom', timezone: 'Europe/Berlin', now, since: '2026-03-01T00:00:00.000+01:00', until: '2026-03-05T00:00:00.000+01:00' })).toEqual({ first: '2026-03-01', last: '2026-03-05' });
		// A date-time Until is taken as it is.
		expect(resolveDateRange({ preset: 'custom', timezone: 'UTC', now, since: '2026-03-01', until: '2026-03-05T12:00' }).until).toBe(unix('2026-03-05T12:00:00Z'));
	});
});

describe('rangeProblem', () => {
	const rules = { earliest: 1712991600, earliestLabel: 'April 13, 2024', now };
	it('names the field and the fix', () => {
		expect(rangeProblem({ since: 1700000000 }, rules)).toMatch(/"Since" is before April 13, 2024/);
		expect(rangeProblem({ since: unix('2025-01-02'), until: unix('2025-01-01') }, rules)).toMatch(/"Until" must be after "Since"/);
		expect(rangeProblem({ until: unix('2027-01-01') }, rules)).toMatch(/"Until" is in the future/);
		expect(rangeProblem({ since: Number.NaN }, rules)).toMatch(/"Since" is not a date/);
		expect(rangeProblem({ since: unix('2025-01-01'), until: unix('2025-01-02') }, rules)).toBeUndefined();
	});
});

test('isoDay reads a Unix time in the timezone', () => {
	expect(isoDay(unix('2026-03-09T23:00:00Z'), 'Europe/Berlin')).toBe('2026-03-10');
	expect(isoDay(undefined, 'UTC')).toBeUndefined();
});

describe('splitRange', () => {
	const DAY = 86400;
	it('splits into windows of at most the allowed length that share no second, oldest first', () => {
		expect(splitRange({ since: 0, until: 65 * DAY }, 30 * DAY)).toEqual([
			{ since: 0, until: 30 * DAY - 1 },
			{ since: 30 * DAY, until: 60 * DAY - 1 },
			{ since: 60 * DAY, until: 65 * DAY },
		]);
	});

	it('leaves a range that fits, or one without both ends, as it is', () => {
		expect(splitRange({ since: 0, until: 30 * DAY }, 30 * DAY)).toEqual([{ since: 0, until: 30 * DAY }]);
		expect(splitRange({ since: 0 }, 30 * DAY)).toEqual([{ since: 0 }]);
	});
});

describe('days of account insights', () => {
	const at = (iso: string) => new Date(iso);
	it('requestedDays: presets as calendar days of the workflow timezone', () => {
		const tokyo = (preset: Parameters<typeof requestedDays>[0]['preset']) => requestedDays({ preset, timezone: 'Asia/Tokyo', now: at('2026-11-29T00:30:00Z') });
		expect(tokyo('yesterday')).toEqual({ first: '2026-11-28', last: '2026-11-28' });
		expect(tokyo('today')).toEqual({ first: '2026-11-29', last: '2026-11-29' });
		expect(tokyo('last7Days')).toEqual({ first: '2026-11-22', last: '2026-11-28' });
		expect(tokyo('last30Days')).toEqual({ first: '2026-10-30', last: '2026-11-28' });
		expect(tokyo('thisMonth')).toEqual({ first: '2026-11-01', last: '2026-11-29' });
		expect(tokyo('none')).toBeUndefined();
	});

	it('requestedDays: custom dates, date-times, an Until at midnight of a Unix time ends the day before', () => {
		const custom = (since: string | number, until: string | number) => requestedDays({ preset: 'custom', timezone: 'UTC', now: at('2026-11-29T12:00:00Z'), since, until });
		expect(custom('2026-11-01', '2026-11-03')).toEqual({ first: '2026-11-01', last: '2026-11-03' });
		expect(custom('2026-11-01T00:00:00', '2026-11-03T00:00:00')).toEqual({ first: '2026-11-01', last: '2026-11-03' });
		expect(custom('2026-11-01', '2026-11-03T15:00')).toEqual({ first: '2026-11-01', last: '2026-11-03' });
		expect(custom('2026-11-01', Date.parse('2026-11-03T00:00:00Z') / 1000)).toEqual({ first: '2026-11-01', last: '2026-11-02' });
		expect(custom('2026-11-01', '')).toEqual({ first: '2026-11-01', last: '2026-11-29' });
		expect(custom('', '2026-11-03')).toBeUndefined();
		expect(custom('nonsense', '')).toBeUndefined();
	});

	it('metaDayRange: from the first day\'s start to the last day\'s end in Meta\'s zone, capped at now', () => {
		const days = { first: '2026-07-11', last: '2026-07-11' };
		// Threads: a fixed UTC−8 day (its page stamps July days at 08:00 UTC).
		expect(metaDayRange(days, 'UTC-8', at('2026-07-13T00:00:00Z'))).toEqual({ since: Date.parse('2026-07-11T08:00:00Z') / 1000, until: Date.parse('2026-07-12T08:00:00Z') / 1000, complete: true });
		// Instagram: Pacific days, 07:00 UTC in summer.
		expect(metaDayRange(days, 'America/Los_Angeles', at('2026-07-13T00:00:00Z')).since).toBe(Date.parse('2026-07-11T07:00:00Z') / 1000);
		// Not ended yet: until is now, and the day is not complete.
		expect(metaDayRange(days, 'UTC-8', at('2026-07-12T03:00:00Z'))).toEqual({ since: Date.parse('2026-07-11T08:00:00Z') / 1000, until: Date.parse('2026-07-12T03:00:00Z') / 1000, complete: false });
	});

	it('splitDays: whole days, at most the given seconds per span, across a DST change', () => {
		const spans = splitDays({ first: '2026-09-01', last: '2026-11-29' }, 'America/Los_Angeles', 30 * 86400);
		expect(spans[0]).toEqual({ first: '2026-09-01', last: '2026-09-30' });
		for (const [index, span] of spans.entries()) {
			const { since, until } = metaDayRange(span, 'America/Los_Angeles', at('2027-01-01T00:00:00Z'));
			expect(until - since).toBeLessThanOrEqual(30 * 86400);
			if (index > 0) expect(span.first > spans[index - 1].last).toBe(true);
		}
		expect(spans.at(-1)?.last).toBe('2026-11-29');
		// The span holding the 25-hour day of Nov 1 has 29 days, not 30.
		expect(spans.some((span) => span.first <= '2026-11-01' && span.last >= '2026-11-01' && metaDayRange(span, 'America/Los_Angeles', at('2027-01-01T00:00:00Z')).until - metaDayRange(span, 'America/Los_Angeles', at('2027-01-01T00:00:00Z')).since === 29 * 86400 + 3600)).toBe(true);
	});
});

describe('Last Complete Week / Month', () => {
	// Thursday 2026-11-26, 10:00 in Berlin.
	const now = new Date('2026-11-26T09:00:00Z');
	it('last week: the 7 days of the last whole week, by the chosen first weekday', () => {
		expect(requestedDays({ preset: 'lastWeek', timezone: 'Europe/Berlin', now })).toEqual({ first: '2026-11-16', last: '2026-11-22' });
		expect(requestedDays({ preset: 'lastWeek', weekStart: 'sunday', timezone: 'Europe/Berlin', now })).toEqual({ first: '2026-11-15', last: '2026-11-21' });
		expect(requestedDays({ preset: 'lastWeek', weekStart: 'saturday', timezone: 'Europe/Berlin', now })).toEqual({ first: '2026-11-14', last: '2026-11-20' });
		// On the first day of a week, last week is the one that just ended.
		expect(requestedDays({ preset: 'lastWeek', timezone: 'UTC', now: new Date('2026-11-23T01:00:00Z') })).toEqual({ first: '2026-11-16', last: '2026-11-22' });
		expect(resolveDateRange({ preset: 'lastWeek', timezone: 'Europe/Berlin', now })).toEqual({ since: unix('2026-11-15T23:00:00Z'), until: unix('2026-11-22T22:59:59Z') });
	});

	it('last month: the whole previous calendar month', () => {
		expect(requestedDays({ preset: 'lastMonth', timezone: 'Asia/Tokyo', now })).toEqual({ first: '2026-10-01', last: '2026-10-31' });
		expect(requestedDays({ preset: 'lastMonth', timezone: 'UTC', now: new Date('2026-03-01T00:00:00Z') })).toEqual({ first: '2026-02-01', last: '2026-02-28' });
		expect(resolveDateRange({ preset: 'lastMonth', timezone: 'UTC', now })).toEqual({ since: unix('2026-10-01T00:00:00Z'), until: unix('2026-10-31T23:59:59Z') });
	});
});

describe('previousDays', () => {
	it('the same number of days just before; a whole month: the month before', () => {
		expect(previousDays({ first: '2026-11-22', last: '2026-11-28' })).toEqual({ first: '2026-11-15', last: '2026-11-21' });
		expect(previousDays({ first: '2026-03-01', last: '2026-03-01' })).toEqual({ first: '2026-02-28', last: '2026-02-28' });
		// A whole month compares with the whole month before.
		expect(previousDays({ first: '2026-10-01', last: '2026-10-31' })).toEqual({ first: '2026-09-01', last: '2026-09-30' });
		expect(previousDays({ first: '2026-03-01', last: '2026-03-31' })).toEqual({ first: '2026-02-01', last: '2026-02-28' });
		expect(previousDays({ first: '2026-10-02', last: '2026-10-31' })).toEqual({ first: '2026-09-02', last: '2026-10-01' });
	});
});
