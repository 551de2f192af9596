// A small inline SVG chart of a spool's remaining weight over its ledger. A step line: remaining holds
// its value until the next entry changes it. x is time when every entry has one (entries from before the
// ledger kept times have none), else the entry's place in the ledger. The table beside it says the same
// in words, so the chart is one image with a summary for screen readers.

import { svg, grams, when } from '../dom.js';

const width = 600;
const height = 200;
const pad = { left: 90, right: 12, top: 12, bottom: 34 }; // room for the larger ticks on a phone

export function ledgerChart(filament, rows) {
  const titleId = `chart-title-${filament.id}`;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const summary = rows.length === 0
    ? `No ledger entries for spool ${filament.id}.`
    : `Remaining weight of spool ${filament.id} over ${rows.length} ledger ${rows.length === 1 ? 'entry' : 'entries'}: from ${grams(first.remaining_weight_in_grams)} to ${grams(last.remaining_weight_in_grams)}.`;

  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId, 'data-points': rows.length },
    svg('title', { id: titleId, text: summary }));
  if (rows.length === 0) return chart;

  const byTime = rows.every(r => r.at);
  const xs = rows.map((r, i) => (byTime ? Date.parse(r.at) : i));
  const ys = rows.map(r => Number(r.remaining_weight_in_grams));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const yMax = Math.max(Number(filament.total_weight_in_grams) || 0, ...ys);
  const x = v => pad.left + (xMax === xMin ? 0 : ((v - xMin) / (xMax - xMin)) * (width - pad.left - pad.right));
  const y = v => pad.top + (yMax === 0 ? 0 : (1 - v / yMax) * (height - pad.top - pad.bottom));

  const steps = [];
  rows.forEach((_, i) => {
    if (i > 0) steps.push(`${x(xs[i]).toFixed(1)},${y(ys[i - 1]).toFixed(1)}`);
    steps.push(`${x(xs[i]).toFixed(1)},${y(ys[i]).toFixed(1)}`);
  });
  // The last value holds until now: carry the line to the right edge.
  steps.push(`${(width - pad.right).toFixed(1)},${y(ys[ys.length - 1]).toFixed(1)}`);

  chart.append(
    svg('line', { class: 'axis', x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom }),
    svg('line', { class: 'axis', x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom }),
    svg('text', { class: 'tick', x: pad.left - 6, y: y(yMax) + 4, 'text-anchor': 'end', text: grams(yMax) }),
    svg('text', { class: 'tick', x: pad.left - 6, y: y(0), 'text-anchor': 'end', text: grams(0) }),
    svg('text', { class: 'tick', x: pad.left, y: height - 8, text: byTime ? when(first.at) : `#${first.sequence}` }),
    svg('text', { class: 'tick', x: width - pad.right, y: height - 8, 'text-anchor': 'end', text: byTime ? when(last.at) : `#${last.sequence}` }),
    svg('polyline', { class: 'line', points: steps.join(' ') }),
    ...rows.map((r, i) => svg('circle', { class: 'point', cx: x(xs[i]).toFixed(1), cy: y(ys[i]).toFixed(1), r: 3 })));
  return chart;
}
