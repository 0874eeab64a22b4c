// Bad input: malformed JSON, the wrong JSON, the wrong content type, unknown
// fields, wrong types, bodies over 1 MiB, unknown query parameters, bad
// dates, unknown records, methods and paths.  Every refused write changes
// nothing: GET of the complaint and of its events, and the database digest,
// are the same before and after.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test, { before } from 'node:test';

import { ackBody, assertProblem, create, finalChecks, newComplaint, startServer } from './harness.mjs';

let srv;
let ref;		// a complaint at stage 1, the target of refused writes
let closed;		// a closed complaint of the demo

before(async () => {
	srv = await startServer();
	ref = await create(srv);
	const a = await srv.post(`/api/v1/complaints/${ref}/acknowledge`, ackBody('alice'), { as: 'handler' });
	assert.equal(a.status, 200, a.text);
	const list = await srv.get('/api/v1/complaints?status=closed&per_page=1', { as: 'handler' });
	closed = list.body.items[0].reference;
});

/* A raw write to the complaint that must be refused and change nothing. */
async function rawRefused(path, raw, ctype, status, field) {
	const r = await srv.unchanged(ref, () => srv.request('POST', path, { as: 'handler', raw, ctype }));
	assertProblem(r, status, field);
	return r;
}

const NOTES = () => `/api/v1/complaints/${ref}/notes`;

test('malformed JSON: 400, with where it broke', async () => {
	const r = await rawRefused(NOTES(), '{"text": ', 'application/json', 400, undefined);
	assert.match(r.body.detail, /not valid JSON/);
	await rawRefused(NOTES(), '{"text": "a",}', 'application/json', 400);
	await rawRefused(NOTES(), "{'text': 'a'}", 'application/json', 400);
	await rawRefused(NOTES(), '{"text": "a"} trailing', 'application/json', 400);
	await rawRefused('/api/v1/complaints', '{"channel": ', 'application/json', 400);
});

test('a JSON body that is not an object: 400', async () => {
	for (const raw of ['[1, 2]', '[]', '"text"', '42', 'null', 'true']) {
		const r = await rawRefused(NOTES(), raw, 'application/json', 400);
		assert.match(r.body.detail, /JSON/, raw);
	}
	await rawRefused('/api/v1/complaints', '[{"channel": "phone"}]', 'application/json', 400);
});

test('duplicate keys and an empty body: 400', async () => {
	await rawRefused(NOTES(), '{"text": "one", "text": "two"}', 'application/json', 400);
	await rawRefused(NOTES(), '', 'application/json', 400);
	await rawRefused('/api/v1/complaints', '', 'application/json', 400);
});

test('the wrong content type: 415', async () => {
	const body = JSON.stringify({ text: 'hello' });
	for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'])
		await rawRefused(NOTES(), body, ct, 415);
	// The media type with a charset, or a +json type, is JSON.
	const ok = await srv.request('POST', NOTES(), { as: 'handler', raw: body, ctype: 'application/json; charset=utf-8' });
	assert.equal(ok.status, 201, ok.text);
	assert.deepEqual(ok.body.notes.at(-1), { text: 'hello' });
});

test('an unknown field: 422 naming it', async () => {
	const r = await srv.unchanged(ref, () => srv.post(NOTES(), { text: 'x', surprise: 1 }, { as: 'handler' }));
	assertProblem(r, 422, 'surprise');
	assert.match(r.body.detail, /unknown field "surprise"/);
	const c = await srv.unchanged(ref, () => srv.post('/api/v1/complaints', newComplaint({ surprise: 1 }), { as: 'handler' }));
	assertProblem(c, 422, 'surprise');
	const e = await srv.unchanged(ref, () => srv.post(`/api/v1/complaints/${ref}/extend`,
		{ working_days: 1, reason: 'r', resident_informed_on: '2026-11-23', days: 1 }, { as: 'handler' }));
	assertProblem(e, 422, 'days');
	const id = await srv.unchanged(ref, () => srv.post(`/api/v1/complaints/${ref}/actions/1/complete`, { id: 2 }, { as: 'handler' }));
	assertProblem(id, 422, 'id');
});

test('a wrong type: 422 naming the field', async () => {
	const cases = [
		[NOTES(), { text: 5 }, 'text'],
		[NOTES(), { text: ['a'] }, 'text'],
		[NOTES(), { text: null }, 'text'],
		[`/api/v1/complaints/${ref}/extend`, { working_days: '10', reason: 'r', resident_informed_on: '2026-11-23' }, 'working_days'],
		[`/api/v1/complaints/${ref}/extend`, { working_days: 1.5, reason: 'r', resident_informed_on: '2026-11-23' }, 'working_days'],
		[`/api/v1/complaints/${ref}/extend`, { working_days: 1, reason: 'r', resident_informed_on: '23/11/2026' }, 'resident_informed_on'],
		[`/api/v1/complaints/${ref}/update-schedule`, { interval_days: true }, 'interval_days'],
		['/api/v1/complaints', newComplaint({ description: 5 }), 'description'],
		['/api/v1/complaints', newComplaint({ received_on: 20261102 }), 'received_on'],
		['/api/v1/complaints', newComplaint({ received_on: '2026-02-29' }), 'received_on'],
		['/api/v1/complaints', newComplaint({ channel: 'pigeon' }), 'channel'],
		['/api/v1/complaints', newComplaint({ complainant: 'Ann' }), 'complainant'],
		['/api/v1/complaints', newComplaint({ complainant: { name: 'Ann Bee', email: 'not-an-address' } }), 'complainant.email'],
	];
	for (const [path, body, field] of cases) {
		const r = await srv.unchanged(ref, () => srv.post(path, body, { as: 'handler' }));
		assertProblem(r, 422, field);
	}
});

test('the "nothing changed" check itself fails when something is stored', async () => {
	const other = await create(srv);
	await assert.rejects(srv.unchanged(other, () => srv.post(`/api/v1/complaints/${other}/notes`, { text: 'x' }, { as: 'handler' })),
		/a refused write changed what is stored/);
});

test('a body over 1 MiB: 413; exactly 1 MiB is read', async () => {
	const MiB = 1 << 20;
	const pad = (n) => {
		const head = '{"surprise": "';
		return head + 'a'.repeat(n - head.length - 2) + '"}';
	};
	assert.equal(pad(MiB).length, MiB);
	const big = await rawRefused(NOTES(), pad(MiB + 1), 'application/json', 413);
	assert.match(big.body.detail, /1048576/);
	await rawRefused('/api/v1/complaints', pad(MiB + 1), 'application/json', 413);
	await rawRefused(NOTES(), pad(4 * MiB), 'application/json', 413);
	// At the limit the body is parsed, and refused for what it says.
	const at = await rawRefused(NOTES(), pad(MiB), 'application/json', 422, 'surprise');
	assert.match(at.body.detail, /unknown field/);
});

test('unknown query parameters on lists and records: 400 naming them', async () => {
	const gets = [
		['/api/v1/complaints?surprise=1', 'handler'],
		['/api/v1/complaints?status=received&perpage=5', 'handler'],
		[`/api/v1/complaints/${ref}?surprise=1`, 'handler'],
		[`/api/v1/complaints/${ref}/events?surprise=1`, 'handler'],
		[`/api/v1/complaints/${ref}/actions?surprise=1`, 'handler'],
		[`/api/v1/complaints/${ref}/remedies?surprise=1`, 'handler'],
		[`/api/v1/complaints/${ref}/correspondence?surprise=1`, 'handler'],
		['/api/v1/people?surprise=1', 'handler'],
		['/api/v1/people/reviews?surprise=1', 'handler'],
		['/api/v1/service-requests?surprise=1', 'handler'],
		['/api/v1/feedback?surprise=1', 'handler'],
		['/api/v1/users?surprise=1', 'admin'],
		['/api/v1/calendar?surprise=1', 'handler'],
		['/api/v1/workdays/add?date=2026-11-23&n=1&surprise=1', 'handler'],
	];
	for (const [path, as] of gets) {
		const r = await srv.get(path, { as });
		const want = path.includes('perpage') ? 'perpage' : 'surprise';
		assertProblem(r, 400, want);
		assert.match(r.body.detail, new RegExp(`unknown query parameter "${want}"`), path);
	}
});

test('bad numbers and dates in query strings: 400 naming the parameter', async () => {
	const gets = [
		['/api/v1/complaints?due_before=2026-02-30', 'due_before'],
		['/api/v1/complaints?due_before=tomorrow', 'due_before'],
		['/api/v1/complaints?received_from=2026-13-01', 'received_from'],
		['/api/v1/complaints?received_to=2026-11-31', 'received_to'],
		['/api/v1/complaints?received_to=2026-1-1', 'received_to'],
		['/api/v1/complaints?page=0', 'page'],
		['/api/v1/complaints?page=x', 'page'],
		['/api/v1/complaints?per_page=0', 'per_page'],
		['/api/v1/complaints?per_page=501', 'per_page'],
		['/api/v1/complaints?per_page=5.5', 'per_page'],
		['/api/v1/complaints?stage=4', 'stage'],
		['/api/v1/complaints?overdue=yes', 'overdue'],
		[`/api/v1/complaints/${ref}?as_at=2026-02-29`, 'as_at'],
		['/api/v1/people/reviews?due_by=2027-02-29', 'due_by'],
		['/api/v1/workdays/add?date=2026-02-30&n=1', 'date'],
		['/api/v1/workdays/add?date=2026-11-23&n=many', 'n'],
		['/api/v1/workdays/count?from=2026-11-23&to=someday', 'to'],
		['/api/v1/calendar?year=1066', 'year'],
	];
	for (const [path, field] of gets) {
		const r = await srv.get(path, { as: 'handler' });
		assertProblem(r, 400, field);
	}
});

test('unknown records: 404', async () => {
	for (const path of ['/api/v1/complaints/CMP-2026-999999', '/api/v1/complaints/CMP-2026-999999/events',
		'/api/v1/complaints/CMP-2026-999999/actions', '/api/v1/complaints/not-a-reference',
		'/api/v1/complaints/CMP-2026-000001%27--']) {
		const r = await srv.get(path, { as: 'handler' });
		assertProblem(r, 404, 'reference');
	}
	const p = await srv.get('/api/v1/people/P-999999', { as: 'handler' });
	assertProblem(p, 404, 'id');
	const s = await srv.get('/api/v1/service-requests/SR-2026-999999', { as: 'handler' });
	assertProblem(s, 404, 'reference');

	const ack = await srv.unchanged(ref, () => srv.post('/api/v1/complaints/CMP-2026-999999/acknowledge', ackBody('alice'), { as: 'handler' }));
	assertProblem(ack, 404, 'reference');
	for (const id of ['99', '0', 'abc', '-1']) {
		const r = await srv.unchanged(ref, () => srv.request('POST', `/api/v1/complaints/${ref}/actions/${id}/complete`, { as: 'handler' }));
		assertProblem(r, 404, 'id');
	}
	const rem = await srv.unchanged(closed, () => srv.request('POST', `/api/v1/complaints/${closed}/remedies/99/complete`, { as: 'handler' }));
	assertProblem(rem, 404, 'id');
});

test('a method the path does not take: 405; a path that does not exist: 404', async () => {
	const p405 = [
		['DELETE', '/api/v1/complaints'],
		['PUT', `/api/v1/complaints/${ref}`],
		['GET', `/api/v1/complaints/${ref}/acknowledge`],
		['PATCH', '/api/v1/complaints'],
		['POST', '/healthz'],
		['DELETE', '/api/v1/users/alice/password'],
	];
	for (const [method, path] of p405) {
		const r = await srv.unchanged(ref, () => srv.request(method, path, { as: 'handler', openapi: false }));
		assertProblem(r, 405);
		srv.openapi.checkComponent('Problem', r.body, `${method} ${path} 405`);
	}
	for (const path of ['/api/v1/nope', `/api/v1/complaints/${ref}/nope`, '/api/v2/complaints',
		'/api/v1/complaints/', '/api/v1/complaints/a/b/c/d/e']) {
		const r = await srv.request('GET', path, { as: 'handler', openapi: false });
		assertProblem(r, 404);
		srv.openapi.checkComponent('Problem', r.body, `GET ${path} 404`);
	}
	// Outside /api/ a person is reading: the 404 is a page.
	for (const path of ['/API/V1/COMPLAINTS', '/nope', '/cases/a/b/c/d']) {
		const r = await srv.request('GET', path, { as: 'handler', openapi: false });
		assert.equal(r.status, 404, path);
		assert.match(r.ctype, /^text\/html/, path);
		assert.match(r.text, /Page not found/, path);
	}
	const post = await srv.unchanged(ref, () => srv.request('POST', '/api/v1/nope', { as: 'handler', body: {}, openapi: false }));
	assertProblem(post, 404);
});

test('a 405 answer says which methods the path takes (Allow, RFC 9110 15.5.6)', {
}, async () => {
	const r = await srv.request('DELETE', '/api/v1/complaints', { as: 'handler', openapi: false });
	assert.equal(r.status, 405);
	const allow = (r.headers.get('allow') || '').split(',').map((s) => s.trim()).sort();
	assert.deepEqual(allow, ['GET', 'HEAD', 'POST']);
	const s = await srv.request('PUT', '/api/v1/session', { as: 'handler', openapi: false });
	assert.deepEqual((s.headers.get('allow') || '').split(',').map((x) => x.trim()).sort(), ['DELETE', 'GET', 'HEAD', 'POST']);
});

test('HEAD is answered wherever GET is (RFC 9110 9.1, 9.3.2)', {
}, async () => {
	const g = await srv.request('GET', '/healthz');
	const h = await srv.request('HEAD', '/healthz', { openapi: false });
	assert.equal(h.status, 200);
	assert.equal(h.text, '');
	assert.equal(h.headers.get('content-type'), g.headers.get('content-type'));
	const l = await srv.request('HEAD', '/api/v1/complaints', { as: 'handler', openapi: false });
	assert.equal(l.status, 200);
});

test('an unknown method is 405 and is logged as OTHER', async () => {
	const r = await srv.request('PROPFIND', '/healthz', { openapi: false });
	assertProblem(r, 405);
	const r2 = await srv.request('PROPFIND', '/api/v1/nope', { openapi: false });
	assertProblem(r2, 404);
	// The line is written once the answer is sent: wait for it.
	let lines = [];
	for (let i = 0; i < 40 && lines.length < 2; i++) {
		lines = readFileSync(srv.accessLog, 'utf8').split('\n').filter((l) => l.includes('"OTHER"'));
		await new Promise((ok) => setTimeout(ok, 25));
	}
	assert.deepEqual(lines.map((l) => { const j = JSON.parse(l); return [j.method, j.route, j.status]; }),
		[['OTHER', '(none)', 405], ['OTHER', '(none)', 404]]);
});

test('every answer carries the security headers', async () => {
	for (const [method, path, as] of [['GET', '/healthz'], ['GET', '/api/v1/complaints', 'handler'],
		['GET', '/api/v1/nope', 'handler'], ['POST', NOTES()]]) {
		const r = await srv.request(method, path, { as, openapi: false });
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
		assert.equal(r.headers.get('x-frame-options'), 'DENY', path);
		assert.equal(r.headers.get('cache-control'), 'no-store', path);
		assert.match(r.headers.get('content-security-policy') || '', /default-src 'none'/, path);
	}
});

test('after all the refusals the complaint is as it was: received, acknowledged, one note', async () => {
	const ev = await srv.get(`/api/v1/complaints/${ref}/events`, { as: 'handler' });
	assert.deepEqual(ev.body.map((e) => e.type), ['complaint.received', 'complaint.acknowledged', 'complaint.note_added']);
});

finalChecks(() => srv);
