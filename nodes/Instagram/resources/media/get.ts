import type { IExecutePaginationFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { postRow } from '../../../shared/insights/postRows';
import { simplifyParameter } from '../../../shared/parameters/commonParameters';
import { instagramGet } from '../../shared/requests';
import { mediaFieldsParameter, mediaIdOf, mediaIdParameter } from './shared';

const showFor = { resource: ['media'], operation: ['get'] };

async function getMedia(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
	const media = await instagramGet(this, `/${mediaIdOf(this)}`, { fields: (this.getNodeParameter('fields', []) as string[]).join(',') });
	return [{ json: this.getNodeParameter('simplify', true) ? postRow(media) : media }];
}

export const getMediaRouting = {
	request: { method: 'GET' as const, url: '=/' },
	send: { paginate: true },
	operations: { pagination: getMedia },
};

export const getMediaFields: INodeProperties[] = [
	mediaIdParameter({ show: showFor }),
	mediaFieldsParameter({ show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row (children_ids as a column)'),
];
