/**
 * A bounded fuzzer of the whole API (`npm run test:fuzz`). It builds the app in this process over
 * a fresh database (embedded PGlite, or a new database on DATABASE_URL's server), imports the
 * shipped standards, signs in as a member of the public and as an officer holding every role of
 * an agency, reads /api/openapi.json, and sends malformed input of every kind an outside review
 * found to break routes (NUL characters, lone surrogates, impossible dates, blank and truncated
 * bodies, truncated multipart bodies, NUL in an upload's filename, odd path parameters) to every
 * route, as each of the two people and anonymously. Nothing leaves the process: requests are
 * injected, no port is opened.
 *
 * It fails (exit 1) on any 5xx, on a response that leaks a stack trace, SQL or a file path, and on
 * an error log line carrying the personal data the fuzzer sent. Bounded in time: FUZZ_SECONDS
 * (default 90); the first pass covers every route with every mutation in a fixed order, the time
 * left goes to random combinations (FUZZ_SEED makes them repeatable).
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase } from '../../src/server/test/database.js';
import { createTestServices } from '../../src/server/test/app.js';
import { createFactories, recordingMailer } from '../../src/server/test/factories.js';
import { Browser } from '../../src/server/test/identity-fixtures.js';

const seconds = Number(process.env.FUZZ_SECONDS ?? 90);
let seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
const random = () => {
  // mulberry32: small, seeded, repeatable.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Personal data the fuzzer sends in other fields: none of it may reach an error log line. */
const personal = { name: 'Sulastri Fuzzwati', email: 'sulastri.fuzz@contoh.co.id', phone: '081298765432' };

/** Values that have broken routes, sent in place of every field, query and path parameter. */
const badStrings = [
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '2026-02-30',
  '2026-13-45T25:61:00',
  '0000-00-00',
  '',
  ' ',
  'x'.repeat(5000),
  '../../etc/passwd',
  "'; select pg_sleep(0); --",
  '-1',
  '1e309',
  'NaN',
];
const badValues: unknown[] = [...badStrings, null, -1, 1e308, 2 ** 53 + 1, 0.5, true, [], {}, [null], { a: '\u0000' }];
const badPathValues = ['%00', 'a%00b', '%ED%A0%80', '%C0%AF', 'x'.repeat(300), '..%2F..%2Fetc', '-1', '2026-02-30', '%20'];

interface Operation {
  method: Probe['method'];
  path: string;
  params: string[];
  query: string[];
  json?: JsonSchema;
  multipart: boolean;
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  minLength?: number;
  pattern?: string;
}

/** A plausible value for a schema, so that one bad field is the only thing wrong with a body. */
function sample(schema: JsonSchema | undefined, resolve: (ref: string) => JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return 'x';
  if (schema.$ref) return sample(resolve(schema.$ref), resolve, depth + 1);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return sample(variants.find((v) => v.type !== 'null') ?? variants[0], resolve, depth + 1);
  if (schema.allOf?.length) return sample(schema.allOf[0], resolve, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(schema.properties ?? {})) out[key] = sample(value, resolve, depth + 1);
      return out;
    }
    case 'array':
      return [sample(schema.items, resolve, depth + 1)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'email') return personal.email;
      if (schema.format === 'date') return '2026-03-02';
      if (schema.format === 'date-time') return '2026-03-02T09:00:00+08:00';
      return schema.minLength && schema.minLength > 20 ? personal.name.padEnd(schema.minLength, ' x') : personal.name;
    default:
      return personal.phone;
  }
}

/** Every (path to a field, replacement) of one bad value in a sample body, one level down into objects and arrays. */
function mutations(body: unknown, value: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown, replace: (v: unknown) => unknown, depth: number) => {
    if (depth > 3 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      if (node.length) {
        out.push(replace(node.map((v, i) => (i === 0 ? value : v))));
        walk(node[0], (v) => replace(node.map((x, i) => (i === 0 ? v : x))), depth + 1);
      }
      return;
    }
    for (const key of Object.keys(node)) {
      const copy = (v: unknown) => replace({ ...(node as Record<string, unknown>), [key]: v });
      out.push(copy(value));
      walk((node as Record<string, unknown>)[key], copy, depth + 1);
    }
  };
  walk(body, (v) => v, 0);
  return out;
}

interface Probe {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  label: string;
}

function multipartBody(parts: { name: string; filename?: string; content: string }[], boundary: string, truncateAt?: number): Buffer {
  const text = parts
    .map(
      (p) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n` +
        (p.filename !== undefined ? 'Content-Type: application/pdf\r\n' : '') +
        `\r\n${p.content}\r\n`,
    )
    .join('');
  const whole = Buffer.from(`${text}--${boundary}--\r\n`, 'utf8');
  return truncateAt === undefined ? whole : whole.subarray(0, Math.max(0, Math.floor(whole.length * truncateAt)));
}

/** encodeURIComponent, but a lone surrogate (which it refuses) becomes the bytes a careless client sends for it. */
const encodeQuery = (text: string) => [...text].map((c) => (/[\ud800-\udfff]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');

function probesOf(op: Operation, fill: (name: string) => string, resolve: (ref: string) => JsonSchema | undefined, full: boolean): Probe[] {
  const url = (override: Record<string, string> = {}, query = '') =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => override[name] ?? encodeURIComponent(fill(name))) + query;
  const probes: Probe[] = [];
  const base = { method: op.method };
  for (const param of op.params) for (const bad of badPathValues) probes.push({ ...base, url: url({ [param]: bad }), label: `path ${param}=${bad.slice(0, 20)}` });
  for (const name of op.query)
    for (const bad of badStrings) probes.push({ ...base, url: url({}, `?${name}=${encodeQuery(bad)}`), label: `query ${name}=${JSON.stringify(bad.slice(0, 20))}` });
  // A raw %00 and an invalid UTF-8 sequence in the query, not only their encoded forms.
  probes.push({ ...base, url: url({}, '?q=%00&cursor=%00&limit=%00'), label: 'query %00' });
  probes.push({ ...base, url: url({}, '?q=%ED%A0%80'), label: 'query lone surrogate' });
  if (op.json) {
    const good = sample(op.json, resolve);
    const json = { 'content-type': 'application/json' };
    // Every bad value in a few fields each, the fields taken in turn, so every field gets several.
    badValues.forEach((value, v) => {
      const bodies = mutations(good, value);
      const take = full ? bodies.length : Math.min(bodies.length, 3);
      for (let i = 0; i < take; i++) {
        const body = bodies[(v * 3 + i) % bodies.length];
        probes.push({ ...base, url: url(), headers: json, payload: JSON.stringify(body), label: `body ${JSON.stringify(value).slice(0, 20)}` });
      }
    });
    probes.push({ ...base, url: url(), headers: json, payload: JSON.stringify(good), label: 'body sample' });
    for (const raw of ['', '{', '{"a":', 'null', '[]', '"\\u0000"', '{"x":"\\ud800"}', '\u0000'])
      probes.push({ ...base, url: url(), headers: json, payload: raw, label: `raw body ${JSON.stringify(raw)}` });
  }
  if (op.multipart) {
    const boundary = '----sigapfuzz';
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const fields = [
      { name: 'kind', content: 'ktp' },
      { name: 'title', content: `a\u0000b ${personal.name}` },
      { name: 'requirementCode', content: '\ud800' },
      { name: 'issuedOn', content: '2026-02-30' },
      { name: 'confidential', content: 'maybe' },
    ];
    const file = { name: 'file', filename: 'surat.pdf', content: '%PDF-1.4\n%fuzz\n' };
    probes.push({ ...base, url: url(), headers, payload: multipartBody([...fields, file], boundary), label: 'multipart bad fields' });
    probes.push({ ...base, url: url(), headers, payload: multipartBody([...fields, { ...file, filename: 'a\u0000b.pdf' }], boundary), label: 'multipart NUL filename' });
    probes.push({ ...base, url: url(), headers, payload: multipartBody([...fields, { ...file, filename: '\ud800.pdf' }], boundary), label: 'multipart surrogate filename' });
    probes.push({ ...base, url: url(), headers, payload: multipartBody([...fields, { ...file, content: '' }], boundary), label: 'multipart empty file' });
    for (const at of [0.1, 0.5, 0.9, 0.99])
      probes.push({ ...base, url: url(), headers, payload: multipartBody([...fields, file], boundary, at), label: `multipart truncated ${at}` });
    probes.push({ ...base, url: url(), headers: { 'content-type': 'multipart/form-data' }, payload: 'x', label: 'multipart without boundary' });
  }
  return probes;
}

const leaks: [string, RegExp][] = [
  ['stack trace', /\bat [\w.<>]+ \(|\n\s+at |node:internal|node_modules/],
  ['SQL', /\b(select|insert into|update|delete from)\b[\s\S]{0,80}\b(from|where|values|set)\b|syntax error at or near|violates .* constraint|invalid byte sequence|Failed query/i],
  ['file path', /(^|[\s"'(])(\/(home|tmp|work|usr|var|srv|root|opt)\/[\w.-]+|[A-Z]:\\\w)/],
];

async function main() {
  const started = Date.now();
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'error' }, sink);
  const database = await createTestDatabase();
  const mailer = recordingMailer();
  const services = createTestServices(database, { identity: { mailer } });
  const app = await buildApp(services, {
    config: { bodyLimit: 1_048_576, logLevel: 'error', trustProxy: false },
    logger,
    webRoot: '/nonexistent',
    rateLimits: { signIn: 1e6, secondFactor: 1e6, passwordReset: 1e6, register: 1e6, tokens: 1e6 },
  });
  await app.ready();
  const factories = createFactories({ services, mails: mailer.sent });
  const agencies = await factories.standards();
  const agency = agencies.find((a) => a.code === 'ntt-prov') ?? agencies[0]!;
  const roles = (await services.database.db.query.agencyRoles.findMany({ where: (r, { eq }) => eq(r.agencyId, agency.id) })).map((r) => r.code);
  const officer = await factories.officer({ agency, roles });
  const requester = await factories.requester({ name: personal.name });
  const service = (await services.standards.getStandardInForce({ agencyId: agency.id, at: new Date() })).services[0]!.code;
  // A real request, so routes by number go past their lookup; a made-up number if it cannot be made.
  const request = await factories.request({ agency: agency.code, service }).then(
    (made) => ({ number: made.number, id: randomUUID() }),
    (error: unknown) => {
      console.error(`no request could be filed for the fuzzer (${String(error)}); routes by number get a made-up one`);
      return { number: `${agency.code.toUpperCase()}-2026-00001`, id: randomUUID() };
    },
  );

  let totpStep = 0;
  const signedIn = async (browser: Browser, who: typeof officer) => {
    if ((await browser.get('/api/me')).statusCode === 200) return;
    // Each sign-in a step later, so the TOTP code is never a replay of the last one.
    totpStep += 1;
    const res = await browser.signIn(who.email, who.password, who.totpSecret ? { secret: who.totpSecret, at: new Date(Date.now() + totpStep * 30_000) } : undefined);
    if (res.statusCode !== 200) throw new Error(`cannot sign in ${who.email}: ${res.statusCode} ${res.body}`);
  };
  const people = { officer: new Browser(app), requester: new Browser(app), anonymous: new Browser(app) };

  const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };
  const resolve = (ref: string) => spec.components?.schemas?.[ref.split('/').pop()!];
  // Routes that would end the fuzzer's own sessions or lock its people out are sent malformed input only anonymously.
  const selfHarm = /sign-out|\/password$|\/totp|\/sessions|recovery/;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase() as Probe['method'],
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        json: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content,
      });
    }
  }
  const fill = (name: string) => {
    if (/agency/i.test(name)) return agency.code;
    if (/number/i.test(name)) return request.number;
    if (/^id$|Id$/.test(name)) return request.id;
    if (/code|service/i.test(name)) return 'x';
    return 'x';
  };

  const failures: string[] = [];
  let sent = 0;
  let fiveHundreds = 0;
  const check = async (probe: Probe, who: keyof typeof people) => {
    if (who === 'officer') await signedIn(people.officer, officer);
    if (who === 'requester') await signedIn(people.requester, requester);
    const res = await people[who].request({ method: probe.method, url: probe.url, headers: probe.headers ?? {}, ...(probe.payload !== undefined ? { payload: probe.payload } : {}) });
    sent += 1;
    const where = `${probe.method} ${probe.url.slice(0, 120)} as ${who} (${probe.label})`;
    if (res.statusCode >= 500) {
      fiveHundreds += 1;
      failures.push(`${res.statusCode} ${where}`);
    }
    for (const [kind, pattern] of leaks) if (pattern.test(res.body)) failures.push(`leaks ${kind}: ${where}: ${res.body.slice(0, 200)}`);
  };

  // The first pass: every route, every kind of bad input, each probe as one of the people in turn.
  // The time left: random probes from every field with every value, as anyone.
  // Routes in turn (the first probe of every route, then the second of every route, …), so a short
  // run still reaches every route with the first kinds of bad input.
  type Planned = { probe: Probe; who: keyof typeof people };
  const perOperation: Planned[][] = [];
  const everything: Planned[] = [];
  for (const op of operations) {
    const whom: (keyof typeof people)[] = selfHarm.test(op.path) ? ['anonymous'] : ['officer', 'requester', 'anonymous'];
    perOperation.push(probesOf(op, fill, resolve, false).map((probe, i) => ({ probe, who: whom[i % whom.length]! })));
    for (const probe of probesOf(op, fill, resolve, true)) for (const who of whom) everything.push({ probe, who });
  }
  const plan: Planned[] = [];
  for (let i = 0; plan.length < perOperation.reduce((n, list) => n + list.length, 0); i++) for (const list of perOperation) if (list[i]) plan.push(list[i]!);
  const deadline = Date.now() + seconds * 1000;
  let covered = 0;
  for (const item of plan) {
    if (Date.now() > deadline) break;
    await check(item.probe, item.who);
    covered += 1;
  }
  while (Date.now() < deadline) {
    const item = pick(everything);
    await check(item.probe, item.who);
  }

  const personalInLog = logLines.filter((line) => Object.values(personal).some((p) => line.includes(p)) || line.includes(requester.email) || line.includes(officer.email));
  for (const line of personalInLog.slice(0, 5)) failures.push(`personal data in the error log: ${line.slice(0, 300)}`);

  await app.close();
  await database.destroy();
  const unique = [...new Set(failures)];
  const elapsed = Math.round((Date.now() - started) / 1000);
  console.log(
    `fuzz: ${operations.length} operations, ${plan.length} planned probes, ${covered} of them in the first pass, ${sent} requests in ${elapsed} s (seed ${process.env.FUZZ_SEED ?? 'random'}); ` +
      `${fiveHundreds} responses 5xx, ${unique.length} distinct failures, ${personalInLog.length} error log lines with personal data`,
  );
  for (const line of unique.slice(0, 200)) console.log(`  ${line}`);
  if (covered < plan.length) console.log(`  (first pass incomplete: raise FUZZ_SECONDS to cover all ${plan.length} probes)`);
  console.log(`${unique.length === 0 ? 1 : 0} passed, ${unique.length === 0 ? 0 : 1} failed`);
  process.exitCode = unique.length === 0 ? 0 : 1;
}

await main();
