// Tells a keystroke scanner from a person typing, page-wide.
//
// A PDA's scanner in keystroke mode (Zebra DataWedge "keystroke output", Honeywell "keyboard wedge") types the
// code into whatever has the focus, a few milliseconds per key, and ends it with Enter or Tab. A person types
// a hundred milliseconds or more per key. So a scan is: at least minLength characters whose keys came on average
// at most maxGapMs apart, ended by the suffix (or, with suffix "none", by a pause). One late key (up to
// 3 x maxGapMs, at least 100 ms: a busy PDA or browser delays an event now and then) does not break a scan; a
// longer pause starts a new one.
//
// The listener runs in the capture phase on window, so it sees keys before any field does. Characters of a burst
// that went into a visible field are taken out again when the burst turns out to be a scan (the field gets back
// the value it had before the burst's first key), and the suffix is swallowed, so a scan never submits a form or
// moves the focus; the scan goes to onScan, and the app gives it to the field of the current step. Keys that are
// not a scan are left alone: a person can still type into any field. A person typing while no field has the focus
// (a label that will not scan, keyed in on the list) is not ignored in silence: the sink is emptied at each new
// burst, so nothing piles up unseen, and onTyped tells the app, which points at its manual entry button.
//
// Keystroke output often cannot send the GS separator of GS1 codes; the scanner is set to send a substitute
// character instead (gsSubstitute, '~' by default; pick one that never appears in your codes) and it is turned
// back into GS (U+001D) here. A real GS arriving as Ctrl+] is understood too.

export const GS = '\u001d';

export const DEFAULT_SETTINGS = Object.freeze({
  maxGapMs: 40,
  minLength: 4,
  suffix: 'enter-or-tab',
  gsSubstitute: '~',
  duplicateWindowMs: 1000,
});

/** Longest scan kept; a key repeat gone wild cannot fill memory. */
const MAX_SCAN = 4096;

export class ScanCapture {
  /**
   * @param {object} options
   * @param {HTMLInputElement} options.sink the hidden inputmode=none field that holds the focus between fields
   * @param {() => object} options.settings returns the current settings (see DEFAULT_SETTINGS)
   * @param {(data: string) => void} options.onScan called once per scan, with GS restored
   * @param {(text: string) => void} [options.onTyped] called when keys that were not a scan went to no field
   */
  constructor({ sink, settings, onScan, onTyped }) {
    this.sink = sink;
    this.settings = settings;
    this.onScan = onScan;
    this.onTyped = onTyped || (() => {});
    this.typedTimer = null;
    this.burst = null;
    this.pauseTimer = null;
    this.onKeyDown = this.onKeyDown.bind(this);
    this.refocus = this.refocus.bind(this);
  }

  attach() {
    window.addEventListener('keydown', this.onKeyDown, true);
    document.addEventListener('focusout', () => setTimeout(this.refocus, 0), true);
    document.addEventListener('click', () => setTimeout(this.refocus, 0), true);
    this.refocus();
  }

  /** Gives the focus back to the sink when no field has it, so scanner keys land somewhere harmless. */
  refocus() {
    const active = document.activeElement;
    if (!active || active === document.body || active === document.documentElement) {
      this.sink.focus({ preventScroll: true });
    }
  }

  onKeyDown(e) {
    if (e.isComposing) {
      return;
    }
    const now = performance.now();
    const s = this.settings();
    const pause = Math.max(100, 3 * s.maxGapMs); // longer than this between keys: not the same scan
    const isSuffix = (e.key === 'Enter' && s.suffix !== 'tab' && s.suffix !== 'none')
      || (e.key === 'Tab' && (s.suffix === 'tab' || s.suffix === 'enter-or-tab'));
    if (isSuffix) {
      const b = this.burst;
      this.burst = null;
      if (b && b.chars.length >= s.minLength && now - b.last <= pause
          && (now - b.first) / b.chars.length <= s.maxGapMs) {
        e.preventDefault();
        e.stopPropagation();
        this.finish(b, now);
      }
      return;
    }
    let ch = null;
    if (e.ctrlKey && (e.key === ']' || e.code === 'BracketRight')) {
      ch = GS;
      e.preventDefault(); // otherwise the browser may act on Ctrl+]
    } else if (e.key === GS) {
      ch = GS;
    } else if (e.key && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      ch = e.key;
    } else {
      return; // Shift, arrows, ...: neither part of a scan nor the end of one
    }
    let b = this.burst;
    if (!b || now - b.last > pause || b.chars.length >= MAX_SCAN) {
      const target = editable(e.target) && e.target !== this.sink ? e.target : null;
      b = this.burst = { chars: [], first: now, last: now, target, before: target ? target.value : null };
      if (!target) {
        this.sink.value = '';
      }
    }
    b.chars.push(ch);
    b.last = now;
    if (!b.target) {
      clearTimeout(this.typedTimer);
      this.typedTimer = setTimeout(() => {
        if (this.burst === b) { // neither a scan's suffix nor its pause came: a person typing into no field
          this.burst = null;
          this.sink.value = '';
          this.onTyped(b.chars.join(''));
        }
      }, pause + 10);
    }
    if (s.suffix === 'none') {
      clearTimeout(this.pauseTimer);
      this.pauseTimer = setTimeout(() => {
        if (this.burst === b && b.chars.length >= s.minLength
            && (b.last - b.first) / Math.max(1, b.chars.length - 1) <= s.maxGapMs) {
          this.burst = null;
          this.finish(b, b.last);
        }
      }, pause);
    }
  }

  finish(burst, end) {
    if (burst.target) {
      // The scan's keys went into a visible field (each key's input is done before the next keydown); give the
      // field back what the person had typed there.
      burst.target.value = burst.before;
    }
    this.sink.value = '';
    const sub = this.settings().gsSubstitute;
    let data = burst.chars.join('');
    if (sub) {
      data = data.split(sub).join(GS);
    }
    // How fast the scanner typed, for site IT tuning maxGapMs (the settings screen shows it).
    this.lastTiming = { chars: burst.chars.length, msPerKey: (end - burst.first) / burst.chars.length };
    this.onScan(data);
  }
}

function editable(el) {
  return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && !el.readOnly;
}
