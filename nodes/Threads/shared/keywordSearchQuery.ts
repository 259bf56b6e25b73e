/**
 * What the node's Keyword Search and the trigger's Keyword Search Results watch share: what
 * "Search For" may hold, and how a throttled search is explained (Meta's daily search quota).
 */
import { graphErrorDetailsOf } from '../../shared/graph/transport';
import { KEYWORD_SEARCH_QUOTA } from '../threadsApi';

export type SearchMode = 'KEYWORD' | 'TAG';

export const SEARCH_QUOTA_TEXT = `Meta allows ${KEYWORD_SEARCH_QUOTA.toLocaleString('en-US')} search queries per Threads account in any 24 hours, across all apps: each request (one page of up to 100 posts) counts, repeating a search counts again, and searches that find nothing do not count.`;

export const SEARCH_RATE_LIMIT_MESSAGE = 'Meta rate limit reached for keyword search: retry later';

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
