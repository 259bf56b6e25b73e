/** A small horizontal bar chart (SVG) of wall times, grouped by latency. No dependencies. */
interface ChartRow {
	scenario: string;
	latencyMs: number;
	wallMs: number;
	failedItems: number;
	limitMs: number;
}

export function renderChart(rows: ChartRow[], labels: Record<string, string>): string {
	const barHeight = 18;
	const gap = 6;
	const left = 300;
	const width = 820;
	const maxMs = Math.max(1, ...rows.map((row) => row.wallMs));
	const scale = (ms: number) => ((width - left - 80) * ms) / maxMs;
	const parts: string[] = [];
	let y = 30;
	for (const latency of [...new Set(rows.map((row) => row.latencyMs))]) {
		parts.push(`<text x="10" y="${y}" font-weight="bold">N = 1,000 posts, ${latency} ms latency, cap 20 (wall seconds)</text>`);
		y += 10;
		const group = rows.filter((row) => row.latencyMs === latency);
		for (const row of group) {
			const failed = row.failedItems > 0;
			parts.push(
				`<text x="10" y="${y + 13}" font-size="12">${labels[row.scenario] ?? row.scenario}</text>`,
				`<rect x="${left}" y="${y}" width="${Math.max(1, scale(row.wallMs))}" height="${barHeight}" fill="${row.scenario === 'ours' ? '#1f7a4d' : failed ? '#c0392b' : '#7f8c8d'}"/>`,
				`<text x="${left + scale(row.wallMs) + 6}" y="${y + 13}" font-size="12">${(row.wallMs / 1000).toFixed(2)} s${failed ? ' (failed)' : ''}</text>`,
			);
			y += barHeight + gap;
		}
		const limit = group[0]?.limitMs ?? 0;
		parts.push(`<line x1="${left + scale(limit)}" x2="${left + scale(limit)}" y1="${y - group.length * (barHeight + gap) - 4}" y2="${y}" stroke="#000" stroke-dasharray="4 3"/>`);
		parts.push(`<text x="${left + scale(limit) + 4}" y="${y + 10}" font-size="11">latency limit ${(limit / 1000).toFixed(2)} s</text>`);
		y += 30;
	}
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>\n`;
}
