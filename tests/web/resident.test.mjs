// resident.test.mjs - the resident portal in Chromium, by keyboard alone:
// telling the landlord what went wrong (/complain), following it with a
// code sent by email to a real SMTP server (/track), reading a letter, and
// asking for stage 2 without giving a reason (Code 6.12).

import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { axe, hasChromium, launch, shot, startSmtp, startWeb, watch } from './browser.mjs';

const skip = !hasChromium() && 'Chromium is not installed (Debian: chromium)';
const EMAIL = 'sam.tenant@example.org';
let srv, smtp, browser, page, seen, ref, mailDir;

before(async () => {
	if (skip)
		return;
	mailDir = mkdtempSync(join(tmpdir(), 'redress-smtp-'));
	smtp = await startSmtp(mailDir);
	srv = await startWeb(smtp.url);
	browser = await launch();
	page = await (await browser.newContext()).newPage();
	seen = watch(page);
});

after(async () => {
	await browser?.close();
	await srv?.stop();
	smtp?.stop();
	if (mailDir)
		rmSync(mailDir, { recursive: true, force: true });
});

/* Presses Tab until the element "selector" has the focus: proof that the
 * keyboard reaches it in order. */
async function tabTo(selector) {
	for (let i = 0; i < 60; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate((s) => document.activeElement?.matches(s), selector))
			return;
	}
	assert.fail(`Tab never reaches ${selector} on ${page.url()}`);
}

async function next() {
	await tabTo('main button[type=submit]');
	await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.keyboard.press('Enter')]);
}

async function heading() {
	return (await page.locator('h1').innerText()).trim();
}

test('telling the landlord what went wrong, by keyboard alone', { skip }, async () => {
	await page.goto(srv.base + '/complain');
	await axe(page, 'the start page');
	const start = await page.locator('main').innerText();
	assert.doesNotMatch(start.split('Already told us?')[0], /\bcomplain/i,
		'the start page does not ask the resident to call it a complaint (Code 1.2)');
	assert.match(start, /Housing Ombudsman/);
	await tabTo('button.govuk-button--start');
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

	assert.equal(await heading(), 'What is your full name?');
	await axe(page, 'the name question');
	// Continue without an answer: an error, said in plain words.
	await next();
	assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter your full name/);
	assert.match(await page.title(), /^Error: /, 'the title says there is an error');
	await axe(page, 'the name question with its error');
	await tabTo('#f-name');
	await page.keyboard.type('Sam Tenant');
	await next();

	assert.equal(await heading(), 'Who is this about?');
	await tabTo('input[name=for]');
	await page.keyboard.press('Space');
	await next();

	assert.equal(await heading(), 'What is it about?');
	await axe(page, 'the category question');
	await tabTo('input[name=category]');
	await page.keyboard.press('ArrowDown');	// the second: damp or mould
	await next();

	assert.equal(await heading(), 'What happened?');
	await tabTo('#f-description');
	await page.keyboard.type('Black mould is back in the bedroom since the last visit.');
	await next();

	assert.equal(await heading(), 'When did it happen?');
	await tabTo('#f-issue_date-day');
	await page.keyboard.type('31');
	await tabTo('#f-issue_date-month');
	await page.keyboard.type('2');
	await tabTo('#f-issue_date-year');
	await page.keyboard.type('2026');
	await next();
	assert.match(await page.locator('.govuk-error-summary').innerText(), /real date/, '31 February is refused');
	await axe(page, 'the date question with its error');
	await tabTo('#f-issue_date-day');
	await page.keyboard.press('Control+A');
	await page.keyboard.type('2');
	await next();

	assert.equal(await heading(), 'What would you like us to do?');
	await tabTo('#f-outcomes_sought');
	await page.keyboard.type('Treat the mould and fix the extractor fan.');
	await next();

	assert.equal(await heading(), 'How should we contact you?');
	await tabTo('input[name=method]');
	await page.keyboard.press('Space');	// email, the first
	await tabTo('#f-email');
	await page.keyboard.type(EMAIL);
	await next();

	assert.equal(await heading(), 'How often would you like updates?');
	await tabTo('input[name=frequency]');
	await page.keyboard.press('ArrowDown');	// every week
	await next();

	assert.equal(await heading(), 'Is there anything we can do to help you?');
	await axe(page, 'the adjustments question');
	await tabTo('input[name=formats][value=large_print]');
	await page.keyboard.press('Space');
	await tabTo('#f-adjustment');
	await page.keyboard.type('Please call after 2pm.');
	await next();

	assert.equal(await heading(), 'Check your answers before sending');
	await axe(page, 'check your answers');
	await shot(page, 'complain-check');
	const answers = await page.locator('dl').innerText();
	for (const a of ['Sam Tenant', 'Damp or mould', 'Black mould is back', '2/2/2026', 'Treat the mould',
		EMAIL, 'Every week', 'Large print', 'Please call after 2pm.'])
		assert.ok(answers.includes(a), `the answers show "${a}": ${answers}`);
	// Change an answer: back to its page, then straight back here.
	await tabTo('button[name=goto][value=what]');
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
	assert.equal(await heading(), 'What happened?');
	await tabTo('#f-description');
	await page.keyboard.press('End');
	await page.keyboard.type(' The fan does not work.');
	await next();
	assert.equal(await heading(), 'Check your answers before sending');
	assert.match(await page.locator('dl').innerText(), /The fan does not work\./);

	await tabTo('button[name=send]');
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
	ref = (await page.locator('#reference').innerText()).trim();
	assert.match(ref, /^CMP-2026-\d{6}$/);
	// Received on Monday 23 November 2026: 5 working days is Monday 30th.
	assert.equal((await page.locator('#acknowledge-by').innerText()).trim(), '30 November 2026');
	await axe(page, 'the confirmation');
	await shot(page, 'complain-done');
});

test('what the resident sent is on the complaint and on their record', { skip }, async () => {
	const c = (await srv.get(`/api/v1/complaints/${ref}`, { as: 'handler' })).body;
	assert.equal(c.channel, 'web');
	assert.equal(c.category, 'damp_and_mould');
	assert.equal(c.issue_date, '2026-02-02');
	assert.equal(c.outcomes_sought, 'Treat the mould and fix the extractor fan.');
	assert.equal(c.description, 'Black mould is back in the bedroom since the last visit. The fan does not work.');
	assert.equal(c.complainant.email, EMAIL);
	const p = (await srv.get(`/api/v1/people/${c.complainant.person_id}`, { as: 'handler' })).body;
	assert.equal(p.method, 'email');
	assert.equal(p.frequency, 'weekly');
	assert.equal(p.format, 'large_print');
	assert.deepEqual(p.adjustments.map((a) => [a.description, a.review_on]),
		[['Please call after 2pm.', '2027-02-23']], 'the adjustment, to review in three months (5.10)');
	const ev = (await srv.get(`/api/v1/complaints/${ref}/events`, { as: 'handler' })).body;
	assert.equal(ev[0].actor, 'resident (web form)');
});

test('following the complaint with a code sent by email', { skip }, async () => {
	await page.goto(srv.base + '/track');
	await axe(page, 'the track page');
	await page.fill('#f-reference', ref.toLowerCase());
	await page.fill('#f-email', EMAIL.toUpperCase());
	await page.click('main button[type=submit]');
	await page.waitForLoadState('load');
	assert.equal(await heading(), 'Check your email');
	let mail = [];
	for (let i = 0; i < 50 && !mail.length; i++) {
		mail = smtp.messages().filter((m) => m.includes(ref));
		if (!mail.length)
			await new Promise((ok) => setTimeout(ok, 100));
	}
	assert.equal(mail.length, 1, `one email with the code: ${srv.stderr}`);
	assert.match(mail[0], new RegExp(`^To: .*${EMAIL}`, 'mi'));
	const code = mail[0].match(/^\s+(\d{6})\s*$/m)[1];

	// A wrong code is refused, and says so.
	const wrong = code === '000000' ? '111111' : '000000';
	await page.fill('#f-code', wrong);
	await page.click('main button[type=submit]');
	await page.waitForLoadState('load');
	assert.match(await page.locator('.govuk-error-summary').innerText(), /not right|expired/);
	await axe(page, 'a wrong code');
	await page.fill('#f-code', code);
	await page.click('main button[type=submit]');
	await page.waitForURL(srv.base + '/track/case');
	const main = await page.locator('main').innerText();
	assert.match(main, /We have received your complaint and will acknowledge it/);
	assert.match(main, /We will acknowledge it by\s+30 November 2026/);
	assert.match(main, /Housing Ombudsman/, 'how to contact the Ombudsman, always (Code 3.7)');
	assert.doesNotMatch(main, /Ask us to look again/, 'no stage 2 before a stage 1 response');
	await axe(page, 'the tracked complaint');

	// The code works once.
	const again = await fetch(srv.base + '/track/case', { redirect: 'manual' });
	assert.equal(again.status, 303, 'without the session cookie: back to /track');
});

test('after the stage 1 response: reading the letter and asking for stage 2 without a reason', { skip }, async () => {
	const ack = await srv.post(`/api/v1/complaints/${ref}/acknowledge`, {
		handler: 'alice',
		definition: { summary: 'Mould in the bedroom', outcomes_sought: 'Treat it; fix the fan',
			responsible: 'Repairs to the fan and the mould treatment', not_responsible: 'Furniture' },
		triage: { complex: false, vulnerable: false },
	}, { as: 'handler' });
	assert.equal(ack.status, 200, ack.text);
	const resp = await srv.post(`/api/v1/complaints/${ref}/respond`, {
		decisions: [{ point: 1, outcome: 'not_upheld', reasons: 'The fan was working at the last visit' }],
	}, { as: 'handler' });
	assert.equal(resp.status, 200, resp.text);

	await page.reload();
	const main = await page.locator('main').innerText();
	assert.match(main, /We have sent our stage 1 response/);
	assert.match(main, /Stage 1 response/);
	const pdf = await page.context().request.get(srv.base + '/track/letters/response?stage=1&format=pdf');
	assert.equal(pdf.status(), 200);
	assert.equal(pdf.headers()['content-type'], 'application/pdf');
	assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
	const other = await page.context().request.get(srv.base + '/track/letters/nonsense?format=pdf');
	assert.equal(other.status(), 404);

	await axe(page, 'the tracked complaint with a response');
	await tabTo('button[name=escalate]');
	await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
	assert.match(await page.locator('main').innerText(), /We have your request to take your complaint to the next stage/);
	assert.match(await page.locator('#status').innerText(), /You have asked us to look again/);
	await shot(page, 'track-escalated');
	const c = (await srv.get(`/api/v1/complaints/${ref}`, { as: 'handler' })).body;
	assert.equal(c.status, 'stage2_requested');
	const ev = (await srv.get(`/api/v1/complaints/${ref}/events`, { as: 'handler' })).body;
	assert.equal(ev.at(-1).type, 'complaint.escalated');
	assert.equal(ev.at(-1).actor, 'resident (web)');
});

test('no script error, no dialog on the way', { skip }, async () => {
	assert.deepEqual(seen.dialogs, []);
	assert.deepEqual(seen.errors.filter((e) => !/the server responded with a status of 4\d\d/.test(e)), []);
});
