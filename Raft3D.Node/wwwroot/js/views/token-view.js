// Asks for an API token when a node answers 401, and offers to forget the one the tab holds. Shown only then:
// on a node without tokens the page never asks. The token goes into the TokenStore (this tab's sessionStorage)
// and from there into every request's Authorization header, never into the page's text or its URL.

import { el } from '../dom.js';
import { isWellFormedToken } from '../token-store.js';
import { clearProblem } from './problem-view.js';

export class TokenView {
  /** elements: {section, form, input, why, problem, forget} */
  constructor(elements, tokens) {
    this.elements = elements;
    this.tokens = tokens;
    this.given = null; // resolves the open question once a token is submitted
    elements.form.addEventListener('submit', event => {
      event.preventDefault();
      this.submit();
    });
    elements.input.addEventListener('input', () => clearProblem(elements.problem));
    // Forgetting reloads the page: what the token showed goes with it, and the next answer asks again.
    elements.forget.addEventListener('click', () => {
      tokens.forget();
      location.reload();
    });
    elements.forget.hidden = !tokens.get();
  }

  /** Shows the form; the promise settles when a token is submitted. refused: the tab's token was just refused. */
  ask(problem, refused) {
    const { section, why, input, forget } = this.elements;
    why.textContent = refused
      ? `The node did not accept that token${problem?.detail ? ` (${problem.detail})` : ''}. Enter another one.`
      : 'The nodes of this farm need an API token before they show or change anything. Ask its admin for one (raft3d token new).';
    forget.hidden = true;
    section.hidden = false;
    input.focus();
    return new Promise(resolve => { this.given = resolve; });
  }

  submit() {
    const { section, input, problem, forget } = this.elements;
    const token = input.value.trim();
    if (!isWellFormedToken(token)) {
      // fetch would refuse such a header: say so here rather than fail every request.
      problem.replaceChildren(el('div', { class: 'problem-box' },
        el('p', { class: 'problem-sentence', text: 'A token is printable characters without spaces, as raft3d token new prints it.' })));
      input.focus();
      return;
    }

    this.tokens.set(token);
    input.value = '';
    clearProblem(problem);
    section.hidden = true;
    forget.hidden = false;
    this.given?.();
    this.given = null;
  }
}
