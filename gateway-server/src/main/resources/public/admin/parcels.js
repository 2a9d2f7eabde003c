// The site IT page's Parcels section (issue 17, intake): the parcels on the no-owner shelf (intakes the core made
// NO_OWNER, and those still waiting for the core that nobody had announced), the intakes the core refused with its
// words, and how many wait for the core. Read from GET /api/v1/parcels/intakes with the page's session, on every
// refresh of the page.

import { keyedRows, text, time } from './render.js';

const $ = (id) => document.getElementById(id);
/** The gateway answers at most 500 per call (docs/API.md "Parcel intake (issue 17)"). */
const LIMIT = 500;

function cells(n) {
  const tr = document.createElement('tr');
  for (let i = 0; i < n; i++) {
    tr.appendChild(document.createElement('td'));
  }
  return tr;
}

/** Loads the three lists with api(method, path) and renders them. */
export async function refreshParcels(api) {
  const [noOwner, refused, pending] = await Promise.all(['NO_OWNER', 'REFUSED', 'PENDING']
    .map((s) => api('GET', `/api/v1/parcels/intakes?state=${s}&limit=${LIMIT}`).then((r) => r.intakes)));
  renderParcels(noOwner, refused, pending);
}

export function renderParcels(noOwner, refused, pending) {
  // waiting for the core and nobody announced them: on the no-owner shelf already (the label said NO OWNER)
  const shelf = [...noOwner, ...pending.filter((i) => !i.owner)]
    .sort((a, b) => String(b.scannedAt).localeCompare(String(a.scannedAt)));
  keyedRows($('no-owner-rows'), shelf, (i) => i.opId, () => cells(6), (tr, i) => {
    const [when, parcel, carrier, where, who, state] = tr.children;
    tr.dataset.tracking = i.trackingKey;
    text(when, time(i.scannedAt));
    text(parcel, i.parcelId ? `${i.parcelId} (${i.trackingKey})` : i.trackingKey);
    text(carrier, i.carrier);
    text(where, `${i.location}${i.station ? ` at ${i.station}` : ''}`);
    text(who, `${i.tenant} / ${i.warehouse}`);
    text(state, i.state === 'NO_OWNER' ? 'no owner (core)' : 'not announced, waiting for the core');
  });
  $('no-owner-count').textContent = `(${shelf.length})`;
  $('no-owner-none').hidden = shelf.length > 0;

  keyedRows($('refused-rows'), refused, (i) => i.opId, () => cells(5), (tr, i) => {
    const [when, parcel, where, who, why] = tr.children;
    tr.dataset.tracking = i.trackingKey;
    text(when, time(i.scannedAt));
    text(parcel, i.trackingKey);
    text(where, `${i.location}${i.station ? ` at ${i.station}` : ''}`);
    text(who, `${i.tenant} / ${i.warehouse}`);
    text(why, i.failure);
  });
  $('refused-count').textContent = `(${refused.length})`;
  $('refused-none').hidden = refused.length > 0;
  text($('intakes-pending'), pending.length >= LIMIT ? `${LIMIT} or more` : String(pending.length));
}
