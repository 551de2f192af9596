// Shows a failed request next to where it was made: a sentence for the problem's code, then the node's own
// detail (it names the ids and grams), then any field errors. Text only, in an aria-live region.

import { el } from '../dom.js';
import { ApiProblem } from '../api.js';
import { sentenceFor, fieldErrors } from '../problems.js';

export function showProblem(region, error) {
  const parts = [];
  if (error instanceof ApiProblem) {
    parts.push(el('p', { class: 'problem-sentence', text: sentenceFor(error.code, error.status) }));
    const fields = fieldErrors(error);
    // The node's detail for a validation problem is its field errors joined: show them once, as a list.
    const detailRepeatsFields = fields.length > 0 && fields.every(line => String(error.detail ?? '').includes(line));
    if (error.detail && !detailRepeatsFields) parts.push(el('p', { class: 'problem-detail', text: `The node said: ${error.detail}` }));
    if (fields.length > 0) parts.push(el('ul', {}, ...fields.map(line => el('li', { text: line }))));
    region.setAttribute('data-code', error.code ?? '');
  } else {
    parts.push(el('p', { class: 'problem-sentence', text: `The request did not get an answer: ${error?.message ?? error}` }));
    region.setAttribute('data-code', 'no_answer');
  }
  region.replaceChildren(el('div', { class: 'problem-box' }, ...parts));
}

export function clearProblem(region) {
  region.replaceChildren();
  region.removeAttribute('data-code');
}

/** Runs one write for a button: the problem region says what went wrong, or is cleared. */
export async function runAction(region, action) {
  clearProblem(region);
  try {
    await action();
  } catch (error) {
    showProblem(region, error);
  }
}
