// Right and wrong scans must be unmistakable in a loud aisle with the screen half in view: colour plus words on
// screen, a tone (high and short for right, low and double for wrong, a rising pair for "already counted") and a
// vibration pattern. Messages overlay the top of the screen (pick.css): showing or hiding one moves nothing.

let audio = null;

function tone(freq, startS, durS) {
  try {
    audio = audio || new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'square';
    osc.frequency.value = freq;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(audio.destination);
    const t = audio.currentTime + startS;
    osc.start(t);
    osc.stop(t + durS);
  } catch (e) {
    // No audio (a browser that forbids it before a touch): the screen and vibration still tell.
  }
}

function vibrate(pattern) {
  if (navigator.vibrate) {
    navigator.vibrate(pattern);
  }
}

let hideTimer = null;

/** Shows a message: kind 'ok', 'bad', 'again' or 'info'; 'bad' stays until the next message or screen. */
export function show(kind, text) {
  const el = document.getElementById('feedback');
  el.className = `feedback ${kind}`;
  el.dataset.kind = kind;
  el.textContent = text;
  el.hidden = false;
  clearTimeout(hideTimer);
  if (kind !== 'bad') {
    hideTimer = setTimeout(() => { el.hidden = true; }, 4000);
  }
}

export function right(text) {
  show('ok', text);
  tone(1760, 0, 0.08);
  vibrate(60);
}

export function wrong(text) {
  show('bad', text);
  tone(220, 0, 0.18);
  tone(220, 0.25, 0.18);
  vibrate([150, 80, 150]);
}

/** A rescan inside the duplicate window: counted once, and said so, so a fast picker never under-counts unaware. */
export function again(text) {
  show('again', text);
  tone(660, 0, 0.07);
  tone(990, 0.1, 0.07);
  vibrate([40, 60, 40]);
}

export function info(text) {
  show('info', text);
}

export function clear() {
  document.getElementById('feedback').hidden = true;
}

/** A red message belongs to the screen it was shown on: a new screen or task starts without it. */
export function clearError() {
  const el = document.getElementById('feedback');
  if (el.dataset.kind === 'bad') {
    el.hidden = true;
    el.dataset.kind = '';
  }
}
