/** Parameters the Instagram media operations share. */
import type { IDisplayOptions, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { metricOptions, titleCase } from '../../../shared/parameters/commonParameters';
import { NodeOperationError } from 'n8n-workflow';

import { ALL_MEDIA_METRICS, DEFAULT_MEDIA_FIELDS, MEDIA_FIELDS } from '../../instagramApi';
import { ALL_METRICS } from '../../shared/mediaInsights';

export function mediaFieldsParameter(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: [...DEFAULT_MEDIA_FIELDS],
		description: 'Media fields to return, one column each',
		displayOptions,
		options: MEDIA_FIELDS.map((field) => ({ name: titleCase(field), value: field })),
	};
}

/** Metric choice with "All for Its Type": the valid set for each media's type, chosen per media. */
export function mediaMetricsParameter(name: string, displayName: string, displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		default: [],
		description:
			'Lifetime numbers as columns. A metric that does not apply to a media’s type (e.g. saved for a story) is left empty with a note, not requested.',
		displayOptions,
		options: [
			{ name: 'All for Its Type', value: ALL_METRICS, description: 'Every metric valid for each media’s type (feed, reel, story)' },
			...metricOptions(ALL_MEDIA_METRICS),
		],
	};
}

export function mediaIdOf(context: IExecuteSingleFunctions): string {
	const mediaId = String(context.getNodeParameter('mediaId', '') ?? '').trim();
	if (!/^\d+$/.test(mediaId)) {
		throw new NodeOperationError(context.getNode(), `"Media ID" must be an Instagram media ID (digits only)${mediaId ? `, not "${mediaId.slice(0, 60)}"` : ': map {{ $json.id }} from a List step'}`, {
			itemIndex: context.getItemIndex(),
		});
	}
	return mediaId;
}

export function mediaIdParameter(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 17912345678901234',
		description: 'The media’s ID, usually mapped from a List step',
		displayOptions,
	};
}
