// Drives Code for America's Open311 client (npm `open311` 0.0.12, node-open311, unmodified)
// against a running jembatan, the way an app built on it would: service discovery, the service
// list and a definition, filing a request with an api_key and our `unit` attribute, then reading
// it back alone, by id list and by filters. The client's XML mode needs two packages this
// machine cannot install (stubs/), so this checks its JSON mode; XML is checked element by
// element in test_open311.py.
//
//   node check.js BASE_URL API_KEY VILLAGE_CODE JURISDICTION_ID
// Prints one JSON line with what it saw; exits 1 with the failed step on any mismatch.
'use strict';
const assert = require('assert');
const Open311 = require('open311');

const [base, apiKey, village, jurisdiction] = process.argv.slice(2);
const DESCRIPTION = 'Jembatan gantung rusak, anak sekolah tidak bisa lewat';

// The client's callback API as a promise; a failure names the step.
function step(name, call) {
  return new Promise((resolve, reject) => {
    call((err, data) => (err ? reject(new Error(`${name}: ${err} ${data}`)) : resolve(data)));
  });
}

async function main() {
  const city = new Open311({discovery: `${base}/open311/discovery.json`, jurisdiction});
  const discovery = await step('discovery', (cb) => city.serviceDiscovery({cache: true}, cb));
  assert.strictEqual(city.endpoint, `${base}/open311/v2/`);
  assert.strictEqual(city.format, 'json');
  city.apiKey = apiKey;

  const services = await step('service list', (cb) => city.serviceList(cb));
  assert.strictEqual(services.length, 15);
  const code = services[0].service_code;
  const definition = await step('service definition', (cb) => city.serviceDefinition(code, cb));
  assert.strictEqual(definition.service_code, code);
  assert.ok(definition.attributes.some((a) => a.code === 'unit'));

  const filed = await step('submit', (cb) =>
    city.submitRequest({
      service_code: code,
      description: DESCRIPTION,
      attributes: {unit: village},
      first_name: 'Siti',
      phone: '+6281200000001',
    }, cb));
  assert.strictEqual(filed.length, 1);
  const id = filed[0].service_request_id;
  assert.match(id, /^[A-Z0-9]{8}$/);
  assert.ok(filed[0].service_notice.includes(id));

  const one = await step('one request', (cb) => city.serviceRequest(id, cb));
  assert.strictEqual(one.length, 1);
  assert.strictEqual(one[0].service_request_id, id);
  assert.strictEqual(one[0].status, 'open');
  assert.strictEqual(one[0].service_code, code);
  assert.strictEqual(one[0].description, DESCRIPTION);
  assert.strictEqual(one[0].address_id, village);
  assert.ok(!Number.isNaN(one[0].requested_datetime.getTime()), 'requested_datetime parses');
  const text = JSON.stringify(one);
  assert.ok(!text.includes('6281200000001') && !text.includes('Siti'), 'no reporter data');

  const byIds = await step('requests by id', (cb) => city.serviceRequests([id], cb));
  assert.deepStrictEqual(byIds.map((r) => r.service_request_id), [id]);
  const open = await step('requests by filter', (cb) =>
    city.serviceRequests({status: 'open', service_code: code}, cb));
  assert.ok(open.some((r) => r.service_request_id === id));
  assert.ok(open.every((r) => r.status === 'open' && r.service_code === code));

  // Every service is realtime: a token is never issued, so any token is 404, an error.
  await assert.rejects(step('token', (cb) => city.token('no-such-token', cb)));

  console.log(JSON.stringify({
    endpoints: discovery.endpoints.length,
    services: services.length,
    filed: id,
    open_listed: open.length,
  }));
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
