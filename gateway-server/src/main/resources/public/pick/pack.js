// The Pack screen (issue 17, item 3): the packing station. The scale and the label printer are this PDA's (kept in
// IndexedDB, changed on the screen itself, like intake's shelf and printer). A customer code (scanned or typed)
// lists the customer's parcels waiting on shelves (GET /api/v1/packing/parcels), all selected; scanning a listed
// parcel's id or tracking number toggles it. The carton's weight comes from the scale (Weigh) or is typed, its
// outer dimensions are typed in cm, the destination too; Quote asks the gateway for every carrier's price
// (POST /api/v1/packing/quote) and Ship sends the chosen one (POST /api/v1/packing/shipments), exactly the inputs
// that were quoted. The answer fills one fixed-size panel, as on the intake screen: the gateway's reference large,
// or what went wrong in words. Packing needs the gateway (it prices and holds the parcels): out of reach, the
// panel says nothing was shipped; nothing is queued on the PDA pretending otherwise.

import * as api from './api.js';
import * as feedback from './feedback.js';
import * as store from './store.js';
import { $, show } from './screens.js';
import { panel, showError } from './pack-panel.js';
import { uuidv7 } from './uuid.js';

const SETTINGS_KEY = 'pack';
const NAME = /^[A-Za-z0-9._:-]{1,64}$/;
// unanswered: the last confirmation sent whose answer never came (the gateway out of reach mid-request); Ship
// again sends it with the same opId, so the gateway answers the shipment it may have stored, never a second one
const pack = { customer: null, parcels: [], selected: new Set(), quoted: null, quotes: [], chosen: null, unanswered: null };

export async function open() {
  // The kept scale and printer are in the fields before the screen shows, so they never overwrite one typed
  // in the moment after (intake.js met that race).
  const s = (await store.kv.get(SETTINGS_KEY)) || {};
  $('pack-scale').value = s.scale || '';
  $('pack-printer').value = s.printer || '';
  show('pack');
  document.body.dataset.packBusy = 'false';
  if (!pack.customer) {
    panel('idle', 'Scan the customer', 'Scan or type the customer code to list the waiting parcels', '');
  }
  renderShip();
}

/** Keeps the scale and printer for this PDA as soon as they are changed (they survive a reload and a sign-out). */
export async function saveSettings() {
  const scale = $('pack-scale').value.trim();
  const printer = $('pack-printer').value.trim();
  await store.kv.set(SETTINGS_KEY, { scale, printer });
  feedback.info(`${scale ? `Scale ${scale}` : 'No scale: type the weight'}, ${printer ? `labels on ${printer}` : 'no label'}`);
}

/** A scan on the Pack screen: a listed parcel toggles; anything else is a customer code. */
export function scanOnPack(data) {
  const scan = data.trim();
  const hit = pack.parcels.find((p) => p.parcelId === scan || p.trackingKey === scan.toUpperCase());
  if (hit) {
    toggle(hit.parcelId);
    feedback.right(`${hit.parcelId} ${pack.selected.has(hit.parcelId) ? 'in the carton' : 'left out'}`);
    return undefined;
  }
  $('pack-customer').value = scan;
  return loadCustomer();
}

/** Lists the customer's waiting parcels, all selected. */
export async function loadCustomer() {
  const customer = $('pack-customer').value.trim().toUpperCase();
  $('pack-customer').value = customer;
  pack.customer = null;
  pack.parcels = [];
  pack.selected = new Set();
  clearQuotes();
  renderParcels();
  if (!customer) {
    panel('error', 'NO CUSTOMER', 'Scan or type the customer code first', '');
    feedback.wrong('Scan the customer first');
    return;
  }
  await busy(`Listing ${customer}'s parcels`, async () => {
    const r = await api.get(`/api/v1/packing/parcels?customer=${encodeURIComponent(customer)}`);
    pack.customer = r.customer;
    pack.parcels = r.parcels;
    pack.selected = new Set(r.parcels.map((p) => p.parcelId));
    renderParcels();
    if (r.parcels.length) {
      panel('idle', r.customer, `${r.parcels.length} parcel(s) waiting: weigh, measure, then Quote`, '');
      feedback.right(`${r.customer}: ${r.parcels.length} parcel(s)`);
    } else {
      panel('error', r.customer, 'No parcels of this customer are waiting here', '');
      feedback.wrong(`${r.customer}: nothing waiting`);
    }
  }, 'Not listed');
}

function toggle(parcelId) {
  if (pack.selected.has(parcelId)) {
    pack.selected.delete(parcelId);
  } else {
    pack.selected.add(parcelId);
  }
  clearQuotes();
  renderParcels();
}

/** Reads the station's scale: the weight in kg, or the state in words when it gives no stable reading. */
export async function weigh() {
  const scale = $('pack-scale').value.trim();
  if (!NAME.test(scale)) {
    weightState('NO_SCALE', 'Set the scale\'s name first, or type the weight');
    panel('error', 'NO SCALE', 'Set the scale\'s name first, or type the weight', '');
    feedback.wrong('No scale set: type the weight');
    return;
  }
  await busy(`Weighing on ${scale}`, async () => {
    const r = await api.get(`/api/v1/packing/weight?scale=${encodeURIComponent(scale)}`);
    if (r.state === 'STABLE') {
      $('pack-kg').value = (r.grams / 1000).toFixed(3);
      clearQuotes();
      weightState('STABLE', `${r.grams} g from ${r.scale}, stable`);
      panel('idle', `${(r.grams / 1000).toFixed(3)} KG`, 'Weighed: type the carton\'s size, then Quote', '');
      feedback.right(`${(r.grams / 1000).toFixed(3)} kg`);
    } else {
      const words = r.state.replace(/_/g, ' ').toLowerCase();
      weightState(r.state, `Scale ${words}: ${r.message || 'no stable weight'}`);
      panel('error', 'NO WEIGHT', `Scale ${words}: ${r.message || 'no stable weight'}`, 'Weigh again or type the weight');
      feedback.wrong(`No weight: scale ${words}`);
    }
  }, 'No weight');
}

function weightState(state, text) {
  document.body.dataset.packWeight = state;
  $('pack-weight-state').textContent = text;
}

/** What the carton is, from the fields; null (and said why) when something is missing. */
function carton() {
  const wrong = (text, field) => {
    panel('error', 'CHECK THE CARTON', text, '');
    feedback.wrong(text);
    if (field) $(field).focus();
    return null;
  };
  if (!pack.customer) return wrong('Scan the customer first', 'pack-customer');
  if (!pack.selected.size) return wrong('Select at least one parcel', null);
  const grams = Math.round(Number($('pack-kg').value) * 1000);
  if (!(grams > 0)) return wrong('Weigh the carton or type its weight in kg', 'pack-kg');
  const mm = ['pack-length', 'pack-width', 'pack-height'].map((id) => Math.round(Number($(id).value) * 10));
  const missing = mm.findIndex((v) => !(v > 0));
  if (missing >= 0) return wrong(`Type the carton's ${['length', 'width', 'height'][missing]} in cm`,
    ['pack-length', 'pack-width', 'pack-height'][missing]);
  const country = $('pack-country').value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) return wrong('Type the destination country as two letters, e.g. DE', 'pack-country');
  const body = { customer: pack.customer, parcels: pack.parcels.map((p) => p.parcelId).filter((id) => pack.selected.has(id)),
    weightGrams: grams, lengthMm: mm[0], widthMm: mm[1], heightMm: mm[2], country };
  const postcode = $('pack-postcode').value.trim();
  if (postcode) body.postcode = postcode;
  return body;
}

/** Every carrier's price for the carton, cheapest first; the services that cannot carry it with their reason. */
export async function quote() {
  const body = carton();
  if (!body) return;
  clearQuotes();
  await busy('Asking every carrier', async () => {
    const r = await api.post('/api/v1/packing/quote', body);
    pack.quoted = body;
    pack.quotes = r.quotes;
    renderQuotes(r);
    panel('idle', `${r.quotes.length} PRICE(S)`, r.quotes.length ? 'Choose one, then Ship' : 'No carrier can carry it',
      `${body.parcels.length} parcel(s), ${(r.weightGrams / 1000).toFixed(3)} kg`);
    if (r.quotes.length) feedback.right(`${r.quotes.length} price(s)`);
    else feedback.wrong('No carrier can carry this carton');
  }, 'No prices');
}

function choose(i) {
  pack.chosen = pack.quotes[i];
  for (const b of $('pack-quotes').querySelectorAll('button')) {
    b.setAttribute('aria-pressed', String(Number(b.dataset.index) === i));
  }
  renderShip();
}

/** Ships the chosen service with exactly the inputs that were quoted; the gateway prices it again itself. */
export async function ship() {
  if (pack.unanswered) {
    await send(pack.unanswered);
    return;
  }
  const q = pack.chosen;
  if (!q || !pack.quoted) return;
  const printer = $('pack-printer').value.trim();
  // the opId is made once per confirmation and sent with every retry of it (API.md "Packing station")
  const body = { ...pack.quoted, carrier: q.carrier, service: q.service, version: q.version, opId: uuidv7() };
  if (printer) {
    if (!NAME.test(printer)) {
      panel('error', 'NOT SHIPPED', `Printer "${printer}": letters, digits, . _ : - only`, '');
      feedback.wrong('Fix the printer name: nothing was shipped');
      return;
    }
    body.printer = printer;
    for (const [field, id] of [['shipToName', 'pack-to-name'], ['shipToStreet', 'pack-to-street'], ['shipToCity', 'pack-to-city']]) {
      const v = $(id).value.trim();
      if (v) body[field] = v;
    }
  }
  pack.chosen = null;
  for (const b of $('pack-quotes').querySelectorAll('button')) b.setAttribute('aria-pressed', 'false');
  await send(body);
}

async function send(body) {
  pack.unanswered = body;
  renderShip();
  await busy(`Shipping with ${body.carrier} ${body.service}`, async () => {
    let r;
    try {
      r = await api.post('/api/v1/packing/shipments', body);
    } catch (e) {
      if (!(e instanceof api.Unreachable)) pack.unanswered = null; // a real answer: nothing to send again
      throw e;
    }
    pack.unanswered = null;
    document.body.dataset.packReference = r.reference;
    panel('shipped', r.reference, `${r.carrier} ${r.service} · ${r.cost} ${r.currency} · ${r.parcels.join(', ')}`,
      `${r.printJobId ? `Label printing on ${body.printer}` : 'No label printed'} · ${coreState(r)}`
      + (r.repeated ? ' · it had arrived the first time' : ''));
    feedback.right(`Shipped: ${r.reference}`);
  }, 'Not shipped');
  renderShip();
}

/** Where the shipment stands at the core: a retry's answer may come after the core answered. */
function coreState(r) {
  if (r.state === 'CREATED') return 'created at the core';
  if (r.state === 'REFUSED') return `refused by the core: ${r.failure || 'see site IT'}`;
  return `${r.state} until the core answers`;
}

/** Runs one call with the panel busy; an error fills the panel in words. */
async function busy(what, fn, failed) {
  document.body.dataset.packBusy = 'true';
  panel('busy', '…', what, '');
  try {
    await fn();
  } catch (e) {
    showError(e, failed, pack.unanswered !== null);
  } finally {
    document.body.dataset.packBusy = 'false';
  }
}

/** Any change to the carton after a quote makes the prices stale: they go, and Ship with them. */
export function cartonChanged() {
  if (pack.quoted) clearQuotes();
}

function clearQuotes() {
  pack.unanswered = null;
  pack.quoted = null;
  pack.quotes = [];
  pack.chosen = null;
  $('pack-quotes').textContent = '';
  renderShip();
}

function renderParcels() {
  const list = $('pack-parcels');
  list.textContent = '';
  for (const p of pack.parcels) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.parcelId = p.parcelId;
    b.setAttribute('aria-pressed', String(pack.selected.has(p.parcelId)));
    b.textContent = `${p.parcelId} · ${p.location || 'no shelf'} · ${p.trackingKey}`;
    b.addEventListener('click', () => toggle(p.parcelId));
    li.appendChild(b);
    list.appendChild(li);
  }
  $('pack-count').textContent = pack.parcels.length ? `${pack.selected.size} of ${pack.parcels.length} selected` : '';
}

function renderQuotes(r) {
  const list = $('pack-quotes');
  r.quotes.forEach((q, i) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.index = String(i);
    b.dataset.service = `${q.carrier} ${q.service}`;
    b.setAttribute('aria-pressed', 'false');
    const marks = [q.cheapest ? 'CHEAPEST' : '', q.fastest ? 'FASTEST' : ''].filter(Boolean).join(' ');
    b.innerHTML = '<span class="quote-name"></span><span class="quote-total"></span><span class="quote-more"></span>';
    b.children[0].textContent = `${q.carrier} ${q.service}`;
    b.children[1].textContent = `${q.total} ${q.currency}`;
    b.children[2].textContent = `${q.transitDays} day(s)${marks ? ` · ${marks}` : ''}`;
    if (q.cheapest) b.dataset.cheapest = 'true';
    if (q.fastest) b.dataset.fastest = 'true';
    b.addEventListener('click', () => choose(i));
    li.appendChild(b);
    list.appendChild(li);
  });
  for (const u of r.unquoted || []) {
    const li = document.createElement('li');
    li.className = 'unquoted';
    li.textContent = `Cannot: ${u}`;
    list.appendChild(li);
  }
}

function renderShip() {
  const q = pack.chosen;
  $('pack-ship').disabled = !q && !pack.unanswered;
  $('pack-ship').textContent = pack.unanswered ? 'Ship again' : q ? `Ship ${q.carrier}` : 'Ship';
}
