import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { listPosts } from '../../../shared/insights/postListing';
import { dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { rangeQuery } from '../../../shared/parameters/dateRange';
import { dateRangeOf, limitOf } from '../../../shared/parameters/nodeInput';
import { ALL_MEDIA_METRICS, INSTAGRAM_SCOPES, PAGE_SIZE_MAX } from '../../instagramApi';
import { ALL_METRICS, instagramMediaInsights } from '../../shared/mediaInsights';
import { mediaFieldsOf, mediaFieldsParameter, mediaMetricsOf, mediaMetricsParameter } from './shared';

const showFor = { resource: ['media'], operation: ['list'] };

/** `/me/media`, newest first, paged; Include Insights adds each media's numbers as columns. */
export const listMedia: Operation = (input) => {
	const requested = mediaMetricsOf(input, 'includeInsights', 'Include Insights', { optional: true });
	// "All" means one column per metric any type can have; each media fills those valid for its type.
	const columns = requested.includes(ALL_METRICS) ? ALL_MEDIA_METRICS : requested;
	const fields = new Set(mediaFieldsOf(input));
	// The media's type decides which metrics may be asked for.
	if (requested.length) fields.add('media_product_type');
	const range = dateRangeOf(input, { earliest: 0, earliestLabel: '1970' });
	const limit = limitOf(input);
	const simplify = input.parameter('simplify', true);
	return async (graph, abandon) =>
		await listPosts(
			graph,
			{
				path: '/me/media',
				qs: { fields: [...fields].join(','), ...rangeQuery(range) },
				limit,
				pageSizeMax: PAGE_SIZE_MAX,
				requiredScope: INSTAGRAM_SCOPES.basic,
				simplify,
				insightColumns: columns,
				insightsOf: requested.length
					? async (post, postAbandon) =>
							await instagramMediaInsights(graph, { id: String(post.id), media_product_type: post.media_product_type as string }, requested, postAbandon)
					: undefined,
			},
			abandon,
		);
};

export const listMediaFields: INodeProperties[] = [
	...returnAllAndLimit({ show: showFor }),
	...dateRangeParameters({ show: showFor }, 'none', true),
	mediaFieldsParameter({ show: showFor }),
	mediaMetricsParameter('includeInsights', 'Include Insights', { show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row per media'),
];
