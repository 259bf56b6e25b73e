import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { GraphInsight } from '../../../shared/insightsNormaliser';
import { mediaInsightsRow } from '../../../shared/insightsNormaliser';
import { inputError, mediaIdOf, mediaPath, throwOnThreadsError } from '../../shared/context';
import { simplifyParameter } from '../../shared/parameters';
import { MEDIA_METRICS } from '../../threadsApi';

const showFor = { resource: ['media'], operation: ['getInsights'] };

async function requireMetrics(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	if (!(this.getNodeParameter('metrics', []) as string[]).length) {
		throw inputError(this, '"Metrics" is empty: choose at least one metric');
	}
	return requestOptions;
}

/** One row per post: `{ id, views, likes, ... }`; a repost (no insights) gives empty cells. */
async function mediaInsightsOutput(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (!this.getNodeParameter('simplify', true)) return items;
	const metrics = this.getNodeParameter('metrics', []) as string[];
	const data = ((items[0]?.json.data as unknown as GraphInsight[]) ?? []);
	return [{ json: mediaInsightsRow(mediaIdOf(this), data, metrics) }];
}

export const getMediaInsightsRouting = {
	request: { method: 'GET' as const, url: '=/' },
	send: { preSend: [requireMetrics, mediaPath('/insights')] },
	output: { postReceive: [throwOnThreadsError, mediaInsightsOutput] },
};

export const getMediaInsightsFields: INodeProperties[] = [
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		default: [...MEDIA_METRICS],
		description: 'Lifetime numbers of the post, one column each',
		displayOptions: { show: showFor },
		options: [
			{ name: 'Likes', value: 'likes' },
			{ name: 'Quotes', value: 'quotes' },
			{ name: 'Replies', value: 'replies', description: 'Root post: all replies; a reply: direct replies only' },
			{ name: 'Reposts', value: 'reposts' },
			{ name: 'Shares', value: 'shares' },
			{ name: 'Views', value: 'views' },
		],
		routing: { send: { type: 'query', property: 'metric', value: '={{ $value.join(",") }}' } },
	},
	simplifyParameter({ show: showFor }, 'one row per post with a column per metric'),
];
