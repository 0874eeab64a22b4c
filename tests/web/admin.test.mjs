// admin.test.mjs - administration in Chromium: adding a user (and the
// errors on the way), changing the policy, adding a closure day, and
// importing GOV.UK's bank-holidays.json as a file upload; axe on each page
// and error state.

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PASSWORD } from '../http/harness.mjs';
import { axe, hasChromium, launch, shot, signIn, startWeb, watch } from './browser.mjs';

const skip = !hasChromium() && 'Chromium is not installed (Debian: chromium)';
let srv, browser, page, seen, dir;

before(async () => {
	if (skip)
		return;
	dir = mkdtempSync(join(tmpdir(), 'redress-admin-'));
	srv = await startWeb();
	browser = await launch();
	page = await (await browser.newContext()).newPage();
	seen = watch(page);
	await signIn(page, srv.base, 'admin').catch(() => {});
});

after(async () => {
	await browser?.close();
	await srv?.stop();
	if (dir)
		rmSync(dir, { recursive: true, force: true });
});

async function main() {
	return page.locator('main').innerText();
}

test('an administrator lands on the administration page', { skip }, async () => {
	await page.goto(srv.base + '/');
	assert.equal(new URL(page.url()).pathname, '/admin');
	await axe(page, 'the administration page');
	await shot(page, 'admin');
	assert.match(await main(), /Meets the Code/, 'the demo policy meets the Code');
});

test('adding a user: a short password is refused, then the user is added', { skip }, async () => {
	await page.click('summary:has-text("Add a user")');
	await page.fill('#f-name', 'zoe');
	await page.fill('#f-display_name', 'Zoe Handler');
	await page.check('input[name=role][value=handler]');
	await page.fill('#f-password', 'short');
	await page.click('button:has-text("Add the user")');
	await page.waitForLoadState('load');
	assert.match(await page.locator('.govuk-error-summary').innerText(), /at least 10 characters/);
	assert.equal(await page.inputValue('#f-name'), 'zoe', 'what was typed is kept');
	assert.equal(await page.inputValue('#f-password'), '', 'but never the password');
	await axe(page, 'the user form with its error');
	await page.fill('#f-password', PASSWORD);
	await page.click('button:has-text("Add the user")');
	await page.waitForLoadState('load');
	assert.match(await main(), /The user has been added/);
	assert.match(await main(), /zoe\s+Zoe Handler\s+handler/);
	// The new user can sign in.
	const other = await (await browser.newContext()).newPage();
	await signIn(other, srv.base, 'zoe');
	assert.match(await other.locator('main').innerText(), /Dashboard/);
	await other.context().close();
});

test('changing the policy: a breach of the Code is shown with its clause', { skip }, async () => {
	await page.click('summary:has-text("Change the policy")');
	await page.fill('#f-acknowledge_days', 'ten');
	await page.click('button:has-text("Save the policy")');
	await page.waitForLoadState('load');
	assert.match(await page.locator('.govuk-error-summary').innerText(), /whole number/);
	await axe(page, 'the policy form with its error');
	await page.click('summary:has-text("Change the policy")').catch(() => {});
	await page.fill('#f-acknowledge_days', '7');
	await page.click('button:has-text("Save the policy")');
	await page.waitForLoadState('load');
	const text = await main();
	assert.ok(/The policy has been saved/.test(text) || /5\.6|6\.2/.test(text), text.slice(0, 400));
	const pol = (await srv.get('/api/v1/policy', { as: 'admin' })).body;
	if (pol.acknowledge_days === 7)
		assert.match(text, /does not meet the Code[\s\S]*acknowledge_days/, 'the check names the setting');
});

test('a closure day and importing bank-holidays.json', { skip }, async () => {
	const before = (await srv.get('/api/v1/calendar', { as: 'admin' })).body;
	await page.goto(srv.base + '/admin');
	await page.fill('#f-date-day', '24');
	await page.fill('#f-date-month', '12');
	await page.fill('#f-date-year', '2026');
	await page.fill('#f-reason', 'Office closed for Christmas Eve');
	await page.click('button:has-text("Add the closure day")');
	await page.waitForLoadState('load');
	assert.match(await main(), /The closure day has been added/);
	assert.match(await main(), /2026-12-24: Office closed for Christmas Eve/);
	// After Wednesday 23 December 2026: the 24th is closed, the 25th and
	// 28th (Boxing Day moved from Saturday) are bank holidays.
	const wd = await srv.get('/api/v1/workdays/add?date=2026-12-23&n=1', { as: 'admin' });
	assert.equal(wd.body.date, '2026-12-29', wd.text);

	// Not JSON: refused, and the calendar is as it was.
	const bad = join(dir, 'bad.json');
	writeFileSync(bad, 'not json at all');
	await page.setInputFiles('#f-file', bad);
	await page.click('button:has-text("Import")');
	await page.waitForLoadState('load');
	assert.ok(await page.locator('.govuk-error-summary').count(), 'an error summary');
	await axe(page, 'a refused import');
	// GOV.UK's layout, with a one-off holiday in 2027 for England and Wales.
	const file = join(dir, 'bank-holidays.json');
	const ev = (title, date) => ({ title, date, notes: '', bunting: true });
	writeFileSync(file, JSON.stringify({
		'england-and-wales': { division: 'england-and-wales', events: [
			ev('New Year’s Day', '2027-01-01'), ev('Good Friday', '2027-03-26'),
			ev('Easter Monday', '2027-03-29'), ev('Early May bank holiday', '2027-05-03'),
			ev('Spring bank holiday', '2027-05-31'), ev('A one-off holiday', '2027-06-07'),
			ev('Summer bank holiday', '2027-08-30'), ev('Christmas Day', '2027-12-27'),
			ev('Boxing Day', '2027-12-28')] },
	}));
	await page.goto(srv.base + '/admin');
	await page.setInputFiles('#f-file', file);
	await page.click('button:has-text("Import")');
	await page.waitForLoadState('load');
	assert.match(await main(), /The bank holidays have been imported/);
	const after = (await srv.get('/api/v1/calendar', { as: 'admin' })).body;
	assert.ok(after.calendar_version > before.calendar_version, `a new calendar version: ${before.calendar_version} -> ${after.calendar_version}`);
	const r = await srv.get('/api/v1/workdays/count?from=2027-06-04&to=2027-06-08', { as: 'admin' });
	assert.equal(r.status, 200, r.text);
	// Friday 4 June to Tuesday 8 June 2027: Monday 7th is now a holiday, so only the 8th.
	assert.equal(r.body.working_days, 1, JSON.stringify(r.body));
});

test('no script error, no dialog on the way', { skip }, async () => {
	assert.deepEqual(seen.dialogs, []);
	assert.deepEqual(seen.errors.filter((e) => !/the server responded with a status of 4\d\d/.test(e)), []);
});
