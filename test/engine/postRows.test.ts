/**
 * Post rows a sheet appended every day can use: a report date, shortened text, reposts
 * skipped or zeroed with a note, and an engagement rate.
 */
import { rawAnswer, requestLines, runThreads, useSimulator } from './fixtures';

const frozenNow = Date.now();
const threads = useSimulator({ now: () => frozenNow });
const ALL = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'];

const list = (rowOptions: Record<string, string | number | boolean>, extra: Record<string, string | number | boolean | string[]> = {}) => ({
	parameters: {
		resource: 'thread',
		operation: 'list',
		returnAll: true,
		fields: ['id', 'timestamp', 'media_type', 'permalink', 'text'],
		includeInsights: ALL,
		rowOptions,
		...extra,
	},
});

describe('Row Options on post lists', () => {
	it('the flagship row: report_date first, the post, its numbers, engagement_rate; reposts skipped; text shortened', async () => {
		const result = await runThreads(threads, list({ reportDate: true, engagementRate: true, reposts: 'skip', textLength: 40 }), { timezone: 'Asia/Tokyo' });
		expect(result.error).toBeUndefined();
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
		expect(result.items.length).toBeGreaterThan(10);
		for (const row of result.items) {
			expect(Object.keys(row)[0]).toBe('report_date');
			expect(row.report_date).toBe(today);
			expect(row.media_type).not.toBe('REPOST_FACADE');
			expect([...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(String(row.text ?? ''))].length).toBeLessThanOrEqual(40);
			const engaged = ['likes', 'replies', 'reposts', 'quotes', 'shares'].reduce((sum, metric) => sum + Number(row[metric]), 0);
			expect(row.engagement_rate).toBe(Number(row.views) > 0 ? Math.round((engaged / Number(row.views)) * 10_000) / 10_000 : null);
			// Columns: the post's fields, then its numbers, then the rate.
			expect(Object.keys(row).slice(-7)).toEqual([...ALL, 'engagement_rate']);
		}
		const long = result.items.find((row) => String(row.text ?? '').endsWith('…'));
		expect(long).toBeDefined();
	});

	it('reposts skipped do not count towards the Limit', async () => {
		const page = await rawAnswer(threads, '/v1.0/me/threads?fields=id,media_type&limit=100');
		const firstRepost = page.data.findIndex((post: { media_type: string }) => post.media_type === 'REPOST_FACADE');
		expect(firstRepost).toBeGreaterThanOrEqual(0);
		const limit = firstRepost + 2;
		const result = await runThreads(threads, list({ reposts: 'skip' }, { returnAll: false, limit }));
		expect(result.items).toHaveLength(limit);
		expect(result.items.map((row) => row.id)).toEqual(
			page.data.filter((post: { media_type: string }) => post.media_type !== 'REPOST_FACADE').slice(0, limit).map((post: { id: string }) => post.id),
		);
	});

	it('reposts as zeros with a note; the default keeps empty cells', async () => {
		const zeros = await runThreads(threads, list({ reposts: 'zeros' }));
		const repost = zeros.items.find((row) => row.media_type === 'REPOST_FACADE');
		expect(repost).toMatchObject({ views: 0, likes: 0, shares: 0, note: expect.stringMatching(/repost/) });
		threads.sim.reset();
		const plain = await runThreads(threads, list({}));
		expect(plain.items.find((row) => row.media_type === 'REPOST_FACADE')).toMatchObject({ views: null, likes: null });
		expect(plain.items.every((row) => !('report_date' in row) && !('engagement_rate' in row))).toBe(true);
	});

	it('engagement rate with only Views chosen: the other metrics are fetched, but only views and the rate are columns', async () => {
		const result = await runThreads(threads, list({ engagementRate: true }, { includeInsights: ['views'], returnAll: false, limit: 3, fields: ['id'] }));
		expect(result.items).toHaveLength(3);
		for (const row of result.items) expect(Object.keys(row)).toEqual(['id', 'views', 'engagement_rate']);
		const insightRequests = requestLines(threads.sim).filter((line) => line.includes('/insights'));
		expect(insightRequests.every((line) => line.includes('metric=views,likes,replies,reposts,quotes,shares'))).toBe(true);
	});

	it('hints where a user can go wrong: a Limit not reached, reposts with empty cells', async () => {
		const result = await runThreads(threads, list({}, { returnAll: false, limit: 5000 }));
		const hints = (result.run.data.resultData.runData.Threads[0].hints ?? []).map((hint) => hint.message);
		expect(hints).toEqual([
			`"Limit" is 5000, but only ${result.items.length} posts were found`,
			'Reposts of other people’s posts have no insights of their own, so their metric cells are empty: Row Options → Reposts can skip them or write zeros',
		]);
		threads.sim.reset();
		const quiet = await runThreads(threads, list({ reposts: 'skip' }, { returnAll: true }));
		expect(quiet.run.data.resultData.runData.Threads[0].hints ?? []).toEqual([]);
	});
});
