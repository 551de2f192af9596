// The API's problem codes (README "Errors", ProblemCatalog.cs) in words a person on the farm floor
// understands. The server's own detail is shown after the sentence: it names the ids and the grams.

const sentences = {
  validation_failed: 'Some of what was entered is not valid.',
  not_found: 'That item does not exist (any more).',
  route_not_found: 'This node does not know that request; it may run an older version.',
  method_not_allowed: 'This node does not allow that request.',
  unsupported_media_type: 'The request was sent in a form the node does not read.',
  duplicate_id: 'That id is already taken. Choose another, or leave the id empty to get a new one.',
  unknown_reference: 'The printer or spool it refers to does not exist.',
  insufficient_filament: 'Not enough filament: the spool does not have that many grams free for this job.',
  invalid_transition: 'The job cannot go to that status from the one it is in now.',
  printer_busy: 'The printer is busy with another job.',
  printer_in_maintenance: 'The printer is in maintenance. End maintenance first.',
  printer_has_open_jobs: 'The printer still has queued or running jobs.',
  queue_empty: 'The printer has no queued job to start.',
  job_not_queued: 'The job is no longer queued.',
  job_not_running: 'The job is not running.',
  job_unassigned: 'The job has no printer yet. Assign it to a printer first.',
  filament_archived: 'That spool is archived and takes no new jobs.',
  filament_has_open_jobs: 'That spool is still held by queued or running jobs.',
  weight_out_of_range: 'That correction would take the spool below 0 g or above its total weight.',
  spool_weight_unknown: 'The empty spool\'s weight is not known, so a scale reading cannot be used.',
  version_mismatch: 'Someone changed it after you loaded it. Look at the new values and try again.',
  idempotency_key_reused: 'This submission clashed with an earlier, different one. Submit it again.',
  no_leader: 'The cluster has no leader at this moment (an election is under way). Try again in a moment.',
  leader_unreachable: 'The leader cannot be reached right now. Try again in a moment.',
  commit_timeout: 'Not enough nodes confirmed in time. The change may still happen; check before trying again.',
  membership_change_in_progress: 'The cluster is changing its members. Try again in a moment.',
  internal_error: 'The node hit an unexpected error.',
  unauthorized: 'The node needs a valid API token.',
  forbidden: 'Your token\'s role cannot do this. Farm changes need an operator token; the cluster itself, an admin token.',
};

/** The sentence for a problem's code; a code this page does not know yet still gets a sentence. */
export function sentenceFor(code, status) {
  if (code && sentences[code]) return sentences[code];
  return status ? `The node refused the request (HTTP ${status}${code ? `, ${code}` : ''}).` : 'The request failed.';
}

/**
 * The field errors of a validation problem, one line each. The API sends them as an array of sentences
 * (README "Errors"); an object of field → messages (ASP.NET's own shape) is still read as "field: message".
 */
export function fieldErrors(problem) {
  const errors = problem?.errors;
  if (!errors || typeof errors !== 'object') return [];
  if (Array.isArray(errors)) return errors.filter(e => e !== null && e !== undefined && e !== '').map(String);
  return Object.entries(errors).flatMap(([field, messages]) =>
    (Array.isArray(messages) ? messages : [messages]).map(message => `${field}: ${message}`));
}
