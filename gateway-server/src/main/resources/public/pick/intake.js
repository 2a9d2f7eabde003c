// The Intake screen (issue 17, item 1): a receiving station scans parcels in. The shelf the parcels go on and the
// label printer are this PDA's (kept in IndexedDB, changed on the screen itself); then every scan is one
// POST /api/v1/parcels/intake, and the answer fills one fixed-size panel: WHOSE parcel it is (customer code and
// name), or a loud NO OWNER for the no-owner shelf, the parcel id, the carrier, and whether it was scanned before.
// An intake needs the gateway (it decides the owner and keeps the intake durably): with the gateway out of reach
// the panel says the parcel was NOT taken in; nothing is queued on the PDA pretending otherwise.

import * as api from './api.js';
import * as feedback from './feedback.js';
import * as photo from './photo.js';
import * as store from './store.js';
import { $, clock, show } from './screens.js';

const SETTINGS_KEY = 'intake';
const NAME = /^[A-Za-z0-9._:-]{1,64}$/;
let last = null; // the last receipt shown: the Photo shortcut's parcel

export async function open() {
  // The kept shelf and printer are in the fields before the screen shows: filled after it, they would overwrite
  // a shelf typed in the moment between (the page audit met exactly that: its shelf wiped, the scan refused).
  const s = (await store.kv.get(SETTINGS_KEY)) || {};
  $('intake-shelf').value = s.location || '';
  $('intake-printer').value = s.printer || '';
  show('intake');
  document.body.dataset.intakeBusy = 'false';
  if (!last) {
    panel('idle', s.location ? 'Scan a parcel' : 'Set the shelf, then scan', '', '', '');
  }
  $('intake-photo').disabled = !last;
}

/** Keeps the shelf and printer for this PDA as soon as they are changed (they survive a reload and a sign-out). */
export async function saveSettings() {
  const location = $('intake-shelf').value.trim().toUpperCase();
  const printer = $('intake-printer').value.trim();
  $('intake-shelf').value = location;
  await store.kv.set(SETTINGS_KEY, { location, printer });
  feedback.info(location ? `Shelf ${location}${printer ? `, labels on ${printer}` : ', no label'}` : 'No shelf set');
}

function settingsOnPage() {
  return { location: $('intake-shelf').value.trim().toUpperCase(), printer: $('intake-printer').value.trim() };
}

/** A scan (or a typed tracking number) on the intake screen: one intake at the gateway. */
export async function scanOnIntake(data) {
  const scan = data.trim();
  const s = settingsOnPage();
  if (!s.location) {
    panel('error', 'NO SHELF', 'Set the shelf these parcels go on first', '', '');
    feedback.wrong('Set the shelf first: the parcel was not taken in');
    $('intake-shelf').focus();
    return;
  }
  if (s.printer && !NAME.test(s.printer)) {
    panel('error', 'NOT TAKEN IN', `Printer "${s.printer}": letters, digits, . _ : - only`, '', '');
    feedback.wrong('Fix the printer name: the parcel was not taken in');
    return;
  }
  document.body.dataset.intakeBusy = 'true';
  panel('busy', '…', `Taking in ${scan}`, '', '');
  try {
    const body = { scan, location: s.location };
    if (s.printer) body.printer = s.printer;
    const r = await api.post('/api/v1/parcels/intake', body);
    showReceipt(r);
  } catch (e) {
    last = null;
    $('intake-photo').disabled = true;
    if (e instanceof api.Unreachable) {
      panel('offline', 'OFFLINE', 'Gateway out of reach: the parcel was NOT taken in', scan,
        'Put it aside and scan it again when the gateway answers');
      feedback.wrong('Not taken in: the gateway is out of reach');
    } else if (e instanceof api.ApiError && e.status === 507) {
      panel('error', 'NOT TAKEN IN', 'The gateway\'s disk is full: nothing was stored', scan, 'Tell site IT');
      feedback.wrong('Not taken in: the gateway\'s disk is full');
    } else {
      panel('error', 'NOT TAKEN IN', e.message, scan, e.status === 400 ? 'Check the label or the shelf' : '');
      feedback.wrong(`Not taken in: ${e.message}`);
    }
  } finally {
    document.body.dataset.intakeBusy = 'false';
  }
}

function showReceipt(r) {
  last = r;
  $('intake-photo').disabled = false;
  const id = `${r.parcelId ? `Parcel ${r.parcelId}` : 'Parcel id from the core later'} · ${r.carrier || '?'} `
    + `${r.trackingKey}`;
  const when = r.repeated
    ? `Scanned before (${clock(r.scannedAt)}, shelf ${r.location}): nothing new stored`
    : `Taken in on shelf ${r.location}${r.printJobId ? ', label printing' : ''}`;
  document.body.dataset.intakeRepeated = String(Boolean(r.repeated));
  document.body.dataset.intakeOp = r.opId;
  if (r.owner) {
    panel('owner', r.owner, r.ownerName || '', id, when);
  } else {
    panel('no-owner', 'NO OWNER', 'Put it on the no-owner shelf', id, when);
  }
  if (r.repeated) {
    feedback.again(`Already taken in: ${r.owner || 'NO OWNER'}`);
  } else if (r.owner) {
    feedback.right(`${r.owner} ${r.ownerName || ''}`.trim());
  } else {
    feedback.wrong('NO OWNER: no-owner shelf'); // the loud tone: this parcel needs a different shelf
  }
}

/** Fills the fixed-size result panel; each line keeps its height whatever it says. */
function panel(state, owner, name, parcel, note) {
  $('intake-result').dataset.state = state;
  document.body.dataset.intake = state;
  $('intake-owner').textContent = owner;
  $('intake-owner-name').textContent = name;
  $('intake-parcel').textContent = parcel;
  $('intake-note').textContent = note;
}

/** The Photo step with this parcel filled in (the core's id, or the tracking number until the core gave one). */
export function photoOfLast() {
  if (!last) return;
  $('photo-parcel').value = last.parcelId || last.trackingKey;
  photo.open();
}
