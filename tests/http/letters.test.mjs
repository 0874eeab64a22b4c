// GET /api/v1/complaints/{ref}/letters/{kind}: the letter as JSON (text,
// HTML, readability), text, HTML or PDF; 409 before the case reaches the
// letter, 404 for an unknown kind, 400 for a bad format or stage, and 422
// (clause 5.10) for HTML or PDF to someone who reads plain text only.
// Acknowledged on Monday 23 November 2026: respond within 10 working days,
// by Monday 7 December.

import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { ackBody, assertProblem, create, finalChecks, startServer } from './harness.mjs';

let srv;
let ref;
let person;

before(async () => {
	srv = await startServer();
	ref = await create(srv, { complainant: { name: 'Ann Leeworthy', email: 'ann.leeworthy@example.org',
		address: '2 Hill Road, Leeds, LS2 2BB' } });
	const c = await srv.get(`/api/v1/complaints/${ref}`, { as: 'handler' });
	person = c.body.complainant.person_id;
});

const letter = (kind, query = '', as = 'handler') =>
	srv.get(`/api/v1/complaints/${ref}/letters/${kind}${query}`, { as });

test('no acknowledgement letter before the acknowledgement: 409', async () => {
	assertProblem(await letter('acknowledgement'), 409);
	assertProblem(await letter('response'), 409);
});

test('an unknown kind is 404; a bad format or stage is 400', async () => {
	assertProblem(await letter('thank-you'), 404);
	assertProblem(await letter('acknowledgement', '?format=doc'), 400);
	assertProblem(await letter('acknowledgement', '?stage=4'), 400);
	// a 2024-Code complaint has no third stage (5.3)
	assertProblem(await letter('acknowledgement', '?stage=3'), 422, 'stage', '5.3');
	assertProblem(await letter('acknowledgement', '?colour=red'), 400);
	assertProblem(await srv.get('/api/v1/complaints/CMP-2026-999999/letters/refusal', { as: 'handler' }), 404);
});

test('the acknowledgement as JSON carries every element and its readability', async () => {
	const a = await srv.post(`/api/v1/complaints/${ref}/acknowledge`, ackBody('alice'), { as: 'handler' });
	assert.equal(a.status, 200, a.text);
	for (const as of ['handler', 'complaints_officer', 'senior_lead']) {
		const r = await letter('acknowledgement', '', as);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.body.kind, 'acknowledgement');
		assert.equal(r.body.stage, 1);
		assert.equal(r.body.template, 'acknowledgement');
		assert.equal(r.body.recipient, 'Ann Leeworthy');
		assert.ok(r.body.readability.flesch >= 60, `reads at ${r.body.readability.flesch}`);
		assert.equal(r.body.threshold, 60);
		assert.equal(r.body.below_threshold, false);
		const text = r.body.text.replace(/\s+/g, ' ');
		for (const want of ['Dear Ann Leeworthy,', 'The roof leak was not repaired', 'Repair and compensation',
			'We are responsible for this: Roof repairs', 'We are not responsible for this: Damage to contents',
			'by 7 December 2026', 'Telephone 0300 111 3000'])
			assert.ok(text.includes(want), `the text lacks "${want}"`);
		assert.match(r.body.html, /^<!DOCTYPE html>/);
		assert.ok(r.body.html.includes('Damage to contents'));
	}
});

test('as text, HTML and PDF', async () => {
	const t = await letter('acknowledgement', '?format=text');
	assert.equal(t.status, 200);
	assert.match(t.ctype, /^text\/plain/);
	assert.ok(t.text.includes('Our reference: ' + ref));
	const h = await letter('acknowledgement', '?format=html&stage=1');
	assert.equal(h.status, 200);
	assert.match(h.ctype, /^text\/html/);
	assert.ok(h.text.includes('<title>We have your complaint</title>'));
	const p = await letter('acknowledgement', '?format=pdf');
	assert.equal(p.status, 200);
	assert.equal(p.ctype, 'application/pdf');
	assert.ok(p.text.startsWith('%PDF-1.'), p.text.slice(0, 20));
	assert.ok(p.text.includes('%%EOF'), 'the whole PDF arrived');
});

test('plain text only: 422 (5.10) for HTML and PDF, and JSON without HTML', async () => {
	const s = await srv.post(`/api/v1/people/${person}/preferences`, { format: 'plain_text' }, { as: 'handler' });
	assert.equal(s.status, 200, s.text);
	assertProblem(await letter('acknowledgement', '?format=pdf'), 422, 'format', '5.10');
	assertProblem(await letter('acknowledgement', '?format=html'), 422, 'format', '5.10');
	const j = await letter('acknowledgement');
	assert.equal(j.status, 200);
	assert.equal(j.body.plain_text_only, true);
	assert.equal(j.body.html, undefined);
});

test('letter templates: admins replace, are refused without a required element, and reset', async () => {
	const list = await srv.get('/api/v1/letter-templates', { as: 'handler' });
	assert.equal(list.status, 200, list.text);
	assert.deepEqual(list.body.map((t) => t.name), ['acknowledgement', 'refusal', 'escalation-refusal',
		'extension', 'response-stage1', 'response-stage2', 'response-stage3', 'update']);
	assert.ok(list.body.every((t) => t.overridden === false));
	const builtin = await srv.get('/api/v1/letter-templates/refusal', { as: 'admin' });
	assert.equal(builtin.status, 200);
	assert.equal(builtin.body.overridden, false);
	assert.ok(builtin.body.text.includes('{{ombudsman_contact}}'));

	// Each required element of the refusal letter taken away: 422 naming
	// it and its clause (2.4), and nothing stored.
	const events = async () => (await srv.get('/api/v1/export/events?format=json', { as: 'admin' })).text;
	const before = await events();
	for (const el of ['reason_text', 'explanation', 'ombudsman_contact']) {
		const text = builtin.body.text.replaceAll(`{{${el}}}`, '');
		const r = await srv.request('PUT', '/api/v1/letter-templates/refusal', { as: 'admin', body: { text } });
		assertProblem(r, 422, `template.${el}`, '2.4');
		assert.ok(r.body.detail.includes(`{{${el}}}`), r.body.detail);
	}
	assertProblem(await srv.request('PUT', '/api/v1/letter-templates/refusal',
		{ as: 'admin', body: { text: '{{#x}} unclosed {{reason_text}} {{explanation}} {{ombudsman_contact}}' } }), 422);
	assertProblem(await srv.request('PUT', '/api/v1/letter-templates/refusal',
		{ as: 'admin', body: { text: 'x', colour: 'red' } }), 422, 'colour');
	assertProblem(await srv.request('PUT', '/api/v1/letter-templates/thanks',
		{ as: 'admin', body: { text: 'x' } }), 404);
	assertProblem(await srv.request('PUT', '/api/v1/letter-templates/refusal',
		{ as: 'handler', body: { text: builtin.body.text } }), 403);
	assertProblem(await srv.request('DELETE', '/api/v1/letter-templates/refusal', { as: 'admin' }), 404);
	assert.equal(await events(), before, 'a refused template changed the record');

	const own = 'We cannot take this on: {{reason_text}}\n\n{{explanation}}\n\nThe Ombudsman: {{ombudsman_contact}}\n';
	const put = await srv.request('PUT', '/api/v1/letter-templates/refusal', { as: 'admin', body: { text: own } });
	assert.equal(put.status, 200, put.text);
	assert.equal(put.body.overridden, true);
	assert.equal(put.body.text, own);
	const got = await srv.get('/api/v1/letter-templates/refusal', { as: 'senior_lead' });
	assert.equal(got.body.text, own);
	const del = await srv.request('DELETE', '/api/v1/letter-templates/refusal', { as: 'admin' });
	assert.equal(del.status, 200, del.text);
	assert.equal(del.body.overridden, false);
	assert.equal(del.body.text, builtin.body.text);
});

test('the print queue: listed, marked printed once', async () => {
	const q = await srv.get('/api/v1/print-queue', { as: 'handler' });
	assert.equal(q.status, 200, q.text);
	assert.ok(Array.isArray(q.body));
	assertProblem(await srv.get('/api/v1/print-queue?status=lost', { as: 'handler' }), 400, 'status');
	assertProblem(await srv.post('/api/v1/print-queue/Q-999999/printed', {}, { as: 'handler' }), 404);
});

finalChecks(() => srv);
