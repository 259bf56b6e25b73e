import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { mediaIdFor } from '../../../shared/graph/postLookup';
import type { Operation } from '../../../shared/graph/runOperations';
import { mediaInsightsRow } from '../../../shared/insights/insightsNormaliser';
import { simplifyParameter } from '../../../shared/parameters/commonParameters';
import { MEDIA_METRICS_BY_KIND, mediaKindOf } from '../../instagramApi';
import { ALL_METRICS, instagramMediaInsights } from '../../shared/mediaInsights';
import { MY_MEDIA, INSTAGRAM_POST_LINKS, mediaRefOfItem, mediaIdParameter, mediaMetricsOf, mediaMetricsParameter } from './shared';

const showFor = { resource: ['media'], operation: ['getInsights'] };

/** The media's type first (one request), then only the metrics valid for it. */
export const getMediaInsights: Operation = (input) => {
	const requested = mediaMetricsOf(input, 'metrics', 'Metrics');
	const ref = mediaRefOfItem(input);
	const simplify = input.parameter('simplify', true);
	return async (graph, abandon) => {
		const id = await mediaIdFor(graph, ref, MY_MEDIA, INSTAGRAM_POST_LINKS, abandon);
		const media = await graph.get<{ id: string; media_product_type?: string; media_type?: string }>(
			`/${id}`,
			{ fields: 'id,media_type,media_product_type' },
			{ shape: 'node', abandon },
		);
		const { data, note } = await instagramMediaInsights(graph, { id, media_product_type: media.media_product_type }, requested, abandon);
		if (!simplify) return [{ ...media, insights: data as unknown as IDataObject[], ...(note ? { insights_note: note } : {}) }];
		const columns = requested.includes(ALL_METRICS) ? [...MEDIA_METRICS_BY_KIND[mediaKindOf(media.media_product_type)]] : requested;
		const row: IDataObject = { ...mediaInsightsRow(id, data, columns), media_product_type: media.media_product_type ?? null };
		if (note) row.insights_note = note;
		return [row];
	};
};

export const getMediaInsightsFields: INodeProperties[] = [
	mediaIdParameter({ show: showFor }),
	{ ...mediaMetricsParameter('metrics', 'Metrics', { show: showFor }), default: [ALL_METRICS] },
	simplifyParameter({ show: showFor }, 'one row per media with a column per metric'),
];
