// Spools in use, each with its weights (spool-bar.js) and a link to its own page (ledger and chart).

import { el, replaceChildrenKeepingFocus } from '../dom.js';
import { spoolFigures } from './spool-bar.js';

export class FilamentsView {
  constructor(container, store) {
    this.container = container;
    this.store = store;
  }

  render() {
    const spools = this.store.filamentList();
    const cards = spools.length === 0
      ? [el('p', { class: 'empty', text: 'No spools yet. Add one with the form below.' })]
      : spools.map(filament => el('article', { class: `card spool-card${filament.low_stock ? ' low' : ''}`, 'data-filament-id': filament.id },
        el('h3', {}, el('a', {
          href: `#/filaments/${encodeURIComponent(filament.id)}`,
          'data-focus-key': `filament:${filament.id}:open`,
          text: `${filament.type} · ${filament.color}`,
          // Two spools may share type and colour: the accessible name adds the id (after the visible words).
          'aria-label': `${filament.type} · ${filament.color}, spool ${filament.id}`,
        })),
        el('p', { class: 'id', text: `id ${filament.id}` }),
        ...spoolFigures(filament)));
    replaceChildrenKeepingFocus(this.container, cards);
  }
}
