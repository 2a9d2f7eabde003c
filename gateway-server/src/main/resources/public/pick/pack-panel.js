// The Pack screen's result panel (pack.js): one fixed-size panel that says the answer, or what went wrong, in words,
// and never moves the fields and buttons around it.

import * as api from './api.js';
import * as feedback from './feedback.js';
import { $ } from './screens.js';

const REASONS = {
  PARCEL_NOT_IN_CACHE: 'is not known at this gateway',
  PARCEL_NOT_RECEIVED: 'has not been received yet',
  PARCEL_OF_ANOTHER_CUSTOMER: 'belongs to another customer',
  PARCEL_IN_ANOTHER_WAREHOUSE: 'is in another warehouse',
  PARCEL_ALREADY_QUEUED: 'is already in a shipment',
};

/** Says in the panel what went wrong; {@code unanswered}: a Ship whose answer never came can be sent again. */
export function showError(e, failed, unanswered) {
  const head = failed.toUpperCase();
  if (e instanceof api.Unreachable) {
    panel('offline', 'OFFLINE', `Gateway out of reach: ${failed.toLowerCase()}`, unanswered
      ? 'It may have arrived: Ship again sends the same confirmation, never a second shipment'
      : 'Try again when the gateway answers');
    feedback.wrong(`${failed}: the gateway is out of reach`);
    return;
  }
  const d = (e instanceof api.ApiError && e.body.details) || {};
  if (e.code === 'PARCEL_CONFLICT' && d.parcelId) {
    const text = `Parcel ${d.parcelId} ${REASONS[d.reason] || `cannot go (${d.reason})`}`;
    panel('error', head, text, 'List the customer again to see what is waiting');
    feedback.wrong(`${failed}: parcel ${d.parcelId}`);
  } else if (e.code === 'SCALE_NOT_READY') {
    panel('error', head, `The scale gives no stable weight: ${e.message}`, 'Weigh again or type the weight');
    feedback.wrong(`${failed}: the scale is not ready`);
  } else if (e.code === 'NO_RATES') {
    panel('error', head, 'No rate cards for this tenant here', 'Tell site IT');
    feedback.wrong(`${failed}: no rate cards`);
  } else if (e.status === 507) {
    panel('error', head, 'The gateway\'s disk is full: nothing was stored', 'Tell site IT');
    feedback.wrong(`${failed}: the gateway's disk is full`);
  } else {
    panel('error', head, e.message, e.code || '');
    feedback.wrong(`${failed}: ${e.message}`);
  }
}

/**
 * Fills the fixed-size result panel; each line keeps its height whatever it says. Every answer (not the busy state)
 * counts up data-pack-answers, so a test can tell a new answer from an old one in the same state.
 */
export function panel(state, head, line, note) {
  if (state !== 'busy') {
    document.body.dataset.packAnswers = String(Number(document.body.dataset.packAnswers || 0) + 1);
  }
  $('pack-result').dataset.state = state;
  document.body.dataset.pack = state;
  $('pack-head').textContent = head;
  $('pack-line').textContent = line;
  $('pack-note').textContent = note;
}
