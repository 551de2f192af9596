// The forms: add a printer, a spool and a job, and correct a spool. Each submit sends one fresh
// Idempotency-Key (kept if the API client resends it to another node), and a refusal is shown next to the
// form in words (problem-view.js). The choice lists follow the farm as events change it.

import { el, grams } from '../dom.js';
import { newIdempotencyKey } from '../api.js';
import { showProblem, clearProblem } from './problem-view.js';

const filamentTypes = ['PLA', 'PETG', 'ABS', 'TPU'];

export class FormsView {
  constructor(container, store) {
    this.container = container;
    this.store = store;
    this.printerSelects = [];
    this.filamentSelects = [];
  }

  build() {
    this.container.replaceChildren(
      this.printerForm(),
      this.filamentForm(),
      this.jobForm(),
      this.adjustForm());
    this.refreshChoices();
  }

  printerForm() {
    return form({
      name: 'printer',
      title: 'Add a printer',
      fields: [
        input('id', 'Id (optional)', { pattern: '[A-Za-z0-9._\\-]{1,64}', autocomplete: 'off' }),
        input('company', 'Company', { required: true, maxlength: '100' }),
        input('model', 'Model', { required: true, maxlength: '100' }),
      ],
      submitLabel: 'Add printer',
      send: (values, key) => this.store.write('printer', 'POST', '/api/v1/printers', compact({ id: values.id, company: values.company, model: values.model }), key),
      done: printer => `Added printer ${printer.id}.`,
    });
  }

  filamentForm() {
    return form({
      name: 'filament',
      title: 'Add a spool',
      fields: [
        input('id', 'Id (optional)', { pattern: '[A-Za-z0-9._\\-]{1,64}', autocomplete: 'off' }),
        select('type', 'Type', filamentTypes.map(t => ({ value: t, text: t }))),
        input('color', 'Colour', { required: true, maxlength: '100' }),
        input('total', 'Total weight (g)', { type: 'number', required: true, min: '0.001', step: 'any', inputmode: 'decimal' }),
        input('threshold', 'Low-stock threshold (g, optional)', { type: 'number', min: '0', step: 'any', inputmode: 'decimal' }),
      ],
      submitLabel: 'Add spool',
      send: (values, key) => this.store.write('filament', 'POST', '/api/v1/filaments', compact({
        id: values.id,
        type: values.type,
        color: values.color,
        total_weight_in_grams: number(values.total),
        low_stock_threshold_in_grams: number(values.threshold),
      }), key),
      done: spool => `Added spool ${spool.id} (${grams(spool.total_weight_in_grams)}).`,
    });
  }

  jobForm() {
    const printer = select('printer', 'Printer', [], { required: false });
    const filament = select('filament', 'Spool', []);
    this.printerSelects.push(printer.control);
    this.filamentSelects.push(filament.control);
    return form({
      name: 'job',
      title: 'Add a print job',
      fields: [
        input('id', 'Id (optional)', { pattern: '[A-Za-z0-9._\\-]{1,64}', autocomplete: 'off' }),
        printer,
        filament,
        input('filepath', 'G-code file', { required: true, maxlength: '1024', placeholder: '/prints/cube.gcode' }),
        input('grams', 'Weight of the print (g)', { type: 'number', required: true, min: '0.001', step: 'any', inputmode: 'decimal' }),
      ],
      submitLabel: 'Add job',
      send: (values, key) => this.store.write('print_job', 'POST', '/api/v1/print_jobs', compact({
        id: values.id,
        printer_id: values.printer,
        filament_id: values.filament,
        filepath: values.filepath,
        print_weight_in_grams: number(values.grams),
      }), key),
      done: job => `Added job ${job.id}${job.printer_id ? ` to ${job.printer_id}'s queue` : ' to the unassigned queue'}.`,
    });
  }

  /** Correct a spool: the dashboard's chooses the spool; a spool's page passes its own, fixed. */
  adjustForm(fixedFilamentId = null) {
    const fields = [];
    if (!fixedFilamentId) {
      const filament = select('filament', 'Spool', []);
      this.filamentSelects.push(filament.control);
      fields.push(filament);
    }
    fields.push(
      input('grams', 'Grams to add (negative to take)', { type: 'number', required: true, step: 'any', inputmode: 'decimal' }),
      input('reason', 'Reason', { maxlength: '500', placeholder: 'e.g. purged a tangle' }));
    return form({
      name: fixedFilamentId ? 'adjust-spool' : 'adjust',
      title: fixedFilamentId ? 'Correct this spool' : 'Correct a spool',
      fields,
      submitLabel: 'Record correction',
      send: (values, key) => this.store.write('filament', 'POST',
        `/api/v1/filaments/${encodeURIComponent(fixedFilamentId ?? values.filament)}/adjustments`,
        compact({ grams: number(values.grams), reason: values.reason }), key),
      done: spool => `Recorded: spool ${spool.id} now has ${grams(spool.remaining_weight_in_grams)} left.`,
    });
  }

  /** Printers and spools in the choice lists; what was chosen stays chosen if it still exists. */
  refreshChoices() {
    const printers = this.store.printerList().filter(p => p.state !== 'Maintenance');
    const spools = this.store.filamentList();
    for (const control of this.printerSelects) {
      fill(control, [{ value: '', text: 'None: the unassigned queue' },
        ...printers.map(p => ({ value: p.id, text: `${p.id} (${p.company} ${p.model})` }))]);
    }
    for (const control of this.filamentSelects) {
      fill(control, spools.map(f => ({ value: f.id, text: `${f.id}: ${f.type} ${f.color}, ${grams(f.available_weight_in_grams)} free` })));
    }
  }
}

function form({ name, title, fields, submitLabel, send, done }) {
  const headingId = `form-${name}-title`;
  const problem = el('div', { class: 'problem', id: `form-${name}-problem`, 'aria-live': 'assertive' });
  const status = el('p', { class: 'form-ok', id: `form-${name}-status`, 'aria-live': 'polite' });
  const submit = el('button', { type: 'submit', text: submitLabel });
  const node = el('form', { class: 'farm-form', 'data-form': name, 'aria-labelledby': headingId, 'aria-describedby': problem.id },
    el('h3', { id: headingId, text: title }),
    ...fields.map(f => f.row),
    el('div', { class: 'actions' }, submit),
    problem,
    status);

  let key = null;
  // An earlier outcome no longer describes the form once it is edited, or when the browser blocks a submit
  // for a field it finds invalid (that submit never reaches the handler below): clear it then.
  const clearMessages = () => {
    clearProblem(problem);
    status.textContent = '';
  };
  node.addEventListener('input', () => {
    key = null; // a changed form is a new request: a new key
    clearMessages();
  });
  node.addEventListener('invalid', clearMessages, true); // 'invalid' does not bubble: listen while it goes down
  node.addEventListener('submit', async event => {
    event.preventDefault();
    clearProblem(problem);
    status.textContent = '';
    const values = Object.fromEntries(fields.map(f => [f.name, f.control.value.trim()]));
    // The same form sent again unchanged (a double click, a retry after "no answer") keeps its key.
    key ??= newIdempotencyKey();
    submit.disabled = true;
    node.setAttribute('aria-busy', 'true');
    try {
      const result = await send(values, key);
      status.textContent = done(result);
      node.reset();
      key = null;
    } catch (error) {
      showProblem(problem, error);
    } finally {
      submit.disabled = false;
      node.removeAttribute('aria-busy');
    }
  });
  return node;
}

let controls = 0;

function input(name, label, attrs = {}) {
  const id = `f-${name}-${++controls}`;
  const control = el('input', { id, name, type: 'text', ...attrs });
  return { name, control, row: el('div', { class: 'field' }, el('label', { for: id, text: label }), control) };
}

function select(name, label, options, { required = true } = {}) {
  const id = `f-${name}-${++controls}`;
  const control = el('select', { id, name, required });
  fill(control, options);
  return { name, control, row: el('div', { class: 'field' }, el('label', { for: id, text: label }), control) };
}

function fill(control, options) {
  const chosen = control.value;
  control.replaceChildren(...options.map(o => el('option', { value: o.value, text: o.text })));
  if (options.some(o => o.value === chosen)) control.value = chosen;
}

function number(text) {
  return text === '' || text === undefined ? undefined : Number(text);
}

/** Leaves out what the user left empty, so the API applies its defaults. */
function compact(body) {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined && value !== ''));
}
