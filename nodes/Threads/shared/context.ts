/** Reading and checking the Threads node's own parameters; every check runs before the first request. */
import type { ItemInput } from '../../shared/parameters/nodeInput';
import { graphIdOf, metricsOf } from '../../shared/parameters/nodeInput';
import { MEDIA_METRICS, POST_FIELDS } from '../threadsApi';

export function mediaIdOf(input: ItemInput): string {
	return graphIdOf(input, 'mediaId', 'Media', 'Threads', { locator: true });
}

/** The post fields to ask for; a text from an expression may list them comma-separated. */
export function postFieldsOf(input: ItemInput, allowed: readonly string[] = POST_FIELDS): string {
	return metricsOf(input, 'fields', 'Fields', allowed).join(',');
}

export function mediaMetricsOf(input: ItemInput, name = 'metrics', label = 'Metrics'): string[] {
	return metricsOf(input, name, label, MEDIA_METRICS);
}
