import type { IExecutePaginationFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { rangeQuery } from '../../../shared/parameters/dateRange';
import { dateRangeOf } from '../../../shared/parameters/nodeInput';
import { listPosts } from '../../../shared/insights/postListing';
import { concurrencyOptions, dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { ALL_MEDIA_METRICS, INSTAGRAM_SCOPES, PAGE_SIZE_MAX } from '../../instagramApi';
import { ALL_METRICS, instagramMediaInsights } from '../../shared/mediaInsights';
import { INSTAGRAM_PLATFORM } from '../../shared/requests';
import { mediaFieldsParameter, mediaMetricsParameter } from './shared';

const showFor = { resource: ['media'], operation: ['list'] };

async function listMedia(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
	const requested = this.getNodeParameter('includeInsights', []) as string[];
	// "All" means one column per metric any type can have; each media fills those valid for its type.
	const columns = requested.includes(ALL_METRICS) ? ALL_MEDIA_METRICS : requested;
	const fields = new Set(this.getNodeParameter('fields', []) as string[]);
	// The media's type decides which metrics may be asked for.
	if (requested.length) fields.add('media_product_type');
	const range = dateRangeOf(this, { earliest: 0, earliestLabel: '1970' });
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	return await listPosts(this, {
		platform: INSTAGRAM_PLATFORM,
		path: '/me/media',
		qs: { fields: [...fields].join(','), ...rangeQuery(range) },
		limit: returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', 50) as number),
		pageSizeMax: PAGE_SIZE_MAX,
		requiredScope: INSTAGRAM_SCOPES.basic,
		simplify: this.getNodeParameter('simplify', true) as boolean,
		insightColumns: columns,
		insightsOf: requested.length
			? async (post, abandon) =>
					await instagramMediaInsights(this, { id: String(post.id), media_product_type: post.media_product_type as string }, requested, abandon)
			: undefined,
	});
}

export const listMediaRouting = {
	request: { method: 'GET' as const, url: '/me/media' },
	send: { paginate: true },
	operations: { pagination: listMedia },
};

export const listMediaFields: INodeProperties[] = [
	...returnAllAndLimit({ show: showFor }),
	...dateRangeParameters({ show: showFor }, 'none', true),
	mediaFieldsParameter({ show: showFor }),
	mediaMetricsParameter('includeInsights', 'Include Insights', { show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row per media'),
	concurrencyOptions({ show: showFor }),
];
