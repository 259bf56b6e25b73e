import { DateTime } from 'luxon';

import { rawAnswer, requestLines, runThreads, useSimulator } from './fixtures';

const threads = useSimulator();

function yesterdayRange(timezone = 'UTC') {
	const today = DateTime.now().setZone(timezone).startOf('day');
	return { since: Math.floor(today.minus({ days: 1 }).toSeconds()), until: Math.floor(today.toSeconds()) - 1, day: today.minus({ days: 1 }).toISODate() };
}

const userInsights = (parameters: Record<string, unknown>) => ({
	parameters: { resource: 'user', operation: 'getInsights', ...parameters },
});

describe('User → Get Insights', () => {
	it('defaults: yesterday, one request, one row with every total (views summed in)', async () => {
		const { since, until, day } = yesterdayRange();
		const raw = await rawAnswer(threads, `/v1.0/me/threads_insights?metric=views,likes,replies,reposts,quotes&since=${since}&until=${until}`);
		const byName = Object.fromEntries(raw.data.map((insight: any) => [insight.name, insight]));
		const result = await runThreads(threads, userInsights({}));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				since: day,
				until: DateTime.fromSeconds(until, { zone: 'UTC' }).toISODate(),
				views: byName.views.values.reduce((sum: number, v: { value: number }) => sum + v.value, 0),
				likes: byName.likes.total_value.value,
				replies: byName.replies.total_value.value,
				reposts: byName.reposts.total_value.value,
				quotes: byName.quotes.total_value.value,
			},
		]);
		expect(requestLines(threads.sim)).toEqual([
			`GET /v1.0/me/threads_insights?metric=views,likes,replies,reposts,quotes&since=${since}&until=${until}`,
		]);
	});

	it('views alone: one row per day', async () => {
		const today = DateTime.now().setZone('UTC').startOf('day');
		const since = Math.floor(today.minus({ days: 7 }).toSeconds());
		const until = Math.floor(today.toSeconds()) - 1;
		const raw = await rawAnswer(threads, `/v1.0/me/threads_insights?metric=views&since=${since}&until=${until}`);
		const result = await runThreads(threads, userInsights({ metrics: ['views'], dateRange: 'last7Days' }));
		expect(result.items).toHaveLength(raw.data[0].values.length);
		expect(result.items.map((row) => row.views)).toEqual(raw.data[0].values.map((v: { value: number }) => v.value));
		expect(result.items.every((row) => /^\d{4}-\d{2}-\d{2}$/.test(String(row.date)))).toBe(true);
	});

	it('splits a mixed selection into the requests Meta accepts: ranged, unranged, demographics', async () => {
		const { since, until } = yesterdayRange();
		const result = await runThreads(
			threads,
			userInsights({ metrics: ['likes', 'followers_count', 'follower_demographics', 'clicks'], breakdown: 'country' }),
		);
		expect(result.error).toBeUndefined();
		expect(requestLines(threads.sim)).toEqual([
			`GET /v1.0/me/threads_insights?metric=likes,clicks&since=${since}&until=${until}`,
			'GET /v1.0/me/threads_insights?metric=followers_count',
			'GET /v1.0/me/threads_insights?breakdown=country&metric=follower_demographics',
		]);
		const [totals, ...rest] = result.items;
		expect(totals).toEqual({ since: expect.any(String), until: expect.any(String), likes: expect.any(Number), followers_count: 12345 });
		const links = rest.filter((row) => 'link_url' in row);
		const demographics = rest.filter((row) => 'dimension' in row);
		expect(links.length + demographics.length).toBe(rest.length);
		for (const link of links) expect(link).toEqual({ link_url: expect.any(String), clicks: expect.any(Number) });
		expect(demographics.length).toBeGreaterThan(0);
		for (const row of demographics) expect(row).toEqual({ breakdown: 'country', dimension: expect.any(String), followers: expect.any(Number) });
		const counts = demographics.map((row) => row.followers as number);
		expect([...counts].sort((a, b) => b - a)).toEqual(counts);
	});

	it('custom range in the workflow timezone; a date as Until means that whole day', async () => {
		const result = await runThreads(
			threads,
			userInsights({ metrics: ['likes'], dateRange: 'custom', since: '2025-06-01', until: '2025-06-08' }),
			{ timezone: 'Europe/Berlin' },
		);
		expect(result.error).toBeUndefined();
		expect(threads.sim.requests[0].query).toMatchObject({
			since: String(Date.parse('2025-05-31T22:00:00Z') / 1000),
			until: String(Date.parse('2025-06-08T21:59:59Z') / 1000),
		});
		expect(result.items[0]).toMatchObject({ since: '2025-06-01', until: '2025-06-08' });
	});

	it.each([
		[{ metrics: [] }, /"Metrics" is empty/],
		[{ metrics: ['likes'], breakdown: 'age' }, /"Breakdown" only applies to follower_demographics/],
		[{ metrics: ['follower_demographics'] }, /needs a "Breakdown"/],
		[{ dateRange: 'custom', since: '2024-01-01' }, /"Since" is before April 13, 2024/],
		[{ dateRange: 'custom', since: '2025-02-01', until: '2025-01-01' }, /"Until" must be after "Since"/],
		[{ dateRange: 'custom', since: 'last tuesday' }, /"Since" is not a date/],
	])('refuses %j before any request', async (parameters, message) => {
		const result = await runThreads(threads, userInsights(parameters));
		expect(result.error?.message).toMatch(message);
		expect(threads.sim.requests).toHaveLength(0);
	});
});
