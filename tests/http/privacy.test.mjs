// Data protection over HTTP: subject access as JSON and PDF
// (GET /api/v1/people/{id}/export) and erasure requests
// (POST /api/v1/people/{id}/erasure), with their roles and bad input.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { before } from 'node:test';

import { assertProblem, create, finalChecks, startServer } from './harness.mjs';

let srv;
let solo;	// a person with no records: may be erased at once
let busy;	// a person with an open complaint: kept

before(async () => {
	srv = await startServer();
	const p = await srv.post('/api/v1/people', { name: 'Solveig Quennell', email: 'solveig.quennell@example.org',
		method: 'email' }, { as: 'handler' });
	assert.equal(p.status, 201, p.text);
	solo = p.body.id;
	const d = await srv.post(`/api/v1/people/${solo}/disclosures`,
		{ kind: 'disability', detail: 'Partially sighted since 2019', review_on: '2027-05-01' }, { as: 'handler' });
	assert.equal(d.status, 201, d.text);
	const ref = await create(srv, { complainant: { name: 'Barnaby Openshaw', email: 'barnaby.openshaw@example.org' } });
	const c = await srv.get(`/api/v1/complaints/${ref}`, { as: 'handler' });
	busy = c.body.complainant.person_id;
	assert.match(busy, /^P-\d{6}$/);
});

test('subject access as JSON has the person, what they disclosed and their complaints', async () => {
	const reads = Number(srv.sql(`select count(*) from events where stream = 'person:${busy}' and type = 'person.special_category_read'`));
	const r = await srv.get(`/api/v1/people/${busy}/export`, { as: 'complaints_officer' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.person, busy);
	assert.ok(r.body.records[`person:${busy}`], 'the person record');
	const mine = Object.keys(r.body.records).filter((k) => k.startsWith('complaint:'));
	assert.equal(mine.length, 1);
	assert.equal(r.body.records[mine[0]].state.complainant.name, 'Barnaby Openshaw');
	assert.equal(r.body.records[mine[0]].events[0].type, 'complaint.received');
	assert.equal(Number(srv.sql(`select count(*) from events where stream = 'person:${busy}' and type = 'person.special_category_read'`)),
		reads + 1, 'the export is recorded as a read of special category data');
	const s = await srv.get(`/api/v1/people/${solo}/export`, { as: 'handler' });
	assert.equal(s.body.records[`person:${solo}`].state.disclosures[0].detail, 'Partially sighted since 2019');
});

async function pdf(path, headers = {}) {
	const r = await fetch(srv.base + path, { headers: { Authorization: 'Bearer ' + srv.tok('handler'), ...headers } });
	srv.responses++;
	return { status: r.status, ctype: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) };
}

function pdftotext(bytes) {
	const f = join(srv.dir, 'sar.pdf');
	writeFileSync(f, bytes);
	const t = spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
	assert.equal(t.status, 0, t.stderr);
	return t.stdout;
}

test('subject access as PDF, by ?format=pdf and by Accept', async () => {
	for (const [path, headers] of [[`/api/v1/people/${solo}/export?format=pdf`, {}],
		[`/api/v1/people/${solo}/export`, { Accept: 'application/pdf' }]]) {
		const r = await pdf(path, headers);
		assert.equal(r.status, 200);
		assert.equal(r.ctype, 'application/pdf');
		assert.equal(r.bytes.subarray(0, 5).toString(), '%PDF-');
		const text = pdftotext(r.bytes);
		assert.match(text, new RegExp(`Subject access request: ${solo}`));
		assert.match(text, /Solveig Quennell/);
		assert.match(text, /solveig\.quennell@example\.org/);
		assert.match(text, /Partially sighted since 2019/);
		assert.match(text, /person\.created/);
	}
});

test('subject access: bad format, no such person, roles', async () => {
	assertProblem(await srv.get(`/api/v1/people/${solo}/export?format=docx`, { as: 'handler' }), 400, 'format');
	assertProblem(await srv.get(`/api/v1/people/${solo}/export?colour=red`, { as: 'handler' }), 400);
	assertProblem(await srv.get('/api/v1/people/P-999999/export', { as: 'handler' }), 404);
	for (const as of ['senior_lead', 'board', 'admin'])
		assertProblem(await srv.unchanged(null, () => srv.get(`/api/v1/people/${solo}/export`, { as })), 403);
});

test('a query parameter whose name is not UTF-8 gets its problem body', async () => {
	const r = await srv.get(`/api/v1/people/${solo}/export?%BD%FF=1`, { as: 'handler' });
	assertProblem(r, 400, '??');
	assert.match(r.body.detail, /unknown query parameter/);
});

test('erasure: bad requests change nothing', async () => {
	assertProblem(await srv.unchanged(null, () => srv.post(`/api/v1/people/${solo}/erasure`, {}, { as: 'complaints_officer' })), 422, 'reason');
	assertProblem(await srv.unchanged(null, () => srv.post(`/api/v1/people/${solo}/erasure`, { reason: 5 }, { as: 'complaints_officer' })), 422, 'reason');
	assertProblem(await srv.unchanged(null, () => srv.post(`/api/v1/people/${solo}/erasure`, { reason: 'x', also: 1 }, { as: 'complaints_officer' })), 422);
	assertProblem(await srv.unchanged(null, () => srv.post(`/api/v1/people/${solo}/erasure`, { reason: 'x'.repeat(5000) }, { as: 'complaints_officer' })), 422, 'reason');
	assertProblem(await srv.unchanged(null, () => srv.post('/api/v1/people/P-999999/erasure', { reason: 'Moved' }, { as: 'admin' })), 404);
	for (const as of ['handler', 'board'])
		assertProblem(await srv.unchanged(null, () => srv.post(`/api/v1/people/${solo}/erasure`, { reason: 'Moved' }, { as })), 403);
});

test('erasure is refused while a complaint is open, and the decision recorded', async () => {
	const r = await srv.post(`/api/v1/people/${busy}/erasure`, { reason: 'Please forget me' }, { as: 'senior_lead' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.outcome, 'refused');
	assert.deepEqual(r.body.erased, []);
	assert.equal(r.body.kept[0].reason, 'open_complaint');
	assert.deepEqual(r.body.kept[1], { record: `person:${busy}`, reason: 'linked_records_kept' });
	assert.equal(srv.sql(`select count(*) from events where stream = 'person:${busy}' and type = 'person.erasure_decided'`), '1');
	const p = await srv.get(`/api/v1/people/${busy}`, { as: 'handler' });
	assert.equal(p.body.name, 'Barnaby Openshaw');
});

test('erasure of a person with no records erases them', async () => {
	const r = await srv.post(`/api/v1/people/${solo}/erasure`, { reason: 'I never complained' }, { as: 'complaints_officer' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.outcome, 'erased');
	assert.deepEqual(r.body.erased, [`person:${solo}`]);
	assert.deepEqual(r.body.kept, []);
	assert.equal(r.body.events_redacted, 6, 'created, disclosed, three exports (the purpose) and the decision itself');
	const p = await srv.get(`/api/v1/people/${solo}`, { as: 'handler' });
	assert.equal(p.body.name, '[redacted]');
	const s = await srv.get(`/api/v1/people/${solo}/export`, { as: 'handler' });
	assert.ok(!s.text.includes('Solveig') && !s.text.includes('Partially sighted'), s.text);
	assert.equal(srv.sql(`select count(*) from events where payload like '%Solveig%' or payload like '%Partially sighted%'`), '0');
});

finalChecks(() => srv);
