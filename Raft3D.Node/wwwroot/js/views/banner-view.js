// The banner that says the page moved to another node, or that no node answers. It stays until dismissed:
// someone who looked away should still learn that the node they opened is down. The one exception: the
// "no node answers" error is replaced by a recovery notice once a node answers and the stream is live again,
// since it is no longer true.

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

  /** The stream is open again on a node: a "no node answers" error is no longer true, so say it recovered. */
  recovered(node) {
    if (this.kind !== 'error') return;
    this.show('warning', `The cluster answers again: live updates resumed from ${node}.`);
  }

  show(kind, text) {
    this.kind = kind;
    this.container.replaceChildren(el('div', { class: `banner-box ${kind}` },
      el('p', { 'data-field': 'banner-text', text }),
      el('button', { type: 'button', class: 'secondary', text: 'Dismiss', on: { click: () => this.dismiss() } })));
  }

  dismiss() {
    this.kind = null;
    this.container.replaceChildren();
  }
}
