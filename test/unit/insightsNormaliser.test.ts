import {
	accountInsightsRows,
	withPreviousPeriod,
	dayOfEndTime,
	demographicRows,
	insightTotal,
	mediaInsightsRow,
} from '../../nodes/shared/insights/insightsNormaliser';
import { USER_METRIC_SHAPES } from '../../nodes/Threads/threadsApi';

const lifetime = (name: string, value: number) => ({ name, period: 'lifetime', values: [{ value }] });

describe('mediaInsightsRow', () => {
	it('puts each requested metric in its own column, in the requested order', () => {
		const row = mediaInsightsRow('42', [lifetime('likes', 100), lifetime('views', 5000)], ['views', 'likes']);
		expect(row).toEqual({ id: '42', views: 5000, likes: 100 });
		expect(Object.keys(row)).toEqual(['id', 'views', 'likes']);
	});

	it('gives empty cells, not an error, when Meta answers no data (repost facade)', () => {
		expect(mediaInsightsRow('7', [], ['views', 'likes'])).toEqual({ id: '7', views: null, likes: null });
	});
});

describe('insightTotal', () => {
	it('reads every Graph shape', () => {
		expect(insightTotal({ name: 'likes', total_value: { value: 9 } })).toBe(9);
		expect(insightTotal({ name: 'clicks', link_total_values: [{ value: 2, link_url: 'a' }, { value: 3, link_url: 'b' }] })).toBe(5);
		expect(insightTotal({ name: 'views', values: [{ value: 1 }, { value: 2 }] })).toBe(3);
		expect(insightTotal({ name: 'views' })).toBeNull();
		expect(insightTotal(undefined)).toBeNull();
	});
});

describe('dayOfEndTime', () => {
	it('dates a daily value by the day it counts (end_time is the next midnight, Pacific)', () => {
		expect(dayOfEndTime('2024-07-12T08:00:00+0000')).toBe('2024-07-11'); // PST midnight
		expect(dayOfEndTime('2024-07-12T07:00:00+0000')).toBe('2024-07-11'); // PDT midnight
	});
});

describe('accountInsightsRows', () => {
	const views = {
		name: 'views',
		period: 'day',
		values: [
			{ value: 10, end_time: '2024-07-12T07:00:00+0000' },
			{ value: 20, end_time: '2024-07-13T07:00:00+0000' },
		],
	};
	const likes = { name: 'likes', period: 'day', total_value: { value: 7 } };
	const followers = { name: 'followers_count', period: 'day', total_value: { value: 1234 } };

	it('views alone → one row per day', () => {
		expect(accountInsightsRows([views], ['views'], USER_METRIC_SHAPES)).toEqual([
			{ date: '2024-07-11', views: 10 },
			{ date: '2024-07-12', views: 20 },
		]);
	});

	it('views alone answered as one total (the other shape on Meta\'s page) → one range row, not zero rows', () => {
		const viewsTotal = { name: 'views', period: 'day', total_value: { value: 1 } };
		expect(accountInsightsRows([viewsTotal], ['views'], USER_METRIC_SHAPES, { since: '2024-07-11', until: '2024-07-12' })).toEqual([
			{ since: '2024-07-11', until: '2024-07-12', views: 1 },
		]);
	});

	it('totals → one row with the range and a column per metric; views is summed into it', () => {
		const rows = accountInsightsRows([views, likes, followers], ['views', 'likes', 'followers_count'], USER_METRIC_SHAPES, {
			since: '2024-07-11',
			until: '2024-07-13',
		});
		expect(rows).toEqual([{ since: '2024-07-11', until: '2024-07-13', views: 30, likes: 7, followers_count: 1234 }]);
	});

	it('clicks → one row per link; demographics → one row per value, largest first', () => {
		const clicks = { name: 'clicks', link_total_values: [{ value: 11, link_url: 'https://a' }] };
		const demographics = {
			name: 'follower_demographics',
			total_value: {
				breakdowns: [
					{
						dimension_keys: ['country'],
						results: [
							{ dimension_values: ['DE'], value: 5 },
							{ dimension_values: ['US'], value: 50 },
						],
					},
				],
			},
		};
		expect(accountInsightsRows([clicks, demographics], ['clicks', 'follower_demographics'], USER_METRIC_SHAPES)).toEqual([
			{ link_url: 'https://a', clicks: 11 },
			{ breakdown: 'country', dimension: 'US', followers: 50 },
			{ breakdown: 'country', dimension: 'DE', followers: 5 },
		]);
		expect(demographicRows({ name: 'x' })).toEqual([]);
	});
});

describe('day buckets', () => {
	const views = { name: 'views', period: 'day', values: [
		{ value: 5, end_time: '2026-11-27T08:00:00+0000' },
		{ value: 7, end_time: '2026-11-28T08:00:00+0000' },
		{ value: 9, end_time: '2026-11-29T08:00:00+0000' },
	] };
	it('only the buckets dated within the asked days are rows, and only they are summed into totals', () => {
		const shapes = { timeSeries: ['views'], perLink: [], demographics: [] };
		const now = Date.parse('2026-11-29T07:00:00Z');
		expect(accountInsightsRows([views], ['views'], shapes, { since: '2026-11-27', until: '2026-11-28', now })).toEqual([
			{ date: '2026-11-27', views: 7, complete: true },
			{ date: '2026-11-28', views: 9, complete: false },
		]);
		const likes = { name: 'likes', total_value: { value: 3 } };
		expect(accountInsightsRows([views, likes], ['views', 'likes'], shapes, { since: '2026-11-28', until: '2026-11-28', complete: false })).toEqual([
			{ since: '2026-11-28', until: '2026-11-28', views: 9, likes: 3, complete: false },
		]);
	});
});

describe('withPreviousPeriod', () => {
	it('adds _previous and _change_pct after each compared metric; empty when the previous value is 0 or missing', () => {
		expect(withPreviousPeriod({ since: 'a', likes: 150, views: 10, followers_count: 5 }, { likes: 100, views: 0 }, ['likes', 'views'])).toEqual({
			since: 'a',
			likes: 150,
			likes_previous: 100,
			likes_change_pct: 50,
			views: 10,
			views_previous: 0,
			views_change_pct: null,
			followers_count: 5,
		});
		expect(withPreviousPeriod({ likes: 1 }, undefined, ['likes'])).toEqual({ likes: 1, likes_previous: null, likes_change_pct: null });
		expect(withPreviousPeriod({ likes: 2 }, { likes: 3 }, ['likes']).likes_change_pct).toBe(-33.3);
	});
});
