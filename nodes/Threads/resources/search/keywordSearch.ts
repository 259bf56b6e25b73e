import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { rangeQuery } from '../../../shared/parameters/dateRange';
import type { ItemInput } from '../../../shared/parameters/nodeInput';
import { dateRangeOf, inputError } from '../../../shared/parameters/nodeInput';
import { postFieldsOf } from '../../shared/context';
import { discoveryListJob, withHelperFields } from '../../shared/discoveryList';
import type { SearchMode } from '../../shared/keywordSearchQuery';
import { explainSearchRefusal, searchQueryOf } from '../../shared/keywordSearchQuery';
import { fieldSelectionParameter } from '../../shared/parameters';
import { DEFAULT_POST_FIELDS, KEYWORD_SEARCH_QUOTA, POSTS_EARLIEST, POST_FIELDS, THREADS_SCOPES } from '../../threadsApi';

const showFor = { resource: ['search'], operation: ['keywordSearch'] };

/** Search answers have no owner field ("The owner field is excluded"). */
export const SEARCH_POST_FIELDS = POST_FIELDS.filter((field) => field !== 'owner');

const APPROVAL_TEXT =
	'Until Meta approves your app for the threads_keyword_search permission (App Review), a search covers only your own posts.';

/** `/keyword_search`: Top or Recent posts for a keyword or a topic tag. */
export const keywordSearch: Operation = (input) => {
	const { q, mode } = searchOf(input);
	const searchType = input.parameter('searchType', 'TOP');
	const mediaType = input.parameter('searchMediaType', '');
	const author = authorOf(input);
	if (!['TOP', 'RECENT'].includes(searchType)) throw inputError(input, `"Sort By" must be Top or Recent, not "${searchType}"`);
	if (!['', 'TEXT', 'IMAGE', 'VIDEO'].includes(mediaType)) throw inputError(input, `"Media Type" must be All, Text, Image or Video, not "${mediaType}"`);
	const range = dateRangeOf(input, { earliest: POSTS_EARLIEST, earliestLabel: 'July 5, 2023' });
	// username tells whether Meta searched only your own posts (App Review).
	const { fields, helperFields } = withHelperFields(postFieldsOf(input, SEARCH_POST_FIELDS), ['username']);
	const qs: IDataObject = {
		q,
		search_type: searchType,
		...(mode === 'TAG' ? { search_mode: 'TAG' } : {}),
		...(mediaType ? { media_type: mediaType } : {}),
		...(author ? { author_username: author } : {}),
		fields,
		...rangeQuery(range),
	};
	return discoveryListJob(input, {
		path: '/keyword_search',
		qs,
		requiredScope: THREADS_SCOPES.keywordSearch,
		helperFields,
		hints: async (rows, graph, hint) => {
			if (!rows.length) {
				hint(`No posts matched "${q}". ${APPROVAL_TEXT} Meta also answers sensitive keywords with no posts.`);
				return;
			}
			const authors = new Set(rows.map((row) => String(row.username ?? '').toLowerCase()));
			if (author || authors.size !== 1) return;
			// Every post by one author: is it you? (one request, only in this case)
			const me = await graph.getOnce<IDataObject>('/me', { fields: 'id,username' }, { shape: 'node' });
			if (authors.has(String(me.username ?? '').toLowerCase())) hint(`Every post found is your own. ${APPROVAL_TEXT}`);
		},
		// A throttled search is not retried (the transport knows /keyword_search's quota): it fails at once, explained.
		explain: explainSearchRefusal,
	});
};

/** The keyword, or the topic tag without its "#"; empty or only "#" is refused before any request. */
function searchOf(input: ItemInput): { q: string; mode: SearchMode } {
	const mode = input.parameter<string>('searchMode', 'KEYWORD');
	if (mode !== 'KEYWORD' && mode !== 'TAG') throw inputError(input, `"Search By" must be Keyword or Topic Tag, not "${mode}"`);
	const query = searchQueryOf(mode, input.parameter<unknown>('searchQuery', ''));
	if ('message' in query) throw inputError(input, query.message, `${query.description} If you used an expression, check what it gives for this item.`);
	return { q: query.q, mode };
}

/** "Author Username": optional; "@name" and a profile link are read as the username. */
function authorOf(input: ItemInput): string | undefined {
	const raw = String(input.parameter<unknown>('authorUsername', '') ?? '').trim();
	if (!raw) return undefined;
	const username = (/threads\.(?:net|com)\/@?([A-Za-z0-9._]+)/i.exec(raw)?.[1] ?? raw).replace(/^@/, '').replace(/\/+$/, '');
	if (!/^[A-Za-z0-9._]+$/.test(username)) throw inputError(input, `"Author Username" must be a Threads username (letters, digits, . and _), not "${raw.slice(0, 60)}"`);
	return username;
}

export const keywordSearchFields: INodeProperties[] = [
	{
		displayName: `Each search request counts towards Meta’s limit of ${KEYWORD_SEARCH_QUOTA.toLocaleString('en-US')} search queries per account in 24 hours (one request per 100 posts). ${APPROVAL_TEXT}`,
		name: 'searchQuotaNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Search By',
		name: 'searchMode',
		type: 'options',
		default: 'KEYWORD',
		description: 'Whether to search the words of posts or the topic tag in their header',
		displayOptions: { show: showFor },
		options: [
			{ name: 'Keyword', value: 'KEYWORD', description: 'Posts whose text contains the keyword(s)' },
			{ name: 'Topic Tag', value: 'TAG', description: 'Posts with this topic tag (with or without "#")' },
		],
	},
	{
		displayName: 'Search For',
		name: 'searchQuery',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. coffee',
		description:
			'The keyword(s) or topic tag. Meta allows 2,200 search queries per Threads account in any 24 hours, across all apps: each request (one page of up to 100 posts) counts, repeating a search counts again, and searches that find nothing do not count.',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Sort By',
		name: 'searchType',
		type: 'options',
		default: 'TOP',
		description: 'Which posts Meta returns first',
		displayOptions: { show: showFor },
		options: [
			{ name: 'Top', value: 'TOP', description: 'The most popular posts first (Meta’s default)' },
			{ name: 'Recent', value: 'RECENT', description: 'The newest posts first' },
		],
	},
	{
		displayName: 'Media Type',
		name: 'searchMediaType',
		type: 'options',
		default: '',
		description: 'Only posts of this type',
		displayOptions: { show: showFor },
		options: [
			{ name: 'All', value: '' },
			{ name: 'Image', value: 'IMAGE' },
			{ name: 'Text', value: 'TEXT' },
			{ name: 'Video', value: 'VIDEO' },
		],
	},
	{
		displayName: 'Author Username',
		name: 'authorUsername',
		type: 'string',
		default: '',
		placeholder: 'e.g. meta',
		description: 'Only posts by this Threads username (exact, without @). Empty: anyone.',
		displayOptions: { show: showFor },
	},
	...dateRangeParameters({ show: showFor }, 'none', true),
	...returnAllAndLimit({ show: showFor }),
	fieldSelectionParameter({ show: showFor }, SEARCH_POST_FIELDS, DEFAULT_POST_FIELDS, 'Post'),
	simplifyParameter({ show: showFor }, 'one flat row per post'),
];
