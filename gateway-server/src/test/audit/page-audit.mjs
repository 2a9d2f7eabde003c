// Audits the gateway's two pages in Debian's Chromium, the way pickers and site IT use them, and prints one JSON
// report on stdout; PageAuditBrowserTest starts the gateway, runs this and asserts on the report (this script
// asserts nothing itself, so a broken page shows as numbers in the test's failure message, not as a crash here).
//
// One Chrome for the whole run (Lighthouse is slow to start). The picker app is driven through every screen with a
// keystroke "scanner" (keys a few ms apart, then Enter, as DataWedge types them); on each screen, at each PDA size
// in portrait and landscape, it measures: the primary actions' boxes (fully on screen?), every visible interactive
// element's box (at least 48x48 CSS px?), axe-core's violations; on the screens with a message, the primary boxes
// while the message shows and again after it hid. Lighthouse (accessibility category) runs once per screen in
// snapshot mode at the first size; the admin page is audited signed in, and its layout shift measured over the
// sign-in itself (a Lighthouse timespan).
//
// Input (argv[2], JSON): { origin, enrollUrl, badge, bin, item, customer, adminUser, adminPassword, screenshots, sizes }

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';
import { snapshot, startTimespan } from 'lighthouse';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const input = JSON.parse(process.argv[2]);
const SIZES = input.sizes || [[360, 640], [640, 360], [412, 915], [915, 412]];
const report = { picker: {}, flow: {}, admin: {}, lighthouse: {}, errors: [] };
let offline = false; // while the test cuts the network on purpose, failed loads are expected

const LH_SETTINGS = {
  onlyCategories: ['accessibility'], formFactor: 'mobile', screenEmulation: { disabled: true },
  throttlingMethod: 'provided', disableStorageReset: true,
};

const browser = await puppeteer.launch({
  executablePath: input.chromium || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions', '--mute-audio',
    '--disable-features=Translate,OptimizationHints,MediaRouter',
    '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=127.0.0.1',
    // the Photo step's camera: a generated test pattern, the permission granted without a prompt
    '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  protocolTimeout: 120000,
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(page, what, fn, arg, timeout = 15000) {
  try {
    await page.waitForFunction(fn, { timeout, polling: 50 }, arg);
  } catch (e) {
    const where = await page.evaluate(() => `screen=${document.body.dataset.screen} step=${document.body.dataset.step}`
      + ` feedback=${document.getElementById('feedback') ? document.getElementById('feedback').textContent : ''}`
      + ` inert=${document.getElementById('main') ? document.getElementById('main').inert : '?'}`
      + ` sheets=${['settings', 'manual', 'rejection'].filter((id) => document.getElementById(id)
        && !document.getElementById(id).hidden).join(',')} focus=${document.activeElement && document.activeElement.id}`)
      .catch(() => '?');
    throw new Error(`waiting for ${what}: ${e.message} (${where})`);
  }
}

/**
 * A keystroke scanner's burst: the keys and Enter dispatched in one go inside the page, so a busy test machine
 * cannot stretch it into "typing" (PickPageBrowserTest drives real keys and the timing rules; this audit is about
 * what the picker then sees).
 */
async function scan(page, data) {
  await page.evaluate((text) => {
    const target = document.activeElement || document.body;
    for (const key of [...text, 'Enter']) {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }
  }, data);
}

async function setSize(page, [width, height]) {
  await page.setViewport({ width, height, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  await sleep(120); // layout and any resize handler
}

/** Boxes of the primary actions and of every visible interactive element, viewport relative. */
async function measure(page) {
  return page.evaluate(() => {
    const vis = (el) => {
      if (el.closest('[hidden]') || el.closest('[inert]')) { return false; }
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none') { return false; }
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.x * 10) / 10, y: Math.round(r.y * 10) / 10, w: Math.round(r.width * 10) / 10,
        h: Math.round(r.height * 10) / 10 };
    };
    const name = (el) => el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}${el.dataset.taskId ? `[${el.dataset.taskId}]`
      : el.className ? `.${String(el.className).split(' ')[0]}` : ''}:${(el.textContent || el.value || '').trim().slice(0, 20)}`;
    const interactive = [...document.querySelectorAll('button, a[href], input, select, textarea, summary, [role=button]')]
      .filter((el) => !el.classList.contains('scan-sink') && vis(el)).map((el) => ({ name: name(el), ...box(el) }));
    const primary = [...document.querySelectorAll('.actions button, .actions input')].filter(vis)
      .map((el) => ({ name: name(el), ...box(el) }));
    return { viewport: { w: innerWidth, h: innerHeight }, interactive, primary,
      scroll: { w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight } };
  });
}

async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

async function lighthouseSnapshot(page, key) {
  const r = await snapshot(page, { config: { extends: 'lighthouse:default', settings: LH_SETTINGS } });
  const lhr = r.lhr;
  const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1
    && lhr.categories.accessibility.auditRefs.some((ref) => ref.id === a.id && ref.weight > 0)).map((a) => a.id);
  report.lighthouse[key] = { accessibility: Math.round(lhr.categories.accessibility.score * 100), failing };
}

async function shot(page, file) {
  if (input.screenshots) {
    fs.mkdirSync(input.screenshots, { recursive: true });
    await page.screenshot({ path: path.join(input.screenshots, file) });
  }
}

/** Measures one picker screen at every size, axe at every size, Lighthouse once. */
async function screen(page, key, { lighthouse = true } = {}) {
  const sizes = {};
  for (const size of SIZES) {
    await setSize(page, size);
    sizes[size.join('x')] = { ...(await measure(page)), axe: await axe(page) };
  }
  await setSize(page, SIZES[0]);
  report.picker[key] = sizes;
  if (lighthouse) {
    await lighthouseSnapshot(page, `pick-${key}`);
    await setSize(page, SIZES[0]);
  }
}

/** The primary boxes while a message shows, then after it went away by itself, at every size. */
async function messageLife(page, key) {
  const during = {};
  for (const size of SIZES) {
    await setSize(page, size);
    during[size.join('x')] = (await measure(page)).primary;
  }
  await until(page, 'the message to go away', () => {
    const f = document.getElementById('feedback');
    return f && (f.hidden || f.dataset.kind === undefined || getComputedStyle(f).visibility === 'hidden'
      || f.getBoundingClientRect().height === 0 || f.classList.contains('gone'));
  }, undefined, 8000);
  const after = {};
  for (const size of SIZES) {
    await setSize(page, size);
    after[size.join('x')] = (await measure(page)).primary;
  }
  await setSize(page, SIZES[0]);
  report.picker[`${key}-message`] = { during, after };
}

try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error' && !offline) { report.errors.push(`console: ${m.text()}`); } });
  page.on('pageerror', (e) => report.errors.push(`page: ${e.message}`));
  await setSize(page, SIZES[0]);

  // ---- picker app ------------------------------------------------------------------------------------------
  const pick = `${input.origin}/pick/`;
  await page.goto(pick, { waitUntil: 'networkidle0' });
  await until(page, 'enroll screen', () => document.body.dataset.screen === 'enroll');
  await screen(page, 'enroll');
  await shot(page, 'pick-enroll.png');
  await scan(page, input.enrollUrl); // the QR on site IT's page, read by the PDA's scanner
  await until(page, 'login screen', () => document.body.dataset.screen === 'login');
  await screen(page, 'login');
  await scan(page, input.badge);
  await until(page, 'list screen with tasks', () => document.body.dataset.screen === 'list'
    && document.querySelectorAll('#task-list button').length > 0);
  await screen(page, 'list');
  await shot(page, 'pick-list.png');
  await page.click('#task-list button');
  await until(page, 'bin step', () => document.body.dataset.step === 'bin');
  await screen(page, 'task-bin');
  await scan(page, input.bin);
  await until(page, 'item step', () => document.body.dataset.step === 'item');
  await messageLife(page, 'task-item');
  await screen(page, 'task-item');
  await scan(page, input.item);
  await until(page, 'quantity step', () => document.body.dataset.step === 'qty');
  await screen(page, 'task-qty');
  await shot(page, 'picker-app.png');
  await scan(page, 'NOT-A-CODE-1');
  await until(page, 'an error', () => (document.getElementById('feedback').dataset.kind || '') === 'bad');
  await screen(page, 'task-error', { lighthouse: false });
  await page.click('#open-settings');
  await until(page, 'settings', () => !document.getElementById('settings').hidden);
  await screen(page, 'settings');
  report.flow.settingsScanIgnored = await (async () => {
    const before = await page.evaluate(() => document.body.dataset.step);
    await scan(page, input.bin);
    await sleep(300);
    return before === await page.evaluate(() => document.body.dataset.step);
  })();
  await page.click('#settings-close');

  // A rescan inside the duplicate window is answered, not dropped in silence.
  await scan(page, input.item);
  await until(page, 'the second unit', () => document.getElementById('qty').value === '2');
  await scan(page, input.item);
  await until(page, 'the duplicate answer', () => document.getElementById('feedback').dataset.kind === 'again');
  report.flow.duplicateAnswer = await page.$eval('#feedback', (el) => el.textContent);
  report.flow.qtyAfterDuplicate = await page.$eval('#qty', (el) => el.value);
  await page.click('#confirm');
  await until(page, 'the next task', () => document.body.dataset.step === 'bin');

  // Manual entry: a bin label that will not scan, keyed in through the Type button, with a scan's checks.
  await page.click('#task-type');
  await until(page, 'the manual entry sheet', () => !document.getElementById('manual').hidden);
  await screen(page, 'manual');
  await page.type('#manual-input', 'B-99-99', { delay: 120 });
  await page.keyboard.press('Enter');
  await until(page, 'a typed wrong bin refused', () => /Wrong bin/.test(document.getElementById('feedback').textContent));
  report.flow.typedWrongBin = await page.$eval('#feedback', (el) => el.textContent);
  await page.click('#task-type');
  await until(page, 'the manual entry sheet', () => !document.getElementById('manual').hidden);
  await page.type('#manual-input', input.bin, { delay: 120 });
  await page.keyboard.press('Enter');
  await until(page, 'item step after a typed bin', () => document.body.dataset.step === 'item');
  // The item's GS1 text as printed under a torn barcode, its lot included; then the quantity, typed too.
  await page.click('#task-type');
  await until(page, 'the manual entry sheet', () => !document.getElementById('manual').hidden);
  await page.type('#manual-input', `(01)${input.item}(10)LOT42`, { delay: 110 });
  await page.keyboard.press('Enter');
  await until(page, 'quantity step after a typed item', () => document.body.dataset.step === 'qty');
  report.flow.typedItem = await page.$eval('#field-item', (el) => el.textContent);
  await page.click('#task-type');
  await until(page, 'the manual entry sheet', () => !document.getElementById('manual').hidden);
  await page.type('#manual-input', '2', { delay: 110 });
  await page.keyboard.press('Enter');
  await until(page, 'the typed quantity', () => document.getElementById('qty').value === '2');
  await page.click('#confirm');
  await until(page, 'the typed pick confirmed', () => /^Picked 2/.test(document.getElementById('feedback').textContent)
    && document.body.dataset.step === 'bin');
  await until(page, 'the queue sent', () => document.getElementById('queue-count').textContent === '0', undefined, 20000);

  // A red message stays with its screen: the next task starts without it.
  await page.click('#back');
  await until(page, 'list', () => document.body.dataset.screen === 'list');
  await scan(page, 'NOWHERE-9');
  await until(page, 'an error on the list', () => document.getElementById('feedback').dataset.kind === 'bad');
  await page.click('#task-list button');
  await until(page, 'a task', () => document.body.dataset.screen === 'task');
  report.flow.errorOnNewTask = await page.$eval('#feedback', (el) => (el.hidden ? '' : el.textContent));
  await page.click('#back');
  await until(page, 'list', () => document.body.dataset.screen === 'list');

  // A person typing with no field focused is told where typing goes; nothing piles up in the scanner's field.
  await page.keyboard.type('B-02', { delay: 160 });
  await sleep(300);
  report.flow.slowTyping = await page.evaluate(() => ({ feedback: document.getElementById('feedback').textContent,
    sink: document.getElementById('scan-sink').value, screen: document.body.dataset.screen }));

  // The Photo step (issue 17), measured like every screen with the camera on (Chromium's fake camera).
  await page.click('#list-photo');
  await until(page, 'photo screen with the camera on', () => document.body.dataset.screen === 'photo'
    && document.body.dataset.camera === 'on');
  await screen(page, 'photo');
  await shot(page, 'pick-photo.png');
  await page.click('#photo-back');
  await until(page, 'list after the photo screen', () => document.body.dataset.screen === 'list');

  // The Intake screen (issue 17): the shelf set, a parcel nobody announced scanned in, measured with its answer.
  await page.click('#list-intake');
  await until(page, 'intake screen', () => document.body.dataset.screen === 'intake');
  await page.$eval('#intake-shelf', (el) => { el.value = 'NO-OWNER-1'; el.dispatchEvent(new Event('change')); });
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await scan(page, 'RB123456785GB');
  await until(page, 'intake answered', () => document.body.dataset.intake === 'no-owner');
  await screen(page, 'intake');
  await shot(page, 'pick-intake.png');
  await page.click('#intake-back');
  await until(page, 'list after the intake screen', () => document.body.dataset.screen === 'list');

  // The Pack screen (issue 17): a customer's waiting parcels scanned up, the carton typed, measured with the
  // carriers' prices listed (the longest state of the screen).
  await page.click('#list-pack');
  await until(page, 'pack screen', () => document.body.dataset.screen === 'pack');
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await scan(page, input.customer);
  await until(page, 'the customer\'s parcels', () => document.querySelectorAll('#pack-parcels button').length > 0
    && document.body.dataset.packBusy === 'false');
  await page.evaluate(() => {
    const set = (id, v) => { const el = document.getElementById(id); el.value = v; el.dispatchEvent(new Event('input')); };
    set('pack-kg', '2.35'); set('pack-length', '40'); set('pack-width', '30'); set('pack-height', '20');
    set('pack-country', 'DE'); set('pack-postcode', '80331');
  });
  await page.click('#pack-quote');
  await until(page, 'the prices', () => document.querySelectorAll('#pack-quotes button').length > 0
    && document.body.dataset.packBusy === 'false');
  await page.click('#pack-quotes button');
  await until(page, 'Ship enabled', () => !document.getElementById('pack-ship').disabled);
  await screen(page, 'pack');
  await shot(page, 'pick-pack.png');
  await page.click('#pack-back');
  await until(page, 'list after the pack screen', () => document.body.dataset.screen === 'list');

  // Offline at 360 px: the status bar keeps one line and both names.
  offline = true;
  await page.setOfflineMode(true);
  await page.click('#list-refresh');
  await until(page, 'offline shown', () => document.getElementById('net').dataset.state === 'offline');
  report.flow.offlineStatus = await page.evaluate(() => {
    const r = (id) => document.getElementById(id).getBoundingClientRect();
    const h = document.querySelector('header.status').getBoundingClientRect();
    return { headerHeight: h.height, net: document.getElementById('net').textContent,
      picker: { w: r('who-picker').width, h: r('who-picker').height, text: document.getElementById('who-picker').textContent },
      device: { w: r('who-device').width, h: r('who-device').height, text: document.getElementById('who-device').textContent },
      settings: { right: r('open-settings').right, width: innerWidth } };
  });
  await shot(page, 'pick-offline.png');
  await page.setOfflineMode(false);
  await sleep(200);
  offline = false;

  // ---- admin page --------------------------------------------------------------------------------------------
  const admin = await browser.newPage();
  admin.on('pageerror', (e) => report.errors.push(`admin page: ${e.message}`));
  await admin.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
  await admin.goto(`${input.origin}/admin/`, { waitUntil: 'networkidle0' });
  await admin.waitForSelector('#login-password', { visible: true });
  // A locked-out account's message, its UTC instant shown in the site's time (the gateway allows 2 failures here).
  await admin.$eval('#login-user', (el) => { el.value = 'locked-out'; });
  for (let i = 0; i < 3; i++) {
    await admin.$eval('#login-message', (el) => { el.textContent = ''; });
    await admin.$eval('#login-password', (el) => { el.value = 'wrong-password'; });
    await admin.click('#login-submit');
    await admin.waitForFunction(() => document.getElementById('login-message').textContent !== '', { timeout: 10000 });
  }
  report.flow.lockoutMessage = await admin.$eval('#login-message', (el) => el.textContent);
  await admin.type('#login-user', '', {});
  await admin.$eval('#login-user', (el, v) => { el.value = v; }, input.adminUser);
  await admin.$eval('#login-message', (el) => { el.textContent = ''; });
  await admin.$eval('#login-password', (el) => { el.value = ''; });
  await admin.type('#login-password', input.adminPassword);
  const flow = await startTimespan(admin, { config: { extends: 'lighthouse:default', settings: {
    onlyCategories: ['performance'], onlyAudits: ['cumulative-layout-shift', 'layout-shifts'], formFactor: 'desktop',
    screenEmulation: { disabled: true }, throttlingMethod: 'provided', disableStorageReset: true } } });
  await admin.click('#login-submit');
  await admin.waitForSelector('#app:not([hidden])', { timeout: 15000 });
  await admin.waitForNetworkIdle({ idleTime: 800, timeout: 20000 });
  await sleep(500);
  const span = await flow.endTimespan();
  const cls = span.lhr.audits['cumulative-layout-shift'];
  report.admin.cls = cls ? cls.numericValue : null;
  for (const size of [[1280, 900], [768, 1024]]) {
    await admin.setViewport({ width: size[0], height: size[1], deviceScaleFactor: 1 });
    await sleep(150);
    report.admin[size.join('x')] = { ...(await measure(admin)), axe: await axe(admin) };
  }
  await admin.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
  await shot(admin, 'admin-page.png');
  await lighthouseSnapshot(admin, 'admin');
} catch (e) {
  report.errors.push(`run: ${e.stack || e.message}`);
} finally {
  await browser.close();
}
process.stdout.write(`${JSON.stringify(report)}\n`);
