// One spool's weights as a bar and as words: of its total, what is available, what open jobs hold
// (reserved), and what is gone. The words carry everything; the bar only repeats them for the eye, and the
// low-stock warning is a sentence with a sign, not a colour.

import { el, grams } from '../dom.js';

export function spoolFigures(filament) {
  const total = Number(filament.total_weight_in_grams) || 0;
  const remaining = Number(filament.remaining_weight_in_grams) || 0;
  const reserved = Number(filament.reserved_weight_in_grams) || 0;
  const available = Number(filament.available_weight_in_grams);
  const share = value => (total > 0 ? Math.max(0, Math.min(100, (value / total) * 100)) : 0);
  const availableShare = share(Math.max(0, available));
  const reservedShare = Math.min(share(reserved), 100 - availableShare);

  const bar = el('div', { class: 'bar', 'aria-hidden': 'true' },
    el('span', { class: 'bar-available', style: { width: `${availableShare}%` } }),
    el('span', { class: 'bar-reserved', style: { width: `${reservedShare}%` } }));

  const figures = el('p', { class: 'figures' },
    el('span', {}, 'Remaining ', el('strong', { 'data-field': 'remaining', text: grams(remaining) }), ` of ${grams(total)}`),
    el('span', {}, 'Reserved ', el('strong', { 'data-field': 'reserved', text: grams(reserved) })),
    el('span', {}, 'Available ', el('strong', { 'data-field': 'available', text: grams(available) })));

  const warning = filament.low_stock
    ? el('p', { class: 'warning', 'data-field': 'low-stock' },
      el('span', { 'aria-hidden': 'true', text: '⚠ ' }),
      `Low stock: ${grams(available)} available, below the ${grams(filament.low_stock_threshold_in_grams)} threshold.`)
    : null;

  return [bar, el('div', { class: 'legend', 'aria-hidden': 'true' },
    el('span', { class: 'key key-available', text: 'available' }),
    el('span', { class: 'key key-reserved', text: 'reserved' }),
    el('span', { class: 'key key-used', text: 'used' })), figures, warning];
}
