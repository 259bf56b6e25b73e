import { rawAnswer, requestLines, runThreads, useSimulator } from './fixtures';

// The node and the simulator read the faked clock (Date); timers stay real.
const NOW = Date.parse('2026-11-29T12:00:00Z');
beforeEach(() => {
	jest.useFakeTimers({
		doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'],
		now: NOW,
	});
});
afterEach(() => jest.useRealTimers());
const threads = useSimulator();

/** Start of Meta's Threads day (08:00 UTC, its pages' fixed UTC−8 day), Unix seconds. */
const metaDay = (day: string) => Date.parse(`${day}T08:00:00Z`) / 1000;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);

const userInsights = (parameters: Record<string, unknown>) => ({
	parameters: { resource: 'user', operation: 'getInsights', ...parameters },
});

describe('User → Get Insights', () => {
	it('defaults: yesterday = one Meta day, one request aligned to it, one row with every total (that day\'s views)', async () => {
		const since = metaDay('2026-11-28');
		const until = metaDay('2026-11-29');
		const raw = await rawAnswer(threads, `/v1.0/me/threads_insights?metric=views,likes,replies,reposts,quotes&since=${since}&until=${until}`);
		const byName = Object.fromEntries(raw.data.map((insight: any) => [insight.name, insight]));
		expect(byName.views.values).toHaveLength(1);
		const result = await runThreads(threads, userInsights({}));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				since: '2026-11-28',
				until: '2026-11-28',
				views: byName.views.values[0].value,
				likes: byName.likes.total_value.value,
				replies: byName.replies.total_value.value,
				reposts: byName.reposts.total_value.value,
				quotes: byName.quotes.total_value.value,
				complete: true,
			},
		]);
		expect(requestLines(threads.sim)).toEqual([
			`GET /v1.0/me/threads_insights?metric=views,likes,replies,reposts,quotes&since=${since}&until=${until}`,
		]);
	});

	it('views alone, last 7 days: exactly 7 rows, one per Meta day, labelled with that day', async () => {
		const raw = await rawAnswer(threads, `/v1.0/me/threads_insights?metric=views&since=${metaDay('2026-11-22')}&until=${metaDay('2026-11-29')}`);
		const result = await runThreads(threads, userInsights({ metrics: ['views'], dateRange: 'last7Days' }));
		expect(result.items.map((row) => row.date)).toEqual(['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28']);
		expect(result.items.map((row) => row.views)).toEqual(raw.data[0].values.map((v: { value: number }) => v.value));
		expect(result.items.every((row) => row.complete === true)).toBe(true);
	});

	it('splits a mixed selection into the requests Meta accepts: ranged, unranged, demographics', async () => {
		const result = await runThreads(
			threads,
			userInsights({ metrics: ['likes', 'followers_count', 'follower_demographics', 'clicks'], breakdown: 'country' }),
		);
		expect(result.error).toBeUndefined();
		expect(requestLines(threads.sim)).toEqual([
			`GET /v1.0/me/threads_insights?metric=likes,clicks&since=${metaDay('2026-11-28')}&until=${metaDay('2026-11-29')}`,
			'GET /v1.0/me/threads_insights?metric=followers_count',
			'GET /v1.0/me/threads_insights?breakdown=country&metric=follower_demographics',
		]);
		const [totals, ...rest] = result.items;
		expect(totals).toEqual({ since: '2026-11-28', until: '2026-11-28', likes: expect.any(Number), followers_count: 12345, complete: true });
		const links = rest.filter((row) => 'link_url' in row);
		const demographics = rest.filter((row) => 'dimension' in row);
		expect(links.length + demographics.length).toBe(rest.length);
		for (const link of links) expect(link).toEqual({ link_url: expect.any(String), clicks: expect.any(Number) });
		expect(demographics.length).toBeGreaterThan(0);
		for (const row of demographics) expect(row).toEqual({ breakdown: 'country', dimension: expect.any(String), followers: expect.any(Number) });
		const counts = demographics.map((row) => row.followers as number);
		expect([...counts].sort((a, b) => b - a)).toEqual(counts);
	});

	it('Compare With Previous Period: the same days just before, one more request, _previous and _change_pct after each total', async () => {
		const answer = async (first: string, last: string) =>
			(await rawAnswer(threads, `/v1.0/me/threads_insights?metric=views,likes&since=${metaDay(first)}&until=${metaDay(nextDay(last))}`)).data;
		const now = await answer('2026-11-22', '2026-11-28');
		const before = await answer('2026-11-15', '2026-11-21');
		const sum = (data: any[], name: string) => {
			const insight = data.find((entry) => entry.name === name);
			return insight.total_value?.value ?? insight.values.reduce((total: number, v: { value: number }) => total + v.value, 0);
		};
		const pct = (a: number, b: number) => Math.round(((a - b) / b) * 1000) / 10;
		const result = await runThreads(threads, userInsights({ metrics: ['views', 'likes', 'followers_count'], dateRange: 'last7Days', compareWithPrevious: true }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(Object.keys(result.items[0])).toEqual(['since', 'until', 'views', 'views_previous', 'views_change_pct', 'likes', 'likes_previous', 'likes_change_pct', 'followers_count', 'complete']);
		expect(result.items[0]).toMatchObject({
			views: sum(now, 'views'),
			views_previous: sum(before, 'views'),
			views_change_pct: pct(sum(now, 'views'), sum(before, 'views')),
			likes_previous: sum(before, 'likes'),
			likes_change_pct: pct(sum(now, 'likes'), sum(before, 'likes')),
		});
		expect(requestLines(threads.sim)).toEqual([
			`GET /v1.0/me/threads_insights?metric=views,likes&since=${metaDay('2026-11-22')}&until=${metaDay('2026-11-29')}`,
			'GET /v1.0/me/threads_insights?metric=followers_count',
			`GET /v1.0/me/threads_insights?metric=views,likes&since=${metaDay('2026-11-15')}&until=${metaDay('2026-11-22')}`,
		]);
	});

	it('Compare With Previous Period needs a total, refused before any request otherwise', async () => {
		const result = await runThreads(threads, userInsights({ metrics: ['views'], compareWithPrevious: true }));
		expect(result.error?.message).toMatch(/"Compare With Previous Period" compares totals/);
		expect(threads.sim.requests).toHaveLength(0);
	});

	it('custom dates: Meta days from Since to Until, a date as Until meaning that whole day', async () => {
		const result = await runThreads(
			threads,
			userInsights({ metrics: ['likes'], dateRange: 'custom', since: '2025-06-01', until: '2025-06-08' }),
			{ timezone: 'Europe/Berlin' },
		);
		expect(result.error).toBeUndefined();
		expect(threads.sim.requests[0].query).toMatchObject({ since: String(metaDay('2025-06-01')), until: String(metaDay(nextDay('2025-06-08'))) });
		expect(result.items[0]).toMatchObject({ since: '2025-06-01', until: '2025-06-08', complete: true });
	});

	it('Breakdown is shown only with Follower Demographics: a value left behind is not sent', async () => {
		const result = await runThreads(threads, userInsights({ metrics: ['likes'], breakdown: 'age' }));
		expect(result.error).toBeUndefined();
		expect(threads.sim.requests.map((request) => request.query.breakdown)).toEqual([undefined]);
	});

	it.each([
		[{ metrics: [] }, /"Metrics" is empty/],
		[{ metrics: ['follower_demographics'] }, /^Follower Demographics needs a "Breakdown"/],
		[{ dateRange: 'custom', since: '2024-01-01' }, /"Since" is before April 13, 2024/],
		[{ dateRange: 'custom', since: '2025-02-01', until: '2025-01-01' }, /"Until" must be after "Since"/],
		[{ dateRange: 'custom', since: 'last tuesday' }, /"Since" is not a date/],
	])('refuses %j before any request', async (parameters, message) => {
		const result = await runThreads(threads, userInsights(parameters));
		expect(result.error?.message).toMatch(message);
		expect(threads.sim.requests).toHaveLength(0);
	});
});
