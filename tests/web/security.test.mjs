// security.test.mjs - script and markup typed into every field of the
// staff and resident forms, in Chromium: nothing runs (no dialog, no
// element the markup would make) and every page shows it as text.

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';

import { axe, hasChromium, launch, signIn, startWeb, watch } from './browser.mjs';

const skip = !hasChromium() && 'Chromium is not installed (Debian: chromium)';
const HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)>';
let srv, browser, page, seen;

before(async () => {
	if (skip)
		return;
	srv = await startWeb();
	browser = await launch();
	page = await (await browser.newContext()).newPage();
	seen = watch(page);
});

after(async () => {
	await browser?.close();
	await srv?.stop();
});

/* Types HOSTILE into every text box of the page's main form, leaving the
 * fields "keep" names to the values given. */
async function fillAll(keep = {}) {
	const boxes = page.locator('main form input[type=text], main form input[type=email],'
		+ ' main form input[type=tel], main form textarea');
	const n = await boxes.count();
	for (let i = 0; i < n; i++) {
		const box = boxes.nth(i);
		const name = await box.getAttribute('name');
		if (name in keep)
			await box.fill(keep[name]);
		else if (!/\.(day|month|year)$/.test(name) && name !== 'q')
			await box.fill(HOSTILE);
	}
	return n;
}

async function noMarkupRan(what) {
	const made = await page.evaluate(() => ({
		img: document.querySelectorAll('img[src="x"]').length,
		svg: document.querySelectorAll('svg[onload]').length,
		scripts: [...document.scripts].filter((s) => !s.src).length,
	}));
	assert.deepEqual(made, { img: 0, svg: 0, scripts: 0 }, `${what}: the markup became elements`);
	assert.deepEqual(seen.dialogs, [], `${what}: a script ran`);
}

test('staff forms: every field holds markup, nothing runs', { skip }, async () => {
	await signIn(page, srv.base, 'alice');

	await page.goto(srv.base + '/cases/new');
	assert.ok(await fillAll({ 'complainant.email': 'x@example.org', 'representative.name': '',
		'representative.relationship': '', 'representative.email': '' }) >= 8, 'the form has its fields');
	await page.check('input[name=channel][value=letter]');
	await page.selectOption('#f-category', 'other');
	await page.click('main form button[type=submit]');
	await page.waitForLoadState('load');
	assert.match(page.url(), /\/cases\/CMP-2026-\d{6}/, 'the complaint was logged');
	const ref = new URL(page.url()).pathname.split('/')[2];
	await noMarkupRan('the case page');
	assert.ok((await page.locator('main').innerText()).includes('<script>alert(1)</script>'),
		'the markup shows as text');

	for (const slug of ['note', 'correspondence', 'action']) {
		await page.goto(`${srv.base}/cases/${ref}/${slug}`);
		await fillAll();
		if (slug === 'correspondence')
			await page.check('input[name=direction][value=in]');
		if (slug === 'action') {
			await page.fill('#f-due_on-day', '1');
			await page.fill('#f-due_on-month', '12');
			await page.fill('#f-due_on-year', '2026');
		}
		await page.click('main form button[type=submit]');
		await page.waitForLoadState('load');
		await noMarkupRan(`after ${slug}`);
	}
	// A refused form shows the markup back in its fields, as text.
	await page.goto(`${srv.base}/cases/${ref}/acknowledge`);
	await fillAll();
	await page.fill('#f-definition-not_responsible', '');
	await page.click('main form button[type=submit]');
	await page.waitForLoadState('load');
	assert.equal(await page.inputValue('#f-definition-summary'), HOSTILE, 'kept exactly as typed');
	await noMarkupRan('the refused acknowledgement');
	await axe(page, 'a form holding markup');

	await page.goto(`${srv.base}/cases/${ref}`);
	await noMarkupRan('the case page with notes, correspondence and actions');
	await page.goto(`${srv.base}/cases?q=${encodeURIComponent('<script>')}`);
	await noMarkupRan('a search for markup');
	assert.ok((await page.locator('main').innerText()).includes(ref), 'the search finds it');

	await page.goto(srv.base + '/people/new');
	await fillAll({ email: 'y@example.org' });
	await page.click('main form button[type=submit]');
	await page.waitForLoadState('load');
	await noMarkupRan('a person');
	await page.goto(srv.base + '/service-requests/new');
	await fillAll({ person_id: 'P-000001' });
	await page.selectOption('#f-category', 'repairs');
	await page.click('main form button[type=submit]');
	await page.waitForLoadState('load');
	await noMarkupRan('a service request');
	await page.goto(srv.base + '/');
	await noMarkupRan('the dashboard');
});

test('the resident flow: markup in every answer, nothing runs', { skip }, async () => {
	const ctx = await browser.newContext();
	page = await ctx.newPage();
	seen = watch(page);
	await page.goto(srv.base + '/complain');
	await page.click('button.govuk-button--start');
	const radios = { for: 'myself', category: 'other', method: 'email', frequency: 'monthly' };
	for (let step = 0; step < 12; step++) {
		await page.waitForLoadState('load');
		if ((await page.locator('h1').innerText()).startsWith('Check your answers'))
			break;
		await fillAll({ email: 'z@example.org' });
		for (const [name, value] of Object.entries(radios))
			if (await page.locator(`input[type=radio][name=${name}][value=${value}]`).count())
				await page.check(`input[type=radio][name=${name}][value=${value}]`);
		await page.click('main form button[type=submit]');
		await page.waitForLoadState('load');
		await noMarkupRan(`resident step ${step}`);
	}
	assert.match(await page.locator('h1').innerText(), /Check your answers/);
	await noMarkupRan('check your answers');
	await page.click('button[name=send]');
	await page.waitForLoadState('load');
	assert.match(await page.locator('#reference').innerText(), /^CMP-2026-\d{6}$/);
	await noMarkupRan('the confirmation');
	await ctx.close();
});
