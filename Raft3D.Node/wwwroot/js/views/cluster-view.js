// The cluster panel: every member with its role, term, commit and applied index, and whether it answers;
// which node leads, which node served this page, and which one the page talks to now. Each member's own
// /cluster/status gives its numbers; the serving node's view of it (DotNext's reachability) is shown too.

import { el, replaceChildrenKeepingFocus } from '../dom.js';

export class ClusterView {
  constructor(container, where) {
    this.container = container;
    this.where = where;
    this.pageNode = null;   // the node whose origin served the page
    this.current = null;    // the status of the node the API client uses now
    this.members = new Map(); // api_url → that member's own status, or null if it did not answer
    this.stream = 'connecting';
  }

  /** status: the current node's /cluster/status; memberStatuses: Map(api_url → status | null). */
  update(status, memberStatuses) {
    this.current = status;
    this.members = memberStatuses;
    this.render();
  }

  setPageNode(id) {
    this.pageNode = id;
    this.render();
  }

  /** A leader change seen on the stream shows at once; the next poll brings the numbers. */
  leaderChanged(cluster) {
    if (!this.current) return;
    this.current = { ...this.current, leader_id: cluster.leader_id, term: cluster.term };
    this.render();
  }

  setStreamState(text) {
    this.stream = text;
    this.renderWhere();
  }

  renderWhere() {
    const status = this.current;
    const parts = [
      `Page served by ${this.pageNode ?? '…'}`,
      `talking to ${status?.node_id ?? '…'}`,
      `leader: ${status?.leader_id ?? 'none known'}`,
      `live updates: ${this.stream}`,
    ];
    this.where.textContent = parts.join(' · ');
  }

  render() {
    this.renderWhere();
    const status = this.current;
    if (!status) return;
    const members = [...(status.members || [])].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const rows = members.map(member => this.row(member, status));
    const table = el('table', { class: 'members' },
      el('caption', { text: `Term ${status.term}; ${status.leader_id ? `${status.leader_id} leads` : 'no leader known'}. As seen from ${status.node_id}.` }),
      el('thead', {}, el('tr', {},
        ...['Node', 'Role', 'Term', 'Commit index', 'Applied index', 'Reachable', 'API'].map(h => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, ...rows));
    replaceChildrenKeepingFocus(this.container, [table]);
  }

  row(member, status) {
    const own = member.api_url ? this.members.get(trim(member.api_url)) : null;
    const answered = own !== null && own !== undefined;
    // Two views of reachability: the serving node's (Raft heartbeats), and whether this page reaches the member.
    const seen = member.is_local ? 'yes' : member.status === 'Available' ? 'yes' : member.status === 'Unavailable' ? 'no' : 'unknown';
    const reachable = answered ? seen : `${seen === 'yes' ? `yes for ${status.node_id}` : seen}; not answering this page`;
    const role = answered ? own.role : member.is_leader ? 'leader' : 'follower';
    const tags = [
      member.id === this.pageNode ? 'served this page' : null,
      member.id === status.node_id ? 'in use' : null,
    ].filter(Boolean);
    return el('tr', { 'data-member-id': member.id ?? '', class: member.is_leader ? 'leader' : null },
      el('th', { scope: 'row' }, member.id ?? member.raft_url, ...tags.map(t => el('span', { class: 'tag', text: t }))),
      el('td', { text: role, 'data-field': 'role' }),
      el('td', { text: answered ? own.term : '—' }),
      el('td', { text: answered ? own.commit_index : '—' }),
      el('td', { text: answered ? own.last_applied_index : '—' }),
      el('td', { text: reachable, class: answered && seen.startsWith('yes') ? 'ok' : 'bad', 'data-field': 'reachable' }),
      el('td', { class: 'url', text: member.api_url ?? '—' }));
  }
}

function trim(url) {
  return String(url).replace(/\/+$/, '');
}
