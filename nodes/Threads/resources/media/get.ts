import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { postRow } from '../../../shared/insights/postRows';
import { setMediaPath, throwOnThreadsError } from '../../shared/context';
import { simplifyParameter } from '../../../shared/parameters/commonParameters';
import { postFieldsParameter } from '../../shared/parameters';

const showFor = { resource: ['media'], operation: ['get'] };

async function simplifyPost(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (!this.getNodeParameter('simplify', true)) return items;
	return items.map((item) => ({ json: postRow(item.json) }));
}

export const getMediaRouting = {
	request: { method: 'GET' as const, url: '=/' },
	send: { preSend: [setMediaPath] },
	output: { postReceive: [throwOnThreadsError, simplifyPost] },
};

export const getMediaFields: INodeProperties[] = [
	postFieldsParameter({ show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row (owner_id, children_ids as columns)'),
];
