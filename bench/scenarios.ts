/**
 * The workflows the benchmark compares, all run through n8n's engine against the simulator:
 * this package's one-step List + Include Insights, and what a user builds today.
 */
import type { INode, INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from '../test/harness/runWorkflow';
import { PACKAGE } from '../test/harness/runWorkflow';

export const METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'];
export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';

const credentials = { threadsOAuth2Api: { id: 'threadsOAuth2Api', name: 'Threads account' } };

function node(name: string, type: string, parameters: INodeParameters, x: number, version = 1): INode {
	return {
		id: name,
		name,
		type,
		typeVersion: version,
		position: [x, 0],
		parameters,
		...(type.startsWith(PACKAGE) ? { credentials } : {}),
	};
}

function chain(nodes: INode[]): WorkflowJson {
	const connections: WorkflowJson['connections'] = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main' as never, index: 0 }]] };
	}
	return { nodes, connections };
}

const start = node('Start', 'test.items', { items: '[{}]' }, 0);
const listPosts = (extra: INodeParameters = {}) =>
	node(
		'List',
		`${PACKAGE}.threads`,
		{ authentication: 'oAuth2', resource: 'thread', operation: 'list', returnAll: true, fields: ['id', 'timestamp'], ...extra },
		200,
	);

export type ScenarioName = 'ours' | 'listThenGetInsights' | 'httpRequestDefault' | 'httpRequestBatched';

export const SCENARIO_LABELS: Record<ScenarioName, string> = {
	ours: 'this package: List + Include Insights',
	listThenGetInsights: 'List → Get Media Insights per item',
	httpRequestDefault: 'List → HTTP Request per item (defaults)',
	httpRequestBatched: 'List → HTTP Request, batching tuned to cap',
};

/** The node whose output rows the benchmark counts. */
export const OUTPUT_NODE: Record<ScenarioName, string> = {
	ours: 'List',
	listThenGetInsights: 'Insights',
	httpRequestDefault: 'HTTP Request',
	httpRequestBatched: 'HTTP Request',
};

function httpRequestPerItem(token: string, batching?: { batchSize: number; batchInterval: number }): INode {
	return node(
		'HTTP Request',
		HTTP_REQUEST_TYPE,
		{
			method: 'GET',
			url: `=https://graph.threads.net/v1.0/{{ $json.id }}/insights?metric=${METRICS.join(',')}`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${token}` }] },
			options: batching ? { batching: { batch: batching } } : {},
		},
		400,
		4.2,
	);
}

/** Batch intervals a user would try, as multiples of the latency, until the run stops failing. */
export const BATCH_INTERVAL_FACTORS = [1.25, 1.5, 2, 3];

export function scenarioWorkflow(name: ScenarioName, token: string, cap: number, latencyMs: number, batchFactor = 1.25): WorkflowJson {
	switch (name) {
		case 'ours':
			return chain([start, listPosts({ includeInsights: METRICS })]);
		case 'listThenGetInsights':
			return chain([
				start,
				listPosts(),
				node(
					'Insights',
					`${PACKAGE}.threads`,
					{
						authentication: 'oAuth2',
						resource: 'media',
						operation: 'getInsights',
						mediaId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						metrics: METRICS,
					},
					400,
				),
			]);
		case 'httpRequestDefault':
			return chain([start, listPosts(), httpRequestPerItem(token)]);
		case 'httpRequestBatched':
			// Hand-tuned: batches of `cap` requests, spaced `batchFactor` latencies apart.
			return chain([start, listPosts(), httpRequestPerItem(token, { batchSize: cap, batchInterval: Math.ceil(latencyMs * batchFactor) })]);
	}
}
