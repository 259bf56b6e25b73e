/**
 * The simulated world: users, their posts, and how engagement on those posts grows
 * over time. Pure functions of (world, time) — no HTTP, no tokens.
 *
 * Engagement is modelled once, per post, as a lifetime total that accrues with the
 * post's age. Every number the API reports is read off that one curve: media insights
 * are its value "now", user insights over a range are its growth between since and
 * until, profile_lookup's 7-day counts are its growth over the last week. That keeps
 * the endpoints mutually consistent, as they are on the real service.
 */
import { hash53, numericId, pick, randomFor, seededRandom, shortcodeFor, unitFor } from './random';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export type SimMediaType = 'TEXT_POST' | 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM' | 'AUDIO' | 'REPOST_FACADE';
export type MediaMetric = 'views' | 'likes' | 'replies' | 'reposts' | 'quotes' | 'shares';
export const MEDIA_METRICS: readonly MediaMetric[] = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'];

export interface SimPoll {
	/** Two to four options, rendered as option_a … option_d. */
	options: string[];
	/** Vote share per option, 0..1, same order as options. */
	votesPercentage: number[];
	/** ms epoch. */
	expiresAt: number;
	/** Votes cast so far (the newer `total_votes` field); omitted when undefined. */
	totalVotes?: number;
}

export interface SimPost {
	id: string;
	mediaType: SimMediaType;
	/** Publish time, ms epoch. */
	timestamp: number;
	text?: string;
	shortcode?: string;
	mediaUrl?: string;
	/** Video posts (and video carousel items) only. */
	thumbnailUrl?: string;
	altText?: string;
	linkAttachmentUrl?: string;
	gifUrl?: string;
	poll?: SimPoll;
	/** The topic tag in the post's header (`topic_tag`), without "#". */
	topicTag?: string;
	/** Carousel items (IMAGE / VIDEO). Only for CAROUSEL_ALBUM. */
	children?: SimPost[];
	/** Set on quote posts: the id of the quoted media. */
	quotedPostId?: string;
	/** Set on REPOST_FACADE posts: the id of the reposted media. */
	repostedPostId?: string;
	/** Copyright-flagged media has no permalink. */
	copyrighted?: boolean;
	/** Fixed lifetime insight values; replaces the generated growth curve for the given metrics. */
	metrics?: Partial<Record<MediaMetric, number>>;
	/** Fixed lifetime link clicks (link posts). */
	linkClicks?: number;
}

export interface SimUser {
	id: string;
	username: string;
	name: string;
	biography: string;
	isVerified: boolean;
	followers: number;
	linkedInstagram: boolean;
	public: boolean;
	profilePictureUrl: string;
	/** Newest first. Mutable: tests may add/remove posts; the simulator reads it on every request. */
	posts: SimPost[];
	seed: number;
}

// ---------------------------------------------------------------- engagement model

/**
 * Fraction of a post's lifetime engagement reached at a given age. Social posts get
 * most of their reach in the first day or two; after a week the curve is flat.
 */
export function growthAt(ageMs: number): number {
	if (ageMs <= 0) return 0;
	return 1 - Math.exp(-ageMs / (1.2 * DAY_MS));
}

/** Followers used as the reach base; tiny accounts still get a trickle of views. */
function reachBase(owner: SimUser): number {
	return Math.max(owner.followers, 50);
}

interface EngagementTotals extends Record<MediaMetric, number> {
	clicks: number;
}

/** The (eventual) lifetime totals of a post, fixed by its id and its owner. */
function lifetimeTotals(post: SimPost, owner: SimUser): EngagementTotals {
	const r = randomFor(`engagement:${owner.seed}:${post.id}`);
	const formatBoost = post.mediaType === 'VIDEO' ? 1.5 : post.mediaType === 'CAROUSEL_ALBUM' ? 1.25 : 1;
	// Skewed reach: most posts get a fraction of followers, a few go wide.
	const views = reachBase(owner) * (0.25 + 2.75 * r() ** 2) * formatBoost;
	const likes = views * (0.02 + 0.05 * r());
	const reposts = likes * (0.02 + 0.08 * r());
	return {
		views,
		likes,
		replies: likes * (0.05 + 0.2 * r()),
		reposts,
		quotes: reposts * (0.1 + 0.4 * r()),
		shares: likes * (0.01 + 0.05 * r()),
		clicks: post.linkAttachmentUrl ? views * (0.005 + 0.03 * r()) : 0,
	};
}

/**
 * Lifetime media metrics of a post as seen at time `at`. Reposts are other people's
 * posts, so they carry no insights of their own (the API answers an empty list).
 */
export function mediaMetricsAt(post: SimPost, owner: SimUser, at: number): Record<MediaMetric, number> {
	const out = { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0, shares: 0 };
	if (post.mediaType === 'REPOST_FACADE' || at < post.timestamp) return out;
	const totals = lifetimeTotals(post, owner);
	const g = growthAt(at - post.timestamp);
	for (const m of MEDIA_METRICS) {
		const fixed = post.metrics?.[m];
		out[m] = fixed !== undefined ? fixed : Math.floor(totals[m] * g);
	}
	return out;
}

/** Lifetime link clicks of a post at time `at` (0 for posts without a link). */
export function linkClicksAt(post: SimPost, owner: SimUser, at: number): number {
	if (!post.linkAttachmentUrl || post.mediaType === 'REPOST_FACADE' || at < post.timestamp) return 0;
	if (post.linkClicks !== undefined) return post.linkClicks;
	return Math.floor(lifetimeTotals(post, owner).clicks * growthAt(at - post.timestamp));
}

/** Engagement a user's own posts gained in [from, to), per metric: the basis of user insights totals. */
export function engagementGained(owner: SimUser, from: number, to: number): Record<MediaMetric, number> {
	const sum = { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0, shares: 0 };
	for (const post of owner.posts) {
		const [before, after] = [mediaMetricsAt(post, owner, from), mediaMetricsAt(post, owner, to)];
		for (const m of MEDIA_METRICS) sum[m] += after[m] - before[m];
	}
	return sum;
}

/** Clicks per link URL gained in [from, to), biggest first. */
export function linkClicksGained(owner: SimUser, from: number, to: number): Array<{ value: number; link_url: string }> {
	const byUrl = new Map<string, number>();
	for (const post of owner.posts) {
		if (!post.linkAttachmentUrl) continue;
		const gained = linkClicksAt(post, owner, to) - linkClicksAt(post, owner, from);
		byUrl.set(post.linkAttachmentUrl, (byUrl.get(post.linkAttachmentUrl) ?? 0) + gained);
	}
	return [...byUrl.entries()]
		.filter(([, value]) => value > 0)
		.map(([link_url, value]) => ({ value, link_url }))
		.sort((a, b) => b.value - a.value);
}

/**
 * Profile views in one day bucket [dayStart, dayStart + 1 day), counted only up to
 * `now` so today's bucket is partial. Busier on days the user published.
 */
export function profileViewsInDay(owner: SimUser, dayStart: number, now: number): number {
	const dayEnd = dayStart + DAY_MS;
	if (now <= dayStart) return 0;
	const postsThatDay = owner.posts.filter((p) => p.timestamp >= dayStart && p.timestamp < dayEnd).length;
	const full = reachBase(owner) * 0.012 * (0.6 + 0.8 * unitFor(`profile-views:${owner.seed}:${dayStart}`)) * (1 + 0.35 * postsThatDay);
	const elapsed = Math.min(1, (now - dayStart) / DAY_MS);
	return Math.round(full * elapsed);
}

// ---------------------------------------------------------------- demographics

export type DemographicBreakdown = 'country' | 'city' | 'age' | 'gender';
export const DEMOGRAPHIC_BREAKDOWNS: readonly DemographicBreakdown[] = ['country', 'city', 'age', 'gender'];

const DEMOGRAPHIC_VALUES: Record<DemographicBreakdown, readonly string[]> = {
	country: ['US', 'BR', 'IN', 'GB', 'MX', 'DE', 'JP', 'CA', 'FR', 'ID'],
	city: [
		'Los Angeles, California',
		'New York, New York',
		'São Paulo, São Paulo (state)',
		'London, England',
		'Mumbai, Maharashtra',
		'Mexico City, Distrito Federal',
		'Toronto, Ontario',
		'Chicago, Illinois',
	],
	age: ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'],
	gender: ['F', 'M', 'U'],
};

/**
 * Followers split by one dimension. Country, age and gender cover every follower;
 * city only covers the top cities (most followers live elsewhere), as on Meta's
 * dashboards. Largest-remainder rounding keeps the sums exact.
 */
export function followerDemographics(owner: SimUser, breakdown: DemographicBreakdown): Array<{ dimension_values: string[]; value: number }> {
	const keys = DEMOGRAPHIC_VALUES[breakdown];
	const r = randomFor(`demographics:${owner.seed}:${owner.id}:${breakdown}`);
	// Decreasing weights with noise: the first listed value is usually the largest.
	const weights = keys.map((_, i) => (1 / (i + 1.3)) * (0.6 + 0.8 * r()));
	const covered = breakdown === 'city' ? Math.floor(owner.followers * 0.45) : owner.followers;
	const total = weights.reduce((a, b) => a + b, 0);
	const exact = weights.map((w) => (w / total) * covered);
	const values = exact.map(Math.floor);
	let missing = covered - values.reduce((a, b) => a + b, 0);
	const byRemainder = exact.map((x, i) => ({ i, rem: x - Math.floor(x) })).sort((a, b) => b.rem - a.rem);
	for (const { i } of byRemainder) {
		if (missing-- <= 0) break;
		values[i]++;
	}
	return keys
		.map((key, i) => ({ dimension_values: [key], value: values[i] }))
		.filter((row) => row.value > 0)
		.sort((a, b) => b.value - a.value);
}

// ---------------------------------------------------------------- users and posts

export interface NewUser {
	id: string;
	username: string;
	name?: string;
	biography?: string;
	isVerified?: boolean;
	followers?: number;
	linkedInstagram?: boolean;
	public?: boolean;
	posts?: number | SimPost[];
	seed?: number;
}

/** Default follower count: enough for demographics (≥ 100), not enough for discovery (≥ 1,000). */
export const DEFAULT_FOLLOWERS = 500;

export function createUser(input: NewUser, now: number): SimUser {
	const seed = input.seed ?? hash53(`user:${input.id}`) % 2147483647;
	const user: SimUser = {
		id: input.id,
		username: input.username,
		name: input.name ?? titleCase(input.username),
		biography: input.biography ?? '',
		isVerified: input.isVerified ?? false,
		followers: input.followers ?? DEFAULT_FOLLOWERS,
		linkedInstagram: input.linkedInstagram ?? true,
		public: input.public ?? true,
		profilePictureUrl: `https://scontent.cdninstagram.com/v/t51.2885-19/${numericId('4', `avatar:${input.id}`, 8)}_n.jpg`,
		posts: [],
		seed,
	};
	const posts = typeof input.posts === 'number' ? generatePosts(user, input.posts, now) : (input.posts ?? []).map((p) => completePost(p, user));
	user.posts = posts.sort((a, b) => b.timestamp - a.timestamp);
	return user;
}

function titleCase(username: string): string {
	return username
		.split(/[._]/)
		.filter(Boolean)
		.map((w) => w[0].toUpperCase() + w.slice(1))
		.join(' ');
}

const CDN = 'https://scontent.cdninstagram.com';

/** Fill in the media URLs and shortcode a hand-written post leaves out. */
export function completePost(post: SimPost, owner: SimUser): SimPost {
	const done: SimPost = { ...post, shortcode: post.shortcode ?? shortcodeFor(post.id) };
	if ((post.mediaType === 'IMAGE' || post.mediaType === 'VIDEO') && !done.mediaUrl) done.mediaUrl = mediaUrlFor(post.id, post.mediaType);
	if (post.mediaType === 'VIDEO' && !done.thumbnailUrl) done.thumbnailUrl = `${CDN}/v/t51.29350-15/${post.id}_thumb.jpg`;
	if (post.children) done.children = post.children.map((c) => completePost({ ...c, timestamp: c.timestamp ?? post.timestamp }, owner));
	return done;
}

function mediaUrlFor(id: string, type: 'IMAGE' | 'VIDEO'): string {
	return type === 'IMAGE' ? `${CDN}/v/t51.29350-15/${id}_n.jpg` : `${CDN}/o1/v/t16/f1/m82/${id}_video.mp4`;
}

// ---------------------------------------------------------------- deterministic post generation

/** How far back generated posts reach, ending at `now`. */
export const GENERATED_SPAN_DAYS = 60;

type GeneratedKind = 'text' | 'quote' | 'image' | 'video' | 'carousel' | 'repost';
const KIND_WEIGHTS: ReadonlyArray<[GeneratedKind, number]> = [
	['text', 0.34],
	['quote', 0.1],
	['image', 0.2],
	['video', 0.12],
	['carousel', 0.12],
	['repost', 0.12],
];

const TEXTS = [
	'Shipping a small automation today: my weekly report now writes itself.',
	'Hot take: dashboards nobody opens are just expensive wallpaper.',
	'Morning coffee ☕️ and a fresh batch of ideas. What are you building this week?',
	'Three things I learned from posting every day for a month 🧵',
	'Reminder: your best-performing post is usually the one you almost didn\'t publish.',
	'New blog post is up — the numbers behind our first 10k followers.',
	'Trying a new format today. Let me know if you like it!',
	'Café naïve résumé — yes, the accents survive the API round trip. 🚀',
	'Behind the scenes of this week\'s launch.',
	'Friday wins: 3 workflows retired, 1 dashboard deleted, 0 meetings.',
	'If a metric can\'t change a decision, stop tracking it.',
	'Small teams, clear goals, short feedback loops. That\'s the whole playbook.',
	'Photo dump from the offsite 📸',
	'Quick poll for the timeline 👇',
	'Replying to everyone who asked about my setup: it\'s mostly spreadsheets.',
	'Long thread incoming on what actually moves engagement #creators #analytics',
];

const LINKS = [
	'https://blog.example.com/weekly-notes',
	'https://example.com/newsletter',
	'https://developers.facebook.com/docs/threads',
	'https://n8n.io/workflows',
];

const ALT_TEXTS = ['A desk with a laptop and a coffee cup', 'Team photo on a rooftop at sunset', 'Chart showing follower growth over 60 days', 'Close-up of a handwritten to-do list'];

/**
 * Generate `count` posts for `owner`, spread over the last 60 days ending at `now`,
 * newest first. A seeded PRNG picks the mix; every kind appears at least once when
 * count ≥ 6 so demo accounts always exercise every shape.
 */
export function generatePosts(owner: SimUser, count: number, now: number): SimPost[] {
	const next = seededRandom(owner.seed);
	const kinds = shuffle(chooseKinds(count, next), next);
	const slotMs = (GENERATED_SPAN_DAYS * DAY_MS) / Math.max(count, 1);
	const ids = kinds.map((_, i) => numericId('18', `${owner.id}:${owner.seed}:post:${i}`));
	const posts: SimPost[] = [];
	for (let i = 0; i < count; i++) {
		// Slot i (0 = newest) with jitter inside the slot: timestamps are strictly decreasing.
		// Whole seconds, like the API's timestamps, so second-based since/until filters are exact.
		const timestamp = Math.floor((now - (i + 0.15 + 0.7 * next()) * slotMs) / 1000) * 1000;
		posts.push(buildPost(kinds[i], ids[i], timestamp, owner, next, () => olderQuotable(i, kinds, ids, next)));
	}
	return posts;
}

function chooseKinds(count: number, next: () => number): GeneratedKind[] {
	const kinds: GeneratedKind[] = [];
	for (let i = 0; i < count; i++) {
		if (i < KIND_WEIGHTS.length) {
			kinds.push(KIND_WEIGHTS[i][0]);
			continue;
		}
		let roll = next();
		const kind = KIND_WEIGHTS.find(([, w]) => (roll -= w) < 0)?.[0] ?? 'text';
		kinds.push(kind);
	}
	return kinds;
}

function shuffle<T>(items: T[], next: () => number): T[] {
	for (let i = items.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}

/** Quote posts quote an older post of the same user when there is one (so the id resolves). */
function olderQuotable(i: number, kinds: GeneratedKind[], ids: string[], next: () => number): string {
	const older = ids.filter((_, j) => j > i && kinds[j] !== 'repost');
	return older.length ? pick(next, older) : numericId('18', `external-quote:${ids[i]}`);
}

function buildPost(kind: GeneratedKind, id: string, timestamp: number, owner: SimUser, next: () => number, quoted: () => string): SimPost {
	const base = { id, timestamp, shortcode: shortcodeFor(id) };
	switch (kind) {
		case 'repost':
			// A repost of someone else's post: no text, no media of its own.
			return { ...base, mediaType: 'REPOST_FACADE', repostedPostId: numericId('18', `external-repost:${id}`) };
		case 'image':
			return { ...base, mediaType: 'IMAGE', text: pick(next, TEXTS), mediaUrl: mediaUrlFor(id, 'IMAGE'), ...(next() < 0.6 ? { altText: pick(next, ALT_TEXTS) } : {}) };
		case 'video':
			return {
				...base,
				mediaType: 'VIDEO',
				text: pick(next, TEXTS),
				mediaUrl: mediaUrlFor(id, 'VIDEO'),
				thumbnailUrl: `${CDN}/v/t51.29350-15/${id}_thumb.jpg`,
				...(next() < 0.5 ? { altText: pick(next, ALT_TEXTS) } : {}),
			};
		case 'carousel':
			return { ...base, mediaType: 'CAROUSEL_ALBUM', text: pick(next, TEXTS), children: carouselItems(id, timestamp, next) };
		case 'quote':
			return { ...base, mediaType: 'TEXT_POST', text: pick(next, TEXTS), quotedPostId: quoted() };
		case 'text':
			return { ...base, mediaType: 'TEXT_POST', text: pick(next, TEXTS), ...textExtras(id, timestamp, next) };
	}
}

/** Text posts sometimes carry a link card, a GIF or a poll (never more than one). */
function textExtras(id: string, timestamp: number, next: () => number): Partial<SimPost> {
	const roll = next();
	if (roll < 0.3) return { linkAttachmentUrl: pick(next, LINKS) };
	if (roll < 0.38) return { gifUrl: `https://media.giphy.com/media/${shortcodeFor(`gif:${id}`)}/giphy.gif` };
	if (roll < 0.46) {
		const a = 0.2 + 0.5 * next();
		return { poll: { options: ['Yes', 'No', 'Depends'], votesPercentage: [round2(a), round2((1 - a) * 0.6), round2(1 - a - round2((1 - a) * 0.6))], expiresAt: timestamp + DAY_MS } };
	}
	return {};
}

function round2(x: number): number {
	return Math.round(x * 100) / 100;
}

function carouselItems(parentId: string, timestamp: number, next: () => number): SimPost[] {
	const n = 2 + Math.floor(next() * 4);
	return Array.from({ length: n }, (_, j) => {
		const id = numericId('17', `${parentId}:child:${j}`);
		const type = next() < 0.75 ? 'IMAGE' : 'VIDEO';
		return {
			id,
			mediaType: type,
			timestamp,
			mediaUrl: mediaUrlFor(id, type),
			...(type === 'VIDEO' ? { thumbnailUrl: `${CDN}/v/t51.29350-15/${id}_thumb.jpg` } : {}),
			...(next() < 0.5 ? { altText: pick(next, ALT_TEXTS) } : {}),
		};
	});
}
