// Wiring only: the API client, the farm's state, the event stream and the views, and the hash routes
// (#/ the farm, #/filaments/{id} a spool's page).

import { ApiClient } from './api.js';
import { TokenStore } from './token-store.js';
import { FarmStore } from './farm-store.js';
import { EventStreamClient } from './event-stream.js';
import { coalesced } from './dom.js';
import { BannerView } from './views/banner-view.js';
import { ClusterView } from './views/cluster-view.js';
import { PrintersView } from './views/printers-view.js';
import { FilamentsView } from './views/filaments-view.js';
import { JobsView } from './views/jobs-view.js';
import { FormsView } from './views/forms-view.js';
import { SpoolView } from './views/spool-view.js';
import { TokenView } from './views/token-view.js';

const clusterPollMs = 2000;
const fallbackPollMs = 5000;
const byId = id => document.getElementById(id);

const tokens = new TokenStore();
const api = new ApiClient(location.origin, tokens);
const tokenView = new TokenView({
  section: byId('token'),
  form: byId('token-form'),
  input: byId('token-input'),
  why: byId('token-why'),
  problem: byId('token-problem'),
  forget: byId('forget-token'),
}, tokens);
api.askForToken = (problem, refused) => tokenView.ask(problem, refused);
const store = new FarmStore(api);
const banner = new BannerView(byId('banner'));
const cluster = new ClusterView(byId('cluster-body'), byId('where'));
const printers = new PrintersView(byId('printers-list'), byId('printers-problem'), store);
const filaments = new FilamentsView(byId('filaments-list'), store);
const jobs = new JobsView(byId('jobs-board'), byId('jobs-problem'), store);
const forms = new FormsView(byId('forms-body'), store);
const spool = new SpoolView(byId('spool'), byId('spool-title'), byId('spool-body'), store, forms);

const redraw = {
  printers: coalesced(() => printers.render()),
  filaments: coalesced(() => filaments.render()),
  jobs: coalesced(() => jobs.render()),
  choices: coalesced(() => forms.refreshChoices()),
  spool: coalesced(() => spool.render()),
};
const affects = {
  printer: ['printers', 'jobs', 'choices'],
  filament: ['filaments', 'choices', 'spool'],
  print_job: ['jobs', 'printers'],
  ledger: ['spool'],
  all: Object.keys(redraw),
};
store.subscribe(kind => (affects[kind] ?? affects.all).forEach(view => redraw[view]()));

api.onChange(change => {
  if (change.kind === 'switched') banner.switched(change.from, change.to);
  else banner.unreachable(change.from);
  pollCluster();
});

let fallback = null;
const stream = new EventStreamClient(api, {
  onEvent: (type, data) => store.apply(type, data),
  onReset: () => reloadLists(),
  onCluster: data => {
    cluster.leaderChanged(data);
    pollCluster();
  },
  onState: (state, detail) => {
    const names = { open: `on from ${api.nameOf(detail)}`, closed: 'reconnecting…', broken: 'reconnecting…', unavailable: 'not offered by this node; refreshing every few seconds' };
    cluster.setStreamState(names[state] ?? state);
    // A node without the event stream (an older release) still gets a current page, by reading the lists.
    if (state === 'unavailable' && !fallback) fallback = setInterval(reloadLists, fallbackPollMs);
    if (state === 'open') banner.recovered(api.nameOf(detail));
    if (state === 'open' && fallback) {
      clearInterval(fallback);
      fallback = null;
    }
  },
});

async function reloadLists() {
  try {
    await store.reload();
  } catch {
    setTimeout(reloadLists, fallbackPollMs); // the API client has already moved nodes if it had to
  }
}

let polling = false;
async function pollCluster() {
  if (polling) return;
  polling = true;
  try {
    const status = await api.status();
    // The node in use first, at once; the other members' own numbers when they answer (or time out).
    cluster.update(status, new Map([...cluster.members, [api.baseUrl, status]]));
    const all = await Promise.all(api.members.map(async m =>
      [m.api_url, m.api_url === api.baseUrl ? status : await api.statusOf(m.api_url)]));
    cluster.update(status, new Map(all));
  } catch {
    // No node answers: the banner says so; the next poll tries again.
  } finally {
    polling = false;
  }
}

function route() {
  const match = /^#\/filaments\/(.+)$/.exec(location.hash);
  const onSpool = Boolean(match);
  byId('dashboard').hidden = onSpool;
  byId('spool').hidden = !onSpool;
  if (onSpool) {
    spool.open(decodeURIComponent(match[1]));
    byId('spool-title').focus();
  } else if (spool.filamentId) {
    // Back from a spool's page: put keyboard focus at the top of the farm, not on the hidden link.
    spool.close();
    byId('main').focus();
  }
}

async function start() {
  forms.build();
  window.addEventListener('hashchange', route);
  route();
  const status = await api.status();
  cluster.setPageNode(status.node_id);
  // Lists first, then the stream from the index the node had applied before they were read: every change
  // after that index comes as an event (some twice, which the version check ignores), none is missed.
  stream.resumeAfter(status.last_applied_index);
  await reloadLists();
  stream.start();
  pollCluster();
  setInterval(pollCluster, clusterPollMs);
}

start();
