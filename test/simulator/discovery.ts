/**
 * Discovery and conversation endpoints of the Threads simulator, built to
 * /work/shared/reference/threads-discovery-facts.md:
 *
 *   GET /keyword_search            (threads_keyword_search; 2,200 queries per rolling 24 h per user)
 *   GET /{user-id}/mentions        (threads_manage_mentions)
 *   GET /{media-id}/replies        (threads_read_replies; top-level replies only)
 *   GET /{media-id}/conversation   (threads_read_replies; every depth, flattened)
 *   GET /{user-id}/replies         (threads_read_replies; the user's own replies)
 *
 * Decisions where the pages are silent (each a knob, so clients are proven against either way):
 * - paging: `cursors` (only paging.cursors, the default), `links` (paging.next as the official
 *   sample app reads it) or `single` (one page, no paging object at all);
 * - replies/conversation take no documented `limit`: `repliesIgnoreLimit` answers pages of 25
 *   whatever the client asks;
 * - the search quota's refusal is not documented: modelled as Graph's per-user limit (#17);
 * - replies/conversation on someone else's post are not documented: refused as an unknown object.
 */
import { errors } from './errors';
import type { FieldSpec } from './params';
import { assertKnownFields, parseFields, parseLimit, parseListRange } from './params';
import type { PageSettings } from './paging';
import { cursorPage } from './paging';
import { assertMediaFields, formatTimestamp, renderMedia } from './render';
import type { SimPost, SimUser } from './world';
import { DAY_MS, mediaMetricsAt } from './world';

export const KEYWORD_SEARCH_QUOTA = 2200;
/** Replies pages when the client's `limit` is not honoured (the sample app's experience is unverified). */
export const UNHONOURED_REPLIES_PAGE = 25;

export type HideStatus = 'NOT_HUSHED' | 'UNHUSHED' | 'HIDDEN' | 'COVERED' | 'BLOCKED' | 'RESTRICTED';

/** A reply somewhere under a top-level post. */
export interface SimReply {
	id: string;
	/** The user who wrote it. */
	authorId: string;
	/** The top-level post the conversation belongs to. */
	rootId: string;
	/** The post or reply it answers (the root for a top-level reply). */
	repliedToId: string;
	text?: string;
	/** ms epoch. */
	timestamp: number;
	hideStatus?: HideStatus;
}

export type DiscoveryPaging = 'cursors' | 'links' | 'single';

export interface DiscoverySettings {
	paging: DiscoveryPaging;
	repliesIgnoreLimit: boolean;
	/** Without approval, search covers only the token's own posts. */
	keywordSearchApproved: boolean;
	/** Without approval, only mentions by the app's testers. */
	mentionsApproved: boolean;
	/** User ids that are testers of the app (mentions without approval). */
	testers: Set<string>;
	/** Keywords Meta answers with an empty list (no error). */
	sensitiveKeywords: Set<string>;
}

/** What the discovery model reads from the simulator. */
export interface DiscoveryWorld {
	users(): Iterable<SimUser>;
	user(id: string): SimUser | undefined;
	/** A top-level post and its owner. */
	post(id: string): { post: SimPost; owner: SimUser } | undefined;
	/** This request's URL with another cursor. */
	pagingUrl(name: 'before' | 'after', cursor: string): string;
}

export interface DiscoveryRequest {
	params: Record<string, string>;
	viewer: SimUser;
	scopes: string[];
	now: number;
}

const REPLY_FIELDS: ReadonlySet<string> = new Set([
	'id',
	'media_product_type',
	'media_type',
	'media_url',
	'permalink',
	'username',
	'text',
	'timestamp',
	'shortcode',
	'thumbnail_url',
	'children',
	'is_quote_post',
	'quoted_post',
	'reposted_post',
	'has_replies',
	'root_post',
	'replied_to',
	'is_reply',
	'is_reply_owned_by_me',
	'hide_status',
	'reply_audience',
	'gif_url',
	'topic_tag',
	'poll_attachment',
	'is_verified',
	'profile_picture_url',
	'alt_text',
	'link_attachment_url',
]);
/** `/{user-id}/replies` lists the user's own replies: no hide_status, topic_tag or poll there. */
const OWN_REPLY_FIELDS: ReadonlySet<string> = new Set([...REPLY_FIELDS].filter((name) => !['hide_status', 'topic_tag', 'poll_attachment'].includes(name)));
const SEARCH_MEDIA_TYPES: Record<string, SimPost['mediaType'][]> = { TEXT: ['TEXT_POST'], IMAGE: ['IMAGE'], VIDEO: ['VIDEO'] };

export class DiscoveryModel {
	readonly replies: SimReply[] = [];
	readonly settings: DiscoverySettings;
	/** Counted search queries per user (ms epochs), for the rolling 24 h quota. */
	private readonly searchCalls = new Map<string, number[]>();

	constructor(private readonly world: DiscoveryWorld, settings: Partial<DiscoverySettings> = {}) {
		this.settings = {
			paging: 'cursors',
			repliesIgnoreLimit: false,
			keywordSearchApproved: true,
			mentionsApproved: true,
			testers: new Set(),
			sensitiveKeywords: new Set(),
			...settings,
		};
	}

	addReply(reply: SimReply): SimReply {
		if (!this.world.user(reply.authorId)) throw new Error(`ThreadsSimulator: reply ${reply.id} by unknown user ${reply.authorId}`);
		if (!this.world.post(reply.rootId)) throw new Error(`ThreadsSimulator: reply ${reply.id} under unknown post ${reply.rootId}`);
		this.replies.push({ ...reply });
		return reply;
	}

	reply(id: string): SimReply | undefined {
		return this.replies.find((reply) => reply.id === id);
	}

	/** Whether any reply answers this post or reply; undefined when the model has none for a post (the engagement curve decides). */
	hasReplies(id: string): boolean | undefined {
		return this.replies.some((reply) => reply.repliedToId === id) ? true : this.replies.some((reply) => reply.rootId === id) ? true : undefined;
	}

	resetCounters(): void {
		this.searchCalls.clear();
	}

	/** Queries counted against a user's quota in the last 24 h. */
	searchQueriesUsed(userId: string, now: number): number {
		return (this.searchCalls.get(userId) ?? []).filter((at) => at > now - DAY_MS).length;
	}

	// ------------------------------------------------------------ GET /keyword_search

	keywordSearch(req: DiscoveryRequest): unknown {
		requireScope(req, 'threads_keyword_search');
		const q = req.params;
		const query = (q.q ?? '').trim();
		if (!query) throw errors.param('The parameter q is required');
		const searchType = q.search_type ?? 'TOP';
		if (!['TOP', 'RECENT'].includes(searchType)) throw errors.param(`search_type must be TOP or RECENT, not ${searchType}`);
		const mode = q.search_mode ?? 'KEYWORD';
		if (!['KEYWORD', 'TAG'].includes(mode)) throw errors.param(`search_mode must be KEYWORD or TAG, not ${mode}`);
		if (q.media_type !== undefined && !SEARCH_MEDIA_TYPES[q.media_type]) throw errors.param(`media_type must be TEXT, IMAGE or VIDEO, not ${q.media_type}`);
		const fields = parseFields(q.fields);
		if (fields) assertMediaFields(fields);
		const limit = parseLimit(q.limit);
		const { since, until } = parseListRange(q, req.now);
		const used = (this.searchCalls.get(req.viewer.id) ?? []).filter((at) => at > req.now - DAY_MS);
		this.searchCalls.set(req.viewer.id, used);
		if (used.length >= KEYWORD_SEARCH_QUOTA) throw errors.userRateLimit();

		const needle = query.toLowerCase().replace(mode === 'TAG' ? /^#/ : /$^/, '');
		const authors = [...this.world.users()].filter(
			(user) =>
				(user === req.viewer || (user.public && this.settings.keywordSearchApproved)) &&
				(q.author_username === undefined || user.username === q.author_username),
		);
		const found = this.settings.sensitiveKeywords.has(needle)
			? []
			: authors.flatMap((owner) =>
					owner.posts
						.filter((post) => post.mediaType !== 'REPOST_FACADE')
						.filter((post) => (mode === 'TAG' ? (post.topicTag ?? '').toLowerCase() === needle : (post.text ?? '').toLowerCase().includes(needle)))
						.filter((post) => !q.media_type || SEARCH_MEDIA_TYPES[q.media_type].includes(post.mediaType))
						.filter((post) => inRange(post.timestamp, since, until))
						.map((post) => ({ id: post.id, post, owner })),
				);
		const ordered =
			searchType === 'RECENT'
				? found.sort((a, b) => b.post.timestamp - a.post.timestamp)
				: found.sort((a, b) => mediaMetricsAt(b.post, b.owner, req.now).views - mediaMetricsAt(a.post, a.owner, req.now).views || b.post.timestamp - a.post.timestamp);
		// "Queries which return no results do not count."
		if (ordered.length) used.push(req.now);
		const spec = (fields ?? [{ name: 'id' }]).filter((field) => field.name !== 'owner');
		return this.page(q, limit, ordered, ({ post, owner }) => {
			const rendered = renderMedia({ post, owner, viewerOwnsIt: false, now: req.now, hasReplies: this.hasReplies(post.id) }, spec);
			// Meta's search examples say "TEXT" where the other endpoints say "TEXT_POST".
			if (rendered.media_type === 'TEXT_POST') rendered.media_type = 'TEXT';
			return rendered;
		});
	}

	// ------------------------------------------------------------ GET /{user-id}/mentions

	mentions(req: DiscoveryRequest): unknown {
		requireScope(req, 'threads_manage_mentions');
		const q = req.params;
		const fields = parseFields(q.fields);
		if (fields) assertMediaFields(fields);
		const limit = parseLimit(q.limit);
		const { since, until } = parseListRange(q, req.now);
		const tag = `@${req.viewer.username.toLowerCase()}`;
		const found = [...this.world.users()]
			.filter((user) => user !== req.viewer && user.public && (this.settings.mentionsApproved || this.settings.testers.has(user.id)))
			.flatMap((owner) =>
				owner.posts
					.filter((post) => mentions(post.text, tag) && inRange(post.timestamp, since, until))
					.map((post) => ({ id: post.id, post, owner })),
			)
			.sort((a, b) => b.post.timestamp - a.post.timestamp);
		const spec = (fields ?? [{ name: 'id' }]).filter((field) => field.name !== 'owner');
		return this.page(q, limit, found, ({ post, owner }) => renderMedia({ post, owner, viewerOwnsIt: false, now: req.now, hasReplies: this.hasReplies(post.id) }, spec));
	}

	// ------------------------------------------------------------ replies

	/** GET /{media-id}/replies (`depth` top) or /conversation (`depth` all), on the viewer's own post or reply. */
	repliesOf(id: string, depth: 'top' | 'all', req: DiscoveryRequest): unknown {
		requireScope(req, 'threads_read_replies');
		const q = req.params;
		const target = this.world.post(id);
		const ownReply = this.reply(id);
		const owned = target ? target.owner === req.viewer : ownReply ? this.world.post(ownReply.rootId)?.owner === req.viewer || ownReply.authorId === req.viewer.id : false;
		if (!owned) throw errors.unsupportedRequest('GET', id);
		const spec = this.replyFields(q.fields, REPLY_FIELDS);
		if (q.reverse !== undefined && !['true', 'false'].includes(q.reverse)) throw errors.param(`reverse must be true or false, not ${q.reverse}`);
		const newestFirst = q.reverse !== 'false';
		const limit = this.settings.repliesIgnoreLimit ? UNHONOURED_REPLIES_PAGE : parseLimit(q.limit);
		const chosen = depth === 'top' ? this.replies.filter((reply) => reply.repliedToId === id) : this.descendants(id);
		const ordered = [...chosen].sort((a, b) => (newestFirst ? b.timestamp - a.timestamp : a.timestamp - b.timestamp));
		return this.page(q, limit, ordered, (reply) => this.renderReply(reply, req, spec));
	}

	/** GET /{user-id}/replies: the viewer's own replies, newest first. */
	ownReplies(req: DiscoveryRequest): unknown {
		requireScope(req, 'threads_read_replies');
		const q = req.params;
		const spec = this.replyFields(q.fields, OWN_REPLY_FIELDS);
		const limit = parseLimit(q.limit);
		const { since, until } = parseListRange(q, req.now);
		const mine = this.replies
			.filter((reply) => reply.authorId === req.viewer.id && inRange(reply.timestamp, since, until))
			.sort((a, b) => b.timestamp - a.timestamp);
		return this.page(q, limit, mine, (reply) => this.renderReply(reply, req, spec));
	}

	/** A reply as GET /{reply-id} answers it. */
	renderOne(reply: SimReply, req: DiscoveryRequest): unknown {
		return this.renderReply(reply, req, this.replyFields(req.params.fields, REPLY_FIELDS));
	}

	// ------------------------------------------------------------ helpers

	private replyFields(raw: string | undefined, allowed: ReadonlySet<string>): FieldSpec[] {
		const fields = parseFields(raw) ?? [{ name: 'id' }];
		assertKnownFields(fields, allowed, 'ThreadsMedia');
		return fields;
	}

	private descendants(id: string): SimReply[] {
		const found: SimReply[] = [];
		const parents = new Set([id]);
		for (let grew = true; grew; ) {
			grew = false;
			for (const reply of this.replies) {
				if (parents.has(reply.repliedToId) && !parents.has(reply.id)) {
					parents.add(reply.id);
					found.push(reply);
					grew = true;
				}
			}
		}
		return found;
	}

	private renderReply(reply: SimReply, req: DiscoveryRequest, fields: FieldSpec[]): Record<string, unknown> {
		const author = this.world.user(reply.authorId) as SimUser;
		const visible = author.public || author === req.viewer;
		const direct = reply.repliedToId === reply.rootId;
		const values: Record<string, unknown> = {
			id: reply.id,
			media_product_type: 'THREADS',
			media_type: 'TEXT_POST',
			permalink: visible ? `https://www.threads.net/@${author.username}/post/r${reply.id}` : undefined,
			username: visible ? author.username : undefined,
			text: reply.text,
			timestamp: formatTimestamp(reply.timestamp),
			shortcode: `r${reply.id}`,
			is_quote_post: false,
			has_replies: this.replies.some((other) => other.repliedToId === reply.id),
			root_post: { id: reply.rootId },
			replied_to: { id: reply.repliedToId },
			is_reply: true,
			is_reply_owned_by_me: author === req.viewer,
			hide_status: reply.hideStatus ?? 'NOT_HUSHED',
			is_verified: direct ? author.isVerified : undefined,
			profile_picture_url: direct ? author.profilePictureUrl : undefined,
		};
		const out: Record<string, unknown> = {};
		for (const field of fields) if (values[field.name] !== undefined) out[field.name] = values[field.name];
		return out;
	}

	private page<T extends { id: string }>(q: Record<string, string>, limit: number, items: T[], render: (item: T) => unknown): unknown {
		const { paging } = this.settings;
		if (paging === 'single') {
			if (q.after !== undefined || q.before !== undefined) throw errors.param('This endpoint does not page');
			return { data: items.slice(0, limit).map(render) };
		}
		const settings: PageSettings = { params: q, limit, links: paging === 'links', url: (name, cursor) => this.world.pagingUrl(name, cursor) };
		return cursorPage(items, settings, render);
	}
}

function requireScope(req: DiscoveryRequest, scope: string): void {
	if (!req.scopes.includes(scope)) throw errors.permission(scope);
}

function inRange(ms: number, since: number | undefined, until: number | undefined): boolean {
	return (since === undefined || ms >= since * 1000) && (until === undefined || ms <= until * 1000);
}

/** "@name" as a whole handle in a text (not "@name.other"). */
function mentions(text: string | undefined, tag: string): boolean {
	const lower = (text ?? '').toLowerCase();
	for (let at = lower.indexOf(tag); at >= 0; at = lower.indexOf(tag, at + 1)) {
		if (!/[\w.]/.test(lower.charAt(at + tag.length)) || (lower.charAt(at + tag.length) === '.' && !/[\w]/.test(lower.charAt(at + tag.length + 1)))) return true;
	}
	return false;
}
