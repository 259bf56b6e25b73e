/**
 * The Threads Trigger's "New Items" watch: a new mention, a new post matching a keyword
 * search, or a new reply under one of my recent posts; one event per item, with its row.
 * Lists are read newest first and paging stops at the first page holding an item already
 * seen (or older than the starting point), so a poll usually costs one request per list.
 * Which items are new is decided by the pure newItemsState.ts.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import { pollBudgetMsOf, pollGetter } from '../shared/alerts/crossingPoll';
import type { BackoffPolicy } from '../shared/graph/backoff';
import { DEFAULT_BACKOFF } from '../shared/graph/backoff';
import type { GraphPage } from '../shared/graph/cursorPaging';
import { walkPages } from '../shared/graph/cursorPaging';
import { mapInPool } from '../shared/graph/pool';
import { graphErrorDetailsOf } from '../shared/graph/transport';
import { postRow } from '../shared/insights/postRows';
import { notWholeNumber, wholeNumberOf } from '../shared/parameters/nodeInput';
import { explainSearchRefusal, searchQueryOf } from '../Threads/shared/keywordSearchQuery';
import { THREADS_PLATFORM } from '../Threads/shared/requests';
import { PAGE_SIZE_MAX, POSTS_EARLIEST, THREADS_SCOPES } from '../Threads/threadsApi';
import type { ListedItem, NewItemsState } from './newItemsState';
import { evaluateNewItems, isKnown, unlistedBefore, usableState } from './newItemsState';

/** Where the state lives in the node's static data. */
const STATE_KEY = 'newItems';
/** At most this many pages of one list per poll (a long outage: the newest 500 fire). */
const MAX_PAGES = 5;
/** The editor's test step shows this many of the newest items. */
const SAMPLE_ITEMS = 3;
/** Conversations of my posts read this many at a time. */
const POST_CONCURRENCY = 4;

const POST_EVENT_FIELDS = 'id,username,text,timestamp,permalink,media_type,shortcode';
const REPLY_EVENT_FIELDS = 'id,username,text,timestamp,permalink,replied_to,root_post,has_replies,hide_status,is_reply_owned_by_me';

type Source = 'mentions' | 'search' | 'replies';
type Graph = ReturnType<typeof pollGetter>;
type Listed = IDataObject & ListedItem;

/** One list as read: its items, and whether its first answer was full (older items may follow unread). */
interface ReadList {
	items: Listed[];
	more: boolean;
}

interface Watch {
	source: Source;
	/** What is watched, as the state's key. */
	key: string;
	list(graph: Graph, state: NewItemsState | undefined, now: number, context: IPollFunctions): Promise<ReadList[]>;
}

export async function pollNewItems(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const watch = watchOf(context);
	const now = Date.now();
	const backoff: BackoffPolicy = { ...DEFAULT_BACKOFF, maxTotalWaitMs: Math.min(DEFAULT_BACKOFF.maxTotalWaitMs, pollBudgetMsOf(context) / 4) };
	const graph = pollGetter(context, THREADS_PLATFORM, backoff);
	const staticData = context.getWorkflowStaticData('node');
	const manual = context.getMode() === 'manual';
	const previous = manual ? undefined : usableState(staticData[STATE_KEY], watch.key);
	const lists = await watch.list(graph, previous, now, context);
	const listed = lists.flatMap((list) => list.items);

	if (manual) {
		// The test step: the newest items, shaped as events; the saved state is left alone.
		const newest = [...listed].sort((a, b) => (b.at ?? now) - (a.at ?? now)).slice(0, SAMPLE_ITEMS);
		return newest.length ? [newest.map((item) => ({ json: eventOf(item, watch.source) }))] : null;
	}
	const { fresh, state, started } = evaluateNewItems(previous, watch.key, listed, now, undefined, previous ? undefined : unlistedBefore(lists, now));
	// Saved by n8n after the activation poll and after a poll that emits; a quiet poll keeps nothing.
	if (started || fresh.length) staticData[STATE_KEY] = state as unknown as IDataObject;
	return fresh.length ? [fresh.map((item) => ({ json: eventOf(item, watch.source) }))] : null;
}

/** The event's row: the item's flat row (no helper fields) and what kind of item it is. */
function eventOf(item: Listed, source: Source): IDataObject {
	const fields = Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'at' && key !== 'is_reply_owned_by_me'));
	const kind = { mentions: 'mention', search: 'search result', replies: 'reply' }[source];
	return { ...postRow(fields), source: kind };
}

/** Reads and checks the watch's fields before any request. */
function watchOf(context: IPollFunctions): Watch {
	const source = String(context.getNodeParameter('newItemsSource', 'mentions')) as Source;
	const refuse = (message: string, description?: string) => new NodeOperationError(context.getNode(), message, { description });
	if (source === 'mentions') {
		return { source, key: 'mentions', list: async (graph, state, now) => [await newestFirst(graph, '/me/mentions', { fields: POST_EVENT_FIELDS }, THREADS_SCOPES.mentions, state, now)] };
	}
	if (source === 'search') {
		const mode = String(context.getNodeParameter('searchMode', 'KEYWORD'));
		if (mode !== 'KEYWORD' && mode !== 'TAG') throw refuse(`"Search By" must be Keyword or Topic Tag, not "${mode}"`);
		const query = searchQueryOf(mode, context.getNodeParameter('searchQuery', ''));
		if ('message' in query) throw refuse(query.message, `${query.description} If you used an expression, check what it gives.`);
		const { q } = query;
		const mediaType = String(context.getNodeParameter('searchMediaType', '') ?? '');
		if (!['', 'TEXT', 'IMAGE', 'VIDEO'].includes(mediaType)) throw refuse(`"Media Type" must be All, Text, Image or Video, not "${mediaType}"`);
		const author = String(context.getNodeParameter('authorUsername', '') ?? '').trim().replace(/^@/, '');
		if (author && !/^[A-Za-z0-9._]+$/.test(author)) throw refuse(`"Author Username" must be a Threads username (letters, digits, . and _), not "${author.slice(0, 60)}"`);
		// Recent: newest first, so a poll stops at what it has seen.
		const qs: IDataObject = { q, search_type: 'RECENT', ...(mode === 'TAG' ? { search_mode: 'TAG' } : {}), ...(mediaType ? { media_type: mediaType } : {}), ...(author ? { author_username: author } : {}), fields: POST_EVENT_FIELDS };
		const list = async (graph: Graph, state: NewItemsState | undefined, now: number): Promise<ReadList[]> => {
			// The quota is a rolling 24 hours: a throttled search fails at once instead of spending more of it.
			const search: Graph = async (path, pageQs, scope, shape) => await graph(path, pageQs, scope, shape, { retryWhenThrottled: false });
			try {
				return [await newestFirst(search, '/keyword_search', qs, THREADS_SCOPES.keywordSearch, state, now)];
			} catch (error) {
				// Throttled: the daily search quota explained, as the node's Keyword Search does.
				throw explainSearchRefusal(error);
			}
		};
		return { source, key: `search:${JSON.stringify([q.toLowerCase(), mode, mediaType, author.toLowerCase()])}`, list };
	}
	if (source === 'replies') {
		const rawDays = context.getNodeParameter('replyPostsDays', 7);
		const days = wholeNumberOf(rawDays);
		if (days === undefined) throw refuse(notWholeNumber('Posts From the Last (Days)', rawDays));
		const edge = context.getNodeParameter('replyDepth', 'all') === 'topLevel' ? 'replies' : 'conversation';
		return { source, key: `replies:${edge}`, list: async (graph, state, now, poll) => await repliesToMyPosts(graph, poll, edge, days, state, now) };
	}
	throw refuse(`"Watch For" must be Mentions, Keyword Search or Replies to My Posts, not "${source}"`);
}

/**
 * A newest-first list: its first page, and further pages only while every item on a page is
 * new (a long gap between polls), up to MAX_PAGES. Setting the starting point reads one page;
 * `more` tells whether that page was full (as many items as asked for) or said more followed.
 */
async function newestFirst(graph: Graph, path: string, qs: IDataObject, scope: string, state: NewItemsState | undefined, now: number): Promise<ReadList> {
	const items: Listed[] = [];
	let reachedKnown = !state;
	let more: boolean | undefined;
	await walkPages<IDataObject>({
		qs,
		limit: PAGE_SIZE_MAX * MAX_PAGES,
		pageSizeMax: PAGE_SIZE_MAX,
		fetchPage: async (pageQs) => {
			const page = await graph<GraphPage<IDataObject>>(path, pageQs as IDataObject, scope, 'posts');
			more ??= Boolean(page.paging?.next) || (page.data?.length ?? 0) >= Number(pageQs.limit);
			return page;
		},
		onPage: (page) => {
			const listed = page.map((item) => ({ ...item, at: timeOf(item.timestamp) }) as Listed);
			items.push(...listed);
			if (state && listed.some((item) => isKnown(state, item, now))) reachedKnown = true;
			return page.length;
		},
		stop: () => reachedKnown,
		idOf: (item) => String(item.id),
	});
	return { items, more: more ?? false };
}

/**
 * Replies under my posts of the last `days` days: one request lists them (with has_replies), then
 * one conversation (or replies) list per post that has replies. My own replies never fire. A post
 * whose list Meta keeps throttling is left for the next poll (its replies are not marked seen).
 */
async function repliesToMyPosts(graph: Graph, context: IPollFunctions, edge: string, days: number, state: NewItemsState | undefined, now: number): Promise<ReadList[]> {
	const posts: IDataObject[] = [];
	await walkPages<IDataObject>({
		qs: { fields: 'id,has_replies', since: Math.max(Math.floor(now / 1000) - days * 86400, POSTS_EARLIEST) },
		limit: Number.POSITIVE_INFINITY,
		pageSizeMax: PAGE_SIZE_MAX,
		fetchPage: async (qs) => await graph<GraphPage<IDataObject>>('/me/threads', qs as IDataObject, THREADS_SCOPES.basic, 'posts'),
		onPage: (page) => {
			posts.push(...page.filter((post) => post.has_replies === true));
			return page.length;
		},
		idOf: (post) => String(post.id),
	});
	const replies: ReadList[] = [];
	let skipped: Error | undefined;
	await mapInPool(posts, POST_CONCURRENCY, async (post, index) => {
		try {
			replies[index] = await newestFirst(graph, `/${String(post.id)}/${edge}`, { fields: REPLY_EVENT_FIELDS, reverse: true }, THREADS_SCOPES.readReplies, state, now);
		} catch (error) {
			const { kind } = graphErrorDetailsOf(error);
			if (kind !== 'rateLimited' && kind !== 'transient') throw new NodeApiError(context.getNode(), error as JsonObject);
			skipped = error as Error;
		}
	});
	if (skipped) {
		if (!replies.some(Boolean) && posts.length) throw skipped;
		context.logger.warn(`${context.getNode().name}: some posts' replies were not read (${skipped.message}); the next poll reads them`);
	}
	return replies.filter(Boolean).map((list) => ({ ...list, items: list.items.filter((reply) => reply.is_reply_owned_by_me !== true) }));
}

/** Meta's "2025-09-10T11:50:00+0000" → ms. */
function timeOf(timestamp: unknown): number | undefined {
	if (typeof timestamp !== 'string') return undefined;
	const ms = Date.parse(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
	return Number.isFinite(ms) ? ms : undefined;
}
