// registers.test.mjs - the oversight registers in Chromium: a handler
// finds the improvements register from the navigation, records an
// improvement for two complaints, moves it on and completes it (refused
// first without its outcome, Code 9.3); axe on every page and error state.

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';

import { axe, hasChromium, launch, shot, signIn, startWeb, watch } from './browser.mjs';

const skip = !hasChromium() && 'Chromium is not installed (Debian: chromium)';
let srv, browser, page, seen;
const refs = [];

before(async () => {
	if (skip)
		return;
	srv = await startWeb();
	for (const name of ['Bea Boiler', 'Ben Boiler']) {
		const c = await srv.post('/api/v1/complaints', { channel: 'phone', description: 'No heating',
			category: 'repairs', complainant: { name, phone: '0100 333' } }, { as: 'handler' });
		assert.equal(c.status, 201, c.text);
		refs.push(c.body.reference);
	}
	browser = await launch();
	page = await (await browser.newContext()).newPage();
	seen = watch(page);
	await signIn(page, srv.base, 'alice');
});

after(async () => {
	await browser?.close();
	await srv?.stop();
});

async function main() {
	return page.locator('main').innerText();
}

async function submit(text) {
	await Promise.all([page.waitForLoadState('load'), page.click(`button:has-text("${text}")`)]);
}

test('an improvement from new to completed, through the registers', { skip }, async () => {
	await page.click('nav >> text=Registers');
	await page.waitForLoadState('load');
	assert.equal(new URL(page.url()).pathname, '/registers');
	await axe(page, 'the registers');
	await page.click('main >> text=Improvements');
	await page.waitForLoadState('load');
	await axe(page, 'the improvements register');
	await page.click('text=Record an improvement');
	await page.waitForLoadState('load');
	await axe(page, 'the new improvement form');

	await page.fill('#f-title', 'Service boilers before winter');
	await page.fill('#f-complaints', refs.join('\n'));
	await page.selectOption('#f-category', 'repairs');
	await page.fill('#f-owner', 'Head of repairs');
	await page.fill('#f-due_on-day', '29');
	await page.fill('#f-due_on-month', '1');
	await page.fill('#f-due_on-year', '2027');
	await submit('Record the improvement');
	assert.match(await main(), /The improvement has been recorded/);
	assert.match(await main(), /planned/);
	for (const ref of refs)
		assert.ok(await page.locator(`main a[href="/cases/${ref}"]`).count(), `links ${ref}`);
	await axe(page, 'the improvement');
	const where = new URL(page.url()).pathname;

	await page.click('text=Update the improvement');
	await page.waitForLoadState('load');
	await page.fill('#f-note', 'Contractor booked for every block');
	await page.check('input[name=status][value=in_progress]');
	await submit('Add the update');
	assert.match(await main(), /The update has been added/);
	assert.match(await main(), /in progress/i);

	await page.click('text=Update the improvement');
	await page.waitForLoadState('load');
	await page.fill('#f-note', 'All boilers serviced');
	await page.check('input[name=status][value=completed]');
	await submit('Add the update');
	const summary = await page.locator('.govuk-error-summary').innerText();
	assert.match(summary, /outcome is required/);
	assert.match(summary, /clause 9\.3/);
	assert.equal(await page.inputValue('#f-note'), 'All boilers serviced', 'what was typed is kept');
	await axe(page, 'the update form with its error');
	await page.click('.govuk-error-summary a');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'f-outcome', 'the summary links to the field');
	await page.fill('#f-outcome', 'Every boiler serviced in October; no heating complaints since');
	await submit('Add the update');
	assert.equal(new URL(page.url()).pathname, where);
	assert.match(await main(), /completed/);
	assert.match(await main(), /Every boiler serviced in October/);
	assert.equal(await page.locator('text=Update the improvement').count(), 0, 'a completed improvement takes no more updates');
	await axe(page, 'the completed improvement');
	await shot(page, 'improvement-completed');

	const api = await srv.get(`/api/v1/improvements/${where.split('/')[3]}`, { as: 'handler' });
	assert.equal(api.body.status, 'completed');
	assert.deepEqual(api.body.complaints, refs);
	assert.deepEqual(seen.dialogs, []);
	// The refused form is a 422 page, which Chromium logs; nothing else may be.
	assert.deepEqual(seen.errors.filter((e) => !/the server responded with a status of 422/.test(e)), []);
});
