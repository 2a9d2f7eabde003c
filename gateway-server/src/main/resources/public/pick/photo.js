// The Photo step (issue 17, intake): a parcel id (scanned or typed), which shot, and one tap to take the photo and
// hand it to the gateway, which keeps it durably and uploads it to the core. The rear camera through getUserMedia
// where the browser allows it (HTTPS or localhost); elsewhere (plain HTTP) the phone's own camera app through
// <input type=file capture=environment>. The viewfinder has a fixed size: nothing moves under the thumb.

import * as api from './api.js';
import * as feedback from './feedback.js';
import { $, show } from './screens.js';

const CODE = /^[A-Za-z0-9._-]{1,64}$/;
const JPEG_QUALITY = 0.85;
let stream = null;

/** Whether live capture can work here: getUserMedia exists only in secure contexts. */
function liveCamera() {
  return !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
}

/**
 * The shot list from the tenant's photo template (GET /api/v1/photos/template): its shots with their hints, in
 * order. The page's own list (label, contents, damage) stays when the gateway cannot be asked.
 */
async function loadTemplate() {
  try {
    const t = await api.get('/api/v1/photos/template');
    if (!t || !Array.isArray(t.shots) || t.shots.length === 0) return;
    const select = $('photo-shot');
    const keep = select.value;
    select.replaceChildren(...t.shots.map((s) => {
      const o = document.createElement('option');
      o.value = s.shot;
      o.textContent = s.hint ? `${s.shot}: ${s.hint}` : s.shot;
      return o;
    }));
    if (t.shots.some((s) => s.shot === keep)) select.value = keep;
  } catch (e) {
    // offline or an older gateway: the page's own list
  }
}

export async function open() {
  show('photo');
  $('photo-result').textContent = '';
  loadTemplate();
  document.body.dataset.photoMode = liveCamera() ? 'camera' : 'file';
  $('photo-shoot').textContent = liveCamera() ? 'Take photo' : 'Open camera';
  $('photo-canvas').hidden = true;
  $('photo-video').hidden = !liveCamera();
  if (!liveCamera()) {
    $('photo-hint').textContent = 'The camera app opens; the photo is sent when you accept it.';
    return;
  }
  $('photo-hint').textContent = 'Starting the camera…';
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'environment', width: { ideal: 1600 }, height: { ideal: 1200 } }, audio: false,
    });
    $('photo-video').srcObject = stream;
    await $('photo-video').play();
    $('photo-hint').textContent = '';
    document.body.dataset.camera = 'on';
  } catch (e) {
    $('photo-hint').textContent = `No camera: ${e.message}. Use "Open camera".`;
    document.body.dataset.photoMode = 'file';
    $('photo-shoot').textContent = 'Open camera';
  }
}

/** Stops the camera (leaving the screen): the light goes off and the battery is spared. */
export function close() {
  if (stream) {
    for (const t of stream.getTracks()) t.stop();
    stream = null;
  }
  document.body.dataset.camera = 'off';
}

/** A scan on the photo screen is the parcel's label. */
export function scanOnPhoto(data) {
  $('photo-parcel').value = data.trim();
  feedback.info(`Parcel ${data.trim()}`);
}

function codes() {
  const parcel = $('photo-parcel').value.trim();
  if (!CODE.test(parcel)) {
    feedback.wrong('Scan or type the parcel first (letters, digits, . _ -)');
    $('photo-parcel').focus();
    return null;
  }
  return { parcel, shot: $('photo-shot').value };
}

export function shoot() {
  if (!codes()) return;
  if (document.body.dataset.photoMode !== 'camera') {
    $('photo-file').click();
    return;
  }
  const video = $('photo-video');
  const canvas = $('photo-canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d').drawImage(video, 0, 0);
  canvas.hidden = false; // the still stays in the (same-size) viewfinder while it is sent
  video.hidden = true;
  canvas.toBlob((blob) => send(blob).finally(() => { canvas.hidden = true; video.hidden = false; }),
    'image/jpeg', JPEG_QUALITY);
}

export function fileChosen() {
  const file = $('photo-file').files[0];
  $('photo-file').value = '';
  if (file) send(file);
}

async function send(blob) {
  const c = codes();
  if (!c || !blob) return;
  if (blob.type !== 'image/jpeg') {
    feedback.wrong(`Not a JPEG photo (${blob.type || 'unknown type'})`);
    return;
  }
  $('photo-shoot').disabled = true;
  $('photo-result').textContent = `Sending ${Math.round(blob.size / 1024)} KB…`;
  try {
    const path = `/api/v1/photos?parcelId=${encodeURIComponent(c.parcel)}&shot=${encodeURIComponent(c.shot)}`;
    const r = await api.call('POST', path, blob, { timeoutMs: 30000 });
    document.body.dataset.lastPhoto = String(r.id);
    $('photo-result').textContent = `Photo ${r.id} of ${r.parcelId} (${r.shot}) kept at the gateway`;
    feedback.right(`Photo saved: ${r.parcelId} ${r.shot}`);
  } catch (e) {
    $('photo-result').textContent = '';
    feedback.wrong(e instanceof api.Unreachable ? 'Gateway out of reach: take the photo again later'
      : `Photo not saved: ${e.message}`);
  } finally {
    $('photo-shoot').disabled = false;
  }
}
