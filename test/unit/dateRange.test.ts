import { isoDay, rangeProblem, resolveDateRange, splitRange, toUnixSeconds } from '../../nodes/shared/parameters/dateRange';

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
