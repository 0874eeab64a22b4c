// Bad input everywhere, generated from the OpenAPI description: every
// operation that takes a JSON body is sent empty, wrong-typed, huge and
// hostile values, field by field.  Each answer is a clear error or a
// success, never a server error or a crash; an error is problem+json and
// stores nothing; the server is still alive at the end.
import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { assertProblem, create, finalChecks, startServer } from './harness.mjs';

let srv;
const fixtures = {};

before(async () => {
	srv = await startServer();
	fixtures.ref = await create(srv);
	const p = await srv.post('/api/v1/people', { name: 'Fuzz Person', email: 'fuzz@example.org' }, { as: 'handler' });
	assert.equal(p.status, 201, p.text);
	fixtures.person = p.body.id;
	const sr = await srv.post('/api/v1/service-requests',
		{ person_id: fixtures.person, category: 'repairs', description: 'A dripping tap' }, { as: 'handler' });
	assert.equal(sr.status, 201, sr.text);
	fixtures.sr = sr.body.reference;
});

const HOSTILE = [
	'<script>alert(1)</script>',
	"'; DROP TABLE events; --",
	'\u0000',
	'../../../../etc/passwd',
	'%s%s%s%n',
	'\u202e\ufeff\ud83d\ude00',
	'x'.repeat(60000),
];
const WRONG = [42, true, {}, [], '2026-02-30'];

/* The concrete path for a template, with the fixtures. */
function concrete(template) {
	return template
		.replace('{ref}', fixtures.ref)
		.replace('{id}', template.includes('/people/') ? fixtures.person : '1')
		.replace('{n}', '1')
		.replace('{name}', 'alice')
		.replace('{date}', '2026-12-30')
		.replace(/\/service-requests\/[^/]+/, `/service-requests/${fixtures.sr}`);
}

/* The operations with a JSON request body, and a role that may call them. */
function operations() {
	const out = [];
	for (const [path, item] of Object.entries(srv.openapi.doc.paths)) {
		for (const [method, op] of Object.entries(item)) {
			const schema = op?.requestBody?.content?.['application/json']?.schema;
			if (!schema)
				continue;
			const roles = op['x-roles'] || ['admin'];
			const as = roles.includes('handler') ? 'handler' : roles.includes('public') ? undefined : roles[0];
			out.push({ method: method.toUpperCase(), path, schema: resolve(schema), as });
		}
	}
	return out;
}

function resolve(schema) {
	let s = schema;
	for (let i = 0; s && s.$ref && i < 10; i++) {
		const parts = s.$ref.replace(/^#\//, '').split('/');
		s = parts.reduce((o, k) => o?.[k], srv.openapi.doc);
	}
	return s || {};
}

/* The bodies to send: whole-body shapes, then per property. */
function bodies(schema) {
	const list = [
		['an empty object', {}],
		['an array', []],
		['a string', 'hello'],
		['null', null],
		['a huge object', Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]))],
	];
	const props = Object.keys(schema.properties || {});
	for (const p of props) {
		for (const v of WRONG)
			list.push([`${p} = ${JSON.stringify(v).slice(0, 20)}`, { [p]: v }]);
		for (const h of [HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[6]])
			list.push([`${p} hostile ${JSON.stringify(h).slice(0, 20)}`, { [p]: h }]);
	}
	list.push(['an unknown field', { surprise_field: 1 }]);
	return list;
}

test('every operation answers every bad body with a clear error, never a 5xx, and stores nothing', async () => {
	const ops = operations();
	assert.ok(ops.length >= 25, `operations with JSON bodies: ${ops.length}`);
	let sent = 0;
	let last = srv.digest();
	for (const op of ops) {
		const path = concrete(op.path);
		for (const [what, body] of bodies(op.schema)) {
			const r = await srv.request(op.method, path, { as: op.as, body, openapi: false });
			sent++;
			const where = `${op.method} ${op.path} with ${what}`;
			assert.ok(r.status < 500, `${where}: ${r.status} ${r.text.slice(0, 200)}`);
			const now = srv.digest();
			if (r.status >= 400) {
				assertProblem(r, r.status);
				assert.equal(now, last, `${where}: refused, but something was stored`);
			}
			last = now;
		}
	}
	assert.ok(sent > 300, `sent ${sent}`);
	const live = await srv.get('/livez');
	assert.equal(live.status, 200);
});

test('bodies that are not JSON at all, deeply nested, or binary: 400 or 415, nothing stored', async () => {
	const path = `/api/v1/complaints/${fixtures.ref}/notes`;
	const cases = [
		['{"text": ', 'application/json'],
		['[' .repeat(100000), 'application/json'],
		[Buffer.from('{"text": "\xc3\x28"}', 'latin1'), 'application/json'],
		[Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]), 'application/json'],
		['text=hello', 'application/x-www-form-urlencoded'],
	];
	for (const [raw, ctype] of cases) {
		const before = srv.digest();
		const r = await srv.request('POST', path, { as: 'handler', raw, ctype, openapi: false });
		assert.ok(r.status === 400 || r.status === 415 || r.status === 422, `${ctype}: ${r.status} ${r.text.slice(0, 120)}`);
		assertProblem(r, r.status);
		assert.equal(srv.digest(), before);
	}
});

test('hostile values in query strings: 400 or an empty answer, never a 5xx', async () => {
	for (const h of HOSTILE.slice(0, 6)) {
		const q = encodeURIComponent(h);
		for (const path of [`/api/v1/complaints?status=${q}`, `/api/v1/complaints?handler=${q}`,
			`/api/v1/complaints?due_before=${q}`, `/api/v1/complaints/${q}`,
			`/api/v1/reports/tsm?year=${q}`, `/api/v1/workdays/add?date=${q}&n=1`]) {
			const r = await srv.get(path, { as: 'complaints_officer', openapi: false });
			assert.ok(r.status < 500, `${path}: ${r.status}`);
			assert.ok(r.status < 400 || /problem\+json/.test(r.ctype), `${path}: problem+json`);
		}
	}
});

finalChecks(() => srv);
