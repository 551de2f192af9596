// Printers: state, the running job and its progress, queue length, and the operator's buttons (dispatch the
// head of the queue, maintenance on and off), each shown only when the state allows it.

import { el, replaceChildrenKeepingFocus } from '../dom.js';
import { runAction } from './problem-view.js';

export class PrintersView {
  constructor(container, problemRegion, store) {
    this.container = container;
    this.problem = problemRegion;
    this.store = store;
  }

  render() {
    const printers = this.store.printerList();
    const cards = printers.length === 0
      ? [el('p', { class: 'empty', text: 'No printers yet. Add one with the form below.' })]
      : printers.map(printer => this.card(printer));
    replaceChildrenKeepingFocus(this.container, cards);
  }

  card(printer) {
    const job = printer.current_job_id ? this.store.jobs.get(printer.current_job_id) : null;
    const progress = job ? Number(job.progress_percent) || 0 : null;
    const queued = Number(printer.queued_jobs) || 0;
    return el('article', { class: `card printer state-${String(printer.state).toLowerCase()}`, 'data-printer-id': printer.id },
      el('h3', {}, el('span', { class: 'name', text: `${printer.company} ${printer.model}` })),
      el('p', { class: 'id', text: `id ${printer.id}` }),
      el('dl', { class: 'facts' },
        el('dt', { text: 'State' }), el('dd', { 'data-field': 'state', text: printer.state }),
        el('dt', { text: 'Current job' }),
        el('dd', { 'data-field': 'current-job' },
          job ? `${job.id} (${progress}%)` : printer.current_job_id ?? 'none',
          job ? el('progress', { max: '100', value: String(progress), 'aria-label': `Progress of job ${job.id}` }) : null),
        el('dt', { text: 'Queue' }), el('dd', { 'data-field': 'queue', text: `${plural(queued, 'job')} waiting` }),
        el('dt', { text: 'Completed' }), el('dd', { text: plural(Number(printer.completed_jobs) || 0, 'job') })),
      el('div', { class: 'actions' }, ...this.buttons(printer, queued)));
  }

  buttons(printer, queued) {
    const id = encodeURIComponent(printer.id);
    const buttons = [];
    if (printer.state === 'Idle' && queued > 0) {
      buttons.push(this.button(printer, 'dispatch', 'Start next job', () => this.store.write('print_job', 'POST', `/api/v1/printers/${id}/dispatch`)));
    }
    if (printer.state === 'Idle') {
      buttons.push(this.button(printer, 'maintenance-on', 'Start maintenance', () => this.store.write('printer', 'POST', `/api/v1/printers/${id}/maintenance`)));
    }
    if (printer.state === 'Maintenance') {
      buttons.push(this.button(printer, 'maintenance-off', 'End maintenance', () => this.store.write('printer', 'DELETE', `/api/v1/printers/${id}/maintenance`)));
    }
    return buttons;
  }

  button(printer, key, label, write) {
    return el('button', {
      type: 'button',
      'data-focus-key': `printer:${printer.id}:${key}`,
      'aria-label': `${label} on printer ${printer.id}`,
      text: label,
      on: { click: () => runAction(this.problem, write) },
    });
  }
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
