// The banner that says the page moved to another node, or that no node answers. It stays until dismissed:
// someone who looked away should still learn that the node they opened is down.

import { el } from '../dom.js';

export class BannerView {
  constructor(container) {
    this.container = container;
  }

  switched(from, to) {
    this.show('warning', `${from} stopped answering; switched to ${to}. Live updates resume from there.`);
  }

  unreachable(from) {
    this.show('error', `${from} stopped answering, and no other node of the cluster answers. Still trying…`);
  }

  show(kind, text) {
    this.container.replaceChildren(el('div', { class: `banner-box ${kind}` },
      el('p', { 'data-field': 'banner-text', text }),
      el('button', { type: 'button', class: 'secondary', text: 'Dismiss', on: { click: () => this.container.replaceChildren() } })));
  }
}
