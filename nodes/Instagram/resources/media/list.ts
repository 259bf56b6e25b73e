import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { listPosts } from '../../../shared/insights/postListing';
import { dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { rangeQuery } from '../../../shared/parameters/dateRange';
import { dateRangeOf, limitOf } from '../../../shared/parameters/nodeInput';
import { PAGE_SIZE_MAX } from '../../instagramApi';
import { accountClient, instagramAccountOf } from '../../shared/account';
import { ALL_METRICS, instagramMediaInsights } from '../../shared/mediaInsights';
import { allMediaMetricsOn, mediaFieldsOf, mediaFieldsParameter, mediaMetricsOf, mediaMetricsParameter } from './shared';

const showFor = { resource: ['media'], operation: ['list'] };
const storiesShown = { resource: ['media'], operation: ['listStories'] };

/**
 * `/{account}/media` (posts and reels) or `/{account}/stories` (stories up now: they live 24
 * hours and are not in /media), newest first, paged; Include Insights adds each media's
 * numbers as columns.
 */
function listing(edge: 'media' | 'stories'): Operation {
	return (input) => {
		const account = instagramAccountOf(input);
		const requested = mediaMetricsOf(input, 'includeInsights', 'Include Insights', { optional: true });
		// "All" means one column per metric any listed type can have; each media fills those valid for its type.
		const columns = requested.includes(ALL_METRICS) ? allMediaMetricsOn(account.path, edge === 'stories' ? ['STORY'] : ['FEED', 'REELS']) : requested;
		const fields = new Set(mediaFieldsOf(input));
		// The media's type decides which metrics may be asked for.
		if (requested.length) fields.add('media_product_type');
		const range = edge === 'media' ? dateRangeOf(input, { earliest: 0, earliestLabel: '1970' }) : {};
		const limit = limitOf(input);
		const simplify = input.parameter('simplify', true);
		return async (pooled, abandon) => {
			const graph = accountClient(pooled, account);
			return await listPosts(
				graph,
				{
					path: `${account.node}/${edge}`,
					qs: { fields: [...fields].join(','), ...rangeQuery(range) },
					limit,
					pageSizeMax: PAGE_SIZE_MAX,
					requiredScope: account.path.scopes.basic,
					simplify,
					insightColumns: columns,
					insightsOf: requested.length
						? async (post, postAbandon) =>
								await instagramMediaInsights(
										graph,
										{
											id: String(post.id),
											// Everything on /stories is a story (a story gone before its insights are read is a note, not a failure).
											media_product_type: edge === 'stories' ? 'STORY' : (post.media_product_type as string),
											timestamp: post.timestamp as string | undefined,
										},
										requested,
										account.path,
										postAbandon,
									)
						: undefined,
				},
				abandon,
			);
		};
	};
}

export const listMedia = listing('media');
export const listStories = listing('stories');

export const listMediaFields: INodeProperties[] = [
	...returnAllAndLimit({ show: showFor }),
	...dateRangeParameters({ show: showFor }, 'none', true),
	mediaFieldsParameter({ show: showFor }),
	mediaMetricsParameter('includeInsights', 'Include Insights', { show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row per media'),
];

export const listStoriesFields: INodeProperties[] = [
	{
		displayName: 'Stories are listed while they are up (24 hours); their insights are kept only that long, so read them before they expire.',
		name: 'storiesNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: storiesShown },
	},
	...returnAllAndLimit({ show: storiesShown }),
	mediaFieldsParameter({ show: storiesShown }),
	mediaMetricsParameter('includeInsights', 'Include Insights', { show: storiesShown }),
	simplifyParameter({ show: storiesShown }, 'one flat row per story'),
];
