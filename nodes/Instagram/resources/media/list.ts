import type { IExecutePaginationFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DatePreset } from '../../../shared/dateRange';
import { rangeProblem, resolveDateRange } from '../../../shared/dateRange';
import { listPosts } from '../../../shared/postListing';
import { concurrencyOptions, dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/commonParameters';
import { INSTAGRAM_SCOPES, MEDIA_METRICS_BY_KIND, PAGE_SIZE_MAX } from '../../instagramApi';
import { ALL_METRICS, instagramMediaInsights } from '../../shared/mediaInsights';
import { INSTAGRAM_PLATFORM } from '../../shared/requests';
import { mediaFieldsParameter, mediaMetricsParameter } from './shared';

const showFor = { resource: ['media'], operation: ['list'] };

async function listMedia(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
	const requested = this.getNodeParameter('includeInsights', []) as string[];
	// "All" means one column per metric any type can have; each media fills those valid for its type.
	const columns = requested.includes(ALL_METRICS) ? [...new Set(Object.values(MEDIA_METRICS_BY_KIND).flat())] : requested;
	const fields = new Set(this.getNodeParameter('fields', []) as string[]);
	// The media's type decides which metrics may be asked for.
	if (requested.length) fields.add('media_product_type');
	const range = resolveDateRange({
		preset: this.getNodeParameter('dateRange', 'none') as DatePreset,
		timezone: this.getTimezone(),
		since: this.getNodeParameter('since', '') as string,
		until: this.getNodeParameter('until', '') as string,
	});
	const problem = rangeProblem(range, { earliest: 0, earliestLabel: '1970' });
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex: this.getItemIndex() });
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	return await listPosts(this, {
		platform: INSTAGRAM_PLATFORM,
		path: '/me/media',
		qs: { fields: [...fields].join(','), ...(range.since !== undefined ? { since: range.since } : {}), ...(range.until !== undefined ? { until: range.until } : {}) },
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
