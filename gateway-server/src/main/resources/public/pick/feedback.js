// Right and wrong scans must be unmistakable in a loud aisle with the screen half in view: colour plus words on
// screen, a tone (high and short for right, low and double for wrong) and a vibration pattern.

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

/** Shows a message: kind 'ok', 'bad' or 'info'; 'bad' stays until the next message. */
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

export function info(text) {
  show('info', text);
}

export function clear() {
  document.getElementById('feedback').hidden = true;
}
