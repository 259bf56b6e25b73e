import https from 'https';
import { createInstagramDemoWorld, IG_DEMO_APP, IG_DEMO_ACCOUNT_ID } from '../simulator/instagram/demoWorld';
import { IgSimResponse, INSTAGRAM_HOST, InstagramSimulator } from '../simulator/instagram/instagramSimulator';
import { FEED_METRICS, REELS_METRICS, STORY_METRICS } from '../simulator/instagram/model';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Json = ReturnType<typeof JSON.parse>;

function setup(options: { latencyMs?: number; maxInFlight?: number } = {}) {
	let clock = NOW;
	const sim = new InstagramSimulator({ now: () => clock, ...options });
	const { account, token } = createInstagramDemoWorld(sim);
	const call = (path: string, opts: { token?: string | null; via?: 'header' | 'query' } = {}): Promise<IgSimResponse> => {
		const sent = opts.token === undefined ? token : opts.token;
		const headers: Record<string, string> = {};
		let full = path;
		if (sent !== null && (opts.via ?? 'header') === 'header') headers.authorization = `Bearer ${sent}`;
		if (sent !== null && opts.via === 'query') full += `${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(sent)}`;
		return sim.handle({ method: 'GET', path: full, headers });
	};
	return { sim, account, token, call, advance: (ms: number) => (clock += ms), setClock: (ms: number) => (clock = ms) };
}

const body = (res: IgSimResponse): Json => res.body as Json;
const err = (res: IgSimResponse): Json => (res.body as Json).error;
const unix = (ms: number) => Math.floor(ms / 1000);

describe('demo world and profile', () => {
	it('has the demo account with a mix of media, 2 before business conversion', () => {
		const { account } = setup();
		expect(account.id).toBe(IG_DEMO_ACCOUNT_ID);
		expect(account.followers).toBe(4321);
		expect(account.media.length).toBeGreaterThanOrEqual(55);
		const kinds = new Set(account.media.map((m) => `${m.mediaProductType}/${m.mediaType}`));
		for (const k of ['FEED/IMAGE', 'FEED/CAROUSEL_ALBUM', 'REELS/VIDEO']) expect(kinds.has(k)).toBe(true);
		expect(account.media.filter((m) => m.timestamp < account.businessSince)).toHaveLength(2);
		expect(account.media.some((m) => m.mediaProductType === 'STORY' && m.viewers === 3)).toBe(true);
		expect(account.media.find((m) => m.mediaType === 'CAROUSEL_ALBUM')!.children!.length).toBeGreaterThanOrEqual(2);
		// Deterministic.
		expect(setup().account.media.map((m) => m.id)).toEqual(account.media.map((m) => m.id));
	});

	it('answers /me with user_id (the account id) and an app-scoped id, with or without a version prefix', async () => {
		const { call, account } = setup();
		const res = await call('/v23.0/me?fields=user_id,username,id,account_type,followers_count,media_count');
		expect(res.status).toBe(200);
		const me = body(res);
		expect(me.user_id).toBe(IG_DEMO_ACCOUNT_ID);
		expect(me.id).not.toBe(IG_DEMO_ACCOUNT_ID);
		expect(me.username).toBe('demo.creator');
		expect(me.followers_count).toBe(4321);
		expect(me.media_count).toBe(account.media.filter((m) => m.mediaProductType !== 'STORY').length);
		expect(body(await call(`/${IG_DEMO_ACCOUNT_ID}?fields=username`, { via: 'query' })).username).toBe('demo.creator');
	});

	it('answers debug_token like an unknown object and never logs tokens', async () => {
		const { call, sim, token } = setup();
		const res = await call(`/debug_token?input_token=${token}`, { via: 'query' });
		expect(res.status).toBe(400);
		expect(err(res).code).toBe(100);
		expect(err(res).message).toMatch(/^Unsupported get request/);
		expect(JSON.stringify(sim.requests)).not.toContain(token);
		expect(sim.requests[0].authVia).toBe('query');
	});
});

describe('media listing', () => {
	it('pages newest first with cursors and a tokenless next URL; stories are not in /media', async () => {
		const { call, account, token } = setup();
		const feed = account.media.filter((m) => m.mediaProductType !== 'STORY');
		const seen: string[] = [];
		let res = await call(`/v23.0/${IG_DEMO_ACCOUNT_ID}/media?fields=id,media_type,timestamp,children{id}&limit=20`, { via: 'query' });
		let pages = 0;
		for (;;) {
			const b = body(res);
			pages++;
			seen.push(...b.data.map((m: Json) => m.id));
			if (!b.paging?.next) {
				expect(b.paging.cursors.after).toBeUndefined();
				break;
			}
			expect(b.paging.next.startsWith(`${INSTAGRAM_HOST}/v23.0/${IG_DEMO_ACCOUNT_ID}/media?`)).toBe(true);
			expect(b.paging.next).not.toContain('access_token');
			expect(b.paging.next).not.toContain(token);
			res = await call(b.paging.next.slice(INSTAGRAM_HOST.length));
		}
		expect(pages).toBe(Math.ceil(feed.length / 20));
		expect(seen).toEqual(feed.map((m) => m.id));
		const first = body(await call('/me/media?fields=timestamp,media_type,children'));
		expect(first.data).toHaveLength(25);
		expect(first.data[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
		const album = first.data.find((m: Json) => m.media_type === 'CAROUSEL_ALBUM');
		expect(album.children.data.length).toBeGreaterThan(1);
	});

	it('rejects limit over 100 and lists live stories on /stories', async () => {
		const { call } = setup();
		const over = await call('/me/media?limit=101');
		expect(err(over).code).toBe(100);
		const stories = body(await call('/me/stories?fields=media_product_type'));
		expect(stories.data).toHaveLength(3);
		expect(stories.data.every((m: Json) => m.media_product_type === 'STORY')).toBe(true);
	});

	it('filters by since/until', async () => {
		const { call, account } = setup();
		const since = unix(NOW - 10 * DAY);
		const b = body(await call(`/me/media?fields=timestamp&since=${since}&limit=100`));
		const expected = account.media.filter((m) => m.mediaProductType !== 'STORY' && m.timestamp >= since * 1000);
		expect(b.data).toHaveLength(expected.length);
	});
});

describe('media insights', () => {
	const cases = [
		{ label: 'FEED image', pick: (m: Json) => m.mediaProductType === 'FEED' && m.mediaType === 'IMAGE', valid: FEED_METRICS, invalid: 'ig_reels_avg_watch_time' },
		{ label: 'FEED carousel', pick: (m: Json) => m.mediaType === 'CAROUSEL_ALBUM', valid: FEED_METRICS, invalid: 'navigation' },
		{ label: 'REELS', pick: (m: Json) => m.mediaProductType === 'REELS', valid: REELS_METRICS, invalid: 'profile_visits' },
		{ label: 'STORY', pick: (m: Json) => m.mediaProductType === 'STORY' && m.viewers === 212, valid: STORY_METRICS, invalid: 'likes' },
	];
	it.each(cases)('$label: the valid set answers, one invalid metric fails the whole request', async ({ pick, valid, invalid }) => {
		const { call, account } = setup();
		const media = account.media.find((m) => pick(m) && m.timestamp >= account.businessSince)!;
		const ok = await call(`/${media.id}/insights?metric=${valid.join(',')}`);
		expect(ok.status).toBe(200);
		const data = body(ok).data;
		expect(data.map((d: Json) => d.name)).toEqual([...valid]);
		for (const d of data) {
			expect(d.period).toBe('lifetime');
			expect(d.values[0].value).toBe(d.total_value.value);
			expect(d.id).toBe(`${media.id}/insights/${d.name}/lifetime`);
			expect(typeof d.title).toBe('string');
		}
		const bad = await call(`/${media.id}/insights?metric=reach,${invalid}`);
		expect(bad.status).toBe(400);
		expect(err(bad).code).toBe(100);
		expect(err(bad).message).toBe(`(#100) The Media Insights API does not support the ${invalid} metric for this media product type.`);
	});

	it('names removed metrics, refuses carousel children, and needs the insights scope', async () => {
		const { call, account, sim } = setup();
		const feed = account.media.find((m) => m.mediaProductType === 'FEED' && m.timestamp >= account.businessSince)!;
		const removed = await call(`/${feed.id}/insights?metric=impressions,reach`);
		expect(err(removed).code).toBe(100);
		expect(err(removed).message).toContain('impressions');
		const album = account.media.find((m) => m.mediaType === 'CAROUSEL_ALBUM')!;
		expect(err(await call(`/${album.children![0].id}/insights?metric=reach`)).code).toBe(100);
		const basicOnly = sim.issueToken(account.id, { scopes: ['instagram_business_basic'] });
		const noScope = await call(`/${feed.id}/insights?metric=reach`, { token: basicOnly });
		expect(err(noScope).code).toBe(10);
		expect(err(noScope).error_user_msg).toContain('instagram_business_manage_insights');
	});

	it('like_count on the media agrees with the likes insight', async () => {
		const { call, account } = setup();
		const reel = account.media.find((m) => m.mediaProductType === 'REELS')!;
		const node = body(await call(`/${reel.id}?fields=like_count,comments_count`));
		const ins = body(await call(`/${reel.id}/insights?metric=likes,comments`)).data;
		expect(node.like_count).toBe(ins[0].values[0].value);
		expect(node.comments_count).toBe(ins[1].values[0].value);
	});

	it('media before business conversion → 100 / 2108006', async () => {
		const { call, account } = setup();
		const old = account.media.find((m) => m.timestamp < account.businessSince)!;
		const res = await call(`/${old.id}/insights?metric=reach`);
		expect(err(res).code).toBe(100);
		expect(err(res).error_subcode).toBe(2108006);
	});

	it('stories: < 5 viewers → code 10, expired → empty data, breakdowns sum to the total', async () => {
		const { call, account } = setup();
		const few = account.media.find((m) => m.viewers === 3)!;
		const res = await call(`/${few.id}/insights?metric=reach`);
		expect(err(res).code).toBe(10);
		expect(err(res).message).toBe('(#10) Not enough viewers for the media to show insights');
		const expired = account.media.find((m) => m.mediaProductType === 'STORY' && NOW - m.timestamp > DAY)!;
		expect(body(await call(`/${expired.id}/insights?metric=reach`))).toEqual({ data: [] });
		const live = account.media.find((m) => m.viewers === 212)!;
		const nav = body(await call(`/${live.id}/insights?metric=navigation&breakdown=story_navigation_action_type`)).data[0];
		const results = nav.total_value.breakdowns[0].results;
		expect(nav.total_value.breakdowns[0].dimension_keys).toEqual(['story_navigation_action_type']);
		expect(results.reduce((s: number, r: Json) => s + r.value, 0)).toBe(nav.total_value.value);
		expect(body(await call(`/${live.id}/insights?metric=reach`)).data[0].values[0].value).toBe(212);
	});
});

describe('account insights', () => {
	const breakdownCases: Array<[string, string, string[]]> = [
		['likes', 'media_product_type', ['AD', 'FEED', 'REELS', 'STORY']],
		['views', 'follow_type', ['FOLLOWER', 'NON_FOLLOWER', 'UNKNOWN']],
		['reach', 'media_product_type', ['AD', 'FEED', 'REELS', 'STORY']],
		['follows_and_unfollows', 'follow_type', ['FOLLOWER', 'NON_FOLLOWER', 'UNKNOWN']],
		['profile_links_taps', 'contact_button_type', ['BOOK_NOW', 'CALL', 'DIRECTION', 'EMAIL', 'INSTANT_EXPERIENCE', 'TEXT', 'UNDEFINED']],
	];
	it.each(breakdownCases)('%s by %s: results sum to the total', async (metric, breakdown, allowed) => {
		const { call } = setup();
		const q = `since=${unix(NOW - 7 * DAY)}&until=${unix(NOW)}`;
		const res = await call(`/me/insights?metric=${metric}&period=day&metric_type=total_value&breakdown=${breakdown}&${q}`);
		expect(res.status).toBe(200);
		const d = body(res).data[0];
		expect(d).toMatchObject({ name: metric, period: 'day', id: `${IG_DEMO_ACCOUNT_ID}/insights/${metric}/day` });
		const b = d.total_value.breakdowns[0];
		expect(b.dimension_keys).toEqual([breakdown]);
		expect(b.results.every((r: Json) => allowed.includes(r.dimension_values[0]))).toBe(true);
		expect(b.results.reduce((s: number, r: Json) => s + r.value, 0)).toBe(d.total_value.value);
		expect(d.total_value.value).toBeGreaterThan(0);
	});

	it('rejects invalid breakdown combinations, missing metric_type and removed metrics', async () => {
		const { call } = setup();
		expect(err(await call('/me/insights?metric=likes&period=day&metric_type=total_value&breakdown=follow_type')).code).toBe(100);
		expect(err(await call('/me/insights?metric=accounts_engaged&period=day&metric_type=total_value&breakdown=media_product_type')).code).toBe(100);
		const noType = err(await call('/me/insights?metric=reach&period=day'));
		expect(noType.code).toBe(100);
		expect(noType.message).toContain('metric_type=total_value');
		const removed = err(await call('/me/insights?metric=profile_views,reach&period=day&metric_type=total_value'));
		expect(removed.code).toBe(100);
		expect(removed.message).toContain('profile_views');
		expect(err(await call('/me/insights?metric=likes&period=day&metric_type=time_series')).code).toBe(100);
	});

	it('reach as time_series: one value per day whose total matches total_value', async () => {
		const { call } = setup();
		const q = `since=${unix(NOW - 10 * DAY)}&until=${unix(NOW - 3 * DAY)}&period=day&metric=reach`;
		const ts = body(await call(`/me/insights?${q}&metric_type=time_series`)).data[0];
		expect(ts.values).toHaveLength(7);
		for (const v of ts.values) expect(v.end_time).toMatch(/T08:00:00\+0000$/);
		const tv = body(await call(`/me/insights?${q}&metric_type=total_value`)).data[0];
		expect(ts.values.reduce((s: number, v: Json) => s + v.value, 0)).toBe(tv.total_value.value);
	});

	it('days are Pacific days, as Meta’s pages stamp them: 08:00 UTC in winter, 07:00 UTC in summer, across the DST change', async () => {
		const { call } = setup();
		// 2026-03-05 … 2026-03-09 (Pacific); US summer time starts on 2026-03-08.
		const since = unix(Date.parse('2026-03-05T08:00:00Z'));
		const until = unix(Date.parse('2026-03-10T07:00:00Z'));
		const ts = body(await call(`/me/insights?metric=reach&period=day&metric_type=time_series&since=${since}&until=${until}`)).data[0];
		expect(ts.values.map((v: Json) => v.end_time)).toEqual([
			'2026-03-06T08:00:00+0000',
			'2026-03-07T08:00:00+0000',
			'2026-03-08T08:00:00+0000',
			'2026-03-09T07:00:00+0000',
			'2026-03-10T07:00:00+0000',
		]);
	});

	it('30-day rule, 90-day retention, and two 30-day windows sum to the 60-day total', async () => {
		const { call } = setup();
		const q = (since: number, until: number) => `/me/insights?metric=views,likes&period=day&metric_type=total_value&breakdown=media_product_type&since=${since}&until=${until}`;
		const start = unix(NOW - 60 * DAY);
		const tooLong = err(await call(q(start, start + 2_592_001)));
		expect(tooLong.message).toBe('(#100) There cannot be more than 30 days (2592000 s) between since and until');
		expect(err(await call(q(unix(NOW - 91 * DAY), unix(NOW - 80 * DAY)))).code).toBe(100);
		const a = body(await call(q(start, start + 2_592_000))).data;
		const b = body(await call(q(start + 2_592_000, start + 5_184_000))).data;
		// The 60-day total, day by day (1-day windows), must agree with the two windows.
		let daily = 0;
		for (let t = start; t < start + 5_184_000; t += 86_400) daily += body(await call(q(t, t + 86_400))).data[0].total_value.value;
		expect(a[0].total_value.value + b[0].total_value.value).toBe(daily);
		expect(a[0].total_value.value).toBeGreaterThan(0);
	});

	it('defaults to the last 24 h (one day)', async () => {
		const { call } = setup();
		const d = body(await call('/me/insights?metric=reach&period=day&metric_type=time_series')).data[0];
		expect(d.values).toHaveLength(1);
	});

	it('demographics need timeframe and exactly one breakdown; top 45 only', async () => {
		const { call, sim } = setup();
		const base = '/me/insights?metric=follower_demographics,engaged_audience_demographics&period=lifetime&metric_type=total_value';
		expect(err(await call(`${base}&breakdown=country`)).message).toContain('timeframe');
		expect(err(await call(`${base}&breakdown=country&timeframe=last_90_days`)).code).toBe(100);
		expect(err(await call(`${base}&breakdown=country,city&timeframe=this_week`)).code).toBe(100);
		const data = body(await call(`${base}&breakdown=city&timeframe=this_month`)).data;
		expect(data.map((d: Json) => d.name)).toEqual(['follower_demographics', 'engaged_audience_demographics']);
		const b = data[0].total_value.breakdowns[0];
		expect(b.dimension_keys).toEqual(['city']);
		expect(b.results).toHaveLength(45);
		expect(b.results.reduce((s: number, r: Json) => s + r.value, 0)).toBeLessThanOrEqual(4321);
		const gender = body(await call(`${base}&breakdown=gender&timeframe=this_week`)).data[0].total_value.breakdowns[0].results;
		expect(gender.reduce((s: number, r: Json) => s + r.value, 0)).toBe(4321);
		// Small accounts: no follower demographics.
		const small = sim.addAccount({ id: '17841400000000099', username: 'tiny', followers: 40 });
		const t = sim.issueToken(small.id);
		expect(err(await call(`/me/insights?metric=follower_demographics&period=lifetime&metric_type=total_value&breakdown=age&timeframe=this_week`, { token: t })).code).toBe(100);
	});
});

describe('tokens', () => {
	it('exchanges a short-lived token with the app secret', async () => {
		const { sim, account, call } = setup();
		const short = sim.issueToken(account.id, { kind: 'short', clientId: IG_DEMO_APP.clientId });
		const wrong = await call(`/access_token?grant_type=ig_exchange_token&client_secret=nope&access_token=${short}`, { token: null });
		expect(err(wrong).code).toBe(1);
		const res = await call(`/access_token?grant_type=ig_exchange_token&client_secret=${IG_DEMO_APP.clientSecret}&access_token=${short}`, { token: null });
		expect(body(res)).toEqual({ access_token: expect.stringMatching(/^IGAA/), token_type: 'bearer', expires_in: 5184000 });
		expect(body(await call('/me?fields=username', { token: body(res).access_token })).username).toBe('demo.creator');
		expect(sim.requests.some((r) => 'client_secret' in r.query || 'access_token' in r.query)).toBe(false);
	});

	it('refreshes only long-lived tokens ≥ 24 h old and unexpired; the old token keeps working', async () => {
		const { sim, account, call, advance } = setup();
		const young = await call('/refresh_access_token?grant_type=ig_refresh_token');
		expect(err(young).code).toBe(100);
		advance(25 * HOUR);
		const old = sim.issueToken(account.id, { issuedAt: NOW });
		const res = await call(`/refresh_access_token?grant_type=ig_refresh_token&access_token=${old}`, { token: null });
		expect(body(res).expires_in).toBe(5184000);
		expect((await call('/me', { token: old })).status).toBe(200);
		advance(60 * DAY);
		const expired = err(await call(`/refresh_access_token?grant_type=ig_refresh_token&access_token=${old}`, { token: null }));
		expect(expired.code).toBe(190);
		expect(expired.error_subcode).toBe(463);
	});

	it('revoked → 190/460', async () => {
		const { sim, token, call } = setup();
		sim.revokeToken(token);
		const e = err(await call('/me'));
		expect([e.code, e.error_subcode]).toEqual([190, 460]);
	});
});

describe('faults, concurrency, transport', () => {
	it('failNext: igRateLimit 80002 on matching paths only, then recovers', async () => {
		const { sim, call } = setup();
		sim.failNext({ kind: 'igRateLimit', times: 2, path: /insights/ });
		sim.failNext({ kind: 'rateLimit', status: 429, retryAfterSec: 30 });
		expect((await call('/me/media')).status).toBe(429);
		const a = await call('/me/insights?metric=reach&period=day&metric_type=total_value');
		expect(a.status).toBe(400);
		expect(err(a).code).toBe(80002);
		expect(err(a).message).toBe('(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.');
		expect(err(await call('/me/insights?metric=reach&period=day&metric_type=total_value')).code).toBe(80002);
		expect((await call('/me/insights?metric=reach&period=day&metric_type=total_value')).status).toBe(200);
		expect(sim.requests.map((r) => r.errorCode ?? r.status)).toEqual([4, 80002, 80002, 200]);
	});

	it('maxInFlight refuses with code 4 and counts refusals; latency is real', async () => {
		const { sim, call } = setup({ latencyMs: 30, maxInFlight: 3 });
		const started = Date.now();
		const results = await Promise.all(Array.from({ length: 5 }, () => call('/me')));
		expect(Date.now() - started).toBeGreaterThanOrEqual(25);
		expect(results.filter((r) => r.status === 200)).toHaveLength(3);
		expect(results.filter((r) => err(r)?.code === 4)).toHaveLength(2);
		expect(sim.refusedCount).toBe(2);
		expect(sim.peakInFlight).toBe(3);
	});

	it('works at the socket level through install()', async () => {
		const { sim, token } = setup();
		sim.install();
		try {
			const res = await new Promise<{ status: number; text: string; headers: Record<string, unknown> }>((resolve, reject) => {
				https
					.get(`${INSTAGRAM_HOST}/v23.0/me?fields=user_id,username`, { headers: { Authorization: `Bearer ${token}` } }, (r) => {
						let text = '';
						r.on('data', (c) => (text += c));
						r.on('end', () => resolve({ status: r.statusCode ?? 0, text, headers: r.headers }));
					})
					.on('error', reject);
			});
			expect(res.status).toBe(200);
			expect(JSON.parse(res.text)).toMatchObject({ user_id: IG_DEMO_ACCOUNT_ID, username: 'demo.creator' });
			expect(JSON.parse(String(res.headers['x-business-use-case-usage']))[IG_DEMO_ACCOUNT_ID][0].type).toBe('instagram');
			expect(sim.requests[0].authVia).toBe('header');
		} finally {
			sim.uninstall();
		}
	});
});
