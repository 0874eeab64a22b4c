// /livez, /healthz, /metrics and /api/v1/openapi.json; and which routes of
// routes.c the OpenAPI description does not describe yet (printed as gaps).

import assert from 'node:assert/strict';
import test, { before } from 'node:test';

import { PUBLIC, ROUTES, ackBody, create, finalChecks, startServer } from './harness.mjs';

let srv;

before(async () => { srv = await startServer(); });

async function metrics() {
	const r = await srv.get('/metrics');
	assert.equal(r.status, 200);
	return r.text;
}

/* The value of one sample line, or 0 when the series is absent. */
function sample(text, name, labels) {
	const want = `${name}{${labels}} `;
	const line = text.split('\n').find((l) => l.startsWith(want));
	return line ? Number(line.slice(want.length)) : 0;
}

/* Polls /metrics until "fn" holds (the count is taken once a response is sent). */
async function until(fn) {
	let text;
	for (let i = 0; i < 40; i++) {
		text = await metrics();
		if (fn(text))
			return text;
		await new Promise((ok) => setTimeout(ok, 25));
	}
	return text;
}

test('/livez and /healthz', async () => {
	const l = await srv.get('/livez');
	assert.equal(l.status, 200);
	assert.deepEqual(l.body, { status: 'ok' });
	const h = await srv.get('/healthz');
	assert.equal(h.status, 200);
	assert.match(h.ctype, /^application\/json/);
	assert.deepEqual(h.body, { status: 'ok', database: 'ok' });
});

test('/metrics is Prometheus text with the request counters and the complaint gauges', async () => {
	// Made here: A received 2 Nov (acknowledge by 9 Nov: overdue today),
	// B received today, C received and acknowledged today (stage 1, due
	// 7 Dec).  The demo's complaints are all closed, and closed ones are
	// not counted.
	await create(srv, { received_on: '2026-11-02' });
	await create(srv, { received_on: '2026-11-23' });
	const c = await create(srv, { received_on: '2026-11-23' });
	const a = await srv.post(`/api/v1/complaints/${c}/acknowledge`, ackBody('alice'), { as: 'handler' });
	assert.equal(a.status, 200);

	const r = await srv.get('/metrics');
	assert.equal(r.status, 200);
	assert.match(r.ctype, /^text\/plain; version=0\.0\.4/);
	const text = r.text;
	assert.match(text, /^# TYPE redress_http_requests_total counter$/m);
	assert.match(text, /^redress_http_requests_total\{route="complaints\.create",code="2xx"\} 3$/m);
	assert.match(text, /^redress_http_requests_total\{route="complaints\.acknowledge",code="2xx"\} 1$/m);
	assert.match(text, /^# TYPE redress_complaints_open gauge$/m);
	assert.equal(sample(text, 'redress_complaints_open', 'stage="1",status="received"'), 2);
	assert.equal(sample(text, 'redress_complaints_open', 'stage="1",status="stage1"'), 1);
	assert.equal(sample(text, 'redress_complaints_overdue', 'stage="1"'), 1);
	assert.ok(!/redress_complaints_open\{[^}]*status="closed"/.test(text), 'closed complaints are not open');
	for (const line of text.split('\n').filter((l) => l && !l.startsWith('#')))
		assert.match(line, /^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9.e+]+$/, line);
});

test('the request counter for a route goes up by the requests made', async () => {
	const t0 = await metrics();
	const h0 = sample(t0, 'redress_http_requests_total', 'route="healthz",code="2xx"');
	const bad0 = sample(t0, 'redress_http_requests_total', 'route="complaints.list",code="4xx"');
	const un0 = sample(t0, 'redress_http_requests_total', 'route="unmatched",code="4xx"');
	for (let i = 0; i < 3; i++)
		await srv.get('/healthz');
	await srv.get('/api/v1/complaints?surprise=1', { as: 'handler' });
	await srv.get('/api/v1/complaints');
	await srv.get('/api/v1/no-such-thing', { openapi: false });
	const t1 = await until((t) => sample(t, 'redress_http_requests_total', 'route="healthz",code="2xx"') >= h0 + 3 &&
		sample(t, 'redress_http_requests_total', 'route="unmatched",code="4xx"') >= un0 + 1);
	assert.equal(sample(t1, 'redress_http_requests_total', 'route="healthz",code="2xx"'), h0 + 3);
	assert.equal(sample(t1, 'redress_http_requests_total', 'route="complaints.list",code="4xx"'), bad0 + 2);
	assert.equal(sample(t1, 'redress_http_requests_total', 'route="unmatched",code="4xx"'), un0 + 1);
});

test('the latency histogram is cumulative and its +Inf bucket is its count', async () => {
	const text = await metrics();
	const buckets = text.split('\n').filter((l) => l.startsWith('redress_http_request_duration_seconds_bucket{route="healthz",'));
	assert.ok(buckets.length >= 2);
	const values = buckets.map((l) => Number(l.split(' ').at(-1)));
	for (let i = 1; i < values.length; i++)
		assert.ok(values[i] >= values[i - 1], 'buckets never go down');
	assert.match(buckets.at(-1), /le="\+Inf"/);
	assert.equal(values.at(-1), sample(text, 'redress_http_request_duration_seconds_count', 'route="healthz"'));
	assert.ok(values.at(-1) >= 4);
});

test('/api/v1/openapi.json is the OpenAPI 3.1 description', async () => {
	const r = await srv.get('/api/v1/openapi.json');
	assert.equal(r.status, 200);
	assert.match(r.ctype, /^application\/json/);
	const doc = JSON.parse(r.text);
	assert.match(doc.openapi, /^3\.1\.\d+$/);
	assert.equal(typeof doc.info.title, 'string');
	assert.equal(typeof doc.info.version, 'string');
	assert.ok(doc.paths && Object.keys(doc.paths).length > 0);
	// No authentication needed to read it.
	assert.equal((await srv.get('/api/v1/openapi.json', { auth: 'Bearer rd_nope' })).status, 200);
});

test('which routes the description covers, and with which roles (gaps are printed, not failed)', () => {
	const oa = srv.openapi;
	for (const rt of ROUTES) {
		const t = oa.template(rt.pattern.replace(/\{[^}]+\}/g, 'X'));
		const op = t && oa.doc.paths[t][rt.method.toLowerCase()];
		if (!op) {
			oa.gap(`no ${rt.method} ${rt.pattern}`);
			continue;
		}
		if (rt.roles === PUBLIC) {
			if (!(Array.isArray(op.security) && op.security.length === 0))
				oa.gap(`${rt.method} ${rt.pattern} needs no sign-in but its security is not []`);
			continue;
		}
		// The description may be stricter than the table (a rule further
		// in refuses a handler a refusal, say), never looser.
		const extra = (op['x-roles'] || []).filter((x) => !rt.roles.includes(x));
		if (extra.length)
			oa.gap(`x-roles of ${rt.method} ${rt.pattern} name [${extra}], which routes.c refuses`);
		for (const code of ['401', '403'])
			if (!op.responses?.[code] && !(code === '403' && rt.roles.length === 5))
				oa.gap(`no ${code} for ${rt.method} ${rt.pattern}`);
	}
	assert.ok(oa.checked > 0, 'responses were checked against the description');
});

finalChecks(() => srv);
