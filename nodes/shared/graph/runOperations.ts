/**
 * The adapter between n8n's `execute()` and a Graph node's operations, for every operation of
 * the Threads and Instagram nodes. The nodes are programmatic rather than declarative because
 * every request must go through the one transport (retry, timeout, redaction), and because an
 * operation may send many requests and return many rows per input item.
 *
 * An operation is split in two: `check` reads the item's parameters and refuses bad input
 * (it gets no way to send a request), and the job it returns does the requests. So:
 * - every item is checked before any request is sent;
 * - every item's job runs at once (as n8n's own declarative nodes do); the execution's one
 *   adaptive pool bounds the requests in flight;
 * - every output row is paired with the item it came from;
 * - with "On Error: Continue" a failed item gives one error row (paired) and the others go
 *   on; without it the first failure stops the queued requests and fails the node.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemInput } from '../parameters/nodeInput';
import type { GraphClient, GraphPlatform } from './pooledGraphRequest';
import { pooledGraphClient, requestSettingsOf } from './pooledGraphRequest';
import type { AbandonSignal } from './transport';

/**
 * One item's work, with the execution's client; returns the item's rows. `hint` shows a note
 * above the node's output where a user can go wrong (an unfinished day, a Limit not reached).
 */
export type OperationJob = (graph: GraphClient, abandon: AbandonSignal, hint: (message: string) => void) => Promise<IDataObject[]>;

/** Checks one item's input and returns its job. */
export type Operation = (input: ItemInput) => OperationJob;

/** resource → operation → implementation. */
export type OperationTable = Record<string, Record<string, Operation>>;

export interface GraphNodeSpec {
	platform: GraphPlatform;
	/** The permission named when Meta refuses a request for lack of one, unless the request names its own. */
	defaultScope: string;
	operations: OperationTable;
}

export async function runOperations(context: IExecuteFunctions, spec: GraphNodeSpec): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const continueOnFail = context.continueOnFail();
	const results: Array<IDataObject[] | Error> = new Array(items.length);

	const jobs: Array<OperationJob | undefined> = items.map((_item, itemIndex) => {
		try {
			return operationOf(context, spec, itemIndex)(itemInputOf(context, itemIndex));
		} catch (error) {
			const failure = withItemIndex(context, error, itemIndex);
			if (!continueOnFail) throw failure;
			results[itemIndex] = failure;
			return undefined;
		}
	});

	const graph = pooledGraphClient(
		context,
		spec.platform,
		spec.defaultScope,
		requestSettingsOf(context.getNodeParameter('options', 0, {}) as IDataObject),
	);
	// Without "Continue", the first item to fail stops the queued requests of all items.
	const execution: AbandonSignal = {};
	const hints = new Set<string>();
	await Promise.all(
		jobs.map(async (job, itemIndex) => {
			if (!job) return;
			try {
				results[itemIndex] = await job(graph, { parent: continueOnFail ? undefined : execution }, (message) => hints.add(message));
			} catch (error) {
				if (error === execution.error) return;
				results[itemIndex] = withItemIndex(context, error, itemIndex);
				if (!continueOnFail) execution.error ??= results[itemIndex] as Error;
			}
		}),
	);
	if (execution.error) throw execution.error;
	// n8n 1.x before execution hints existed runs without them.
	if (hints.size && typeof context.addExecutionHints === 'function') {
		context.addExecutionHints(...[...hints].map((message) => ({ message, type: 'info' as const, location: 'outputPane' as const })));
	}

	const output: INodeExecutionData[] = [];
	for (const [itemIndex, result] of results.entries()) {
		const pairedItem = { item: itemIndex };
		if (result === undefined) continue;
		if (result instanceof Error) {
			const description = (result as { description?: unknown }).description;
			output.push({
				json: { error: result.message, ...(typeof description === 'string' && description ? { details: description } : {}) },
				pairedItem,
			});
			continue;
		}
		for (const json of result) output.push({ json, pairedItem });
	}
	return [output];
}

function operationOf(context: IExecuteFunctions, spec: GraphNodeSpec, itemIndex: number): Operation {
	const resource = context.getNodeParameter('resource', itemIndex) as string;
	const operation = context.getNodeParameter('operation', itemIndex) as string;
	const implementation = spec.operations[resource]?.[operation];
	if (!implementation) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" of "${resource}" is not supported`, { itemIndex });
	}
	return implementation;
}

function itemInputOf(context: IExecuteFunctions, itemIndex: number): ItemInput {
	return {
		node: context.getNode(),
		itemIndex,
		timezone: context.getTimezone(),
		parameter: <T>(name: string, fallback: T, options?: { extractValue?: boolean }) =>
			context.getNodeParameter(name, itemIndex, fallback, options) as T,
	};
}

/** n8n shows which item failed from `context.itemIndex`; errors of the transport do not know it. */
function withItemIndex(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	const failure =
		error instanceof Error && 'context' in error
			? error
			: new NodeOperationError(context.getNode(), error instanceof Error ? error : new Error(String(error)), { itemIndex });
	const errorContext = ((failure as { context?: IDataObject }).context ??= {});
	errorContext.itemIndex = itemIndex;
	return failure;
}
