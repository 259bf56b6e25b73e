import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mediaInsightsRow } from '../../../shared/insights/insightsNormaliser';
import { concurrencyOptions, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { MEDIA_METRICS_BY_KIND, mediaKindOf } from '../../instagramApi';
import { ALL_METRICS, instagramMediaInsights } from '../../shared/mediaInsights';
import { instagramGet } from '../../shared/requests';
import { mediaIdOf, mediaIdParameter, mediaMetricsParameter } from './shared';

const showFor = { resource: ['media'], operation: ['getInsights'] };

/** The media's type first (one request), then only the metrics valid for it. */
async function getMediaInsights(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
	const requested = this.getNodeParameter('metrics', []) as string[];
	if (!requested.length) {
		throw new NodeOperationError(this.getNode(), '"Metrics" is empty: choose at least one metric, or "All for Its Type"', { itemIndex: this.getItemIndex() });
	}
	const id = mediaIdOf(this);
	const media = await instagramGet<{ id: string; media_product_type?: string; media_type?: string }>(this, `/${id}`, {
		fields: 'id,media_type,media_product_type',
	});
	const { data, note } = await instagramMediaInsights(this, { id, media_product_type: media.media_product_type }, requested);
	if (!this.getNodeParameter('simplify', true)) return [{ json: { ...media, insights: data as unknown as IDataObject[], ...(note ? { insights_note: note } : {}) } }];
	const columns = requested.includes(ALL_METRICS) ? [...MEDIA_METRICS_BY_KIND[mediaKindOf(media.media_product_type)]] : requested;
	const row: IDataObject = { ...mediaInsightsRow(id, data, columns), media_product_type: media.media_product_type ?? null };
	if (note) row.insights_note = note;
	return [{ json: row }];
}

export const getMediaInsightsRouting = {
	request: { method: 'GET' as const, url: '=/' },
	send: { paginate: true },
	operations: { pagination: getMediaInsights },
};

export const getMediaInsightsFields: INodeProperties[] = [
	mediaIdParameter({ show: showFor }),
	{ ...mediaMetricsParameter('metrics', 'Metrics', { show: showFor }), default: [ALL_METRICS] },
	simplifyParameter({ show: showFor }, 'one row per media with a column per metric'),
	concurrencyOptions({ show: showFor }),
];
