/**
 * A day is one day: account insights rows are Meta's day buckets, labelled with their date,
 * and requests are aligned to those buckets, whatever the workflow's timezone, around
 * midnight and DST. The simulator stamps buckets as Meta's Threads page does (end_time at
 * 08:00 UTC: a fixed UTC−8 day).
 */
import { createInstagramDemoWorld } from '../simulator/instagram/demoWorld';
import { InstagramSimulator } from '../simulator/instagram/instagramSimulator';
import { requestLines, runInstagram, runThreads, useSimulator } from './fixtures';

beforeEach(() => {
	jest.useFakeTimers({
		doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'],
	});
});
afterEach(() => jest.useRealTimers());
const threads = useSimulator();

const metaDay = (day: string) => Date.parse(`${day}T08:00:00Z`) / 1000;
const views = (dateRange: string) => ({ parameters: { resource: 'user', operation: 'getInsights', metrics: ['views'], dateRange } });
const totals = (dateRange: string) => ({ parameters: { resource: 'user', operation: 'getInsights', metrics: ['views', 'likes'], dateRange } });

describe.each<[string, string, string, boolean]>([
	// timezone, now (UTC), the workflow's yesterday, whether Meta's day has ended
	['Asia/Tokyo', '2026-11-29T00:30:00Z', '2026-11-28', false],
	['Europe/Berlin', '2026-11-29T07:30:00Z', '2026-11-28', false],
	['Europe/Berlin', '2026-11-29T08:00:00Z', '2026-11-28', true],
	['America/Los_Angeles', '2026-11-29T07:30:00Z', '2026-11-27', true],
	['UTC', '2026-11-29T00:00:30Z', '2026-11-28', false],
	['UTC', '2026-11-29T12:00:00Z', '2026-11-28', true],
])('%s at %s: Yesterday', (timezone, now, yesterday, complete) => {
	beforeEach(() => jest.setSystemTime(Date.parse(now)));

	it(`is one row dated ${yesterday}, complete: ${complete}`, async () => {
		const result = await runThreads(threads, views('yesterday'), { timezone });
		expect(result.error).toBeUndefined();
		expect(result.items.map((row) => [row.date, row.complete])).toEqual([[yesterday, complete]]);
		const until = Math.min(metaDay(yesterday) + 86400, Math.floor(Date.parse(now) / 1000));
		expect(requestLines(threads.sim)).toEqual([`GET /v1.0/me/threads_insights?metric=views&since=${metaDay(yesterday)}&until=${until}`]);
	});

	it('totals cover the same one day as the daily row', async () => {
		const daily = await runThreads(threads, views('yesterday'), { timezone });
		threads.sim.reset();
		const total = await runThreads(threads, totals('yesterday'), { timezone });
		expect(total.items).toEqual([{ since: yesterday, until: yesterday, views: daily.items[0].views, likes: expect.any(Number), complete }]);
	});
});

describe('across DST changes', () => {
	it('Berlin, the week of the spring change (2026-03-29): Last 7 Days = 7 rows, 03-23 … 03-29', async () => {
		jest.setSystemTime(Date.parse('2026-03-30T10:00:00Z'));
		const result = await runThreads(threads, views('last7Days'), { timezone: 'Europe/Berlin' });
		expect(result.items.map((row) => row.date)).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
		expect(requestLines(threads.sim)).toEqual([`GET /v1.0/me/threads_insights?metric=views&since=${metaDay('2026-03-23')}&until=${metaDay('2026-03-30')}`]);
	});

	it('Los Angeles, the night of the autumn change (2026-11-01, 25 hours long): Yesterday is still one Meta day', async () => {
		jest.setSystemTime(Date.parse('2026-11-02T10:00:00Z'));
		const result = await runThreads(threads, views('yesterday'), { timezone: 'America/Los_Angeles' });
		expect(result.items.map((row) => [row.date, row.complete])).toEqual([['2026-11-01', true]]);
	});

	it('Last 30 Days = 30 rows, never 31', async () => {
		jest.setSystemTime(Date.parse('2026-11-29T12:00:00Z'));
		const result = await runThreads(threads, views('last30Days'), { timezone: 'Asia/Tokyo' });
		expect(result.items).toHaveLength(30);
		expect(result.items[0].date).toBe('2026-10-30');
		expect(result.items.at(-1)?.date).toBe('2026-11-28');
	});
});

describe('today', () => {
	it('Today in Tokyo before Meta\'s day began is refused with the hour it begins, before any request', async () => {
		jest.setSystemTime(Date.parse('2026-11-29T01:00:00Z'));
		const result = await runThreads(threads, views('today'), { timezone: 'Asia/Tokyo' });
		expect(result.error?.message).toBe("2026-11-29 has not begun yet in Meta's day (Meta's days start at 08:00 UTC)");
		expect(threads.sim.requests).toHaveLength(0);
	});

	it('Today once it has begun: one row, not complete, and a hint above the output saying when it ends', async () => {
		jest.setSystemTime(Date.parse('2026-11-29T12:00:00Z'));
		const result = await runThreads(threads, views('today'), { timezone: 'UTC' });
		expect(result.items.map((row) => [row.date, row.complete])).toEqual([['2026-11-29', false]]);
		expect(result.run.data.resultData.runData.Threads[0].hints).toEqual([
			{
				message: "Meta's day 2026-11-29 has not ended yet (it ends at 08:00 UTC the next day): its numbers will still grow, so its rows say complete: false",
				type: 'info',
				location: 'outputPane',
			},
		]);
	});
});

describe('Instagram: Pacific days, summer time included', () => {
	let sim: InstagramSimulator;
	let token: string;
	beforeEach(() => {
		jest.setSystemTime(Date.parse('2026-07-15T12:00:00Z'));
		sim = new InstagramSimulator();
		({ token } = createInstagramDemoWorld(sim));
		sim.install();
	});
	afterEach(() => sim.uninstall());

	it('Yesterday in Tokyo in July: one request from 07:00 UTC to 07:00 UTC, the row for that day, complete', async () => {
		const result = await runInstagram({ token, parameters: { resource: 'account', operation: 'getInsights', metrics: ['views'], dateRange: 'yesterday' }, timezone: 'Asia/Tokyo' });
		expect(result.error).toBeUndefined();
		const since = Date.parse('2026-07-14T07:00:00Z') / 1000;
		const until = Date.parse('2026-07-15T07:00:00Z') / 1000;
		expect(sim.requests.map((request) => [request.query.since, request.query.until])).toEqual([[String(since), String(until)]]);
		const raw = await sim.handle({ method: 'GET', path: `/v23.0/me/insights?metric=views&period=day&metric_type=total_value&since=${since}&until=${until}`, headers: { authorization: `Bearer ${token}` } });
		expect(result.output.Instagram.map((item) => item.json)).toEqual([
			{ since: '2026-07-14', until: '2026-07-14', views: (raw.body as any).data[0].total_value.value, complete: true },
		]);
	});
});
