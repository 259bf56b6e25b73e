import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { rangeQuery } from '../../../shared/parameters/dateRange';
import type { ItemInput } from '../../../shared/parameters/nodeInput';
import { dateRangeOf, inputError } from '../../../shared/parameters/nodeInput';
import { postFieldsOf } from '../../shared/context';
import { discoveryListJob, withHelperFields } from '../../shared/discoveryList';
import type { SearchMode } from '../../shared/keywordSearchQuery';
import { explainSearchRefusal, keywordSearchQueryFields, SEARCH_QUOTA_TEXT, searchQueryOf } from '../../shared/keywordSearchQuery';
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
		// The quota is a rolling 24 hours: a throttled search fails at once, explained, instead of spending more of it.
		retryWhenThrottled: false,
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
	...keywordSearchQueryFields(showFor, { searchForPlaceholder: 'e.g. coffee', searchForNote: SEARCH_QUOTA_TEXT, sortBy: true }),
	...dateRangeParameters({ show: showFor }, 'none', true),
	...returnAllAndLimit({ show: showFor }),
	fieldSelectionParameter({ show: showFor }, SEARCH_POST_FIELDS, DEFAULT_POST_FIELDS, 'Post'),
	simplifyParameter({ show: showFor }, 'one flat row per post'),
];
