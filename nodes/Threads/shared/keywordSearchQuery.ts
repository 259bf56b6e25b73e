/**
 * What the node's Keyword Search and the trigger's Keyword Search Results watch share: the
 * fields that say what is searched, what "Search For" may hold, and how a throttled search is
 * explained (Meta's daily search quota).
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { graphErrorDetailsOf } from '../../shared/graph/transport';
import { KEYWORD_SEARCH_QUOTA } from '../threadsApi';

export type SearchMode = 'KEYWORD' | 'TAG';

export const SEARCH_QUOTA_TEXT = `Meta allows ${KEYWORD_SEARCH_QUOTA.toLocaleString('en-US')} search queries per Threads account in any 24 hours, across all apps: each request (one page of up to 100 posts) counts, repeating a search counts again, and searches that find nothing do not count.`;

export const SEARCH_RATE_LIMIT_MESSAGE = 'Meta rate limit reached for keyword search: retry later';

export interface KeywordSearchFieldsOptions {
	/** "Search For"'s example. */
	searchForPlaceholder: string;
	/** What "Search For"'s description adds after "The keyword(s) or topic tag.". */
	searchForNote: string;
	/** Adds "Sort By" (Top or Recent) after "Search For": the node's choice; a watch always reads Recent. */
	sortBy?: boolean;
}

/** Search By, Search For, (Sort By,) Media Type and Author Username, shown where `show` says. */
export function keywordSearchQueryFields(show: IDisplayOptions['show'], options: KeywordSearchFieldsOptions): INodeProperties[] {
	const searchForDescription = `The keyword(s) or topic tag. ${options.searchForNote}`;
	const sortBy: INodeProperties = {
		displayName: 'Sort By',
		name: 'searchType',
		type: 'options',
		default: 'TOP',
		description: 'Which posts Meta returns first',
		displayOptions: { show },
		options: [
			{ name: 'Top', value: 'TOP', description: 'The most popular posts first (Meta’s default)' },
			{ name: 'Recent', value: 'RECENT', description: 'The newest posts first' },
		],
	};
	return [
		{
			displayName: 'Search By',
			name: 'searchMode',
			type: 'options',
			default: 'KEYWORD',
			description: 'Whether to search the words of posts or the topic tag in their header',
			displayOptions: { show },
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
			placeholder: options.searchForPlaceholder,
			description: searchForDescription,
			displayOptions: { show },
		},
		...(options.sortBy ? [sortBy] : []),
		{
			displayName: 'Media Type',
			name: 'searchMediaType',
			type: 'options',
			default: '',
			description: 'Only posts of this type',
			displayOptions: { show },
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
			displayOptions: { show },
		},
	];
}

/**
 * The query sent as `q` (a topic tag without its "#"), or why "Search For" cannot be sent:
 * empty, or nothing but "#" (Meta would be asked for `q=#`, which searches nothing and may count).
 */
export function searchQueryOf(mode: SearchMode, raw: unknown): { q: string } | { message: string; description: string } {
	const text = String(raw ?? '').trim();
	const what = mode === 'TAG' ? 'a topic tag, e.g. coffee (with or without "#")' : 'the keyword(s) to search for, e.g. coffee';
	if (!text) return { message: '"Search For" is empty', description: `Enter ${what}.` };
	if (/^[#\s]+$/.test(text)) {
		return {
			message: `"Search For" must contain ${mode === 'TAG' ? 'a topic tag' : 'a keyword'}, not only "#"`,
			description: `Enter ${what}.${mode === 'KEYWORD' ? ' To search by topic tag, set "Search By" to Topic Tag.' : ''}`,
		};
	}
	return { q: mode === 'TAG' ? text.replace(/^#+/, '').trim() : text };
}

/**
 * A throttled search in the quota's terms (codes 4, 17, 32, 613, HTTP 429: Meta does not document
 * which one the quota gives); any other error is returned as it is.
 */
export function explainSearchRefusal(error: unknown): unknown {
	if (graphErrorDetailsOf(error).kind !== 'rateLimited') return error;
	const failure = error as { message: string; description?: string };
	failure.message = SEARCH_RATE_LIMIT_MESSAGE;
	failure.description = `${SEARCH_QUOTA_TEXT} ${failure.description ?? ''}`.trim();
	return error;
}
