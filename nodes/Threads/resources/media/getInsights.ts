import type {
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { GraphInsight } from '../../../shared/insights/insightsNormaliser';
import { mediaInsightsRow } from '../../../shared/insights/insightsNormaliser';
import { inputError } from '../../../shared/parameters/nodeInput';
import { mediaIdOf } from '../../shared/context';
import { concurrencyOptions, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { MEDIA_METRIC_OPTIONS } from '../../shared/parameters';
import { threadsGet } from '../../shared/requests';
import { MEDIA_METRICS, THREADS_SCOPES } from '../../threadsApi';

const showFor = { resource: ['media'], operation: ['getInsights'] };

async function requireMetrics(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	if (!(this.getNodeParameter('metrics', []) as string[]).length) {
		throw inputError(this, '"Metrics" is empty: choose at least one metric');
	}
	return requestOptions;
}

/**
 * One row per post: `{ id, views, likes, ... }`; a repost (no insights) gives empty cells.
 * Sent through the node's shared pool (n8n starts every input item at once; the pool keeps
 * 1,000 input items from becoming 1,000 simultaneous requests).
 */
async function fetchMediaInsights(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
	const metrics = this.getNodeParameter('metrics', []) as string[];
	const mediaId = mediaIdOf(this);
	const answer = await threadsGet<{ data?: GraphInsight[] }>(
		this,
		`/${mediaId}/insights`,
		{ metric: metrics.join(',') },
		{ requiredScope: THREADS_SCOPES.insights },
	);
	if (!this.getNodeParameter('simplify', true)) return [{ json: answer as IDataObject }];
	return [{ json: mediaInsightsRow(mediaId, answer.data ?? [], metrics) }];
}

export const getMediaInsightsRouting = {
	request: { method: 'GET' as const, url: '=/' },
	send: { paginate: true, preSend: [requireMetrics] },
	operations: { pagination: fetchMediaInsights },
};

export const getMediaInsightsFields: INodeProperties[] = [
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		default: [...MEDIA_METRICS],
		description: 'Lifetime numbers of the post, one column each',
		displayOptions: { show: showFor },
		options: MEDIA_METRIC_OPTIONS,
		routing: { send: { type: 'query', property: 'metric', value: '={{ $value.join(",") }}' } },
	},
	simplifyParameter({ show: showFor }, 'one row per post with a column per metric'),
	concurrencyOptions({ show: showFor }),
];
