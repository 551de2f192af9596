// Jobs as a board by status. Each card offers only the moves the farm's rules allow from its status
// (Queued → Running or Canceled, Running → Done or Canceled), plus assign for a Queued job and progress for a
// Running one. Done and Canceled show the most recent few: a farm's history grows without end.

import { el, grams, when, replaceChildrenKeepingFocus } from '../dom.js';
import { runAction } from './problem-view.js';

const columns = ['Queued', 'Running', 'Done', 'Canceled'];
const finishedShown = 20;

export class JobsView {
  constructor(container, problemRegion, store) {
    this.container = container;
    this.problem = problemRegion;
    this.store = store;
  }

  render() {
    const byStatus = new Map(columns.map(status => [status, []]));
    for (const job of this.store.jobList()) byStatus.get(job.status)?.push(job);
    const sections = columns.map(status => this.column(status, byStatus.get(status)));
    replaceChildrenKeepingFocus(this.container, sections);
  }

  column(status, jobs) {
    const finished = status === 'Done' || status === 'Canceled';
    const sorted = finished
      ? jobs.sort((a, b) => String(b.finished_at ?? '').localeCompare(String(a.finished_at ?? '')) || b.version - a.version)
      : jobs.sort((a, b) => String(a.created_at ?? '').localeCompare(String(b.created_at ?? '')) || a.version - b.version);
    const shown = finished ? sorted.slice(0, finishedShown) : sorted;
    const headingId = `jobs-${status.toLowerCase()}-title`;
    return el('section', { class: `column column-${status.toLowerCase()}`, 'aria-labelledby': headingId, 'data-status': status },
      el('h3', { id: headingId }, `${status} `, el('span', { class: 'count', text: `(${jobs.length})` })),
      shown.length === 0 ? el('p', { class: 'empty', text: 'none' }) : el('ul', { class: 'job-list' }, ...shown.map(job => this.card(job))),
      shown.length < jobs.length ? el('p', { class: 'more', text: `and ${jobs.length - shown.length} older` }) : null);
  }

  card(job) {
    const facts = [
      job.printer_id ? `printer ${job.printer_id}` : 'no printer yet',
      `spool ${job.filament_id}`,
      grams(job.actual_weight_in_grams ?? job.print_weight_in_grams),
    ];
    return el('li', { class: 'job card', 'data-job-id': job.id },
      el('p', { class: 'job-title' }, el('strong', { text: job.id }), ' ', el('span', { class: 'file', text: job.filepath })),
      el('p', { class: 'job-facts', text: facts.join(' · ') }),
      job.status === 'Running'
        ? el('p', { class: 'job-progress' },
          el('progress', { max: '100', value: String(job.progress_percent ?? 0), 'aria-label': `Progress of job ${job.id}` }),
          ` ${job.progress_percent ?? 0}%`)
        : null,
      job.finished_at ? el('p', { class: 'job-time', text: `finished ${when(job.finished_at)}` }) : null,
      ...this.controls(job));
  }

  controls(job) {
    const id = encodeURIComponent(job.id);
    const status = target => () => this.store.write('print_job', 'POST', `/api/v1/print_jobs/${id}/status`, { status: target });
    if (job.status === 'Queued') {
      const waits = this.startWaits(job);
      return [
        el('div', { class: 'actions' },
          job.printer_id && !waits ? this.button(job, 'start', 'Start', status('Running')) : null,
          this.button(job, 'cancel', 'Cancel', status('Canceled'))),
        waits ? el('p', { class: 'job-note', 'data-field': 'start-waits', text: waits }) : null,
        this.assignControl(job),
      ];
    }
    if (job.status === 'Running') {
      return [
        el('div', { class: 'actions' },
          this.button(job, 'done', 'Done', status('Done')),
          this.button(job, 'cancel', 'Cancel', status('Canceled'))),
        this.progressControl(job),
      ];
    }
    return [];
  }

  /** Why a queued job cannot start now (its printer is busy or in maintenance), or null. */
  startWaits(job) {
    const printer = job.printer_id ? this.store.printers.get(job.printer_id) : null;
    if (!printer || printer.state === 'Idle') return null; // an unknown state: the node decides
    return printer.state === 'Maintenance'
      ? `Cannot start: printer ${printer.id} is in maintenance.`
      : `Cannot start yet: printer ${printer.id} is busy (${printer.state}).`;
  }

  assignControl(job) {
    const printers = this.store.printerList().filter(p => p.state !== 'Maintenance' && p.id !== job.printer_id);
    if (printers.length === 0) return null;
    const selectId = `assign-${job.id}`;
    const select = el('select', { id: selectId, 'data-focus-key': `job:${job.id}:assign-to` },
      ...printers.map(p => el('option', { value: p.id, text: `${p.id} (${p.company} ${p.model})` })));
    return el('div', { class: 'inline-form' },
      el('label', { for: selectId, text: job.printer_id ? 'Move to printer' : 'Assign to printer' }),
      select,
      this.button(job, 'assign', 'Assign', () => this.store.write('print_job', 'POST', `/api/v1/print_jobs/${encodeURIComponent(job.id)}/assign`, { printer_id: select.value }),
        `Assign job ${job.id} to the chosen printer`));
  }

  progressControl(job) {
    const inputId = `progress-${job.id}`;
    const input = el('input', {
      id: inputId, type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric',
      value: String(job.progress_percent ?? 0), 'data-focus-key': `job:${job.id}:progress-value`,
    });
    return el('div', { class: 'inline-form' },
      el('label', { for: inputId, text: 'Progress %' }),
      input,
      this.button(job, 'progress', 'Report', () => this.store.write('print_job', 'POST', `/api/v1/print_jobs/${encodeURIComponent(job.id)}/progress`, { percent: Number(input.value) }),
        `Report progress of job ${job.id}`));
  }

  /** The accessible name starts with the visible label (so voice control finds it) and names the job. */
  button(job, key, label, write, name = `${label} job ${job.id}`) {
    return el('button', {
      type: 'button',
      class: key === 'cancel' ? 'secondary' : null,
      'data-focus-key': `job:${job.id}:${key}`,
      'aria-label': name,
      text: label,
      on: { click: () => runAction(this.problem, write) },
    });
  }
}
