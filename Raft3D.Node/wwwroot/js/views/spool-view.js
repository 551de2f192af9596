// A spool's own page (#/filaments/{id}): its weights, a chart of remaining weight over time, a correction
// form, and its ledger, newest first. Ledger events for this spool add rows as they happen.

import { el, grams, when, replaceChildrenKeepingFocus } from '../dom.js';
import { spoolFigures } from './spool-bar.js';
import { ledgerChart } from './ledger-chart.js';
import { showProblem } from './problem-view.js';
import { ApiProblem } from '../api.js';

export class SpoolView {
  constructor(section, title, body, store, forms) {
    this.section = section;
    this.title = title;
    this.body = body;
    this.store = store;
    this.forms = forms;
    this.filamentId = null;
    this.summary = el('div', { class: 'spool-summary' });
    this.chart = el('div', { class: 'chart-box' });
    this.table = el('div', { class: 'ledger scroll', tabindex: '0', role: 'region', 'aria-label': 'Ledger (scrolls sideways on a narrow screen)' });
    // The ledger's caption sits above its scroll region, not in the table: on a phone the table is wider than
    // the screen and a caption inside it would be cut off. The table is labelled by it.
    this.caption = el('p', { class: 'ledger-caption', id: 'ledger-caption' });
    this.problem = el('div', { class: 'problem', 'aria-live': 'assertive' });
  }

  async open(filamentId) {
    if (this.filamentId && this.filamentId !== filamentId) this.store.unwatchLedger(this.filamentId);
    this.filamentId = filamentId;
    this.missing = false;
    this.title.textContent = `Spool ${filamentId}`;
    // Nothing of the spool shown before may stay under the new id: the chart, form and ledger are built
    // afresh, and stay hidden until the spool is known.
    this.summary.replaceChildren();
    this.chart.replaceChildren();
    this.table.replaceChildren();
    this.caption.textContent = '';
    this.details = el('div', { class: 'spool-details', hidden: true },
      el('h3', { text: 'Remaining weight over time' }),
      this.chart,
      this.forms.adjustForm(filamentId),
      el('h3', { text: 'Ledger' }),
      this.caption,
      this.table);
    this.body.replaceChildren(this.problem, this.summary, this.details);
    this.problem.replaceChildren();
    this.render();
    try {
      await this.store.watchLedger(filamentId);
    } catch (error) {
      if (this.filamentId !== filamentId) return;
      if (error instanceof ApiProblem && error.status === 404) {
        this.missing = true; // the node says so: no need to wait for the lists
        this.render();
      } else {
        showProblem(this.problem, error);
      }
    }
  }

  close() {
    if (this.filamentId) this.store.unwatchLedger(this.filamentId);
    this.filamentId = null;
  }

  render() {
    const id = this.filamentId;
    if (!id) return;
    const filament = this.store.filaments.get(id);
    if (!filament) {
      const known = this.missing || this.store.loaded;
      this.title.textContent = known ? `Spool ${id}: not found` : `Spool ${id}`;
      this.details.hidden = true;
      this.chart.replaceChildren();
      this.table.replaceChildren();
      this.summary.replaceChildren(el('p', { class: known ? 'not-found' : 'empty', 'data-field': 'spool-state',
        text: known ? `No spool has the id ${id}.` : 'Loading…' }));
      return;
    }

    this.title.textContent = `Spool ${id}: ${filament.type} ${filament.color}${filament.archived ? ' (archived)' : ''}`;
    this.details.hidden = false;
    this.summary.replaceChildren(el('div', { class: `card spool-card${filament.low_stock ? ' low' : ''}`, 'data-filament-id': id }, ...spoolFigures(filament)));
    const rows = this.store.ledger(id);
    this.chart.replaceChildren(ledgerChart(filament, rows));
    replaceChildrenKeepingFocus(this.table, [this.ledgerTable(rows)]);
  }

  ledgerTable(rows) {
    const newestFirst = [...rows].reverse();
    this.caption.textContent = `${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}, newest first. They add up to the remaining weight.`;
    return el('table', { class: 'ledger-table', 'aria-labelledby': 'ledger-caption' },
      el('thead', {}, el('tr', {},
        ...['#', 'When', 'Kind', 'Change', 'Remaining after', 'Job', 'Reason', 'Log index'].map(h => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, ...newestFirst.map(r => el('tr', { 'data-sequence': r.sequence },
        el('td', { text: r.sequence }),
        el('td', { text: when(r.at) }),
        el('td', { text: r.kind }),
        el('td', { class: 'num', text: `${Number(r.grams) > 0 ? '+' : ''}${grams(r.grams)}` }),
        el('td', { class: 'num', text: grams(r.remaining_weight_in_grams) }),
        el('td', { text: r.job_id ?? '' }),
        el('td', { text: r.reason ?? '' }),
        el('td', { class: 'num', text: r.log_index })))));
  }
}
