/**
 * The lists this package reads about conversations and discovery (keyword search, mentions,
 * replies, conversations, my replies): paged with the shared walk, one flat row per item,
 * Return All / Limit. Each operation says where the list is and what an empty or refused
 * answer means for the user.
 */
import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/pooledGraphRequest';
import type { OperationJob } from '../../shared/graph/runOperations';
import type { AbandonSignal } from '../../shared/graph/transport';
import { listPosts } from '../../shared/insights/postListing';
import type { ItemInput } from '../../shared/parameters/nodeInput';
import { limitOf } from '../../shared/parameters/nodeInput';
import { PAGE_SIZE_MAX } from '../threadsApi';

export interface DiscoveryList {
	/** The list's path, or how to find it (a post given by link is looked up first). */
	path: string | ((graph: GraphClient, abandon: AbandonSignal) => Promise<string>);
	qs: IDataObject;
	requiredScope: string;
	/** Fields asked for only to give hints, removed from the rows. */
	helperFields?: string[];
	/** Hints about the rows (an empty answer, a restriction Meta applied); may ask for more. */
	hints?: (rows: IDataObject[], graph: GraphClient, hint: (message: string) => void) => Promise<void> | void;
	/** Rewrites a refusal in this list's terms (the search quota), or returns it as it is. */
	explain?: (error: unknown) => unknown;
	/** false: a throttled page fails at once (the search quota: waiting does not refill it). */
	retryWhenThrottled?: boolean;
}

export function discoveryListJob(input: ItemInput, list: DiscoveryList): OperationJob {
	const limit = limitOf(input);
	const simplify = input.parameter('simplify', true);
	return async (graph, abandon, hint) => {
		let rows: IDataObject[];
		try {
			const path = typeof list.path === 'string' ? list.path : await list.path(graph, abandon);
			rows = await listPosts(
				graph,
				{ path, qs: list.qs, limit, pageSizeMax: PAGE_SIZE_MAX, requiredScope: list.requiredScope, simplify, insightColumns: [], retryWhenThrottled: list.retryWhenThrottled },
				abandon,
			);
		} catch (error) {
			throw list.explain ? list.explain(error) : error;
		}
		await list.hints?.(rows, graph, hint);
		const helpers = list.helperFields ?? [];
		return helpers.length ? rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => !helpers.includes(key)))) : rows;
	};
}

/** The chosen fields plus those a hint needs (asked for, then removed from the rows). */
export function withHelperFields(fields: string, needed: string[]): { fields: string; helperFields: string[] } {
	const chosen = fields.split(',');
	const helperFields = needed.filter((field) => !chosen.includes(field));
	return { fields: [...chosen, ...helperFields].join(','), helperFields };
}
